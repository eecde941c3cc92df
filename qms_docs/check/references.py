"""Cross-references: every id a file names exists, and no id or code is defined twice."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator

from ..findings import Finding
from ..model import QMS
from ..model.base import Where
from ..model.reference import iso_clauses

_WHAT = {  # code, noun, where they are defined
    "process": ("QMS201", "process", "processes.yml"),
    "role": ("QMS202", "job function", "roles.yml"),
    "document": ("QMS203", "document", "procedures/, instructions/, forms/, manual/manual.yml"),
    "clause": ("QMS204", "ISO 9001 clause", "the ISO 9001:2015 clause list"),
    "department": ("QMS205", "department", "organization.yml"),
    "record": ("QMS206", "record type", "records.yml"),
    "risk": ("QMS207", "risk", "risks.yml"),
    "person": ("QMS208", "person", "people.yml"),
    # where a record names someone: a person of the registry, or a job function (its holder
    # on the record's date)
    "actor": ("QMS208", "person or job function", "people.yml, roles.yml"),
}


class _Refs:
    def __init__(self, qms: QMS):
        self.known = {
            "process": [p.id for p in qms.processes], "role": [r.id for r in qms.roles],
            "document": [d.code for d in qms.all_documents], "clause": list(iso_clauses()),
            "department": [d.id for d in qms.organisation.departments],
            "record": [r.id for r in qms.records], "risk": [r.id for r in qms.risks],
            "person": [p.id for p in qms.people],
        }
        self.known["actor"] = self.known["person"] + self.known["role"]
        self.sets = {k: set(v) for k, v in self.known.items()}
        self.unreadable = unreadable_kinds(qms)
        self.findings: list[Finding] = []

    def need(self, what: str, value: str, where: Where, *sub: str | int) -> None:
        if not value or value in self.sets[what] or what in self.unreadable:
            return
        code, noun, home = _WHAT[what]
        known = self.known[what]
        close = closest(value, known)
        plural = noun.replace("person or job function", "people and job functions") if \
            what == "actor" else noun + ("es" if noun.endswith("s") else "s")
        hint = f"known {plural} are {_span(known)} ({home})" if known else f"define it in {home}"
        if close:
            hint += f"; did you mean '{close[0]}'?"
        self.findings.append(Finding(*where.loc(*sub), "error", code,
                                     f"unknown {noun} '{value}'", hint))

    def each(self, what: str, values: Iterable[str], where: Where, key: str) -> None:
        for i, v in enumerate(values):
            self.need(what, v, where, key, i)


# Where each kind of id is defined (content-relative): when such a file could not be read, its
# ids are unknown, and every reference to them would be a false "unknown" finding.
_HOMES = {"process": ("processes.yml",), "role": ("roles.yml",), "risk": ("risks.yml",),
          "record": ("records.yml",), "person": ("people.yml",),
          "department": ("organization.yml",),
          "document": ("procedures/", "instructions/", "forms/", "manual/")}


def unreadable_kinds(qms: QMS) -> set[str]:
    content = qms.config.content_dir.strip("/") + "/"
    broken = [f.path.removeprefix(content) for f in qms.files.findings if f.code < "QMS100"]
    return {kind for kind, homes in _HOMES.items()
            if any(b == h or (h.endswith("/") and b.startswith(h)) for b in broken for h in homes)}


def _plain(value: str) -> str:
    """An id as people mistype it: case and leading zeros of its numbers do not count."""
    return re.sub(r"(?<!\d)0+(?=\d)", "", value.casefold())


def closest(value: str, known: list[str]) -> list[str]:
    """The known id meant by value: the same but for case or leading zeros (P-4 is P-04),
    else the most similar one."""
    plain = _plain(value)
    same = [k for k in known if _plain(k) == plain]
    return same[:1] or difflib.get_close_matches(value, known, 1, 0.6)


def _span(ids: list[str]) -> str:
    return ", ".join(ids) if len(ids) <= 4 else f"{ids[0]} … {ids[-1]}"


def check_references(qms: QMS) -> list[Finding]:
    r = _Refs(qms)
    org = qms.organisation
    for d in org.departments:
        r.need("department", d.parent, d.where, "parent")
    for e in org.exclusions:
        r.need("clause", e.clause, e.where, "clause")
    for role in qms.roles:
        r.need("department", role.department, role.where, "department")
    for p in qms.processes:
        r.need("role", p.owner, p.where, "owner")
        r.need("department", p.department, p.where, "department")
        r.each("process", p.feeds, p.where, "feeds")
        r.each("clause", p.clauses, p.where, "clauses")
    for c in qms.context:
        r.each("process", c.processes, c.where, "processes")
        r.each("risk", c.risks, c.where, "risks")
    for party in qms.parties:
        r.each("process", party.processes, party.where, "processes")
    for a in qms.activities:
        r.need("document", a.document, a.where, "document")
        r.each("clause", a.clauses, a.where, "clauses")
        for rid in a.raci:
            if rid not in r.sets["role"]:
                r.need("role", rid, Where(a.where.file, a.where.path + ("raci", rid, "<key>")))
    for risk in qms.risks:
        r.need("process", risk.process, risk.where, "process")
        r.need("role", risk.owner, risk.where, "owner")
        r.need("department", risk.department, risk.where, "department")
        for m in risk.measures:
            r.need("role", m.owner, m.where, "owner")
    for o in qms.objectives:
        r.need("process", o.process, o.where, "process")
        r.need("role", o.owner, o.where, "owner")
    for rec in qms.records:
        r.need("document", rec.produced_by, rec.where, "produced_by")
        r.need("role", rec.kept_by, rec.where, "kept_by")
        r.each("clause", rec.clauses, rec.where, "clauses")
    for ack in qms.acknowledgements:
        r.need("document", ack.document, ack.where, "document")
        r.need("role", ack.role, ack.where, "role")
    for person in qms.people:
        for t in person.functions:
            r.need("role", t.role, t.where, "role")
    for ch in qms.chapters:
        r.each("clause", ch.clauses, ch.where, "clauses")
    for doc in qms.all_documents:
        _document_refs(r, doc)
    return r.findings + list(_duplicates(qms))


def _document_refs(r: _Refs, doc) -> None:
    w = doc.where
    r.need("process", doc.process, w, "process")
    r.need("department", doc.department, w, "department")
    r.need("document", doc.parent, w, "parent")
    for a in doc.approvals:
        r.need("role", a.role, w, *a.path, *(("role",) if a.declared_name or a.declared_date
                                             else ()))
    for i, row in enumerate(doc.distribution):
        r.need("role", row.role, w, "distribution", i, "role")
        r.need("department", row.department, w, "distribution", i, "department")
        r.need("person", row.person, w, "distribution", i, "person")
    for i, op in enumerate(doc.analysis):
        r.need("department", op.department, w, "analysis", i, "department")
        r.need("role", op.role, w, "analysis", i, "role")
        r.need("person", op.person, w, "analysis", i, "person")
    r.each("clause", doc.clauses, w, "clauses")
    r.each("document", doc.forms, w, "forms")
    r.each("record", doc.records, w, "records")


def _duplicates(qms: QMS) -> Iterator[Finding]:
    groups: list[tuple[str, list[tuple[str, Where]]]] = [
        ("department", [(d.id, d.where.child("id")) for d in qms.organisation.departments]),
        ("job function", [(x.id, x.where.child("id")) for x in qms.roles]),
        ("person", [(x.id, x.where.child("id")) for x in qms.people]),
        ("process", [(x.id, x.where.child("id")) for x in qms.processes]),
        ("context issue", [(x.id, x.where.child("id")) for x in qms.context]),
        ("interested party", [(x.id, x.where.child("id")) for x in qms.parties]),
        ("activity", [(x.id, x.where.child("id")) for x in qms.activities]),
        ("risk", [(x.id, x.where.child("id")) for x in qms.risks]),
        ("objective", [(x.id, x.where.child("id")) for x in qms.objectives]),
        ("record type", [(x.id, x.where.child("id")) for x in qms.records]),
        ("document code", [(x.code, x.where.child("code")) for x in qms.all_documents]),
        ("manual chapter", [(str(c.chapter), c.where.child("chapter")) for c in qms.chapters]),
    ]
    for noun, entries in groups:
        first: dict[str, Where] = {}
        for key, where in entries:
            if not key:
                continue
            if key in first:
                rel, line, _ = first[key].loc()
                yield Finding(*where.loc(), "error", "QMS210", f"duplicate {noun} '{key}'",
                              f"first defined at {rel}:{line}")
            else:
                first[key] = where
