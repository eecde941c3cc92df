"""ISO 9001 coverage: every clause addressed, every M item documented, every R item recorded,
every exclusion justified (ISO 9001 4.3)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..model import QMS
from ..model.reference import Clause, is_within, iso_clauses


def claims(qms: QMS) -> dict[str, list[str]]:
    """Clause id -> the chapters, processes and documents that claim it (the clause matrix)."""
    out: dict[str, list[str]] = {}
    for ch in qms.chapters:
        for c in ch.clauses:
            out.setdefault(c, []).append(f"MC cap. {ch.chapter}")
    for p in qms.processes:
        for c in p.clauses:
            out.setdefault(c, []).append(p.id)
    for d in qms.documents:
        for c in d.clauses:
            out.setdefault(c, []).append(d.code)
    return out


def related(claim: str, clause: str) -> bool:
    """A claim addresses a clause when it is the clause, a sub-clause of it, or a clause that
    contains it (a procedure claiming 4.4 holds what 4.4.2 asks for)."""
    return is_within(claim, clause) or is_within(clause, claim)


def check_coverage(qms: QMS) -> list[Finding]:
    if qms.organisation.where is None:
        return []
    excluded = {e.clause for e in qms.organisation.exclusions}
    return list(_exclusions(qms, excluded)) + list(_coverage(qms, excluded))


def is_excluded(clause: str, excluded: set[str]) -> bool:
    return any(is_within(clause, e) for e in excluded)


def _exclusions(qms: QMS, excluded: set[str]) -> Iterator[Finding]:
    clauses = iso_clauses()
    for e in qms.organisation.exclusions:
        c = clauses.get(e.clause)
        if c is None:
            continue  # unknown clause: QMS204
        if not e.justification.strip():
            yield Finding(*e.where.loc("clause"), "error", "QMS306",
                          f"requirement {c.id} is declared not applicable without a "
                          "justification", "ISO 9001 4.3: write why it cannot be applied and "
                          "why conformity of the services is not affected ('justification')")
        if not c.excludable and not any(is_within(c.id, x) or is_within(x, c.id)
                                        for x in _usual()):
            yield Finding(*e.where.loc("clause"), "warning", "QMS328",
                          f"requirement {c.id} ({c.label('en')}) is declared not applicable: "
                          "a QMS can hardly do without it",
                          "ISO 9001 4.3 allows it only when the requirement cannot be applied "
                          "and conformity is not affected; clauses 4-7, 9 and 10 are the "
                          "system itself (7.1.5 and clause 8 are where exclusions usually are)")
    claimed = claims(qms)
    for clause, who in sorted(claimed.items()):
        if is_excluded(clause, excluded):
            yield Finding(*qms.organisation.where.loc("exclusions"), "warning", "QMS320",
                          f"excluded clause {clause} is claimed by {', '.join(who)}",
                          "either remove the exclusion or the claim")


def _usual() -> list[str]:
    """Operation (clause 8) is where requirements may plausibly not apply."""
    return [c.id for c in iso_clauses().values() if c.parent is None and c.id.startswith("8.")]


def _coverage(qms: QMS, excluded: set[str]) -> Iterator[Finding]:
    claimed = list(claims(qms))
    documented = [c for ch in qms.chapters for c in ch.clauses] + \
                 [c for d in qms.documents for c in d.clauses]
    recorded = [c for r in qms.records for c in r.clauses]
    where = qms.organisation.where.loc("scope")  # type: ignore[union-attr]
    for clause in iso_clauses().values():
        if is_excluded(clause.id, excluded):
            continue
        if clause.parent is None and not any(is_within(c, clause.id) for c in claimed):
            yield Finding(*where, "error", "QMS303",
                          f"clause {clause.id} {clause.title_en} is not addressed",
                          "list it in the 'clauses' of a manual chapter, process or procedure, "
                          "or exclude it with a justification")
        if "M" in clause.kinds and not any(related(c, clause.id) for c in documented):
            yield Finding(*where, "error", "QMS304",
                          f"clause {clause.id} requires a maintained document "
                          f"({_note(clause, 'M')}) and none claims it",
                          "claim the clause in the manual chapter or procedure that holds it")
        if "R" in clause.kinds and not any(related(c, clause.id) for c in recorded):
            yield Finding(*where, "error", "QMS305",
                          f"clause {clause.id} requires retained records "
                          f"({_note(clause, 'R')}) and no record type claims it",
                          "add a record type in records.yml with this clause")


def _note(c: Clause, kind: str) -> str:
    return "; ".join(f"{m.label()} {m.note_ro}" for m in c.documented if m.type == kind)
