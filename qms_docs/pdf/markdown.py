"""Markdown bodies → Typst markup, through the site's own rendering.

Each body is rendered to HTML by Python-Markdown with the extensions mkdocs.yml enables for the
site (qms_docs/load/dialect.py) and sanitised as the site sanitises it; pandoc reads that HTML
(raw HTML off) and writes Typst (its writer escapes every character that means something in
Typst). So the site and the PDF read one dialect: an admonition, an abbreviation, an attribute
list or a footnote renders in both, and what the site does not show (an HTML comment, a script)
the PDF does not print either.

Every body is its own document: a new Python-Markdown instance, its own `pandoc.read` in the
Lua script (templates/typst/filter.lua), its identifiers prefixed with a namespace the caller
gives (the document's code). A footnote or link definition in one document cannot reach another,
however many bodies go through one pandoc process.

Bodies are converted in batches, one `pandoc lua` process each, request and answer as JSON.
What was converted is kept (`kept()`): a body is sent to pandoc once for the same text, dialect,
images and toolchain, in this process and, through `.qms-cache/pdf/converted.pickle`, in the
next build (the manual after one edit converts that one body).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import resources
from pathlib import Path

from ..cache import FOLDER, _secret, read_signed, subfolder, toolchain, write_signed
from ..exceptions import BuildError
from ..load.dialect import Dialect, read_mkdocs, short

BATCH = 100  # bodies per pandoc process
_SAFE_KEY = re.compile(r"[A-Za-z0-9._/-]*")  # asset keys and folders
_NS = re.compile(r"[^A-Za-z0-9_-]+")
# Images mode: (folder of the pages, asset keys). An image whose path, relative to that folder,
# is one of the keys keeps the key as its path; every other image becomes its description.
Images = tuple[str, tuple[str, ...]]
# A body to convert: (namespace of its identifiers, Markdown).
Body = tuple[str, str]


def _pandoc() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as e:  # pragma: no cover - depends on the installation
        raise BuildError(f"pandoc not found (install pypandoc-binary): {e}") from e


def _script() -> Path:
    return Path(str(resources.files("qms_docs").joinpath("templates", "typst", "filter.lua")))


def namespace(name: str) -> str:
    """An identifier prefix from a document code or page key: PS-07 → 'ps-07--'."""
    return (_NS.sub("-", name).strip("-").lower() or "body") + "--"


@cache
def _dialect(root: str, mtime: float) -> Dialect:
    return read_mkdocs(Path(root), "content").dialect


def dialect_of(root: Path) -> Dialect:
    """The Markdown dialect of the repository at root (mkdocs.yml, re-read when it changes)."""
    path = root / "mkdocs.yml"
    return _dialect(str(root), path.stat().st_mtime if path.is_file() else 0.0)


def to_html(markdown: str, dialect: Dialect, what: str = "") -> str:
    """One body as the site renders it: Python-Markdown (a new instance: nothing carries over
    from another body), the site's sanitiser, then the boxes marked for the Lua script."""
    import markdown as md_lib

    from ..site.sanitize import clean_html

    configs = {k: dict(v) for k, v in dialect.configs.items()}
    for name in dialect.extensions:
        if short(name) == "toc":  # no permalink anchors (a '¶' in every heading)
            configs.setdefault(name, {}).update(permalink=False, anchorlink=False)
    try:
        html = md_lib.Markdown(extensions=dialect.extensions,
                               extension_configs=configs).convert(markdown)
    except RecursionError as e:  # the loader's limits should have refused it first
        raise BuildError(f"{what or 'a body'}: nested too deeply to render") from e
    return _mark_boxes(clean_html(html))


_TITLE = re.compile(r'<p class="admonition-title">(.*?)</p>', re.S)
_DETAILS = re.compile(r'<details(?: class="([^"]*)")?(?: open="open"| open)?>', re.S)
_SUMMARY = re.compile(r"<summary>(.*?)</summary>", re.S)


def _mark_boxes(html: str) -> str:
    """pandoc reads <p class> as a plain paragraph and drops <details>: say what they are with
    divs, which it keeps with their classes."""
    if "admonition-title" in html:
        html = _TITLE.sub(r'<div class="admonition-title"><p>\1</p></div>', html)
    if "<details" in html:
        html = _DETAILS.sub(lambda m: f'<div class="details {m.group(1) or "note"}">', html)
        html = html.replace("</details>", "</div>")
        html = _SUMMARY.sub(r'<div class="admonition-title"><p>\1</p></div>', html)
    return html


