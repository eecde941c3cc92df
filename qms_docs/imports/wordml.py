"""The document's own WordprocessingML: body blocks in order (paragraphs and tables with merged
cells), the page header and footer, and a copy of the file with a marker at the start of every
top-level block, so that pandoc's reading of it can be lined up with these positions.

The XML parser resolves no entity, loads no DTD and reaches no network; parts are size-limited
before they are decompressed (a zip bomb is refused).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from ..exceptions import QmsError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_PART = 64 * 1024 * 1024
MAX_TOTAL = 256 * 1024 * 1024
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use characters: never in real text
MARK_RE = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE} ?")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_blank_text=False)
_HEADING = re.compile(r"^(?:heading|titlu|titre|überschrift|título)\s*(\d)$", re.I)


class DocxError(QmsError):
    """The file is not a readable .docx."""


@dataclass
class Para:
    where: str
    text: str
    style: str = ""
    level: int = 0          # heading level from the style or outline level, 0 = body text
    bold: bool = False      # every run with text is bold
    numbered: bool = False  # Word list numbering
    new_page: bool = False  # starts on a new page
    toc: bool = False       # table of contents entry or field

    @property
    def kind(self) -> str:
        return "paragraph"


@dataclass
class Cell:
    text: str
    col: int            # 1-based grid column
    span: int = 1
    continued: bool = False  # vertical merge continuation (the text is in the cell above)


@dataclass
class Table:
    where: str
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "table"

    @property
    def width(self) -> int:
        return max((c.col + c.span - 1 for r in self.rows for c in r), default=0)

    def grid(self) -> list[list[str]]:
        """Rows x grid columns of text; a merged cell's text fills every position it covers."""
        out: list[list[str]] = []
        for r, row in enumerate(self.rows):
            line = [""] * self.width
            for c in row:
                value = out[r - 1][c.col - 1] if c.continued and r > 0 else c.text
                for k in range(c.col - 1, c.col - 1 + c.span):
                    line[k] = value
            out.append(line)
        return out

    def cell_where(self, row: int, col: int) -> str:
        """Position of the cell at 0-based grid (row, col): 'table N:row R:cell C' (Word's
        count of the cells in that row)."""
        cells = self.rows[row] if row < len(self.rows) else []
        n = next((i for i, c in enumerate(cells) if c.col - 1 <= col < c.col - 1 + c.span), col)
        return f"{self.where}:row {row + 1}:cell {n + 1}"

    def text(self) -> str:
        return "\n".join(" | ".join(c.text for c in row) for row in self.rows)


Block = Para | Table


@dataclass
class WordDoc:
    blocks: list[Block]       # the body, in order
    header: list[Block]       # the page header of the first section
    footer: list[Block]
    marked: bytes             # the .docx with a marker at the start of every body block
    properties: dict[str, str]  # custom document properties (docProps/custom.xml)
    images: int


def read_docx(data: bytes) -> WordDoc:
    try:
        return _read(data)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError) as e:
        raise DocxError(f"damaged file: {e}") from e


def _read(data: bytes) -> WordDoc:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        msg = ("a Word 97-2003 .doc, not .docx" if data[:4] == b"\xd0\xcf\x11\xe0"
               else "not a .docx (zip) file")
        raise DocxError(msg) from e
    total = 0
    for info in z.infolist():
        total += info.file_size
        if info.file_size > MAX_PART or total > MAX_TOTAL:
            raise DocxError(f"part {info.filename} too large once decompressed")
    names = set(z.namelist())
    if "word/document.xml" not in names:
        raise DocxError("no word/document.xml: not a Word document")
    root = _xml(z, "word/document.xml")
    styles = _styles(z) if "word/styles.xml" in names else {}
    body = root.find(f"{W}body")
    if body is None:
        raise DocxError("word/document.xml has no body")
    rels = _rels(z, "word/_rels/document.xml.rels")
    counter = {"paragraph": 0, "table": 0}
    elements = list(_top_level(body))
    blocks = [_block(el, styles, counter, "", toc) for el, toc in elements]
    _page_starts(elements, blocks)
    for i, (el, _) in enumerate(elements):
        _mark(el, i)
    header, footer = _furniture(z, body, rels, styles)
    marked = _rezip(z, {"word/document.xml": etree.tostring(root, xml_declaration=True,
                                                             encoding="UTF-8", standalone=True)})
    images = sum(1 for t in rels.values() if t[1].endswith("/image"))
    return WordDoc(blocks, header, footer, marked, _custom(z, names), images)


