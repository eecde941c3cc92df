"""Markdown bodies → Typst markup with pandoc's typst writer (which escapes every character that
means something in Typst). Raw passthrough (```{=typst}```) is switched off, links to other
Markdown files and images become plain text, so a body can never inject Typst code or read files.

Bodies are converted in one pandoc run, separated by a marker paragraph; if the marker count does
not come back (a body with an unclosed fence swallowed one), each body is converted alone.
"""

from __future__ import annotations

import subprocess
from importlib import resources
from pathlib import Path

from ..exceptions import BuildError

READER = ("markdown-raw_attribute-raw_html-raw_tex-auto_identifiers-yaml_metadata_block"
          "-citations-implicit_figures-tex_math_dollars")
MARK = "QMSDOCSBODYSEPARATOR"


def _pandoc() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as e:  # pragma: no cover - depends on the installation
        raise BuildError(f"pandoc not found (install pypandoc-binary): {e}") from e


def _filter() -> Path:
    return Path(str(resources.files("qms_docs").joinpath("templates", "typst", "filter.lua")))


def _run(text: str) -> str:
    cmd = [_pandoc(), "-f", READER, "-t", "typst", "--wrap=preserve",
           "--lua-filter", str(_filter())]
    try:
        proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise BuildError(f"pandoc failed: {e}") from e
    if proc.returncode != 0:
        raise BuildError(f"pandoc failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout.decode("utf-8")


_converted: dict[str, str] = {}  # body → markup, for this process (a build converts once)


def to_typst(bodies: list[str]) -> list[str]:
    """Typst markup for each Markdown body, in order."""
    todo = list(dict.fromkeys(b for b in bodies if b not in _converted))
    if todo:
        sep = f"\n\n{MARK}\n\n"
        out = ("\n" + _run(sep.join(todo)) + "\n").split(f"\n{MARK}\n")
        if len(out) != len(todo):
            out = [_run(b) for b in todo]
        if len(_converted) > 20000:
            _converted.clear()
        _converted.update((b, _left_tables(o.strip()) + "\n")
                          for b, o in zip(todo, out, strict=True))
    return [_converted[b] for b in bodies]


def _left_tables(markup: str) -> str:
    """pandoc centres every table (`align(center)[#table(`), which also centres each cell's text;
    procedures read better left-aligned. Text from the body can never match this pattern: pandoc
    escapes a literal `[` and `#` in it."""
    return markup.replace("align(center)[#table(", "[#table(")


def min_heading_level(body: str) -> int:
    """The top heading level used by a Markdown body (ATX headings outside fences), or 1."""
    levels, fence = [], ""
    for line in body.splitlines():
        s = line.lstrip()
        if s.startswith(("```", "~~~")):
            fence = "" if fence and s.startswith(fence) else (fence or s[:3])
            continue
        if not fence and s.startswith("#") and len(line) - len(s) < 4:
            n = len(s) - len(s.lstrip("#"))
            if 1 <= n <= 6 and (len(s) == n or s[n] == " "):
                levels.append(n)
    return min(levels) if levels else 1
