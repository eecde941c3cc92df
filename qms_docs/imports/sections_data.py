"""Data read out of sections 6 and 7: the references as a list, the definitions and
abbreviations as (term, definition) pairs. The sections' text stays in the body as well."""

from __future__ import annotations

import re

from .findings import Collector
from .parts import Section
from .text import clean, key, strip_number
from .wordml import Para, Table

_DEF_SPLIT = re.compile(r"^(.{1,80}?)\s*(?:\s[–—-]\s|:\s|\s=\s|\t+)\s*(.+)$")
_HEAD_WORDS = ("termen", "abrevier", "definiti", "semnificati", "explicati", "nr crt", "denumire")


def references(blocks: list, s: Section) -> list[str]:
    out: list[str] = []
    for b in blocks[s.start:s.end]:
        if isinstance(b, Para):
            text = clean(b.text)
            if not text or b.level or _group_title(b, text):
                continue
            label = re.match(r"^([^:]{2,60}):\s+(.+)$", text)
            if label and len(label.group(1).split()) <= 6 and ";" in label.group(2):
                out += [clean(x).rstrip(".;") for x in label.group(2).split(";") if clean(x)]
            else:
                out.append(_unnumbered(text).rstrip(";"))
        elif isinstance(b, Table):
            g = b.grid()
            for r, row in enumerate(g):
                cells = [clean(c) for c in dict.fromkeys(row) if clean(c) and
                         not re.fullmatch(r"[\d.]+", clean(c))]
                if not cells or (r == 0 and any(w in key(" ".join(cells)) for w in
                                                ("denumire", "document", "act normativ"))):
                    continue
                out.append(" ".join(cells))
    return [x for x in out if x]


def _group_title(b: Para, text: str) -> bool:
    """'Legislație primară:' above its items."""
    return text.endswith(":") and len(text.split()) <= 8


def _unnumbered(text: str) -> str:
    num, rest = strip_number(text)
    return rest if num and rest else text.lstrip("•-–·* ").strip()


def definitions(blocks: list, s: Section, col: Collector) -> list[dict]:
    out: list[dict] = []
    seen = False
    for b in blocks[s.start:s.end]:
        if isinstance(b, Table):
            seen = True
            out += _from_table(b)
        elif isinstance(b, Para) and clean(b.text) and not b.level:
            text = _unnumbered(clean(b.text))
            m = _DEF_SPLIT.match(text)
            if m and len(m.group(1).split()) <= 8 and not text.endswith(":"):
                seen = True
                out.append({"term": m.group(1).strip(" *„”\""), "definition":
                            m.group(2).strip().rstrip(";")})
    if not out and s.end > s.start and any(
            (isinstance(b, Para) and clean(b.text)) or isinstance(b, Table)
            for b in blocks[s.start:s.end]):
        where = blocks[s.start].where if s.start < len(blocks) else ""
        col.warning(where, "QMS922", "definitions and abbreviations not read as terms: "
                    "the section is kept in the body only" + (" (table not in two columns)"
                                                               if seen else ""),
                    "write them as a two-column table (term | definition) or 'Term – "
                    "definition' lines")
    return [d for d in out if d["term"] and d["definition"]]


def _from_table(t: Table) -> list[dict]:
    g = t.grid()
    out = []
    for r, row in enumerate(g):
        cells = [clean(c) for c in row]
        cells = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])
                 and not re.fullmatch(r"[\d.]+", c)]
        if len(cells) < 2:
            continue
        if r == 0 and any(w in key(cells[0]) or w in key(cells[1]) for w in _HEAD_WORDS):
            continue
        out.append({"term": cells[0], "definition": " ".join(cells[1:])})
    return out
