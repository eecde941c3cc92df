"""Markdown building blocks of the SCIM pages (on top of the CAF ones: escaping, dates)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from ..caf.md import date, esc

__all__ = ["date", "esc", "table", "link", "numbers", "grade_name", "ROOT"]

ROOT = "scim"


def table(head: Iterable[str], rows: Iterable[Iterable[str]], align: str = "",
          widths: Iterable[int] = ()) -> str:
    """A pipe table; cells must already be escaped. align: 'lrc' per column; widths: relative
    column widths (pandoc sizes the PDF's columns by the dashes of the delimiter row)."""
    head = list(head)
    widths = list(widths) or [3] * len(head)
    rule = []
    for i in range(len(head)):
        a = align[i] if i < len(align) else "l"
        dashes = "-" * max(3, widths[i] if i < len(widths) else 3)
        rule.append({"l": ":" + dashes, "r": dashes + ":", "c": ":" + dashes + ":"}.get(a, dashes))
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def numbers(n: int, start: int = 1) -> list[str]:
    """The row of column numbers the OSGG forms print under their header."""
    return [f"*{k}*" for k in range(start, start + n)]


def link(text: str, here: str, target: str, anchor: str = "") -> str:
    rel = posixpath.basename(target) if target == here else \
        posixpath.relpath(target, posixpath.dirname(here) or ".")
    return f"[{esc(text)}]({rel}{'#' + anchor if anchor else ''})"


_GRADES_EN = {"conform": "conform", "parțial conform": "partially conform",
              "neconform": "non-conform"}


def grade_name(grade: str, lang: str) -> str:
    return _GRADES_EN.get(grade, grade) if lang == "en" else grade
