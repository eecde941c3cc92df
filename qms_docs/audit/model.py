"""Audits, findings, management reviews and training sessions as typed objects.

Built leniently from whatever the files hold (the schema reports what is malformed), so checks,
pages and commands never fail on bad input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..load.source import SourceFile
from ..model import QMS
from ..model.base import Where, integer, items, strings, text

EXTERNAL = ("certification", "surveillance")


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _all_or(d: Any, key: str) -> list[str] | None:
    """None for 'all', else the listed strings."""
    v = d.get(key) if isinstance(d, dict) else None
    return None if v == "all" else strings(d, key)


@dataclass
class Planned:
    """An audit as the programme plans it."""

    id: str
    type: str
    month: str
    processes: list[str]
    clauses: list[str]
    auditors: list[str]
    where: Where


@dataclass
class Programme:
    year: int
    folder: str
    approved_by: str
    approved: str
    criteria: str
    audits: list[Planned]
    where: Where


@dataclass
class Session:
    date: str
    time: str
    process: str
    clauses: list[str]
    auditor: str
    auditees: list[str]
    where: Where


@dataclass
class Line:
    """One line of a checklist: a clause, what addresses it, and the auditor's verdict."""

    clause: str
    title: str
    documents: list[str]
    processes: list[str]
    records: list[str]
    responsibilities: list[str]
    status: str
    evidence: str
    notes: str
    where: Where | None = None

    def objects(self) -> dict[str, list[str]]:
        return {"documents": self.documents, "processes": self.processes,
                "records": self.records, "responsibilities": self.responsibilities}


@dataclass
class Checklist:
    audit: str
    lines: list[Line]
    where: Where

    def line(self, clause: str) -> Line | None:
        return next((x for x in self.lines if x.clause == clause), None)


@dataclass
class Audit:
    id: str
    folder: str  # <year>/<id>
    type: str  # internal | diagnostic
    title: str
    status: str  # planned | in-progress | completed
    start: str
    end: str
    lead: str
    auditors: list[str]
    external: list[str]
    body: str  # certification body (external audits)
    certificate: dict[str, str]
    objectives: str
    criteria: list[str]
    processes: list[str] | None  # None: all
    clauses: list[str] | None  # None: all; [] : those the processes claim
    plan: list[Session]
    report: dict[str, Any]
    where: Where
    checklist: Checklist | None = None

    @property
    def year(self) -> int:
        return int(self.start[:4]) if self.start[:4].isdigit() else 0

    @property
    def completed(self) -> bool:
        return self.status == "completed"

    @property
    def external_body(self) -> bool:
        """Certification and surveillance audits: the certification body's, not the QMS's own
        programme; no internal team, plan or checklist."""
        return self.type in EXTERNAL


@dataclass
class Verification:
    date: str
    by: str
    result: str
    effective: bool | None
    where: Where


@dataclass
class Action:
    description: str
    owner: str
    deadline: str
    status: str  # open | in-progress | implemented | closed
    done: str
    progress: str
    verification: Verification | None
    where: Where

    @property
    def is_open(self) -> bool:
        return self.status in ("open", "in-progress")

    @property
    def due(self) -> dt.date | None:
        return parse_date(self.deadline)


@dataclass
class FindingRecord:
    """A nonconformity or observation of the register (not a checker Finding)."""

    id: str
    audit: str
    source: str
    type: str  # neconformitate-majora | neconformitate-minora | observatie
    date: str
    clause: str
    process: str
    description: str
    evidence: str
    root_cause: str
    correction: str
    action: Action | None
    where: Where

    @property
    def is_nc(self) -> bool:
        return self.type.startswith("neconformitate")

    @property
    def status(self) -> str:
        """open | in-progress | implemented | closed; 'noted' for an observation without
        an action."""
        return self.action.status if self.action else ("open" if self.is_nc else "noted")


@dataclass
class Decision:
    output: str
    decision: str
    where: Where


