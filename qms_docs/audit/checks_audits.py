"""Checks of the audit programme, the audits, their plans and checklists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..caf.util import unknown_hint
from ..findings import Finding
from ..model import QMS
from ..model.reference import is_within
from .checklist import NOT_APPLICABLE, differences, related
from .independence import conflict
from .model import Audit, AuditData, Checklist, Programme, parse_date

NC_STATUSES = ("neconformitate-minora", "neconformitate-majora")

if TYPE_CHECKING:
    from ..check.references import _Refs as Refs


def _hint(qms: QMS, team: list[str], process: str, day: str = "") -> str:
    free = [a for a in team if not conflict(qms, a, process, day)]
    if free:
        return (f"auditors may not audit their own work (ISO 9001 9.2.2 c): assign "
                f"{' or '.join(repr(a) for a in free)}")
    return ("auditors may not audit their own work (ISO 9001 9.2.2 c): add to the team an "
            "auditor of another department")


def check_programmes(qms: QMS, data: AuditData, refs: Refs) -> Iterator[Finding]:
    for prog in data.programmes:
        yield from _programme(qms, prog, refs)


def _programme(qms: QMS, prog: Programme, refs: Refs) -> Iterator[Finding]:
    if prog.folder != str(prog.year):
        yield Finding(*prog.where.loc("year"), "error", "QMS603",
                      f"programme year {prog.year} does not match its folder "
                      f"audits/{prog.folder}/", f"move it to audits/{prog.year}/programme.yml")
    refs.need("role", prog.approved_by, prog.where, "approved_by")
    covered: set[str] = set()
    for pa in prog.audits:
        refs.each("actor", pa.auditors, pa.where, "auditors")
        refs.each("clause", pa.clauses, pa.where, "clauses")
        refs.each("process", pa.processes, pa.where, "processes")
        covered.update(pa.processes)
        day = f"{pa.month}-01" if pa.month else ""
        for i, pid in enumerate(pa.processes):
            if pa.auditors and all(conflict(qms, a, pid, day) for a in pa.auditors):
                why = "; ".join(f"'{a}' would audit {conflict(qms, a, pid, day)}"
                                for a in pa.auditors)
                yield Finding(*pa.where.loc("processes", i), "error", "QMS601",
                              f"{pa.id}: no independent auditor for {pid}: {why}",
                              _hint(qms, pa.auditors, pid, day))
    left = [p.id for p in qms.processes if p.id not in covered]
    if left and prog.audits:
        yield Finding(*prog.where.loc("audits"), "warning", "QMS605",
                      f"the {prog.year} audit programme leaves out {', '.join(left)}",
                      "plan every process at least once a year, or explain the cycle in "
                      "'criteria' and plan them in the next programme")


def check_audits(qms: QMS, data: AuditData, refs: Refs) -> Iterator[Finding]:
    for a in data.audits:
        yield from _identity(data, a)
        _scope(a, refs)
        yield from _plan(qms, a, refs)
        yield from _completion(a)
        if a.checklist is not None:
            yield from _checklist(qms, data, a, a.checklist)
    attached = {id(a.checklist) for a in data.audits if a.checklist is not None}
    for cl in data.checklists:
        if id(cl) not in attached or data.audit(cl.audit) is None:
            yield Finding(*cl.where.loc("audit"), "error", "QMS602",
                          f"checklist of unknown audit '{cl.audit}'",
                          "keep checklist.yml beside its audit.yml, in "
                          "audits/<year>/<audit id>/")


def _identity(data: AuditData, a: Audit) -> Iterator[Finding]:
    if a.folder != f"{a.year}/{a.id}":
        yield Finding(*a.where.loc("id"), "error", "QMS603",
                      f"audit {a.id} starting {a.start} is in audits/{a.folder}/",
                      f"move it to audits/{a.year}/{a.id}/")
    prog = data.programme(a.year)
    if not a.external_body and (prog is None or a.id not in [p.id for p in prog.audits]):
        yield Finding(*a.where.loc("id"), "error", "QMS604",
                      f"audit {a.id} is not in the {a.year} audit programme",
                      f"list it under 'audits' in audits/{a.year}/programme.yml")
    start, end = parse_date(a.start), parse_date(a.end)
    if start and end and end < start:
        yield Finding(*a.where.loc("end"), "error", "QMS606",
                      f"audit {a.id} ends ({a.end}) before it starts ({a.start})",
                      "correct the dates")


def _scope(a: Audit, refs: Refs) -> None:
    scope = a.where.child("scope")
    refs.each("process", a.processes or [], scope, "processes")
    refs.each("clause", a.clauses or [], scope, "clauses")
    refs.need("actor", a.lead, a.where, "lead")
    refs.each("actor", a.auditors, a.where, "auditors")
    report = a.report.get("distribution")
    if isinstance(report, list):
        refs.each("role", [str(x) for x in report], a.where.child("report"), "distribution")


def _plan(qms: QMS, a: Audit, refs: Refs) -> Iterator[Finding]:
    start, end = parse_date(a.start), parse_date(a.end)
    for s in a.plan:
        refs.need("process", s.process, s.where, "process")
        refs.need("actor", s.auditor, s.where, "auditor")
        refs.each("role", s.auditees, s.where, "auditees")
        refs.each("clause", s.clauses, s.where, "clauses")
        day = parse_date(s.date)
        if day and start and end and not start <= day <= end:
            yield Finding(*s.where.loc("date"), "error", "QMS606",
                          f"session on {s.date} is outside the audit ({a.start} to {a.end})",
                          "move the session or the audit dates")
        if s.auditor and s.auditor not in a.auditors and (qms.role(s.auditor) or
                                                          qms.person(s.auditor)):
            yield Finding(*s.where.loc("auditor"), "error", "QMS622",
                          f"'{s.auditor}' is not in the team of audit {a.id}",
                          unknown_hint(a.auditors, s.auditor, "the audit's 'auditors'"))
        why = conflict(qms, s.auditor, s.process, s.date)
        if why:
            yield Finding(*s.where.loc("auditor"), "error", "QMS601",
                          f"auditor '{s.auditor}' audits {s.process}, {why}",
                          _hint(qms, a.auditors, s.process, s.date))


def _completion(a: Audit) -> Iterator[Finding]:
    if not a.completed:
        return
    if a.checklist is None and not a.external_body:
        yield Finding(*a.where.loc("status"), "error", "QMS607",
                      f"completed audit {a.id} has no checklist",
                      f"run 'qms audit checklist {a.id}' and fill it in")
    if not a.report.get("conclusions"):
        yield Finding(*a.where.loc("report"), "error", "QMS607",
                      f"completed audit {a.id} has no report conclusions",
                      "write report.conclusions: is the QMS conforming and effective?")


def _checklist(qms: QMS, data: AuditData, a: Audit, cl: Checklist) -> Iterator[Finding]:
    if cl.audit != a.id:
        yield Finding(*cl.where.loc("audit"), "error", "QMS602",
                      f"checklist of '{cl.audit}' in the folder of audit {a.id}",
                      f"set 'audit: {a.id}'")
    if not a.completed:
        yield from _stale(qms, a, cl)
    excluded = [e.clause for e in qms.organisation.exclusions]
    ncs = [f for f in data.findings if f.audit == a.id and f.is_nc]
    for line in cl.lines:
        w = line.where
        if w is None:  # only generated lines lack one; loaded lines always have it
            continue
        if a.completed and not line.status:
            yield Finding(*w.loc("status"), "error", "QMS608",
                          f"clause {line.clause} has no status in completed audit {a.id}",
                          "write conform, observatie, neconformitate-minora, "
                          "neconformitate-majora or nu-se-aplica")
        if line.status == NOT_APPLICABLE and not any(is_within(line.clause, e) for e in excluded):
            yield Finding(*w.loc("status"), "warning", "QMS619",
                          f"clause {line.clause} marked not applicable but not excluded",
                          "exclude it with a justification in organization.yml, or audit it")
        if line.status in NC_STATUSES and not any(related(f.clause, line.clause) for f in ncs):
            yield Finding(*w.loc("status"), "error", "QMS610",
                          f"clause {line.clause}: {line.status} without a finding in the "
                          "register", f"record it in audits/findings.yml with audit: {a.id} "
                          f"and clause: \"{line.clause}\"")


def _stale(qms: QMS, a: Audit, cl: Checklist) -> Iterator[Finding]:
    missing, extra, changed = differences(qms, a, cl)
    hint = f"run 'qms audit checklist {a.id}' (the auditor's statuses and notes are kept)"
    if missing or extra:
        what = "; ".join(x for x in (f"missing {', '.join(missing)}" if missing else "",
                                     f"not in scope {', '.join(extra)}" if extra else "") if x)
        yield Finding(*cl.where.loc("lines"), "warning", "QMS609",
                      f"checklist of {a.id} is out of date: {what}", hint)
    for line in cl.lines:
        if line.clause in changed and line.where is not None:
            yield Finding(*line.where.loc("clause"), "warning", "QMS609",
                          f"checklist line {line.clause} is out of date: "
                          f"{changed[line.clause]}", hint)
