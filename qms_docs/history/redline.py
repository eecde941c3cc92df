"""Readable differences: a Markdown redline (blocks, then lines, then words) and field-level
changes for YAML data.

Diffs run on diff-match-patch (Myers' O(ND) algorithm with prefix/suffix trimming), each
distinct block, line or token encoded as one character, so a 20,000-word document with a few
edits diffs in milliseconds (difflib's word diff was quadratic). No time limit is set: the
result must be the same on every machine, or a rebuilt release would differ.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from diff_match_patch import diff_match_patch

# Private-use characters that mark insertions and deletions inside the Markdown we render
# (redline_html.py); stripped from the sources so no document can forge a mark.
MARKS = "\ue000\ue001\ue002\ue003"
_MARKS_RE = re.compile(f"[{MARKS}]")


@dataclass(frozen=True)
class Segment:
    op: str  # "=" same, "-" deleted, "+" inserted
    text: str


@dataclass(frozen=True)
class Opcode:
    op: str  # "=" | "-" | "+" | "~" (replaced)
    i1: int
    i2: int
    j1: int
    j2: int


# Work budget of one search of Myers' algorithm (diff_bisect), in steps (the n-th step costs
# about n operations): past it, that part is taken as replaced rather than searched further.
# Large inputs are first split around their longest common parts (diff-match-patch's
# half-match). A count, not a clock: the result is the same on every machine, so a rebuilt
# release is byte for byte the same.
BUDGET = 400


class _Budget:
    """Passed to diff_bisect as its deadline: `time.time() > deadline` asks __lt__."""

    def __init__(self, steps: int) -> None:
        self.left = steps

    def __lt__(self, _now: float) -> bool:
        self.left -= 1
        return self.left < 0


class _Dmp(diff_match_patch):
    def __init__(self) -> None:
        super().__init__()
        self.Diff_Timeout = 1.0  # > 0 enables the half-match split; the budget bounds time

    def diff_bisect(self, text1: str, text2: str, deadline: Any) -> list:  # type: ignore[override]
        return super().diff_bisect(text1, text2, _Budget(BUDGET))


def _encode(items: Sequence[Hashable], table: dict[Hashable, str]) -> str:
    out = []
    for x in items:
        c = table.get(x)
        if c is None:
            n = len(table) + 1
            c = chr(n if n < 0xD800 else n + 0x800)  # skip the surrogate range
            table[x] = c
        out.append(c)
    return "".join(out)


def seq_diff(a: Sequence[Hashable], b: Sequence[Hashable], semantic: bool = False) -> list[Opcode]:
    """Opcodes turning a into b; a deletion followed by an insertion is one '~'.
    semantic=True merges trivial equalities into the edits around them (easier to read)."""
    table: dict[Hashable, str] = {}
    ca, cb = _encode(a, table), _encode(b, table)
    d = _Dmp()
    diffs = d.diff_main(ca, cb, False, float("inf"))
    if semantic:
        d.diff_cleanupSemantic(diffs)
    out: list[Opcode] = []
    i = j = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            out.append(Opcode("=", i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op < 0:
            out.append(Opcode("-", i, i + n, j, j))
            i += n
        else:
            last = out[-1] if out else None
            if last and last.op == "-" and last.i2 == i and last.j2 == j:
                out[-1] = Opcode("~", last.i1, last.i2, j, j + n)
            else:
                out.append(Opcode("+", i, i, j, j + n))
            j += n
    return out


def clean(text: str) -> str:
    return _MARKS_RE.sub("\ufffd", text)


# ---- Markdown blocks --------------------------------------------------------------------

_LIST_OR_INDENT = re.compile(r"(?:[ \t]+\S|[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t])")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


def blocks(text: str) -> list[str]:
    """Top-level Markdown blocks: chunks between blank lines, except that a list stays one
    block (loose items and indented continuations included) and a fenced code block too."""
    out: list[str] = []
    cur: list[str] = []
    fence = ""
    in_list = False
    pending_blank = False
    for line in clean(text).strip("\n").split("\n"):
        if fence:
            cur.append(line)
            if line.strip().startswith(fence):
                fence = ""
            continue
        if not line.strip():
            pending_blank = bool(cur)
            continue
        starts_list = bool(_LIST_OR_INDENT.match(line))
        if pending_blank and not (in_list and starts_list):
            out.append("\n".join(cur))
            cur, in_list = [], False
        elif pending_blank:
            cur.append("")
        pending_blank = False
        if not cur:
            in_list = bool(re.match(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]", line))
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
        cur.append(line)
    if cur:
        out.append("\n".join(cur))
    return out


@dataclass(frozen=True)
class BlockChange:
    """One run of changed blocks: old and new Markdown (blocks joined by a blank line) and
    their word diff."""
    old: str
    new: str
    segments: list[Segment]


def changed_blocks(old: str, new: str) -> list[BlockChange]:
    """Only the blocks that changed, each run with its word diff (context = the block)."""
    ba, bb = blocks(old), blocks(new)
    out = []
    for o in seq_diff(ba, bb):
        if o.op != "=":
            a, b = "\n\n".join(ba[o.i1:o.i2]), "\n\n".join(bb[o.j1:o.j2])
            out.append(BlockChange(a, b, word_diff(a, b)))
    return out


def changed_paragraphs(old: str, new: str) -> list[list[Segment]]:
    """The word diffs of the changed blocks (the change report's JSON and version rules)."""
    return [c.segments for c in changed_blocks(old, new)]


# ---- words ------------------------------------------------------------------------------

_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[Segment]:
    """Word-level diff; whitespace runs are tokens so each side re-joins exactly. Lines are
    matched first (the last line's missing line break does not count), so the word diff only
    runs where lines differ."""
    la, lb = lines(old), lines(new)
    out: list[Segment] = []
    for o in seq_diff([x.rstrip("\n") for x in la], [x.rstrip("\n") for x in lb]):
        a, b = "".join(la[o.i1:o.i2]), "".join(lb[o.j1:o.j2])
        if o.op == "~":
            for seg in _words(a, b):
                _add(out, seg.op, seg.text)
        elif o.op == "=":  # equal but for a final line break on one side
            common = a.rstrip("\n") if len(a) != len(b) else a
            _add(out, "=", common)
            _add(out, "-", a[len(common):])
            _add(out, "+", b[len(common):])
        else:
            _add(out, o.op, a if o.op != "+" else b)
    return out


def lines(text: str) -> list[str]:
    """The lines of text, each with its line break (exactly re-joinable)."""
    return _LINES.findall(text)


_LINES = re.compile(r"[^\n]*\n|[^\n]+")


# Characters a reviewer could not see: shown as ⟨U+XXXX⟩ in the report.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u115f\u1160\u180e"
                        "\u200b-\u200f\u2028-\u202e\u2060-\u2069\u3164\ufeff\uffa0"
                        "\U000e0000-\U000e007f]")


