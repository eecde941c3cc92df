"""Markdown building blocks shared by the page builders.

Every value from the content goes through `esc` (inline text) or `html_esc` (inside the few
HTML tables we emit); links are built here so that no builder concatenates raw values into
link syntax.
"""

from __future__ import annotations

import html
import posixpath

from ..caf.md import date, esc, table

__all__ = ["date", "esc", "table", "html_esc", "link", "rel", "front", "join", "bullets",
           "strip_h1"]


def html_esc(value: object) -> str:
    return html.escape(" ".join(str(value).split()), quote=True)


def rel(here: str, target: str) -> str:
    """Relative link from one generated page (docs-relative .md path) to another file."""
    if target == here:
        return posixpath.basename(target)
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def link(text: str, here: str, target: str | None, anchor: str = "") -> str:
    """[text](relative target) with text escaped; plain escaped text when target is None."""
    if not target:
        return esc(text)
    return f"[{esc(text)}]({rel(here, target)}{'#' + anchor if anchor else ''})"


def front(title: str, wide: bool = False) -> str:
    """YAML front matter fixing the page title (nav, <title>), with markup characters made
    harmless: MkDocs templates print titles unescaped and Jinja's striptags unescapes."""
    safe = (title.replace("&", "&amp;").replace("<", "‹").replace(">", "›")
            .replace('"', "”").replace("'", "’").replace("\\", "/"))
    # Wide pages (grids, registers) hide Material's left navigation to give the table room.
    hide = "hide:\n  - navigation\n  - toc\n" if wide else ""
    return f'---\ntitle: "{" ".join(safe.split())}"\n{hide}---\n\n'


def strip_h1(body: str) -> str:
    """The body without a leading level-1 heading: the page shows its own title."""
    lines = body.strip().split("\n")
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip()


def join(parts: list[str], sep: str = ", ", empty: str = "–") -> str:
    return sep.join(p for p in parts if p) or empty


def bullets(items: list[str]) -> str:
    """An escaped bullet list (empty string when there is nothing)."""
    return "\n".join(f"- {esc(x)}" for x in items)
