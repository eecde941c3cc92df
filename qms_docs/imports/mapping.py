"""Parts of a Word document -> front matter of the model (document.schema.json), with a located
finding for everything that does not map. People named in table 1 become claims on the people
registry (people.py decides what is added)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Collector
from .lookup import CODE_PATTERN, Lookup, normal_code
from .parts import Parts, Step
from .text import slug
from .vocabulary import PREFIX_KIND

# table-1 steps and their front matter fields (one person, or a list for several); endorsed
# (Avizat) only where qms.yml approval.steps has it, else its row is kept in the body
STEP_FIELDS = {"elaborated": "elaborated_by", "verified": "verified_by",
               "endorsed": "endorsed_by", "approved": "approved_by"}
REQUIRED_STEPS = ("elaborated", "verified", "approved")
STEP_LABELS = {"elaborated": "Elaborat", "verified": "Verificat", "endorsed": "Avizat",
               "approved": "Aprobat"}


@dataclass
class Claim:
    """Table 1 says: this person held this function on this day."""

    name: str
    role: str
    date: str
    where: str
    field: str  # the front matter key it fills ('' when it is kept in the body only)
    index: int | None = None  # the position in the field's list (several people in a step)


@dataclass
class Options:
    code: str | None = None
    kind: str | None = None
    process: str | None = None
    steps: tuple[str, ...] = ("elaborated", "verified", "approved")  # qms.yml approval.steps


@dataclass
class Mapped:
    front: dict
    extra_steps: list[Step] = field(default_factory=list)   # table-1 rows without a field
    extra_rows: list[tuple[str, str]] = field(default_factory=list)  # (where, text) kept
    claims: list[Claim] = field(default_factory=list)


def front_matter(parts: Parts, lk: Lookup, opts: Options, col: Collector,
                 embedded: dict | None = None) -> Mapped:
    h = parts.header
    fm: dict = {}
    m = Mapped(fm)
    code = opts.code or (h.code.value if h.code else "")
    if not code and embedded:
        code = embedded.get("code", "")
    where_code = h.code.where if h.code and not opts.code else ""
    if not code:
        col.error("header" if not parts.header.code else where_code, "QMS902",
                  "no document code in the page header or on the cover",
                  "write 'Cod: PO-XXX-01' in the header, or pass --code")
    else:
        norm = normal_code(code)
        if not CODE_PATTERN.match(norm):
            col.error(where_code, "QMS903", f"code '{code}' is not of the form PS-01, "
                      "PO-DAPL-03, IL-02, F-07", "pass --code with the code to use")
        elif norm != code.strip():
            col.note(where_code, "QMS903", f"code '{code}' written as '{norm}'")
        fm["code"] = norm
    title = h.title.value if h.title else ""
    if not title:
        col.error("header", "QMS906", "no title in the page header or on the cover",
                  "write the title in the header (e.g. 'Titlul: ...')")
    fm["title"] = title
    kind = opts.kind or (PREFIX_KIND.get(fm.get("code", "").split("-")[0]) if fm.get("code")
                         else None) or (h.kind.value if h.kind else None)
    if not kind:
        col.error(where_code, "QMS905", "kind of document unknown (the code does not start "
                  "with PS, PO, IL or F)", "pass --kind system-procedure | operational-procedure"
                  " | work-instruction | form")
    fm["kind"] = kind or ""
    _version(parts, fm, col)
    _department(parts, lk, fm, col)
    _process(parts, lk, opts, fm, col)
    _steps(parts, lk, m, col, opts.steps)
    _revisions(parts, fm, col)
    _distribution(parts, lk, m, col)
    return m


def _version(parts: Parts, fm: dict, col: Collector) -> None:
    h = parts.header
    rows = [(r.edition, r.revision) for r in parts.revisions]
    ed = int(h.edition.value) if h.edition else (max(rows)[0] if rows else None)
    rev = int(h.revision.value) if h.revision else (
        max(r for e, r in rows if e == ed) if rows and ed in [e for e, _ in rows] else None)
    if ed is None:
        col.warning("header", "QMS907", "no edition in the header or table 2: edition 1 "
                    "assumed", "write 'Ediția I' in the header")
    if rev is None:
        col.warning(h.edition.where if h.edition else "header", "QMS907",
                    "no revision in the header or table 2: revision 0 assumed",
                    "write 'Revizia 0' in the header")
    fm["edition"], fm["revision"] = max(1, ed or 1), rev or 0
    row = next((r for r in parts.revisions if (r.edition, r.revision) ==
                (fm["edition"], fm["revision"])), None)
    if row and row.date:
        fm["effective_date"] = row.date
    elif h.effective:
        fm["effective_date"] = h.effective.value
    else:
        approved = next((s.date for s in parts.steps if s.step == "approved" and s.date), "")
        if approved:
            fm["effective_date"] = approved
            col.warning("", "QMS907", f"no date for edition {fm['edition']} revision "
                        f"{fm['revision']} in table 2: the approval date {approved} is used as "
                        "the effective date", "add the row with its date to table 2")
        else:
            col.error("", "QMS907", "no effective date (table 2 row of the current version, "
                      "or 'în vigoare de la' in the header)", "add the row to table 2")


def _department(parts: Parts, lk: Lookup, fm: dict, col: Collector) -> None:
    d = parts.header.department
    if not d:
        return
    did = lk.department(d.value)
    if did:
        fm["department"] = did
    else:
        close = [lk.departments[k] for k in lk.near(d.value, lk.departments)]
        col.warning(d.where, "QMS908", f"department '{d.value}' not in organization.yml: left "
                    "out", (f"did you mean {', '.join(dict.fromkeys(close))}? " if close else "")
                    + "add it to 'departments' in organization.yml")


def _process(parts: Parts, lk: Lookup, opts: Options, fm: dict, col: Collector) -> None:
    if opts.process:
        fm["process"] = opts.process
        return
    dept = fm.get("department")
    candidates = [p for p, d in lk.processes.items() if dept and d == dept]
    if len(candidates) == 1:
        fm["process"] = candidates[0]
        col.note("", "QMS909", f"process {candidates[0]}: the only one of department {dept}")
        return
    col.error("", "QMS909", "process not determined (a procedure belongs to one process of "
              "processes.yml)", "pass --process P-xx" + (f" (processes of {dept}: "
                                                        f"{', '.join(candidates)})"
                                                        if candidates else ""))


def _steps(parts: Parts, lk: Lookup, m: Mapped, col: Collector,
           steps: tuple[str, ...]) -> None:
    """Each configured step's rows to its field: one person as a mapping, several as a list
    (one row of table 1 each, in the table's order)."""
    if not parts.steps:
        col.error("", "QMS910", "table 1 (Elaborat / Verificat / Aprobat) not found",
                  "a table whose rows start with Elaborat, Verificat, Aprobat")
    for step, fld in STEP_FIELDS.items():
        people = [s for s in parts.steps if s.step == step]
        if step not in steps:
            continue
        if not people and parts.steps and step in REQUIRED_STEPS:
            col.error(parts.steps[0].where, "QMS910", f"table 1 has no {STEP_LABELS[step]} row",
                      f"add the {STEP_LABELS[step]} row (name, function, date)")
            continue
        if len(people) == 1:
            m.front[fld] = _approval(people[0], lk, m, col, fld)
        elif people:
            m.front[fld] = [_approval(s, lk, m, col, fld, n) for n, s in enumerate(people)]
    for s in parts.steps:
        if s.step not in steps:
            m.extra_steps.append(s)
            _approval(s, lk, m, col, "")
            col.warning(s.where, "QMS911", f"step '{s.label}' is not one of qms.yml "
                        f"approval.steps ({', '.join(steps)}): kept in the body",
                        f"add '{s.step}' to approval.steps in qms.yml (before approved) and "
                        "import again with --replace")


def _approval(s: Step, lk: Lookup, m: Mapped, col: Collector, fld: str,
              index: int | None = None) -> dict:
    out: dict = {}
    role = lk.role(s.function) if s.function else None
    if s.function and not role:
        col.error(s.where, "QMS912", f"job function '{s.function}' not in roles.yml",
                  lk.role_hint(s.function))
        role = slug(s.function)
    if not s.function:
        col.error(s.where, "QMS912", f"{s.label}: no job function", "write the function")
    if role:
        out["role"] = role
    if s.name:
        out["name"] = s.name  # people.py drops it where the registry gives the same holder
    if s.date:
        out["date"] = s.date
    elif fld:
        col.warning(s.where, "QMS914", f"{s.label}: no date", "write the date of the signature")
    if s.name and role and s.date and role in lk.role_names:
        m.claims.append(Claim(s.name, role, s.date, s.where, fld, index))
    return out


def _revisions(parts: Parts, fm: dict, col: Collector) -> None:
    if not parts.revisions:
        col.warning("", "QMS915", "table 2 (editions and revisions) not found",
                    "a table with 'Ediția' / 'Revizia' rows")
        return
    out = []
    for r in parts.revisions:
        row: dict = {"edition": max(1, r.edition), "revision": r.revision}
        if r.component:
            row["component"] = r.component
        row["description"] = r.description or r.component or "—"
        if r.date:
            row["date"] = r.date
        else:
            col.warning(r.where, "QMS915", f"edition {r.edition} revision {r.revision} has no "
                        "date in table 2", "write the date from which it applies")
        out.append(row)
    fm["revisions"] = out


def _distribution(parts: Parts, lk: Lookup, m: Mapped, col: Collector) -> None:
    out = []
    for d in parts.distribution:
        if not d.purpose or not d.function:
            text = " | ".join(x for x in (d.purpose_text, str(d.copy or ""), d.department,
                                          d.function, d.name) if x)
            if text.strip():
                col.warning(d.where, "QMS917", "distribution row without "
                            f"{'a purpose' if not d.purpose else 'a job function'}: kept in "
                            "the body", "purposes: aplicare, informare, evidență, arhivare, "
                            "alte scopuri")
                m.extra_rows.append((d.where, text))
            continue
        role = lk.role(d.function)
        if not role:
            col.error(d.where, "QMS912", f"job function '{d.function}' not in roles.yml",
                      lk.role_hint(d.function))
            role = slug(d.function)
        row: dict = {"purpose": d.purpose, "role": role}
        if d.department:
            did = lk.department(d.department)
            if did:
                row["department"] = did
            else:
                col.warning(d.where, "QMS908", f"department '{d.department}' not in "
                            "organization.yml: left out of the row", "")
        if d.copy:
            row["copy"] = d.copy
        for k in ("received", "withdrawn"):
            if getattr(d, k):
                row[k] = getattr(d, k)
        out.append(row)
    if out:
        m.front["distribution"] = out
    elif not parts.distribution:
        col.warning("", "QMS917", "table 3 (distribution list) not found",
                    "a table with 'Scopul difuzării' and the recipients")
