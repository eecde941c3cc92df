"""Recognisers of the OSGG 600 parts in the blocks of a Word document: the page header (or the
cover), tables 1-3 (real tables or paragraphs), sections 4-10 by their titles, annexed forms.

They read text only (wordml.py); what the text means for the model (which job function, which
department) is decided by mapping.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .findings import Collector
from .parts import Annex, DistributionRow, Field, Header, Parts, RevisionRow, Section, Step
from .text import clean, date_in, edition_in, fold, key, number, revision_in, strip_number
from .vocabulary import (
    AUTHORITY_WORDS,
    DEPARTMENT_WORDS,
    FUNCTION_WORDS,
    KINDS,
    PURPOSES,
    SECTIONS,
    STEPS,
    STRUCTURAL_FORMS,
    TABLE_TITLES,
)
from .wordml import Para, Table, WordDoc

NOTICE_STYLE = "qms notice"  # the paragraph style `qms docx` gives its notice
_TOC_LINE = re.compile(r"(\.{3,}|…+|\t)\s*\d+\s*$")
_CODE = re.compile(r"\b(?:cod(?:ul)?(?:\s+(?:procedur\w*|document\w*|formular\w*))?)\s*[:.]?\s*"
                   r"([A-Z][A-Za-z0-9]*(?:[ .\-_/]+[A-Za-z0-9]+)*)", re.I)
_BARE_CODE = re.compile(r"^(?:P\.?\s?[OSG]\.?|PS|PO|PG|IL|I\.L\.|F)(?:[\s.\-_]*[A-Z0-9]+)*"
                        r"[\s.\-_]*\d+$")
_SEPARATORS = re.compile(r"\s*(?:\t+|;|\s[–—-]\s|\s/\s|,\s)\s*")
_BLANK = {"", "x", "-", "–", "—", "/", "n/a", "na", "nu este cazul"}


@dataclass
class Known:
    """Names the repository already knows, as keys: they tell a function from a name."""

    functions: set[str] = field(default_factory=set)
    departments: set[str] = field(default_factory=set)


def recognise(doc: WordDoc, col: Collector, known: Known | None = None) -> Parts:
    known = known or Known()
    parts = Parts()
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if isinstance(b, Para) and key(b.style) == NOTICE_STYLE:
            parts.used[i] = "notice"
        elif isinstance(b, Para) and (b.toc or _TOC_LINE.search(b.text)) and b.text.strip():
            parts.used[i] = "toc"
    _sections(blocks, parts)
    first = parts.sections[0].heading if parts.sections else len(blocks)
    _tables(blocks[:first], parts, col, known)
    header_from(doc.header, parts.header, "header", col)
    _cover(blocks, first, parts, col)
    _annexes(blocks, parts)
    _ends(blocks, parts)
    if any(v == "toc" for v in parts.used.values()):
        where = blocks[min(i for i, v in parts.used.items() if v == "toc")].where
        col.note(where, "QMS921", "table of contents not kept: the site and the PDFs make "
                 "their own")
    return parts


# -- header ------------------------------------------------------------------------------
def _lines(blocks: list) -> list[tuple[str, str, int]]:
    """(text, where, block index) of every line of the blocks (table cells line by line)."""
    out = []
    for i, b in enumerate(blocks):
        if isinstance(b, Para):
            out += [(clean(x), b.where, i) for x in re.split(r"[\n\t]", b.text) if clean(x)]
        else:
            seen = set()
            for r, row in enumerate(b.rows):
                for c in row:
                    if c.continued or (c.col, r) in seen:
                        continue
                    seen.add((c.col, r))
                    w = b.cell_where(r, c.col - 1)
                    out += [(clean(x), w, i) for x in c.text.split("\n") if clean(x)]
    return out


def header_from(blocks: list, h: Header, prefix: str, col: Collector | None = None,
                only_missing: bool = False) -> set[int]:
    """Fill h from the lines of blocks; the block indexes whose every line was recognised."""
    lines = _lines(blocks)
    used_lines: set[int] = set()
    after_kind = False
    for n, (text, where, _) in enumerate(lines):
        k = key(text)
        took = False
        m = _CODE.match(text)
        if m and not h.code:
            h.code = Field(m.group(1).strip(" .:"), where)
            took = True
        elif _BARE_CODE.match(text.strip()) and not h.code and len(text) < 30:
            h.code = Field(text.strip(), where)
            took = True
        ed, rev = edition_in(text), revision_in(text)
        if ed is not None and not h.edition:
            h.edition = Field(str(ed), where)
            took = True
        if rev is not None and not h.revision:
            h.revision = Field(str(rev), where)
            took = True
        if ed is not None or rev is not None or (m and h.code and h.code.where == where):
            took = True
        if re.match(r"^(pagina|pag\.?)\s*\d*", k) or re.match(r"^(exemplar|ex\.?|nr\.? exemplar)",
                                                              k) or k.startswith("pagina"):
            took = True
        label = re.match(r"^(titlu(?:l)?(?: procedurii)?|denumirea(?: procedurii)?|"
                         r"compartiment(?:ul)?(?: emitent)?|structura(?: emitenta)?|"
                         r"entitatea(?: publica)?|institutia|departament(?:ul)?)\s*:\s*(.+)$",
                         fold(text), re.I)
        if label:
            lk = key(label.group(1))
            target = ("title" if lk.startswith(("titlu", "denumire")) else
                      "authority" if lk.startswith(("entitate", "institutia")) else "department")
            if not getattr(h, target):
                setattr(h, target, Field(text[label.start(2):].strip(), where))
            took = True
        if not took:
            kind = next((KINDS[w] for w in KINDS if k.startswith(w)), None)
            if kind and not h.kind:
                rest = _after_kind(text)
                h.kind = Field(kind, where)
                if rest and not h.title:
                    h.title = Field(rest, where)
                after_kind = not rest
                took = True
            elif after_kind and not h.title and k:
                h.title = Field(_title_words(text), where)
                after_kind = False
                took = True
            elif not h.authority and k.startswith(AUTHORITY_WORDS):
                h.authority = Field(text, where)
                took = True
            elif "vigoare" in k and date_in(text) and not h.effective:
                h.effective = Field(date_in(text) or "", where)
                took = True
            elif not h.department and k.startswith(DEPARTMENT_WORDS):
                h.department = Field(text, where)
                took = True
        if took:
            used_lines.add(n)
    # the title, when nothing named it: the longest line left that reads like one
    if not h.title:
        rest = [(len(t), n) for n, (t, _, _) in enumerate(lines)
                if n not in used_lines and len(key(t).split()) >= 2 and not date_in(t)]
        if rest:
            n = max(rest)[1]
            h.title = Field(_title_words(lines[n][0]), lines[n][1])
            used_lines.add(n)
    complete: set[int] = set()
    for i in {b for _, _, b in lines}:
        mine = [n for n, (_, _, b) in enumerate(lines) if b == i]
        if all(n in used_lines for n in mine):
            complete.add(i)
    if not only_missing:
        h.leftovers += [Field(lines[n][0], lines[n][1]) for n in range(len(lines))
                        if n not in used_lines]
    return complete


def _after_kind(text: str) -> str:
    """'PROCEDURĂ OPERAȚIONALĂ privind emiterea ...' -> 'emiterea ...' (as a title)."""
    words = text.split()
    k = key(text).split()
    for w in sorted(KINDS, key=len, reverse=True):
        n = len(w.split())
        if " ".join(k[:n]) == w:
            rest = words[n:]
            while rest and key(rest[0]) in ("privind", "pentru", "de", "cu", "referitoare", "la",
                                            "nr", "pentru:", "privind:") or \
                    (rest and rest[0] in (":", "-", "–")):
                rest = rest[1:]
            return _title_words(" ".join(rest).strip(" :–-")) if rest else ""
    return ""


def _title_words(t: str) -> str:
    t = t.strip().strip("„”\"").strip()
    if t.isupper() and len(t) > 3:  # TITLES IN CAPITALS read as sentences in the site
        t = t.lower()
    return t[:1].upper() + t[1:]


def _cover(blocks: list, first: int, parts: Parts, col: Collector) -> None:
    """Header fields missing from the page header, read from the body before the first
    table or section (the cover page, or a header written as the first lines)."""
    end = min([first] + [i for i, v in parts.used.items() if v.startswith("table")])
    region = [i for i in range(end) if i not in parts.used]
    if not region:
        return
    h = parts.header
    before = {n: getattr(h, n) for n in ("authority", "department", "kind", "title", "code",
                                         "edition", "revision", "effective")}
    sub = Header(**{k: v for k, v in before.items()})
    complete = header_from([blocks[i] for i in region], sub, "", col, only_missing=True)
    filled = False
    for n, v in before.items():
        if v is None and getattr(sub, n) is not None:
            setattr(h, n, getattr(sub, n))
            filled = True
    if filled or any(getattr(h, n) for n in ("code", "title")):
        for j in complete:
            parts.used[region[j]] = "header"


# -- tables 1-3 --------------------------------------------------------------------------
def _step_of(text: str) -> tuple[str, str] | None:
    """(step, label) when text starts with a table-1 step ('Elaborat', 'Verificat:', ...)."""
    num, rest = strip_number(text)
    k = key(rest if num else text)
    for step, labels in STEPS.items():
        for lab in labels:
            if k == lab or k.startswith(lab + " "):
                return step, (rest if num else text).split()[0].strip(":,.")
    return None


def _title_of(text: str) -> int:
    k = key(strip_number(text)[1])
    for n, titles in TABLE_TITLES.items():
        if any(k.startswith(t) or (t in k and len(k.split()) < 30) for t in titles):
            return n
    return 0


def classify(t: Table) -> str:
    g = t.grid()
    flat = key(" ".join(" ".join(r) for r in g))
    steps = sum(1 for r in g if any(_step_of(c) for c in r[:3] if c))
    if steps >= 2 or (steps and any(w in flat for w in ("nume", "functi", "semnatur"))):
        return "table 1"
    if "difuz" in flat or ("exemplar" in flat and any(p in flat for p in ("aplicare",
                                                                           "informare"))):
        return "table 3"
    has_code = bool(re.search(r"\bcod\b", flat))
    if "editi" in flat and (("component" in flat or "modalit" in flat) or
                            ("revizi" in flat and not has_code)):
        return "table 2"
    if has_code and ("editi" in flat or "revizi" in flat or "pagina" in flat):
        return "header"
    return ""


def _tables(blocks: list, parts: Parts, col: Collector, known: Known) -> None:
    mode = 0  # paragraph layout of table N under its title
    for i, b in enumerate(blocks):
        if i in parts.used:
            continue
        if isinstance(b, Table):
            kind = classify(b)
            if kind in parts.found:
                kind = ""  # a table of the body that looks like one of the three
            if kind == "header" and parts.found:
                kind = ""
            if kind == "table 1":
                parts.steps += _table1(b, col, known)
            elif kind == "table 2":
                parts.revisions += _table2(b, col)
            elif kind == "table 3":
                parts.distribution += _table3(b, col, known)
            elif kind == "header":
                header_from([b], parts.header, "", col)
            if kind:
                parts.used[i] = kind
                parts.found.append(kind)
            mode = 0
            if all(f"table {n}" in parts.found for n in (1, 2, 3)):
                break
            continue
        text = b.text.strip()
        if not text:
            continue
        n = _title_of(text)
        if n and len(text) < 250:
            parts.used[i] = f"table {n}"
            mode = n
            continue
        step = _step_of(text)
        if step and (mode in (0, 1)) and (date_in(text) or ":" in text or "\t" in text):
            parts.steps += _step_line(step, text, b.where, col, known)
            parts.used[i] = "table 1"
            mode = 1
        elif mode == 2 and (edition_in(text) is not None or revision_in(text) is not None):
            parts.revisions += _revision_line(text, b.where, parts.revisions)
            parts.used[i] = "table 2"
        elif mode == 3 and any(key(text).startswith(p) for p in PURPOSES):
            parts.distribution += [_distribution_line(text, b.where, known)]
            parts.used[i] = "table 3"
        else:
            mode = 0
    for n in (1, 2, 3):
        if any(v == f"table {n}" for v in parts.used.values()) and f"table {n}" not in parts.found:
            parts.found.append(f"table {n}")


def _columns(g: list[list[str]], header_rows: list[int], words: dict[str, tuple]) -> dict:
    cols: dict[str, int] = {}
    width = len(g[0]) if g else 0
    for c in range(width):
        hk = key(" ".join(g[r][c] for r in header_rows))
        for name, ws in words.items():
            if name not in cols and any(w in hk for w in ws):
                cols[name] = c
                break
    return cols


_T1_COLUMNS = {"step": ("element", "operatiun", "etapa"), "name": ("nume",),
               "function": ("functi",), "date": ("data",), "signature": ("semnat",),
               "nr": ("nr crt", "crt")}


def _table1(t: Table, col: Collector, known: Known) -> list[Step]:
    g = t.grid()
    rows = [r for r in range(len(g)) if any(_step_of(c) for c in g[r][:3] if c)]
    first = rows[0] if rows else len(g)
    cols = _columns(g, list(range(first)), _T1_COLUMNS)
    out: list[Step] = []
    current: tuple[str, str] | None = None
    for r in range(first, len(g)):
        row = g[r]
        label_col = next((c for c in range(min(3, len(row))) if _step_of(row[c])), None)
        if label_col is not None:
            current = _step_of(row[label_col])
        if current is None:
            continue
        rest = [c for c in range(len(row)) if c != label_col and c != cols.get("nr")
                and c != cols.get("signature") and not re.fullmatch(r"[\d.]*", row[c].strip())]
        if "name" in cols or "function" in cols:
            name, func, day = (row[cols[k]] if k in cols else "" for k in ("name", "function",
                                                                         "date"))
        else:
            name, func, day = _guess([row[c] for c in rest], known)
        if "name" in cols and _continued(t, r, cols["name"]):
            continue  # the name cell is merged down over this row: the same person
        names = [x for x in name.split("\n") if x.strip()] or [""]
        funcs = [x for x in func.split("\n") if x.strip()] or [""]
        days = [x for x in day.split("\n") if x.strip()] or [""]
        for k, nm in enumerate(names):
            fn = funcs[k] if k < len(funcs) else funcs[-1]
            dy = days[k] if k < len(days) else days[-1]
            if not (nm.strip() or fn.strip() or dy.strip()):
                continue
            where = t.cell_where(r, cols.get("name", label_col or 0))
            out.append(_step(current, nm, fn, dy, where, col))
        if not any(x.strip() for x in (name, func, day)):
            out.append(Step(current[0], current[1], "", "", "", t.cell_where(r, label_col or 0)))
    # one empty row per step only when the step has nobody else
    return [s for s in out if s.name or s.function or s.date or
            not any(o.step == s.step and (o.name or o.function) for o in out)]


def _continued(t: Table, r: int, c: int) -> bool:
    return any(cell.continued and cell.col - 1 <= c < cell.col - 1 + cell.span
               for cell in t.rows[r])


def _step(current: tuple[str, str], name: str, func: str, day: str, where: str,
          col: Collector) -> Step:
    iso = date_in(day) or ""
    if day.strip() and not iso and key(day) not in _BLANK:
        col.warning(where, "QMS914", f"date '{clean(day)}' in table 1 not readable",
                    "write dates as dd.mm.yyyy")
    return Step(current[0], current[1], _value(name), _value(func), iso, where, _value(day))


def _guess(cells: list[str], known: Known) -> tuple[str, str, str]:
    """(name, function, date) from unlabelled pieces."""
    name = func = day = ""
    for c in cells:
        c = clean(c)
        if not c or key(c) in _BLANK:
            continue
        if not day and date_in(c):
            day = c
        elif not func and (key(c) in known.functions or key(c).startswith(FUNCTION_WORDS)):
            func = c
        elif not name:
            name = c
        elif not func:
            func = c
    return name, func, day


def _step_line(step: tuple[str, str], text: str, where: str, col: Collector,
               known: Known) -> list[Step]:
    rest = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?\w+\s*[:.\-–]?\s*", "", text, count=1)
    labelled = {}
    for lab, name in (("nume(?: si prenume| și prenume)?", "name"), ("func[tțţ]i[ae]", "function"),
                      ("data", "date")):
        m = re.search(rf"\b{lab}\s*:\s*([^,;\t]+)", rest, re.I)
        if m:
            labelled[name] = m.group(1)
    if labelled:
        name, func, day = (labelled.get(k, "") for k in ("name", "function", "date"))
    else:
        pieces = [p for p in _SEPARATORS.split(rest) if p and p.strip()]
        name, func, day = _guess(pieces, known)
    return [_step(step, name, func, day, where, col)]


_T2_COLUMNS = {"label": ("editi", "revizi"), "component": ("component",),
               "description": ("modalitat", "descri", "continut", "motiv", "modificar"),
               "date": ("data",), "nr": ("nr crt", "crt")}


def _table2(t: Table, col: Collector) -> list[RevisionRow]:
    g = t.grid()
    head = _header_rows(g, ("editi", "revizi", "component", "modalit"))
    first = head[-1] + 1 if head else 0
    cols = _columns(g, head, _T2_COLUMNS)
    sep = _separate_columns(g, head)
    out: list[RevisionRow] = []
    for r in range(first, len(g)):
        row = g[r]
        if not any(c.strip() for c in row):
            continue
        if sep:
            ed = number(row[sep[0]]) if row[sep[0]].strip() else None
            rv = number(row[sep[1]]) if row[sep[1]].strip() else None
            ed = ed if ed is not None else (out[-1].edition if out else None)
        else:
            label = row[cols["label"]] if "label" in cols else " ".join(row)
            ed, rv = _version_of(label, out[-1].edition if out else None)
        if ed is None:
            col.warning(t.cell_where(r, 0), "QMS915", f"row not read as an edition or revision: "
                        f"'{clean(' | '.join(row))[:80]}'", "write 'Ediția I' / 'Revizia 1'")
            continue
        day = row[cols["date"]] if "date" in cols else next((c for c in row if date_in(c)), "")
        comp = row[cols["component"]] if "component" in cols else ""
        desc = row[cols["description"]] if "description" in cols else ""
        iso = date_in(day) or ""
        if day.strip() and not iso and key(day) not in _BLANK:
            col.warning(t.cell_where(r, cols.get("date", 0)), "QMS914",
                        f"date '{clean(day)}' in table 2 not readable", "write dd.mm.yyyy")
        out.append(RevisionRow(ed, rv or 0, _value(comp), _value(desc), iso,
                               t.cell_where(r, cols.get("label", 0))))
    return _fold(out)


def _header_rows(g: list[list[str]], words: tuple[str, ...]) -> list[int]:
    """The leading rows that name the columns (and the row of column numbers under them)."""
    out: list[int] = []
    for r, row in enumerate(g):
        k = key(" ".join(row))
        if any(w in k for w in words) and not any(date_in(c) for c in row) and \
                _version_of(" ".join(dict.fromkeys(row)), 1) == (None, None):
            out.append(r)
            continue
        nums = [c.strip() for c in row if c.strip()]
        if out and nums and all(x.isdigit() for x in nums) and \
                [int(x) for x in nums] == sorted({int(x) for x in nums}) and len(nums) > 2:
            out.append(r)
            continue
        break
    return out


def _separate_columns(g: list[list[str]], header: list[int]) -> tuple[int, int] | None:
    """Columns 'Ediția' and 'Revizia' apart (numbers in each), when the header has them."""
    ed = rv = None
    width = len(g[0]) if g else 0
    for c in range(width):
        hk = key(" ".join(g[r][c] for r in header))
        if hk.startswith("editi") and "revizi" not in hk:
            ed = c
        elif hk.startswith("revizi") and "editi" not in hk:
            rv = c
    return (ed, rv) if ed is not None and rv is not None else None


def _fold(rows: list[RevisionRow]) -> list[RevisionRow]:
    """'Ediția I' on one row and 'Revizia 1' under it: the edition row with 'x' cells and no
    date only names the edition of the revisions below it."""
    out = []
    for i, r in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if not r.date and not r.component and not r.description and nxt and \
                nxt.edition == r.edition and nxt.revision > r.revision:
            continue
        out.append(r)
    return out


def _version_of(text: str, current: int | None) -> tuple[int | None, int | None]:
    ed, rv = edition_in(text), revision_in(text)
    k = key(text)
    if ed is None and rv is None:
        m = re.match(r"^(?:[\d.]+\s+)?(editia|revizia)\s+(?:a\s+)?([ivxlc]+|\d+)", k)
        if m:
            v = number(m.group(2))
            return (v, 0) if m.group(1) == "editia" else (current, v)
        return None, None
    if ed is None:
        ed = current
    return ed, rv


def _value(s: str) -> str:
    s = clean(s)
    return "" if key(s) in _BLANK else s


def _revision_line(text: str, where: str, before: list[RevisionRow]) -> list[RevisionRow]:
    ed, rv = _version_of(text, before[-1].edition if before else None)
    if ed is None:
        return []
    iso = date_in(text) or ""
    rest = re.sub(r"\bedi[tțţ]ia\s*(?:nr\.?\s*)?(?:a\s+)?[IVXLC\d]+(?:\s*-\s*a)?", "", text,
                  flags=re.I)
    rest = re.sub(r"\brevizia\s*(?:nr\.?\s*)?[IVX\d]+", "", rest, flags=re.I)
    rest = re.sub(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b", "", rest)
    rest = re.sub(r"(se aplic[aă] )?(de la|din) (data )?", "", rest, flags=re.I)
    pieces = [_value(p) for p in _SEPARATORS.split(rest) if _value(p.strip(" ,:"))]
    pieces = [p.strip(" ,:–—-") for p in pieces]
    comp, desc = (pieces[0], " ".join(pieces[1:])) if len(pieces) > 1 else \
        ("", pieces[0] if pieces else "")
    return [RevisionRow(ed, rv or 0, comp, desc, iso, where)]


_T3_COLUMNS = {"purpose": ("scop",), "copy": ("exemplar", "ex nr", "nr ex"),
               "department": ("compartiment", "structur", "directi", "serviciu", "departament"),
               "function": ("functi",), "name": ("nume",),
               "withdrawn": ("retrager", "inlocuit"), "received": ("primir", "data"),
               "signature": ("semnat",), "nr": ("nr crt", "crt")}


def _purpose(text: str) -> str:
    k = key(text)
    return next((v for p, v in PURPOSES.items() if k.startswith(p)), "")


def _table3(t: Table, col: Collector, known: Known) -> list[DistributionRow]:
    g = t.grid()
    header = [r for r in range(len(g)) if any(w in key(" ".join(g[r])) for w in
                                             ("scopul", "exemplar", "semnatura", "functia"))
              or all(re.fullmatch(r"\d*", c.strip()) for c in g[r])]
    cols = _columns(g, header, _T3_COLUMNS)
    out = []
    for r in range(len(g)):
        row = g[r]
        if r in header or not any(c.strip() for c in row):
            continue
        take = {k: row[c] for k, c in cols.items()}
        purpose_text = take.get("purpose") or next((c for c in row if _purpose(c)), "")
        copy = re.search(r"\d+", take.get("copy", ""))
        out.append(DistributionRow(_purpose(purpose_text), clean(purpose_text),
                                   int(copy.group(0)) if copy else None,
                                   _value(take.get("department", "")),
                                   _value(take.get("function", "")),
                                   _value(take.get("name", "")),
                                   t.cell_where(r, cols.get("function", 0)),
                                   date_in(take.get("received", "")) or "",
                                   date_in(take.get("withdrawn", "")) or ""))
    return out


def _distribution_line(text: str, where: str, known: Known) -> DistributionRow:
    pieces = [clean(p) for p in _SEPARATORS.split(text) if clean(p)]
    purpose = next((p for p in pieces if _purpose(p)), "")
    copy = dept = func = name = ""
    for p in pieces:
        k = key(p)
        if p == purpose:
            continue
        m = re.fullmatch(r"(?:ex(?:emplar(?:ul)?)?\.?\s*(?:nr\.?)?\s*)?(\d+)", k)
        if m and not copy:
            copy = m.group(1)
        elif not dept and (k in known.departments or k.startswith(DEPARTMENT_WORDS)):
            dept = p
        elif not func and (k in known.functions or k.startswith(FUNCTION_WORDS)):
            func = p
        elif not name:
            name = p
    return DistributionRow(_purpose(purpose), purpose, int(copy) if copy else None, dept, func,
                           name, where)


# -- sections and annexes ----------------------------------------------------------------
def section_of(p: Para) -> tuple[int, str] | None:
    text = p.text.strip()
    if not text or len(text) > 200 or p.toc:
        return None
    num, title = strip_number(text)
    if "." in num:
        return None  # 8.1: a subsection
    title = title.rstrip(":").strip()
    k = key(title)
    words = k.split()
    if not words or len(words) > 18:
        return None
    styled = p.level > 0 or p.bold or (title.isupper() and len(title) > 3) or bool(num) or \
        p.numbered
    if not styled:
        return None
    for n, variants in SECTIONS.items():
        for v in variants:
            if k == v or (k.startswith(v + " ") and not title.endswith(".")
                          and len(words) - len(v.split()) <= 12):
                return n, title
    return None


def _sections(blocks: list, parts: Parts) -> None:
    last = 3
    for i, b in enumerate(blocks):
        if not isinstance(b, Para) or i in parts.used:
            continue
        found = section_of(b)
        if found and found[0] > last:
            parts.sections.append(Section(found[0], found[1], i, i + 1, len(blocks)))
            parts.used[i] = f"section {found[0]}"
            last = found[0]


def annex_of(p: Para) -> tuple[str, str, str] | None:
    """(number, title, form code) when p opens an annex ('Anexa 2 – Formular F-09 Cerere ...')."""
    text = clean(p.text)
    k = key(text)
    if not (k.startswith("anexa") or k.startswith("formular")) or len(k.split()) > 25:
        return None
    if not (p.new_page or p.level > 0 or (p.bold and (text.isupper() or len(k.split()) <= 12))):
        return None
    m = re.match(r"^anexa\s*(?:nr\.?\s*)?(\d+|[IVX]+)?\s*(?:la\s+procedura\b[^–:-]*)?"
                 r"\s*[:.–—-]?\s*(.*)$", text, re.I)
    num, title = (m.group(1) or "", m.group(2)) if m and k.startswith("anexa") else ("", text)
    code = re.search(r"\b(F)[\s.-]?(\d{1,3})\b", title)
    form_code = f"F-{int(code.group(2)):02d}" if code else ""
    title = re.sub(r"^formular(?:ul)?\s*(?:cod\s*)?(?:F[\s.-]?\d{1,3})?\s*[:.–—-]?\s*", "", title,
                   flags=re.I).strip(" –-:") or title
    if code:
        title = re.sub(r"\(?\bF[\s.-]?\d{1,3}\b\)?", "", title).strip(" –-:")
    return num, _title_words(title) if title else "", form_code


def _annexes(blocks: list, parts: Parts) -> None:
    if not parts.sections:
        return
    start = parts.sections[-1].heading + 1
    for i in range(start, len(blocks)):
        b = blocks[i]
        if i in parts.used or not isinstance(b, Para):
            continue
        found = annex_of(b)
        if not found:
            continue
        num, title, code = found
        if not title and i + 1 < len(blocks) and isinstance(blocks[i + 1], Para) \
                and len(blocks[i + 1].text.split()) <= 20:
            title = _title_words(clean(blocks[i + 1].text))
        structural = next((v for t, v in STRUCTURAL_FORMS.items()
                           if key(b.text).find(t) >= 0 or key(title).startswith(t[10:])), "")
        parts.annexes.append(Annex(num, title, code, i, i + 1, len(blocks), b.where, structural))
        parts.used[i] = "annex"


def _ends(blocks: list, parts: Parts) -> None:
    stops = sorted([s.heading for s in parts.sections] + [a.heading for a in parts.annexes])
    for s in parts.sections + parts.annexes:  # type: ignore[operator]
        s.end = next((x for x in stops if x > s.heading), len(blocks))