def _xml(z: zipfile.ZipFile, name: str):
    try:
        return etree.fromstring(z.read(name), _PARSER)
    except (etree.XMLSyntaxError, KeyError) as e:
        raise DocxError(f"{name}: {e}") from e


def _rels(z: zipfile.ZipFile, name: str) -> dict[str, tuple[str, str]]:
    if name not in z.namelist():
        return {}
    out = {}
    for r in _xml(z, name).iter(f"{PKG_REL}Relationship"):
        out[r.get("Id", "")] = (r.get("Target", ""), r.get("Type", ""))
    return out


def _styles(z: zipfile.ZipFile) -> dict[str, dict]:
    """styleId -> {name, level, bold, numbered, based}."""
    out: dict[str, dict] = {}
    for s in _xml(z, "word/styles.xml").iter(f"{W}style"):
        sid = s.get(f"{W}styleId", "")
        name_el = s.find(f"{W}name")
        name = name_el.get(f"{W}val", sid) if name_el is not None else sid
        m = _HEADING.match(name.strip()) or _HEADING.match(sid)
        lvl = s.find(f"{W}pPr/{W}outlineLvl")
        level = int(m.group(1)) if m else (int(lvl.get(f"{W}val", "9")) + 1 if lvl is not None
                                           else 0)
        based = s.find(f"{W}basedOn")
        out[sid] = {"name": name, "level": level if level < 10 else 0,
                    "bold": _on(s.find(f"{W}rPr/{W}b")),
                    "numbered": s.find(f"{W}pPr/{W}numPr") is not None,
                    "based": based.get(f"{W}val", "") if based is not None else ""}
    for st in out.values():  # one level of inheritance is what Word's own styles need
        parent = out.get(st["based"])
        if parent and not st["level"] and parent["level"] and not _HEADING.match(st["name"]):
            st["level"] = parent["level"]
    return out


def _on(el) -> bool:
    return el is not None and el.get(f"{W}val", "true") not in ("0", "false", "off")


def _top_level(body, toc: bool = False):
    """Body paragraphs and tables in order; content controls (w:sdt) are unwrapped."""
    for el in body:
        if el.tag in (f"{W}p", f"{W}tbl"):
            yield el, toc
        elif el.tag == f"{W}sdt":
            gallery = el.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
            is_toc = gallery is not None and "contents" in gallery.get(f"{W}val", "").lower()
            content = el.find(f"{W}sdtContent")
            if content is not None:
                yield from _top_level(content, toc or is_toc)
        elif el.tag in (f"{W}customXml", f"{W}ins"):
            yield from _top_level(el, toc)


def para_text(p) -> str:
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t":
            if not _deleted(el):
                out.append(el.text or "")
        elif tag == f"{W}tab" and el.getparent() is not None and el.getparent().tag == f"{W}r":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr") and el.get(f"{W}type") != "page":
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
    return MARK_RE.sub("", "".join(out))


def _deleted(el) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag in (f"{W}del", f"{W}moveFrom"):
            return True
        parent = parent.getparent()
    return False


def _block(el, styles: dict, counter: dict, prefix: str, toc: bool = False) -> Block:
    if el.tag == f"{W}tbl":
        counter["table"] += 1
        return _table(el, f"{prefix}table {counter['table']}")
    counter["paragraph"] += 1
    return _para(el, styles, f"{prefix}paragraph {counter['paragraph']}", toc)


