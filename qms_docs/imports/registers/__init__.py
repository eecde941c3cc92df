"""Registers kept in spreadsheets -> risks.yml, processes.yml, responsibilities.yml.

The header row is found among the first rows by its usual Romanian wording (columns.py); each
row becomes an entry, each cell a field through its column's conversion. A column no field
takes is kept, as a YAML comment under the entry, with its cell position; a value that does not
convert is a located finding and stays out of the entry (the check then reports what is missing).
Without --replace, entries are added after the existing ones and an id already in the register
is left as it is."""

from __future__ import annotations

import re
from pathlib import Path

from ...config import Config
from ...model import QMS
from ..documents import Outcome, Progress, Written
from ..findings import Collector
from ..lookup import CODE_PATTERN, Lookup, normal_code
from ..text import date_in, key
from ..yamlout import emit
from .columns import (
    PROCESS_TYPES,
    RACI,
    REGISTERS,
    RISK_TYPES,
    STRATEGIES,
    Column,
    Register,
)
from .sheets import Sheet, SheetError, read_sheets

_SCORE_WORDS = {"foarte mica": 1, "foarte scazuta": 1, "mica": 2, "scazuta": 2, "redusa": 2,
                "medie": 3, "moderata": 3, "mare": 4, "ridicata": 4, "foarte mare": 5,
                "foarte ridicata": 5}


def import_registers(cfg: Config, qms: QMS, sources: list[tuple[str, Path]], kind: str | None,
                     replace: bool, progress: Progress | None = None
                     ) -> tuple[list[Outcome], list[Written]]:
    lk = Lookup.of(qms)
    existing = {"risks": {r.id for r in qms.risks}, "processes": {p.id for p in qms.processes},
                "responsibilities": {a.id for a in qms.activities}}
    outcomes, files = [], []
    pending: dict[str, list[str]] = {}   # register -> entry texts, in order
    for name, path in sources:
        col = Collector(name)
        out = Outcome(name, col)
        outcomes.append(out)
        try:
            sheets = read_sheets(path)
        except (SheetError, OSError) as e:
            col.error("", "QMS930", f"cannot be read as a spreadsheet: {e}",
                      "save it as .xlsx or as .csv (UTF-8)")
            continue
        found = _find(sheets, kind)
        if found is None:
            col.error("", "QMS931", "no header row of a risk register, process list or "
                      "responsibility matrix found in the first 15 rows",
                      "pass --kind risks | processes | responsibilities, or use the usual "
                      "column headers (see the README)")
            continue
        reg, sheet, head = found
        entries = _rows(reg, sheet, head, lk, col, existing[reg.name], replace)
        out.parts = [reg.name]
        out.sections = len(entries)
        pending.setdefault(reg.name, []).extend(entries)
        if progress:
            progress(f"read {name}: {len(entries)} entries for {reg.file}")
    for name, entries in pending.items():
        reg = REGISTERS[name]
        rel = f"{cfg.content_dir}/{reg.file}"
        text = _file_text(cfg.root / rel, reg, entries, replace)
        w = Written(rel, "", reg.name, text, replace)
        files.append(w)
        for o in outcomes:
            if o.parts == [name]:
                o.documents.append(w)
    return outcomes, files


def _aliases(c: Column) -> tuple[str, ...]:
    return c.aliases


def _match(reg: Register, header: str) -> Column | None:
    k = key(header)
    if not k:
        return None
    best, length = None, 0
    for c in reg.columns:
        for a in c.aliases:
            hit = k == a or (len(a) > 2 and (k.startswith(a + " ") or k.startswith(a)))
            if hit and len(a) > length:
                best, length = c, len(a)
    return best


def _find(sheets: list[Sheet], kind: str | None) -> tuple[Register, Sheet, int] | None:
    best = None
    for sheet in sheets:
        for r, row in enumerate(sheet.rows[:15]):
            for reg in ([REGISTERS[kind]] if kind else REGISTERS.values()):
                cols = {c.field for c in (_match(reg, h) for h in row) if c}
                need = {c.field for c in reg.columns if c.required}
                score = len(cols & need) * 10 + len(cols)
                if len(cols & need) >= max(1, len(need) - 2) and (best is None or
                                                                  score > best[0]):
                    best = (score, reg, sheet, r)
    return best[1:] if best else None  # type: ignore[return-value]


