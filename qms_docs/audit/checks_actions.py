"""Checks of the findings register (ISO 10.2), management reviews (9.3) and training (7.2, 7.3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..caf.util import unknown_hint
from ..findings import Finding
from ..model import QMS
from .checklist import related, scope_clauses, scope_processes
from .model import Action, AuditData, FindingRecord, Review, parse_date

OUTPUTS = {"improvement": "9.3.3 a) opportunities for improvement",
           "changes": "9.3.3 b) changes to the QMS", "resources": "9.3.3 c) resource needs"}

if TYPE_CHECKING:
    from ..check.references import _Refs as Refs


def check_findings(qms: QMS, data: AuditData, refs: Refs, today: dt.date) -> Iterator[Finding]:
    for f in data.findings:
        refs.need("process", f.process, f.where, "process")
        refs.need("clause", f.clause, f.where, "clause")
        yield from _finding(qms, data, f)
        if f.action is not None:
            refs.need("role", f.action.owner, f.action.where, "owner")
            if f.action.verification:
                refs.need("actor", f.action.verification.by, f.action.verification.where, "by")
            yield from _action(f, f.action, today)


def _finding(qms: QMS, data: AuditData, f: FindingRecord) -> Iterator[Finding]:
    if not f.clause:
        yield Finding(*f.where.loc("clause"), "error", "QMS611",
                      f"{f.id} has no ISO 9001 clause",
                      "name the requirement not met, e.g. clause: \"7.5.3\"")
    audit = data.audit(f.audit) if f.audit else None
    if f.audit and audit is None:
        yield Finding(*f.where.loc("audit"), "error", "QMS602",
                      f"{f.id}: unknown audit '{f.audit}'",
                      unknown_hint([a.id for a in data.audits], f.audit, "audits/"))
    if audit is not None:
        clauses = scope_clauses(qms, audit)
        if f.clause and clauses and not any(related(f.clause, c) for c in clauses):
            yield Finding(*f.where.loc("clause"), "warning", "QMS617",
                          f"{f.id}: clause {f.clause} is outside the scope of {audit.id}",
                          "check the clause, or the audit the finding belongs to")
        if f.process and f.process not in scope_processes(qms, audit):
            yield Finding(*f.where.loc("process"), "warning", "QMS617",
                          f"{f.id}: process {f.process} is outside the scope of {audit.id}",
                          "check the process, or the audit the finding belongs to")
    if f.is_nc and (not f.root_cause or f.action is None):
        missing = " and ".join(x for x, ok in (("root cause", f.root_cause),
                                               ("corrective action", f.action)) if not ok)
        yield Finding(*f.where.loc("id"), "warning", "QMS612",
                      f"nonconformity {f.id} has no {missing}",
                      "ISO 10.2.1: find the cause ('root_cause') and decide an 'action'")


def _action(f: FindingRecord, a: Action, today: dt.date) -> Iterator[Finding]:
    for key in ("owner", "deadline"):
        if not getattr(a, key):
            yield Finding(*a.where.loc(key), "error", "QMS613",
                          f"corrective action of {f.id} has no {key}",
                          f"set '{key}' (ISO 10.2.1: who does what by when)")
    due = a.due
    if due and due < today and a.is_open:
        yield Finding(*a.where.loc("deadline"), "warning", "QMS614",
                      f"corrective action of {f.id} was due {a.deadline} and is {a.status}",
                      "implement it, or set a new deadline with a 'progress' note")
    v = a.verification
    if a.status == "closed" and v is None:
        yield Finding(*a.where.loc("status"), "error", "QMS615",
                      f"corrective action of {f.id} is closed without a verification of "
                      "effectiveness", "add verification: date, by, result, effective "
                      "(ISO 10.2.1 d), or set status: implemented")
    if a.status == "closed" and v is not None and v.effective is False:
        yield Finding(*v.where.loc("effective"), "error", "QMS616",
                      f"corrective action of {f.id} is closed but was found not effective",
                      "reopen it (status: in-progress) with a new action, or raise a new "
                      "finding")
    yield from _dates(f, a)


def _dates(f: FindingRecord, a: Action) -> Iterator[Finding]:
    raised = parse_date(f.date)
    for key, value in (("deadline", a.deadline), ("done", a.done)):
        day = parse_date(value)
        if raised and day and day < raised:
            yield Finding(*a.where.loc(key), "error", "QMS618",
                          f"{f.id}: {key} {value} is before the finding ({f.date})",
                          "correct the date")
    v = a.verification
    done, checked = parse_date(a.done), parse_date(v.date) if v else None
    if v and checked and (done and checked < done or raised and checked < raised):
        yield Finding(*v.where.loc("date"), "error", "QMS618",
                      f"{f.id}: verified on {v.date}, before the action was done",
                      "verify effectiveness after the action is implemented")


def check_reviews(data: AuditData, refs: Refs, today: dt.date) -> Iterator[Finding]:
    for r in data.reviews:
        yield from _review(r, refs, today)
        yield from _frozen(data, r, today)
    for x in data.frozen:
        if x.folder != str(x.year):
            yield Finding(*x.where.loc("year"), "error", "QMS603",
                          f"review inputs {x.year} are in audits/{x.folder}/",
                          f"move them to audits/{x.year}/review-inputs.yml")


def _frozen(data: AuditData, r: Review, today: dt.date) -> Iterator[Finding]:
    """A review that took place has its inputs frozen on or before its date: a record keeps
    what was known then, not what the repository says later (QMS330)."""
    held = parse_date(r.date)
    x = data.inputs_of(r.year)
    if x is None:
        if held and held <= today:
            yield Finding(*r.where.loc("date"), "warning", "QMS330",
                          f"management review {r.year} has no inputs frozen at its date",
                          f"before the meeting run 'qms review-inputs --year {r.year} --freeze' "
                          f"(it writes audits/{r.year}/review-inputs.yml); the site shows "
                          "inputs computed from today's repository meanwhile, marked as such")
    elif x.frozen_on and r.date and x.frozen_on > r.date:
        yield Finding(*x.where.loc("frozen_on"), "warning", "QMS330",
                      f"inputs of the {r.year} review frozen on {x.frozen_on}, after the review "
                      f"({r.date})", "inputs are what the participants had before the meeting")


def _review(r: Review, refs: Refs, today: dt.date) -> Iterator[Finding]:
    if r.folder != str(r.year):
        yield Finding(*r.where.loc("year"), "error", "QMS603",
                      f"management review {r.year} is in audits/{r.folder}/",
                      f"move it to audits/{r.year}/management-review.yml")
    refs.need("role", r.chair, r.where, "chair")
    refs.each("actor", r.participants, r.where, "participants")
    have = {d.output for d in r.decisions}
    missing = [text for key, text in OUTPUTS.items() if key not in have]
    if missing:
        yield Finding(*r.where.loc("decisions"), "warning", "QMS620",
                      f"management review {r.year} records no decision on "
                      f"{'; '.join(missing)}", "ISO 9.3.3: record a decision (even 'none "
                      "needed') on improvement, changes and resources")
    for x in r.actions:
        refs.need("role", x.owner, x.where, "owner")
        if not x.owner:
            yield Finding(*x.where.loc("owner"), "error", "QMS613",
                          f"action {x.id} has no owner", "set 'owner' (roles.yml)")
        due = parse_date(x.deadline)
        if due and due < today and x.status in ("planned", "in-progress"):
            yield Finding(*x.where.loc("deadline"), "warning", "QMS614",
                          f"action {x.id} was due {x.deadline} and is {x.status}",
                          "mark it done or cancelled, or set a new deadline")


def check_training(qms: QMS, data: AuditData, refs: Refs) -> Iterator[Finding]:
    for s in data.sessions:
        refs.need("actor", s.trainer, s.where, "trainer")
        refs.each("actor", s.attendees, s.where, "attendees")
        for p in s.documents:
            refs.need("document", p.code, p.where, "code")
            doc = qms.document(p.code)
            if doc and (p.edition, p.revision) > (doc.edition, doc.revision):
                yield Finding(*p.where.loc("edition"), "error", "QMS621",
                              f"{s.id} presents {p.code} {p.version}, newer than its current "
                              f"edition {doc.version}", f"the version in force is {doc.version}")