@dataclass
class ReviewAction:
    id: str
    action: str
    owner: str
    deadline: str
    status: str
    progress: str
    where: Where


@dataclass
class Review:
    year: int
    folder: str
    date: str
    chair: str
    participants: list[str]
    notes: str
    decisions: list[Decision]
    actions: list[ReviewAction]
    where: Where


@dataclass
class FrozenInputs:
    """A review's inputs as they were sent: a record, shown as written."""

    year: int
    folder: str
    frozen_on: str
    markdown: str
    where: Where


@dataclass
class Presented:
    code: str
    edition: int
    revision: int
    where: Where

    @property
    def version(self) -> str:
        return f"{self.edition}.{self.revision}"


@dataclass
class TrainingSession:
    id: str
    date: str
    subject: str
    kind: str
    trainer: str
    hours: float
    attendees: list[str]
    documents: list[Presented]
    where: Where


@dataclass
class AuditData:
    programmes: list[Programme] = field(default_factory=list)
    audits: list[Audit] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)  # every one, attached or not
    findings: list[FindingRecord] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    sessions: list[TrainingSession] = field(default_factory=list)
    frozen: list[FrozenInputs] = field(default_factory=list)
    as_of: str = ""  # "": everything; else only what existed on that day (frozen inputs)

    def inputs_of(self, year: int) -> FrozenInputs | None:
        return next((x for x in self.frozen if x.year == year), None)

    def audit(self, aid: str) -> Audit | None:
        return next((a for a in self.audits if a.id == aid), None)

    def programme(self, year: int) -> Programme | None:
        return next((p for p in self.programmes if p.year == year), None)

    def review(self, year: int) -> Review | None:
        return next((r for r in self.reviews if r.year == year), None)


def folder_of(qms: QMS, f: SourceFile, depth: int = 1) -> str:
    """The folders between content/audits/ and the file ('2026' or '2026/AI-2026-01')."""
    parts = f.rel.split("/")
    base = len(qms.config.content_dir.split("/")) + 1
    return "/".join(parts[base:base + depth])


def build(qms: QMS) -> AuditData:
    data = AuditData()
    data.programmes = [_programme(folder_of(qms, f), Where(f))
                       for f in qms.files.of_kind("audit-programme")]
    data.audits = [_audit(folder_of(qms, f, 2), Where(f)) for f in qms.files.of_kind("audit")]
    data.checklists = [_checklist(Where(f)) for f in qms.files.of_kind("audit-checklist")]
    by_folder = {a.folder: a for a in data.audits}
    for f, cl in zip(qms.files.of_kind("audit-checklist"), data.checklists, strict=True):
        a = by_folder.get(folder_of(qms, f, 2))
        if a is not None and a.checklist is None:
            a.checklist = cl
    for f in qms.files.of_kind("audit-findings"):
        data.findings += [_finding(x, Where(f, ("findings", i)))
                          for i, x in items(f.data, "findings")]
    data.reviews = [_review(folder_of(qms, f), Where(f))
                    for f in qms.files.of_kind("audit-review")]
    for f in qms.files.of_kind("audit-review-inputs"):
        d = f.data
        data.frozen.append(FrozenInputs(integer(d, "year"), folder_of(qms, f), text(d, "frozen_on"),
                                        text(d, "inputs"), Where(f)))
    for f in qms.files.of_kind("audit-training"):
        data.sessions += [_session(x, Where(f, ("sessions", i)))
                          for i, x in items(f.data, "sessions")]
    data.audits.sort(key=lambda a: (a.start, a.id))
    data.reviews.sort(key=lambda r: r.year)
    data.sessions.sort(key=lambda s: (s.date, s.id))
    return data


