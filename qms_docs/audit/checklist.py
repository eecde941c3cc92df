"""The audit checklist, generated from the model: for each ISO 9001 clause in scope, the
documents, processes, records and responsibilities that address it.

An object addresses a clause when one of the clauses it claims is that clause, one of its
sub-clauses, or a clause containing it (a process claiming 9.1 addresses 9.1.1, and one
claiming 7.5.3 addresses 7.5). Refreshing keeps what the auditor wrote (status, evidence, notes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..model import QMS
from ..model.reference import is_within, iso_clauses
from .model import Audit, Checklist, Line

KINDS = ("documents", "processes", "records", "responsibilities")
NOT_APPLICABLE = "nu-se-aplica"


def related(claim: str, clause: str) -> bool:
    return is_within(claim, clause) or is_within(clause, claim)


def scope_processes(qms: QMS, audit: Audit) -> list[str]:
    if audit.processes is None or audit.type in ("diagnostic", "certification", "surveillance"):
        return [p.id for p in qms.processes]
    return list(audit.processes)


def scope_clauses(qms: QMS, audit: Audit) -> list[str]:
    """The clauses of the checklist, in the standard's order."""
    ref = list(iso_clauses())
    if audit.clauses is None or audit.type in ("diagnostic", "certification", "surveillance"):
        return [c.id for c in iso_clauses().values() if c.parent is None]
    wanted = set(audit.clauses)
    if not wanted:
        in_scope = set(scope_processes(qms, audit))
        wanted = {c for p in qms.processes if p.id in in_scope for c in p.clauses}
    return [c for c in ref if c in wanted]


def addressed_by(qms: QMS, clause: str) -> dict[str, list[str]]:
    """kind -> ids of the model objects that address clause."""
    manual = qms.manual.code if qms.manual and qms.manual.code else "MC"
    docs = [f"{manual} cap. {ch.chapter}" for ch in qms.chapters
            if _any(ch.clauses, clause)]
    docs += [d.code for d in qms.documents if _any(d.clauses, clause)]
    return {
        "documents": docs,
        "processes": [p.id for p in qms.processes if _any(p.clauses, clause)],
        "records": [r.id for r in qms.records if _any(r.clauses, clause)],
        "responsibilities": [a.id for a in qms.activities if _any(a.clauses, clause)],
    }


def _any(claims: Iterable[str], clause: str) -> bool:
    return any(related(c, clause) for c in claims)


def generate(qms: QMS, audit: Audit, existing: Checklist | None = None) -> list[Line]:
    clauses = iso_clauses()
    excluded = {e.clause: e.justification for e in qms.organisation.exclusions}
    out = []
    for cid in scope_clauses(qms, audit):
        objs = addressed_by(qms, cid)
        line = Line(cid, clauses[cid].label("ro"), objs["documents"], objs["processes"],
                    objs["records"], objs["responsibilities"], "", "", "")
        old = existing.line(cid) if existing else None
        if old is not None:
            line.status, line.evidence, line.notes = old.status, old.evidence, old.notes
        why = next((j for e, j in excluded.items() if is_within(cid, e)), None)
        if why is not None and not line.status:
            line.status, line.notes = NOT_APPLICABLE, line.notes or why
        out.append(line)
    return out


def differences(qms: QMS, audit: Audit, checklist: Checklist) -> tuple[list[str], list[str],
                                                                        dict[str, str]]:
    """(clauses missing from the checklist, clauses it should not have, clause -> what changed)."""
    fresh = {x.clause: x for x in generate(qms, audit)}
    have = {x.clause: x for x in checklist.lines}
    missing = [c for c in fresh if c not in have]
    extra = [c for c in have if c not in fresh]
    changed = {}
    for c in fresh:
        if c in have and (diff := _diff(have[c], fresh[c])):
            changed[c] = diff
    return missing, extra, changed


def _diff(old: Line, new: Line) -> str:
    parts = []
    for kind in KINDS:
        a, b = getattr(old, kind), getattr(new, kind)
        if a != b:
            parts.append(f"{kind} now {', '.join(b) or 'none'} (was {', '.join(a) or 'none'})")
    return "; ".join(parts)


def dump(audit_id: str, lines: list[Line]) -> str:
    """The checklist as YAML: generated fields first, the auditor's fields after."""
    out = ["# yaml-language-server: $schema=../../../../schemas/audit-checklist.schema.json",
           f"# Lista de verificare a auditului {audit_id}, generată din model cu",
           f"# 'qms audit checklist {audit_id}'. Auditorul completează status, evidence și notes;",
           "# status: conform | observatie | neconformitate-minora | neconformitate-majora |",
           "# nu-se-aplica. Reîmprospătarea păstrează ce a scris auditorul.",
           "", f"audit: {audit_id}", "lines:"]
    for x in lines:
        out.append(f"  - clause: {_q(x.clause)}")
        out.append(f"    title: {_q(x.title)}")
        for kind in KINDS:
            out.append(f"    {kind}: [{', '.join(_q(v) for v in getattr(x, kind))}]")
        out.append(f"    status: {x.status}".rstrip())
        out.append(f"    evidence: {_q(x.evidence) if x.evidence else ''}".rstrip())
        out.append(f"    notes: {_q(x.notes) if x.notes else ''}".rstrip())
    return "\n".join(out) + "\n"


def _q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)
