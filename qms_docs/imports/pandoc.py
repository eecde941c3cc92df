"""pandoc's docx reader (the AST of the body, with the images extracted) and its Markdown writer.

The AST comes from the marked copy of the file (wordml.py): every top-level block carries the
index of the source block it starts at, so recognisers working on the XML decide what each
pandoc block becomes. Markdown is written for both renderers of the toolchain: pipe tables with
one-line cells, ATX headings, footnotes, no raw HTML, no pandoc-only syntax.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from ..exceptions import BuildError
from .wordml import MARK_CLOSE, MARK_OPEN, MARK_RE

WRITER = ("markdown-smart-raw_html-raw_attribute-native_divs-native_spans-bracketed_spans"
          "-header_attributes-link_attributes-inline_code_attributes-fenced_code_attributes"
          "-simple_tables-multiline_tables-grid_tables-fenced_divs-line_blocks-fancy_lists"
          "-example_lists-subscript-superscript-strikeout-implicit_figures-escaped_line_breaks"
          "-auto_identifiers-tex_math_dollars-raw_tex")
API = [1, 23, 1, 1]
Node = dict[str, Any]


def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as e:  # pragma: no cover - depends on the installation
        raise BuildError(f"pandoc not found (install pypandoc-binary): {e}") from e


def read_ast(docx: Path, media: Path) -> list[Node]:
    """Top-level blocks of the .docx at path, images extracted under media/."""
    cmd = [pandoc_path(), "-f", "docx", "-t", "json", f"--extract-media={media}", str(docx)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise BuildError(f"pandoc failed: {e}") from e
    if proc.returncode != 0:
        raise BuildError(f"pandoc could not read {docx.name}: "
                         f"{proc.stderr.decode('utf-8', 'replace').strip()[:500]}")
    data = json.loads(proc.stdout)
    global API
    API = data.get("pandoc-api-version", API)
    return data["blocks"]


# -- lining up with the source -------------------------------------------------------------
def first_mark(node: Any) -> int | None:
    """The first marker index inside a node, depth first."""
    if isinstance(node, dict):
        if node.get("t") == "Str":
            m = MARK_RE.search(node["c"])
            return int(m.group(1)) if m else None
        return first_mark(node.get("c"))
    if isinstance(node, list):
        for x in node:
            found = first_mark(x)
            if found is not None:
                return found
    return None


def all_marks(node: Any) -> set[int]:
    """Every marker index inside a node."""
    return {int(m) for m in MARK_RE.findall(json.dumps(node, ensure_ascii=False))}


def units(blocks: list[Node], cuts: set[int]) -> list[tuple[int, Node]]:
    """(source index, block) for every top-level block; a list whose item starts at a cut
    (a section heading written as a list item) is split there."""
    out: list[tuple[int, Node]] = []
    last = -1
    for b in blocks:
        if b["t"] in ("OrderedList", "BulletList"):
            for piece in _split_list(b, cuts):
                i = first_mark(piece)
                last = i if i is not None else last
                out.append((last, piece))
            continue
        i = first_mark(b)
        last = i if i is not None else last
        out.append((last, b))
    return out


def _split_list(b: Node, cuts: set[int]) -> list[Node]:
    items = b["c"][1] if b["t"] == "OrderedList" else b["c"]
    groups: list[list] = [[]]
    for item in items:
        i = first_mark(item)
        if i is not None and i in cuts and groups[-1]:
            groups.append([])
        groups[-1].append(item)
    if len(groups) == 1:
        return [b]
    out, start = [], 0
    for g in groups:
        if b["t"] == "OrderedList":
            attrs = list(b["c"][0])
            attrs[0] = attrs[0] + start
            out.append({"t": "OrderedList", "c": [attrs, g]})
        else:
            out.append({"t": "BulletList", "c": g})
        start += len(g)
    return out


def strip_marks(node: Any) -> Any:
    """The node without markers (and without the space that followed one)."""
    if isinstance(node, list):
        out = []
        skip_space = False
        for x in node:
            if isinstance(x, dict) and x.get("t") == "Str" and MARK_OPEN in x["c"]:
                rest = MARK_RE.sub("", x["c"]).replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
                if rest:
                    out.append({"t": "Str", "c": rest})
                    skip_space = False
                else:
                    skip_space = True
                continue
            if skip_space and isinstance(x, dict) and x.get("t") in ("Space", "SoftBreak"):
                skip_space = False
                continue
            skip_space = False
            out.append(strip_marks(x))
        return out
    if isinstance(node, dict):
        return {k: strip_marks(v) if k == "c" else v for k, v in node.items()}
    return node


# -- inline text ---------------------------------------------------------------------------
def plain(node: Any) -> str:
    """The text of a node (markers removed), spaces collapsed."""
    out: list[str] = []
    _plain(node, out)
    return " ".join(MARK_RE.sub("", "".join(out)).split())


def _plain(node: Any, out: list[str]) -> None:
    if isinstance(node, list):
        for x in node:
            _plain(x, out)
    elif isinstance(node, dict):
        t = node.get("t")
        if t == "Str":
            out.append(node["c"])
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t == "Note":
            return
        elif t in ("Code", "Math", "RawInline"):
            out.append(node["c"][1])
        elif t in ("Para", "Plain", "Header") and out and not out[-1].endswith(" "):
            out.append(" ")
            _plain(node.get("c"), out)
        else:
            _plain(node.get("c"), out)


def text_block(text: str) -> Node:
    """A paragraph of plain text."""
    inl: list[Node] = []
    for i, w in enumerate(text.split()):
        if i:
            inl.append({"t": "Space"})
        inl.append({"t": "Str", "c": w})
    return {"t": "Para", "c": inl}


def header(level: int, text: str) -> Node:
    return {"t": "Header", "c": [level, ["", [], []], text_block(text)["c"]]}


def emph_para(text: str) -> Node:
    return {"t": "Para", "c": [{"t": "Emph", "c": text_block(text)["c"]}]}


# -- Markdown ------------------------------------------------------------------------------
def to_markdown(blocks: list[Node]) -> str:
    """Markdown for the toolchain from AST blocks (tables flattened to pipe tables)."""
    if not blocks:
        return ""
    doc = {"pandoc-api-version": API, "meta": {}, "blocks": [_prepare(b) for b in blocks]}
    cmd = [pandoc_path(), "-f", "json", "-t", WRITER, "--wrap=none"]
    try:
        proc = subprocess.run(cmd, input=json.dumps(doc).encode("utf-8"), capture_output=True,
                              timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise BuildError(f"pandoc failed: {e}") from e
    if proc.returncode != 0:
        raise BuildError(f"pandoc failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return tidy(proc.stdout.decode("utf-8"))


SEPARATOR = "QMSDOCSIMPORTSEPARATOR"


def to_markdown_many(bodies: list[list[Node]]) -> list[str]:
    """to_markdown of each body, bodies without footnotes in one pandoc run (a separator
    paragraph between them); a body with footnotes alone (pandoc puts notes at the end)."""
    out: dict[int, str] = {}
    plain = [i for i, b in enumerate(bodies) if '"Note"' not in json.dumps(b)]
    for start in range(0, len(plain), 50):
        chunk = plain[start:start + 50]
        blocks: list[Node] = []
        for i in chunk:
            blocks += bodies[i] + [text_block(SEPARATOR)]
        parts = to_markdown(blocks).split(f"{SEPARATOR}\n") if blocks else []
        if len(parts) != len(chunk) + 1:
            parts = [to_markdown(bodies[i]) for i in chunk] + [""]
        for i, md in zip(chunk, parts, strict=False):
            out[i] = md.strip() + "\n" if md.strip() else ""
    for i, b in enumerate(bodies):
        if i not in out:
            out[i] = to_markdown(b)
    return [out[i] for i in range(len(bodies))]


_SEP = re.compile(r"^(\s*)(\|(?:\s*:?-+:?\s*\|)+)\s*$", re.M)
_UNDERSCORES = re.compile(r"(?:\\_){2,}(?!\w)")


def tidy(md: str) -> str:
    """House style: '|---|---|' delimiter rows, fill-in lines of underscores unescaped."""
    md = _SEP.sub(lambda m: m.group(1) + "|" + "---|" * (m.group(2).count("|") - 1), md)
    lines = []
    for line in md.split("\n"):
        if line.strip().replace("\\_", "").strip():  # a line of only underscores would be a rule
            line = _UNDERSCORES.sub(lambda m: m.group(0).replace("\\_", "_"), line)
        lines.append(line.rstrip() if not line.endswith("  ") else line)
    return "\n".join(lines).strip() + "\n"


def _prepare(b: Node) -> Node:
    t = b.get("t")
    if t == "Header":
        level, _attr, inl = b["c"]
        return {"t": "Header", "c": [level, ["", [], []], _inlines(inl)]}
    if t == "Table":
        return _flat_table(b)
    if t in ("Div",):
        return {"t": "Div", "c": [["", [], []], [_prepare(x) for x in b["c"][1]]]}
    if t in ("OrderedList",):
        return {"t": t, "c": [b["c"][0], [[_prepare(x) for x in item] for item in b["c"][1]]]}
    if t in ("BulletList",):
        return {"t": t, "c": [[_prepare(x) for x in item] for item in b["c"]]}
    if t == "BlockQuote":
        return {"t": t, "c": [_prepare(x) for x in b["c"]]}
    if t in ("Para", "Plain"):
        return {"t": t, "c": _inlines(b["c"])}
    if t == "DefinitionList":
        return {"t": t, "c": [[_inlines(term), [[_prepare(x) for x in d] for d in defs]]
                              for term, defs in b["c"]]}
    return b


def _inlines(inl: list[Node]) -> list[Node]:
    """Spans unwrapped (pandoc's anchors and custom styles have no place in Markdown)."""
    out: list[Node] = []
    for x in inl:
        t = x.get("t")
        if t == "Span":
            out += _inlines(x["c"][1])
        elif t in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript",
                   "Subscript"):
            inner = _inlines(x["c"])
            if t in ("Emph", "Strong"):
                out.append({"t": t, "c": inner}) if inner else None
            else:
                out += inner  # no Markdown for these in both renderers: the text stays
        elif t == "Link":
            out.append({"t": "Link", "c": [["", [], []], _inlines(x["c"][1]), x["c"][2]]})
        elif t == "Image":
            out.append({"t": "Image", "c": [["", [], []], x["c"][1], x["c"][2]]})
        elif t == "Note":
            out.append({"t": "Note", "c": [_prepare(b) for b in x["c"]]})
        else:
            out.append(x)
    return out


