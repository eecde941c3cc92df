"""Records are what happened on their date: the people they name were in post then (QMS325),
the system they evidence existed (QMS326), and the versions they cite had been issued (QMS329)."""

from __future__ import annotations

from collections.abc import Iterator

from ..check.people import held
from ..findings import Finding
from ..model import QMS, Document
from .model import AuditData

EXTERNAL = ("certification", "surveillance")


def check_dates(qms: QMS, data: AuditData) -> Iterator[Finding]:
    yield from _people(qms, data)
    yield from _before_system(qms, data)
    yield from _versions(qms, data)


def _people(qms: QMS, data: AuditData) -> Iterator[Finding]:
    for prog in data.programmes:
        yield from _opt(held(qms, prog.approved_by, prog.approved, prog.where, "approved_by",
                             what="approving the audit programme"))
    for a in data.audits:
        yield from _opt(held(qms, a.lead, a.start, a.where, "lead", what="lead auditor"))
        for i, who in enumerate(a.auditors):
            yield from _opt(held(qms, who, a.start, a.where, "auditors", i, what="auditor"))
        for s in a.plan:
            for i, who in enumerate(s.auditees):
                yield from _opt(held(qms, who, s.date, s.where, "auditees", i, what="auditee"))
    for r in data.reviews:
        yield from _opt(held(qms, r.chair, r.date, r.where, "chair", what="chair"))
        for i, who in enumerate(r.participants):
            yield from _opt(held(qms, who, r.date, r.where, "participants", i,
                                 what="participant"))
    for s in data.sessions:
        yield from _opt(held(qms, s.trainer, s.date, s.where, "trainer", what="trainer"))
        for i, who in enumerate(s.attendees):
            yield from _opt(held(qms, who, s.date, s.where, "attendees", i, what="attendee"))
    for f in data.findings:
        v = f.action.verification if f.action else None
        if v is not None:
            yield from _opt(held(qms, v.by, v.date, v.where, "by",
                                 what="verifying effectiveness"))


def _opt(f: Finding | None) -> Iterator[Finding]:
    if f is not None:
        yield f


def _before_system(qms: QMS, data: AuditData) -> Iterator[Finding]:
    """Audits of the QMS (not the diagnostic audit that precedes it), management reviews and
    findings of those audits dated before the system existed."""
    since = qms.system_since
    if not since:
        return
    hint = (f"the QMS exists from {since} (the first edition of {qms.manual.code}, table 2): "
            "correct the date, or record a gap audit as type: diagnostic") if qms.manual else ""
    for a in data.audits:
        if a.type != "diagnostic" and a.start and a.start < since:
            yield Finding(*a.where.loc("start"), "error", "QMS326",
                          f"{a.type} audit {a.id} on {a.start}, before the QMS existed", hint)
    for r in data.reviews:
        if r.date and r.date < since:
            yield Finding(*r.where.loc("date"), "error", "QMS326",
                          f"management review of {r.date}, before the QMS existed", hint)
    for f in data.findings:
        audit = data.audit(f.audit) if f.audit else None
        if (audit is None and f.audit) or (audit is not None and audit.type == "diagnostic"):
            continue  # an unknown audit is QMS602 already: its date is judged once it resolves
        if f.date and f.date < since:
            yield Finding(*f.where.loc("date"), "error", "QMS326",
                          f"{f.id} dated {f.date}, before the QMS existed", hint)


def issued(doc: Document, edition: int, revision: int) -> str:
    """The date a version applies from (table 2), '' when the table has no such row."""
    return next((r.date for r in doc.revisions if (r.edition, r.revision) == (edition, revision)),
                "")


def _versions(qms: QMS, data: AuditData) -> Iterator[Finding]:
    for s in data.sessions:
        for p in s.documents:
            doc = qms.document(p.code)
            day = issued(doc, p.edition, p.revision) if doc else ""
            if day and s.date and s.date < day:
                yield Finding(*p.where.loc("edition"), "error", "QMS329",
                              f"{s.id} of {s.date} presents {p.code} {p.version}, which "
                              f"applies from {day}",
                              "a record shows what existed on its date: present the version "
                              "then in force")