def shown(text: str) -> str:
    """Text with every invisible, control and bidirectional character made visible."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def escaped(text: str) -> str:
    """Source text for the report: raw HTML (comments, spans with styles) shown as written,
    never rendered, and invisible characters made visible; Markdown stays Markdown."""
    return shown(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def cell_text(text: str) -> str:
    """escaped() on one line, for a table cell or a heading."""
    return " ".join(escaped(text).replace("|", "\\|").split())


def _words(a: str, b: str) -> list[Segment]:
    ta, tb = _WORDS.findall(a), _WORDS.findall(b)
    out: list[Segment] = []
    for o in seq_diff(ta, tb, semantic=True):
        if o.op in ("=", "-", "~"):
            _add(out, "=" if o.op == "=" else "-", "".join(ta[o.i1:o.i2]))
        if o.op in ("+", "~"):
            _add(out, "+", "".join(tb[o.j1:o.j2]))
    return out


def _add(out: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1].op == op:
        out[-1] = Segment(op, out[-1].text + text)
    else:
        out.append(Segment(op, text))


# ---- YAML data: flatten to paths; list items with an id/code are matched by it, not position.

def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(data, dict):
        for k, v in data.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(data, list) and data and all(_key(x) for x in data):
        for x in data:
            out.update(flatten(x, f"{prefix}[{_key(x)}]"))
    elif isinstance(data, list) and all(not isinstance(x, dict | list) for x in data):
        out[prefix] = ", ".join(str(x) for x in data)
    elif isinstance(data, list):
        for i, x in enumerate(data):
            out.update(flatten(x, f"{prefix}[{i}]"))
    else:
        out[prefix] = data
    return out


def _key(x: Any) -> str | None:
    if isinstance(x, dict):
        for k in ("id", "code", "clause", "term"):
            if isinstance(x.get(k), str | int):
                return str(x[k])
    return None


@dataclass(frozen=True)
class FieldChange:
    path: str
    old: Any
    new: Any

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


def field_changes(old: Any, new: Any) -> list[FieldChange]:
    a, b = flatten(old), flatten(new)
    keys = list(a) + [k for k in b if k not in a]
    return [FieldChange(k, a.get(k), b.get(k)) for k in keys if a.get(k) != b.get(k)]
