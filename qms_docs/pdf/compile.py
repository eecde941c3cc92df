"""Typst compilation: the shipped templates, the shipped fonts only, a fixed timestamp, PDF/A-2b.

Data reaches the template as one JSON string in sys.inputs["data"]; nothing is spliced into Typst
source. Same data + same timestamp → byte-identical PDF.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..exceptions import BuildError

PDF_STANDARD = "a-2b"


@dataclass(frozen=True)
class SigSlot:
    """Where table 1 of a document has the signature cell of one step, in PDF coordinates."""

    step: str
    page: int  # 0-based
    box: tuple[int, int, int, int]  # x1, y1, x2, y2 from the bottom-left corner


def template_dir() -> Path:
    return Path(str(resources.files("qms_docs").joinpath("templates", "typst")))


def fonts_dir() -> Path:
    return Path(str(resources.files("qms_docs").joinpath("fonts")))


@cache
def _fonts():
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                       font_paths=[str(fonts_dir())])


def source_epoch(root: Path | None = None) -> int:
    """SOURCE_DATE_EPOCH when set, else the time of the last commit, else 2026-01-01."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    if root is not None:
        try:
            out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                                 capture_output=True, text=True, timeout=30)
            if out.returncode == 0 and out.stdout.strip().isdigit():
                return int(out.stdout.strip())
        except OSError:
            pass
    return 1767225600


def _compiler(template: str, data: dict):
    import typst

    main = template_dir() / template
    return typst.Compiler(str(main), root=str(template_dir()), font_paths=_fonts(),
                          ignore_system_fonts=True,
                          sys_inputs={"data": json.dumps(data, ensure_ascii=False)})


def compile_pdf(template: str, data: dict, epoch: int, what: str = "",
                slots_of: str | None = None, tags: bool = True,
                marks: dict[str, list] | None = None) -> tuple[bytes, list[SigSlot]]:
    """The PDF bytes of a template fed with data and, when slots_of names a document code, the
    signature cells of its table 1 (queried from the same, already laid-out, compilation).
    tags=False: no logical structure (the manual's front matter, see assemble.py). marks: for
    each label name it holds, the values of the metadata so labelled are put in the list."""
    import typst

    try:
        compiler = _compiler(template, data)
        pdf = compiler.compile(format="pdf", pdf_standards=[PDF_STANDARD], timestamp=epoch,
                               pdf_tags=tags)
        slots = _slots(compiler.query("<qms-sig>", field="value", format="json"), slots_of) \
            if slots_of else []
        for name, values in (marks or {}).items():
            values[:] = json.loads(compiler.query(f"<{name}>", field="value", format="json"))
    except typst.TypstError as e:
        raise BuildError(f"{what or template}: typst: {_describe(e)}") from e
    except (RuntimeError, ValueError) as e:
        raise BuildError(f"{what or template}: typst: {e}") from e
    if not isinstance(pdf, bytes):
        raise BuildError(f"{what or template}: typst produced no PDF")
    return display_title(pdf), slots


def display_title(pdf: bytes) -> bytes:
    """The PDF with /DisplayDocTitle: viewers (and screen readers) show its title, not the
    file name. Typst has no setting for it; same bytes in, same bytes out."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, recompress_flate=False)
    return out.getvalue()


def compile_apart(template: str, data: dict, epoch: int, what: str = "",
                  slots_of: str | None = None, tags: bool = True,
                  marks: dict[str, list] | None = None) -> tuple[bytes, list[SigSlot]]:
    """compile_pdf in a child process (python -m qms_docs.pdf.compile), for a large document
    (the manual's front matter): Typst keeps its caches in the process for the next
    compilations, which would hold the memory of the largest layout for the rest of the build."""
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="qms-typst-") as tmp:
        out = Path(tmp) / "out.pdf"
        request = json.dumps({"template": template, "data": data, "epoch": epoch, "what": what,
                              "slots_of": slots_of, "tags": tags, "marks": list(marks or []),
                              "out": str(out)},
                             ensure_ascii=False)
        try:
            proc = subprocess.run([sys.executable, "-m", "qms_docs.pdf.compile"],
                                  input=request.encode("utf-8"), capture_output=True)
        except OSError as e:
            raise BuildError(f"{what or template}: cannot start typst: {e}") from e
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise BuildError(err[-1] if err else f"{what or template}: typst failed")
        got = json.loads(proc.stdout)
        for name, values in (marks or {}).items():
            values[:] = got["marks"][name]
        slots = [SigSlot(s["step"], s["page"], tuple(s["box"])) for s in got["slots"]]
        return out.read_bytes(), slots


def _child() -> None:
    """The child side of compile_apart: a request as JSON on stdin, the PDF into the file it
    names, the signature cells as JSON on stdout, an error as the last line of stderr."""
    import sys

    req = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    marks: dict[str, list] = {name: [] for name in req["marks"]}
    try:
        pdf, slots = compile_pdf(req["template"], req["data"], req["epoch"], req["what"],
                                 req["slots_of"], req["tags"], marks)
    except BuildError as e:
        sys.stderr.write(f"{e}\n")
        sys.exit(1)
    Path(req["out"]).write_bytes(pdf)
    sys.stdout.write(json.dumps({"marks": marks, "slots": [
        {"step": s.step, "page": s.page, "box": list(s.box)} for s in slots]}))


def signature_slots(template: str, data: dict, code: str) -> list[SigSlot]:
    """The signature cells of table 1 of document `code`, for visible signatures."""
    import typst

    try:
        raw = _compiler(template, data).query("<qms-sig>", field="value", format="json")
    except (typst.TypstError, RuntimeError) as e:
        raise BuildError(f"{code}: typst query: {e}") from e
    return _slots(raw, code)


def _slots(raw: str, code: str) -> list[SigSlot]:
    slots, seen = [], set()
    for m in json.loads(raw):
        if not isinstance(m, dict) or m.get("code") != code or m.get("step") in seen:
            continue
        seen.add(m["step"])
        x, y, w, h, ph = (float(m[k]) for k in ("x", "y", "w", "h", "ph"))
        slots.append(SigSlot(m["step"], int(m["page"]) - 1,
                             (round(x + 1), round(ph - y - h + 1), round(x + w - 1),
                              round(ph - y - 1))))
    return slots


def _describe(e: Exception) -> str:
    msg = getattr(e, "message", "") or str(e)
    hints = getattr(e, "hints", None) or []
    return msg + "".join(f" (hint: {h})" for h in hints)


if __name__ == "__main__":
    _child()