def _programme(folder: str, w: Where) -> Programme:
    d = w.file.data
    planned = [Planned(text(x, "id"), text(x, "type"), text(x, "month"), strings(x, "processes"),
                       strings(x, "clauses"), strings(x, "auditors"), w.child("audits", i))
               for i, x in items(d, "audits")]
    return Programme(integer(d, "year"), folder, text(d, "approved_by"), text(d, "approved"),
                     text(d, "criteria"), planned, w)


def _audit(folder: str, w: Where) -> Audit:
    d = w.file.data
    scope = d.get("scope") if isinstance(d, dict) else None
    plan = [Session(text(x, "date"), text(x, "time"), text(x, "process"), strings(x, "clauses"),
                    text(x, "auditor"), strings(x, "auditees"), w.child("plan", i))
            for i, x in items(d, "plan")]
    report = d.get("report") if isinstance(d, dict) and isinstance(d.get("report"), dict) else {}
    cert = d.get("certificate") if isinstance(d, dict) else None
    certificate = {k: text(cert, k) for k in ("number", "issued", "expires")} \
        if isinstance(cert, dict) else {}
    return Audit(text(d, "id"), folder, text(d, "type"), text(d, "title"), text(d, "status"),
                 text(d, "start"), text(d, "end"), text(d, "lead"), strings(d, "auditors"),
                 strings(d, "external"), text(d, "body"), certificate, text(d, "objectives"),
                 strings(d, "criteria"),
                 _all_or(scope, "processes"), _all_or(scope, "clauses"), plan, report, w)


def _checklist(w: Where) -> Checklist:
    d = w.file.data
    lines = [Line(text(x, "clause"), text(x, "title"), strings(x, "documents"),
                  strings(x, "processes"), strings(x, "records"), strings(x, "responsibilities"),
                  text(x, "status"), text(x, "evidence"), text(x, "notes"), w.child("lines", i))
             for i, x in items(d, "lines")]
    return Checklist(text(d, "audit"), lines, w)


def _finding(d: dict, w: Where) -> FindingRecord:
    a = d.get("action")
    action = _action(a, w.child("action")) if isinstance(a, dict) else None
    return FindingRecord(text(d, "id"), text(d, "audit"), text(d, "source"), text(d, "type"),
                         text(d, "date"), text(d, "clause"), text(d, "process"),
                         text(d, "description"), text(d, "evidence"), text(d, "root_cause"),
                         text(d, "correction"), action, w)


def _action(d: dict, w: Where) -> Action:
    v = d.get("verification")
    verification = None
    if isinstance(v, dict):
        eff = v.get("effective")
        verification = Verification(text(v, "date"), text(v, "by"), text(v, "result"),
                                    eff if isinstance(eff, bool) else None,
                                    w.child("verification"))
    return Action(text(d, "description"), text(d, "owner"), text(d, "deadline"),
                  text(d, "status"), text(d, "done"), text(d, "progress"), verification, w)


def _review(folder: str, w: Where) -> Review:
    d = w.file.data
    decisions = [Decision(text(x, "output"), text(x, "decision"), w.child("decisions", i))
                 for i, x in items(d, "decisions")]
    actions = [ReviewAction(text(x, "id"), text(x, "action"), text(x, "owner"),
                            text(x, "deadline"), text(x, "status"), text(x, "progress"),
                            w.child("actions", i)) for i, x in items(d, "actions")]
    return Review(integer(d, "year"), folder, text(d, "date"), text(d, "chair"),
                  strings(d, "participants"), text(d, "notes"), decisions, actions, w)


def _session(d: dict, w: Where) -> TrainingSession:
    docs = [Presented(text(x, "code"), integer(x, "edition"), integer(x, "revision"),
                      w.child("documents", i)) for i, x in items(d, "documents")]
    hours = d.get("hours")
    return TrainingSession(text(d, "id"), text(d, "date"), text(d, "subject"),
                           text(d, "kind", "training"), text(d, "trainer"),
                           float(hours) if isinstance(hours, int | float)
                           and not isinstance(hours, bool) else 0.0,
                           strings(d, "attendees"), docs, w)