def _run(request: dict, what: str) -> list[str]:
    cmd = [_pandoc(), "lua", str(_script())]
    try:
        proc = subprocess.run(cmd, input=json.dumps(request, ensure_ascii=False).encode("utf-8"),
                              capture_output=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise BuildError(f"pandoc failed on {what}: {e}") from e
    if proc.returncode != 0:
        raise BuildError(f"pandoc failed on {what}: "
                         f"{proc.stderr.decode('utf-8', 'replace').strip()}")
    out = json.loads(proc.stdout.decode("utf-8"))
    if not isinstance(out, list) or len(out) != len(request["bodies"]):
        raise BuildError(f"pandoc failed on {what}: {len(request['bodies'])} bodies in, "
                         f"{len(out) if isinstance(out, list) else 0} out")
    return [str(x) for x in out]


# (images mode, namespace, body, dialect, abbreviations title) → markup, for this process
_converted: dict[tuple, str] = {}
_used: set[tuple] = set()  # keys asked for since kept() began
_KEPT = "converted.pickle"
_KEEP_SECONDS = 7 * 24 * 3600  # a conversion no build asked for in a week is dropped


@contextlib.contextmanager
def kept(root: Path, enabled: bool = True) -> Iterator[None]:
    """Conversions of earlier builds reused, and this build's kept for the next: one signed
    pickle (read only when its HMAC under the secret outside the repository verifies, as the
    other caches), key -> (last build that used it, markup), for this toolchain only (pandoc,
    the Lua filter and this module are in it). Off when enabled is False (a release converts
    afresh) and under QMS_NO_CACHE=1. Kept only after a build that did not fail."""
    secret = _secret() if enabled and not os.environ.get("QMS_NO_CACHE") else None
    if secret is None:
        yield
        return
    path = Path(root) / FOLDER / "pdf" / _KEPT
    old = read_signed(path, secret)
    salt = toolchain()
    entries: dict[tuple, tuple[float, str]] = old["entries"] if isinstance(old, dict) and \
        old.get("toolchain") == salt and isinstance(old.get("entries"), dict) else {}
    for k, (_, markup) in entries.items():
        _converted.setdefault(k, markup)
    _used.clear()
    yield
    now = time.time()
    fresh = {k: (now, _converted[k]) for k in _used if k in _converted and
             (k not in entries or now - entries[k][0] > 24 * 3600)}  # a day's precision
    if fresh or any(now - t > _KEEP_SECONDS for t, _ in entries.values()):
        keep = {k: v for k, v in entries.items() if now - v[0] <= _KEEP_SECONDS}
        with contextlib.suppress(OSError):
            subfolder(Path(root), "pdf")
            write_signed(path, secret, {"toolchain": salt, "entries": {**keep, **fresh}})


def to_typst(bodies: list[Body], images: Images | None = None, dialect: Dialect | None = None,
             abbreviations: str = "Abrevieri") -> list[str]:
    """Typst markup for each (namespace, Markdown) body, in order."""
    if images is not None and not all(_SAFE_KEY.fullmatch(k) for k in (images[0], *images[1])):
        raise BuildError(f"unsafe asset path among {images!r}")
    dialect = dialect or Dialect()
    dkey = (tuple(dialect.extensions), json.dumps(dialect.configs, sort_keys=True, default=str))

    def key(b: Body) -> tuple:
        return (images, namespace(b[0]), b[1], dkey, abbreviations)

    _used.update(key(b) for b in bodies)
    todo = list(dict.fromkeys(b for b in bodies if key(b) not in _converted))
    if todo:
        requests = [{"images": None if images is None else
                     {"base": images[0], "assets": list(images[1])},
                     "abbreviations": abbreviations,
                     "bodies": [{"ns": namespace(ns), "html": to_html(text, dialect, ns)}
                                for ns, text in todo[i:i + BATCH]]}
                    for i in range(0, len(todo), BATCH)]
        what = ", ".join(dict.fromkeys(ns for ns, _ in todo[:5])) + (" …" if len(todo) > 5
                                                                     else "")
        if len(requests) == 1:
            out = _run(requests[0], what)
        else:
            # a few pandoc processes at a time: one for a thousand procedures takes ~700 MB
            with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
                out = [o for part in pool.map(lambda r: _run(r, what), requests) for o in part]
        if len(_converted) > 20000:
            _converted.clear()
        _converted.update((key(b), _left_tables(o.strip()) + "\n")
                          for b, o in zip(todo, out, strict=True))
    return [_converted[key(b)] for b in bodies]


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
