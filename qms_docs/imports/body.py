"""The Markdown bodies of an imported document: sections 4-10 under their canonical level-2
headings, anything not mapped under a clearly marked heading at the end (with where it was in
the source), and each annexed form's own body. Images are renamed into the content's assets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .findings import Collector
from .pandoc import Node, all_marks, emph_para, header, strip_marks, text_block, units
from .parts import Annex, Parts, Step
from .text import clean, key
from .vocabulary import CANONICAL
from .wordml import Para, Table, WordDoc

UNMAPPED = "Conținut nepreluat la import"
UNMAPPED_NOTE = ("Importul nu a putut așeza acest conținut într-o parte a documentului. "
                 "Verificați-l, mutați-l unde îi este locul și ștergeți apoi această secțiune.")


@dataclass
class Bodies:
    procedure: list[Node]                       # AST of the main body
    annexes: dict[int, list[Node]] = field(default_factory=dict)  # annex index -> AST
    unmapped: int = 0                           # chunks kept under UNMAPPED


def assemble(doc: WordDoc, ast: list[Node], parts: Parts, kind: str, source: str,
             extra_steps: list[Step], extra_rows: list[tuple[str, str]],
             col: Collector) -> Bodies:
    cuts = {s.heading for s in parts.sections} | {a.heading for a in parts.annexes}
    by_index: dict[int, list[Node]] = {}
    inside: set[int] = set()  # paragraphs pandoc joined into a block started earlier
    for i, node in units(ast, cuts):
        inside |= all_marks(node) - {i}
        by_index.setdefault(i, []).append(strip_marks(node))
    blocks = doc.blocks

    procedure = kind in ("system-procedure", "operational-procedure")

    def content(lo: int, hi: int) -> list[Node]:
        out: list[Node] = []
        for i in range(lo, hi):
            if i in parts.used and (procedure or not parts.used[i].startswith("section")):
                continue
            nodes = by_index.get(i)
            if nodes:
                out += nodes
            elif isinstance(blocks[i], Para) and clean(blocks[i].text) and i not in inside:
                out.append(text_block(blocks[i].text))  # read by Word only (e.g. a Title)
        return [n for n in out if not _empty(n)]

    bodies = Bodies([])
    covered: set[int] = set(parts.used)
    if procedure:
        for s in parts.sections:
            title = _title(s.number, s.title, blocks[s.heading].where, col)
            bodies.procedure.append(header(2, f"{s.number}. {title}"))
            bodies.procedure += _shift(content(s.start, s.end), 3)
            covered |= set(range(s.heading, s.end))
        found = {s.number for s in parts.sections}
        for n in range(4, 11):
            if n not in found:
                col.warning("", "QMS916", f"section {n}. {CANONICAL[n]} not found",
                            f"a heading '{n}. {CANONICAL[n]}' (or a usual variant) in bold or in "
                            "a heading style")
    else:
        lo = max([i + 1 for i, v in parts.used.items() if v.startswith("table")] or [0])
        hi = parts.annexes[0].heading if parts.annexes else len(blocks)
        bodies.procedure += _shift(content(lo, hi), 2)
        covered |= set(range(lo, hi))
    for n, a in enumerate(parts.annexes):
        covered |= set(range(a.heading, a.end))
        if a.structural:
            col.note(a.where, "QMS927", f"'{clean(blocks[a.heading].text)}' is the OSGG 600 form "
                     f"of {a.structural} of this procedure, not an annex producing records: "
                     "kept in the body", "")
            continue
        bodies.annexes[n] = _shift(content(a.start, a.end), 2)
    # what is left: before the first part, between parts, header text nobody recognised
    chunks: list[tuple[str, list[Node]]] = []
    run: list[int] = []
    for i in range(len(blocks)):
        if i in covered or (isinstance(blocks[i], Para) and not clean(blocks[i].text)):
            if run:
                chunks.append((_span(blocks, run), content(run[0], run[-1] + 1)))
                run = []
            continue
        run.append(i)
    if run:
        chunks.append((_span(blocks, run), content(run[0], run[-1] + 1)))
    for a in parts.annexes:
        if a.structural:
            chunks.append((a.where, [header(3, clean(blocks[a.heading].text))] +
                           content(a.start, a.end)))
    for f in parts.header.leftovers:
        chunks.append((f.where, [text_block(f.value)]))
    if extra_steps:
        chunks.append((extra_steps[0].where.split(":row")[0], [_steps_table(extra_steps)]))
    for where, text in extra_rows:
        chunks.append((where, [text_block(text)]))
    chunks = [(w, c) for w, c in chunks if c]
    if chunks:
        bodies.procedure += [header(2, UNMAPPED), emph_para(UNMAPPED_NOTE)]
        for where, nodes in chunks:
            col.warning(where, "QMS919", f"not mapped to a part of the document: kept under "
                        f"'{UNMAPPED}'", "move it where it belongs, then delete that section")
            bodies.procedure += [_source(source, where)] + _shift(nodes, 3)
        bodies.unmapped = len(chunks)
    return bodies


def _title(n: int, title: str, where: str, col: Collector) -> str:
    canonical = CANONICAL[n]
    if key(canonical) in key(title):
        return title[:1].upper() + title[1:].lower() if title.isupper() else title
    col.note(where, "QMS918", f"section title '{title}' written as '{n}. {canonical}'",
             "qms check knows the sections by their OSGG titles")
    return canonical


def _source(source: str, where: str) -> Node:
    return {"t": "Para", "c": [{"t": "Emph", "c": [{"t": "Str", "c": "Sursa:"}]},
                               {"t": "Space"}, {"t": "Code", "c": [["", [], []],
                                                                  f"{source}:{where}"]}]}


def _span(blocks: list, run: list[int]) -> str:
    a, b = blocks[run[0]].where, blocks[run[-1]].where
    return a if a == b else f"{a}-{b.split(' ')[-1]}" if a.split(" ")[0] == b.split(" ")[0] \
        else f"{a}…{b}"


def _steps_table(steps: list[Step]) -> Node:
    from .pandoc import _flat_table  # noqa: PLC2701 - same package

    def cell(text: str) -> list:
        return [["", [], []], {"t": "AlignDefault"}, 1, 1, [text_block(text)] if text else []]

    rows = [["Operațiunea", "Numele și prenumele", "Funcția", "Data"]] + \
        [[s.label, s.name, s.function, s.date_text or s.date] for s in steps]
    table = {"t": "Table", "c": [["", [], []], [None, []],
                                 [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * 4,
                                 [["", [], []], []],
                                 [[["", [], []], 0, [], [[["", [], []], [cell(c) for c in r]]
                                                         for r in rows]]],
                                 [["", [], []], []]]}
    return _flat_table(table)


def _empty(n: Node) -> bool:
    return n.get("t") in ("Para", "Plain") and not n["c"]


def _shift(nodes: list[Node], top: int) -> list[Node]:
    """Headings of a part moved so that its highest one is at level `top`."""
    levels = [n["c"][0] for n in nodes if n.get("t") == "Header"]
    if not levels:
        return nodes
    delta = top - min(levels)
    out = []
    for n in nodes:
        if n.get("t") == "Header":
            level, attr, inl = n["c"]
            n = {"t": "Header", "c": [max(1, min(6, level + delta)), attr, inl]}
        out.append(n)
    return out


def images(nodes: list[Node]) -> list[Node]:
    """Every Image node in nodes (to be renamed into the assets)."""
    found: list[Node] = []

    def walk(x: object) -> None:
        if isinstance(x, dict):
            if x.get("t") == "Image":
                found.append(x)
            walk(x.get("c"))
        elif isinstance(x, list):
            for y in x:
                walk(y)

    walk(nodes)
    return found


def annex_title(a: Annex, procedure_code: str) -> str:
    return a.title or f"Anexa {a.number} la {procedure_code}".replace("  ", " ")


def asset_path(src: str, code: str) -> PurePosixPath:
    return PurePosixPath("assets") / code / PurePosixPath(src).name


def table_rows_text(t: Table) -> str:
    return t.text()