def _rows(reg: Register, sheet: Sheet, head: int, lk: Lookup, col: Collector,
          existing: set[str], replace: bool) -> list[str]:
    header = sheet.rows[head]
    mapping: dict[int, Column] = {}
    roles: dict[int, str] = {}
    for c, h in enumerate(header):
        m = _match(reg, h)
        if m and m.field not in {x.field for x in mapping.values()}:
            mapping[c] = m
        elif reg.matrix and h.strip():
            rid = lk.role(h)
            if rid:
                roles[c] = rid
            else:
                col.error(sheet.where(head, c), "QMS935", f"column '{h}' is not a job function "
                          "of roles.yml", lk.role_hint(h))
    for c in reg.columns:
        if c.required and c.field not in {m.field for m in mapping.values()}:
            col.error(sheet.where(head, 0), "QMS932", f"no column for '{c.field}' "
                      f"({' / '.join(c.aliases[:3])})", "add the column, or rename its header")
    unmapped = [c for c, h in enumerate(header) if h.strip() and c not in mapping
                and c not in roles]
    for c in unmapped:
        if not reg.matrix:
            col.note(sheet.where(head, c), "QMS933", f"column '{header[c]}' not mapped: kept "
                     "as a comment under each entry", "")
    out = []
    n = 0
    taken = set() if replace else set(existing)
    for r in range(head + 1, len(sheet.rows)):
        row = sheet.rows[r] + [""] * (len(header) - len(sheet.rows[r]))
        if not any(x.strip() for x in row):
            continue
        n += 1
        entry: dict = {}
        for c, column in mapping.items():
            value = _convert(column, row[c], sheet.where(r, c), lk, col, reg)
            if value not in (None, "", []):
                entry[column.field] = value
        if reg.matrix:
            raci = {}
            for c, rid in roles.items():
                v = RACI.get(key(row[c]))
                if v:
                    raci[rid] = v
                elif row[c].strip():
                    col.warning(sheet.where(r, c), "QMS934", f"'{row[c]}' is not R, A, C or I",
                                "one letter per cell")
            entry["raci"] = raci
        rid = entry.get("id") or f"{reg.id_prefix}{n:02d}"
        entry = {"id": rid, **{k: v for k, v in entry.items() if k != "id"}}
        if rid in taken:
            col.warning(sheet.where(r, 0), "QMS936", f"{rid} is already in {reg.file}: the "
                        "existing entry is kept", "pass --replace to rewrite the register")
            continue
        taken.add(rid)
        text = _item(entry)
        kept = [f"    # nepreluat: {header[c]} ({sheet.where(r, c)}): {' '.join(row[c].split())}"
                for c in unmapped if row[c].strip() and not reg.matrix]
        out.append(text + ("\n".join(kept) + "\n" if kept else ""))
    return out


def _item(entry: dict) -> str:
    body = emit(entry, 4)
    lines = body.rstrip("\n").split("\n")
    lines[0] = "  - " + lines[0][4:]
    return "\n".join(lines) + "\n"


def _convert(c: Column, raw: str, where: str, lk: Lookup, col: Collector, reg: Register):
    v = " ".join(raw.split())
    if not v:
        return None
    kind = c.convert
    if kind == "id":
        m = re.search(r"\d+", v)
        if re.fullmatch(rf"{reg.id_prefix}\d{{2,}}", v.upper()):
            return v.upper()
        return f"{reg.id_prefix}{int(m.group(0)):02d}" if m else None
    if kind == "score":
        n = int(v) if v.isdigit() else _SCORE_WORDS.get(key(v))
        if n is None or not 1 <= n <= 5:
            col.warning(where, "QMS934", f"'{v}' is not a score 1..5", "write 1 to 5")
            return None
        return n
    if kind == "date":
        d = date_in(v)
        if not d:
            col.warning(where, "QMS934", f"'{v}' is not a date", "write dd.mm.yyyy")
        return d
    if kind in ("role",):
        rid = lk.role(v)
        if not rid:
            col.error(where, "QMS935", f"job function '{v}' not in roles.yml", lk.role_hint(v))
        return rid
    if kind == "department":
        did = lk.department(v)
        if not did:
            col.warning(where, "QMS935", f"department '{v}' not in organization.yml", "")
        return did
    if kind == "process":
        m = re.search(r"\bP-?\s*(\d{1,3})\b", v, re.I)
        pid = f"P-{int(m.group(1)):02d}" if m else lk.process_names.get(key(v))
        if not pid or pid not in lk.processes:
            col.error(where, "QMS935", f"process '{v}' not in processes.yml",
                      "write the process id (P-01) or its name as in processes.yml")
        return pid
    if kind == "code":
        code = normal_code(v)
        return code if CODE_PATTERN.match(code) else None
    if kind in ("list",):
        return [x.strip(" -•") for x in re.split(r"[;\n]| • ", raw) if x.strip(" -•")]
    if kind == "indicators":
        return [{"name": x.strip(" -•")} for x in re.split(r"[;\n]", raw) if x.strip(" -•")]
    if kind == "clauses":
        return re.findall(r"\b(?:4|5|6|7|8|9|10)(?:\.\d+){1,3}\b", v)
    table = {"strategy": STRATEGIES, "risk_type": RISK_TYPES,
             "process_type": PROCESS_TYPES}.get(kind)
    if table is not None:
        k = key(v)
        found = table.get(k) or next((x for w, x in table.items() if k.startswith(w)), None)
        if not found:
            allowed = ", ".join(sorted(set(table.values())))
            col.warning(where, "QMS934", f"'{v}' not one of {allowed}", "")
        return found
    return v


def _file_text(path: Path, reg: Register, entries: list[str], replace: bool) -> str:
    head = f"# yaml-language-server: $schema=../schemas/{reg.name}.schema.json\n"
    if path.exists():
        text = path.read_text("utf-8")
        if not replace:
            return text.rstrip("\n") + "\n\n" + "\n".join(entries)
        comments = []
        for line in text.split("\n"):
            if line.startswith("#") or not line.strip():
                comments.append(line)
            else:
                break
        head = "\n".join(comments).rstrip("\n") + "\n\n" if comments else head
    return head + f"{reg.key}:\n" + "\n".join(entries)