def _para(p, styles: dict, where: str, toc: bool) -> Para:
    ppr = p.find(f"{W}pPr")
    sid = ""
    level = 0
    numbered = False
    if ppr is not None:
        st = ppr.find(f"{W}pStyle")
        sid = st.get(f"{W}val", "") if st is not None else ""
        lvl = ppr.find(f"{W}outlineLvl")
        if lvl is not None and lvl.get(f"{W}val", "9").isdigit() and int(lvl.get(f"{W}val")) < 9:
            level = int(lvl.get(f"{W}val")) + 1
        numbered = ppr.find(f"{W}numPr") is not None
    style = styles.get(sid, {"name": sid, "level": 0, "bold": False, "numbered": False})
    level = level or style["level"]
    text = para_text(p)
    runs = [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    bold = bool(runs) and all(_on(r.find(f"{W}rPr/{W}b")) or
                              (style["bold"] and r.find(f"{W}rPr/{W}b") is None) for r in runs)
    name = style["name"]
    is_toc = toc or name.lower().startswith(("toc", "cuprins")) or any(
        (i.text or "").strip().upper().startswith("TOC") for i in p.iter(f"{W}instrText"))
    page = ppr is not None and _on(ppr.find(f"{W}pageBreakBefore"))
    return Para(where, text, name, level, bold, numbered or style["numbered"], page, is_toc)


def _table(tbl, where: str) -> Table:
    t = Table(where)
    for tr in tbl.findall(f"{W}tr"):
        row: list[Cell] = []
        col = 1
        trpr = tr.find(f"{W}trPr")
        before = trpr.find(f"{W}gridBefore") if trpr is not None else None
        if before is not None and before.get(f"{W}val", "0").isdigit():
            col += int(before.get(f"{W}val"))
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span = 1
            continued = False
            if pr is not None:
                gs = pr.find(f"{W}gridSpan")
                if gs is not None and gs.get(f"{W}val", "1").isdigit():
                    span = max(1, int(gs.get(f"{W}val")))
                vm = pr.find(f"{W}vMerge")
                continued = vm is not None and vm.get(f"{W}val", "continue") != "restart"
            lines = [para_text(p) for p in tc.iter(f"{W}p")]
            text = "\n".join(x for x in (" ".join(s.split()) for s in lines) if x)
            row.append(Cell(text, col, span, continued))
            col += span
        t.rows.append(row)
    return t


def _page_starts(elements: list, blocks: list[Block]) -> None:
    """A paragraph starts a page after a page break or a section break in the one before."""
    for i, (el, _) in enumerate(elements):
        if el.tag != f"{W}p":
            continue
        brk = [b for b in el.iter(f"{W}br") if b.get(f"{W}type") == "page"]
        if brk:
            text_before = "".join(t.text or "" for t in el.iter(f"{W}t")
                                  if t.getparent() is not None
                                  and _before(t.getparent(), brk[0].getparent(), el))
            if not text_before.strip():
                blocks[i].new_page = True  # type: ignore[union-attr]
            elif i + 1 < len(blocks) and isinstance(blocks[i + 1], Para):
                blocks[i + 1].new_page = True  # type: ignore[union-attr]
        if el.find(f"{W}pPr/{W}sectPr") is not None and i + 1 < len(blocks) \
                and isinstance(blocks[i + 1], Para):
            blocks[i + 1].new_page = True  # type: ignore[union-attr]


def _before(run, other, p) -> bool:
    runs = list(p.iter(f"{W}r"))
    return run in runs and other in runs and runs.index(run) < runs.index(other)


def _mark(el, i: int) -> None:
    """Put MARK i at the start of the block (of its first cell for a table)."""
    p = el if el.tag == f"{W}p" else el.find(f".//{W}p")
    if p is None:
        return
    r = etree.Element(f"{W}r")
    t = etree.SubElement(r, f"{W}t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = f"{MARK_OPEN}{i}{MARK_CLOSE} "
    ppr = p.find(f"{W}pPr")
    p.insert(1 if ppr is not None and p.index(ppr) == 0 else 0, r)


def _furniture(z: zipfile.ZipFile, body, rels: dict, styles: dict) -> tuple[list, list]:
    """Blocks of the first section's page header and footer (the default one, else the first
    page's, else any)."""
    refs = {"header": [], "footer": []}
    sects = list(body.iter(f"{W}sectPr"))
    for sect in sects[:1] or []:
        for kind in refs:
            for ref in sect.findall(f"{W}{kind}Reference"):
                refs[kind].append((ref.get(f"{W}type", "default"), ref.get(f"{R}id", "")))
    out = []
    for kind in ("header", "footer"):
        ordered = sorted(refs[kind], key=lambda x: {"default": 0, "first": 1}.get(x[0], 2))
        blocks: list = []
        for _, rid in ordered:
            target = rels.get(rid, ("", ""))[0]
            name = "word/" + target.lstrip("/").removeprefix("word/")
            if name not in z.namelist():
                continue
            counter = {"paragraph": 0, "table": 0}
            part = _xml(z, name)
            blocks = [_block(el, styles, counter, f"{kind}:") for el, _ in _top_level(part)]
            if any((b.text.strip() if isinstance(b, Para) else b.rows) for b in blocks):
                break
        out.append(blocks)
    return out[0], out[1]


def _custom(z: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    if "docProps/custom.xml" not in names:
        return {}
    out = {}
    for prop in _xml(z, "docProps/custom.xml"):
        name = prop.get("name")
        if name and len(prop):
            out[name] = prop[0].text or ""
    return out


def _rezip(z: zipfile.ZipFile, replace: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            fresh = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            fresh.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fresh, replace.get(info.filename) or z.read(info.filename))
    return buf.getvalue()