def table_grid(b: Node) -> list[list[list[Node]]]:
    """A pandoc Table as rows x columns of inline content; merged cells fill their first
    position, the positions they cover stay empty."""
    _attr, _caption, colspecs, head, bodies, foot = b["c"]
    rows = list(head[1])
    for body in bodies:
        rows += body[2] + body[3]
    rows += foot[1]
    width = len(colspecs)
    grid: list[list[list[Node] | None]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a row span from above
    for row in rows:
        line: list[list[Node] | None] = [None] * width
        for col, left in list(pending.items()):
            line[col] = []
            pending[col] = left - 1
            if pending[col] <= 0:
                del pending[col]
        col = 0
        for cell in row[1]:
            _cattr, _align, rowspan, colspan, content = cell
            while col < width and line[col] is not None:
                col += 1
            if col >= width:
                break
            line[col] = _cell_inlines(content)
            for k in range(1, colspan):
                if col + k < width:
                    line[col + k] = []
            if rowspan > 1:
                for k in range(colspan):
                    pending[col + k] = rowspan - 1
            col += colspan
        grid.append([c if c is not None else [] for c in line])
    return grid  # type: ignore[return-value]


def _cell_inlines(blocks: list[Node]) -> list[Node]:
    """A cell's blocks as one line: paragraphs joined by a space, list items by '; '."""
    out: list[Node] = []

    def add(inl: list[Node], sep: str = " ") -> None:
        if out and inl:
            out.append({"t": "Str", "c": sep.strip()} if sep.strip() else {"t": "Space"})
            if sep.strip():
                out.append({"t": "Space"})
        out.extend(x if x.get("t") not in ("LineBreak", "SoftBreak") else {"t": "Space"}
                   for x in inl)

    for b in blocks:
        t = b.get("t")
        if t in ("Para", "Plain", "Header"):
            add(_inlines(b["c"] if t != "Header" else b["c"][2]))
        elif t in ("BulletList", "OrderedList"):
            items = b["c"] if t == "BulletList" else b["c"][1]
            for i, item in enumerate(items):
                add(_cell_inlines(item), "; " if i else " ")
        elif t == "Table":
            for row in table_grid(b):
                add([x for c in row for x in (c + [{"t": "Space"}])])
        else:
            add(text_block(plain(b))["c"])
    return out


def _flat_table(b: Node) -> Node:
    grid = table_grid(b)
    if not grid:
        return {"t": "Para", "c": []}
    width = len(grid[0])

    def cell(inl: list[Node]) -> list:
        return [["", [], []], {"t": "AlignDefault"}, 1, 1,
                [{"t": "Plain", "c": inl}] if inl else []]

    def row(r: list) -> list:
        return [["", [], []], [cell(c) for c in r]]

    colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(width)]
    head = [["", [], []], [row(grid[0])]]  # the first row is the header: Word rarely marks it
    body = [["", [], []], 0, [], [row(r) for r in grid[1:]]]
    return {"t": "Table", "c": [["", [], []], [None, []], colspecs, head, [body],
                                [["", [], []], []]]}
