"""Markdown bodies → Typst markup with pandoc's typst writer (which escapes every character that
means something in Typst). Raw passthrough (```{=typst}```) is switched off, links to other
Markdown files and images become plain text, so a body can never inject Typst code or read files.

Bodies are converted in batches (one pandoc run each), separated by a marker paragraph; if the
marker count does not come back (a body with an unclosed fence swallowed one), each body of the
batch is converted alone.
"""

from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

from ..exceptions import BuildError

READER = ("markdown-raw_attribute-raw_html-raw_tex-auto_identifiers-yaml_metadata_block"
          "-citations-implicit_figures-tex_math_dollars")
MARK = "QMSDOCSBODYSEPARATOR"
BATCH = 100  # bodies per pandoc run
_SAFE_KEY = re.compile(r"[A-Za-z0-9._/-]*")  # asset keys and folders: passed to pandoc with -M
# Images mode: (folder of the pages, asset keys). An image whose path, relative to that folder,
# is one of the keys keeps the key as its path; every other image becomes its description.
Images = tuple[str, tuple[str, ...]]


def _pandoc() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as e:  # pragma: no cover - depends on the installation
        raise BuildError(f"pandoc not found (install pypandoc-binary): {e}") from e


def _filter() -> Path:
    return Path(str(resources.files("qms_docs").joinpath("templates", "typst", "filter.lua")))


def _run(text: str, images: Images | None = None) -> str:
    cmd = [_pandoc(), "-f", READER, "-t", "typst", "--wrap=preserve",
           "--lua-filter", str(_filter())]
    if images is not None:  # keep the images that resolve to one of these keys (see filter.lua)
        base, keys = images
        cmd += ["-M", f"qms-image-base={base}", "-M", f"qms-image-assets={','.join(keys)}"]
    try:
        proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise BuildError(f"pandoc failed: {e}") from e
    if proc.returncode != 0:
        raise BuildError(f"pandoc failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout.decode("utf-8")


# (images mode, body) → markup, for this process (a build converts once)
_converted: dict[tuple[Images | None, str], str] = {}


def to_typst(bodies: list[str], images: Images | None = None) -> list[str]:
    """Typst markup for each Markdown body, in order."""
    if images is not None and not all(_SAFE_KEY.fullmatch(k) for k in (images[0], *images[1])):
        raise BuildError(f"unsafe asset path among {images!r}")
    todo = list(dict.fromkeys(b for b in bodies if (images, b) not in _converted))
    if todo:
        # batches of BATCH bodies, a few pandoc processes at a time: one run for a thousand
        # procedures takes pandoc some 700 MB
        batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
        if len(batches) == 1:
            out = _batch(batches[0], images)
        else:
            with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
                out = [o for part in pool.map(lambda b: _batch(b, images), batches) for o in part]
        if len(_converted) > 20000:
            _converted.clear()
        _converted.update(((images, b), _left_tables(o.strip()) + "\n")
                          for b, o in zip(todo, out, strict=True))
    return [_converted[(images, b)] for b in bodies]


def _batch(todo: list[str], images: Images | None) -> list[str]:
    sep = f"\n\n{MARK}\n\n"
    out = ("\n" + _run(sep.join(todo), images) + "\n").split(f"\n{MARK}\n")
    if len(out) != len(todo):
        out = [_run(b, images) for b in todo]
    return out


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
