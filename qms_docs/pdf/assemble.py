"""The complete manual as one PDF: its front matter (manual.typ) followed by the procedures' own
PDFs as annexes, joined with pikepdf.

Typesetting the manual in one Typst compilation made its cost grow faster than its size (58 s and
10 GB for 1,000 procedures); each part compiled on its own keeps memory flat, and a full build
reuses the procedures' PDFs it typesets anyway. What the single compilation gave is rebuilt here:

* bookmarks: the front matter's, with each annex's own bookmarks under the annexes' entry;
* links: the front matter links to an annex through the placeholder URI "qms-annex:<anchor>"
  (manual.typ); each becomes a GoTo to the annex's first page;
* PDF/A-2b: the catalog, XMP metadata and output intent are the front matter's (every part is
  PDF/A-2b with its fonts embedded); the parts' logical structure trees are not merged (PDF/A-2b
  does not require them), so the assembled file is left untagged rather than wrongly tagged;
* reproducibility: no timestamp is added, object order follows the input, the file ID is derived
  from the content (deterministic_id).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from ..exceptions import BuildError

PLACEHOLDER = "qms-annex:"


def page_count(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as p:
        return len(p.pages)


def assemble(front: bytes, annexes: Iterable[tuple[str, Path]], annexes_title: str,
             dest: Path, inserts: Iterable[tuple[int, bytes]] = ()) -> None:
    """Write into `dest` the front matter followed by the annex PDFs; `annexes` is (anchor, PDF
    file) in order, `annexes_title` the title of the front matter's bookmark the annexes are
    nested under. `inserts` are parts of the front matter typeset apart, (index of their first
    placeholder page, PDF): their pages take the content of the placeholders, which keep their
    identity (the contents' links and the bookmarks point to them)."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(front)) as out:
            for at, part in inserts:
                with pikepdf.open(io.BytesIO(part)) as src:
                    if at < 0 or at + len(src.pages) > len(out.pages):
                        raise BuildError("assembling the manual: placeholder pages missing")
                    for i, page in enumerate(src.pages):
                        target = out.pages[at + i].obj
                        target.MediaBox = pikepdf.Array([float(x) for x in page.MediaBox])
                        for key in ("/Contents", "/Resources", "/Annots"):
                            value = page.obj.get(key)
                            if value is None:
                                if key in target:
                                    del target[key]
                                continue
                            if not value.is_indirect:
                                value = src.make_indirect(value)
                            target[key] = out.copy_foreign(value)
                    _materialise(out.pages[at:at + len(src.pages)])
            starts: dict[str, int] = {}
            marks: list[tuple[int, list[Mark]]] = []
            for anchor, path in annexes:
                first = len(out.pages)
                with pikepdf.open(path) as src:
                    out.pages.extend(src.pages)
                    _materialise(out.pages[first:])
                    pages = {p.objgen: first + i for i, p in enumerate(src.pages)}
                    with src.open_outline() as theirs:
                        marks.append((first, [_mark(i, pages) for i in theirs.root]))
                starts[anchor] = first
            _untag(out)
            _link_annexes(out, starts)
            _bookmark_annexes(out, marks, annexes_title)
            out.save(dest, deterministic_id=True, recompress_flate=False)
    except pikepdf.PdfError as e:
        raise BuildError(f"assembling the manual: {e}") from e


# A bookmark of an annex: title, page index in the assembled PDF or None (the annex's first
# page), the rest of its destination (/XYZ left top zoom), its children.
Mark = tuple[str, "int | None", list, list]


def _mark(item, pages: dict[tuple[int, int], int]) -> Mark:
    import pikepdf

    dest = item.destination
    if isinstance(dest, pikepdf.Array) and len(dest) >= 2 and \
            isinstance(dest[0], pikepdf.Dictionary) and dest[0].objgen in pages:
        page = pages[dest[0].objgen]
        rest = [pikepdf.Name(str(x)) if isinstance(x, pikepdf.Name) else x for x in dest[1:]]
    else:  # named or missing destination
        page, rest = None, []
    return item.title, page, rest, [_mark(c, pages) for c in item.children]


def _materialise(pages) -> None:
    """Copy the data of the streams the new pages use, so that their source can be closed
    (pikepdf otherwise reads it from the source when saving: a thousand open sources)."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    stack: list = [p.obj for p in pages]
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Array):
            stack.extend(obj)
            continue
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            obj.write(obj.read_raw_bytes(), filter=obj.get("/Filter"),
                      decode_parms=obj.get("/DecodeParms"))
        stack.extend(v for k, v in obj.items() if k not in ("/Parent", "/P"))


def _untag(pdf) -> None:
    """Drop the logical structure: only the front matter's would remain, so the file would claim
    a structure that covers part of it."""
    for key in ("/StructTreeRoot", "/MarkInfo"):
        if key in pdf.Root:
            del pdf.Root[key]
    for page in pdf.pages:
        if "/StructParents" in page.obj:
            del page.obj["/StructParents"]
        for annot in page.obj.get("/Annots") or []:
            if "/StructParent" in annot:
                del annot["/StructParent"]


def _top(page) -> float:
    box = page.obj.get("/MediaBox")
    return float(box[3]) if box is not None else 842.0


def _link_annexes(pdf, starts: dict[str, int]) -> None:
    import pikepdf

    for page in pdf.pages:
        for annot in page.obj.get("/Annots") or []:
            action = annot.get("/A")
            if annot.get("/Subtype") != "/Link" or not isinstance(action, pikepdf.Dictionary):
                continue
            uri = action.get("/URI")
            if action.get("/S") != "/URI" or uri is None or not str(uri).startswith(PLACEHOLDER):
                continue
            anchor = str(uri)[len(PLACEHOLDER):]
            if anchor not in starts:
                raise BuildError(f"manual: link to a missing annex {anchor}")
            target = pdf.pages[starts[anchor]]
            annot["/A"] = pikepdf.Dictionary(
                S=pikepdf.Name.GoTo,
                D=pikepdf.Array([target.obj, pikepdf.Name.XYZ, 0, _top(target), 0]))


def _bookmark_annexes(pdf, marks: list[tuple[int, list[Mark]]], title: str) -> None:
    import pikepdf

    with pdf.open_outline() as outline:
        parents = [i for i in outline.root if i.title == title]
        if not parents:
            outline.root.append(pikepdf.OutlineItem(title, marks[0][0] if marks else 0))
            parents = [outline.root[-1]]
        holder = parents[-1].children
        for first, items in marks:
            holder.extend(_item(pdf, m, first) for m in items)


def _item(pdf, mark: Mark, first: int):
    import pikepdf

    title, page, rest, children = mark
    target = pdf.pages[first if page is None else page]
    if page is None or not rest:
        rest = [pikepdf.Name.XYZ, 0, _top(target), 0]
    new = pikepdf.OutlineItem(title, pikepdf.Array([target.obj, *rest]))
    new.children.extend(_item(pdf, c, first) for c in children)
    return new
