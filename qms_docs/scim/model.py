"""The SCIM files as typed objects, built leniently (the schema reports what is malformed), so
checks, pages and commands never fail on bad input. Built once per model (qms.derived)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..load.source import SourceFile
from ..model import QMS
from ..model.base import Where, integer, items, strings, text


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class Seat:
    """A person sitting somewhere (commission, decision) for a job function."""

    person: str
    function: str
    where: Where
    role: str = ""  # as what (decisions): președinte, membru, consilier de etică...


@dataclass
class Decision:
    id: str
    number: str
    date: str
    subject: str
    title: str
    signed_by: str
    appoints: list[Seat]
    supersedes: list[str]
    summary: str
    where: Where

    @property
    def label(self) -> str:
        return f"nr. {self.number}/{self.date}"


@dataclass
class Composition:
    decision: str
    start: str
    president: Seat | None
    secretariat: list[Seat]
    members: list[Seat]
    where: Where

    @property
    def voting(self) -> list[Seat]:
        """The president and the members (the secretariat records, it does not vote)."""
        return ([self.president] if self.president else []) + self.members

    def sits(self, person: str) -> bool:
        return any(s.person == person for s in self.voting + self.secretariat)


@dataclass
class Rules:
    approved: str
    approved_by: str
    quorum: float
    articles: list[str]
    where: Where


@dataclass
class Commission:
    name: str
    compositions: list[Composition]
    rules: Rules | None
    where: Where

    def on(self, day: str) -> Composition | None:
        """The composition in force on day (the latest one started on or before it)."""
        started = [c for c in self.compositions if c.start and c.start <= day]
        return max(started, key=lambda c: c.start) if started else None


@dataclass
class CommissionDecision:
    id: str
    text: str
    approves: str
    year: int
    where: Where


@dataclass
class Meeting:
    id: str
    date: str
    attendees: list[str]
    guests: list[str]
    agenda: list[str]
    minutes: str
    decisions: list[CommissionDecision]
    where: Where


@dataclass
class MeetingYear:
    year: int
    folder: str
    meetings: list[Meeting]
    where: Where


@dataclass
class Action:
    id: str
    action: str
    owner: str
    deadline: str
    status: str
    training: bool
    done: str
    result: str
    where: Where

    @property
    def is_open(self) -> bool:
        return self.status in ("planned", "in-progress", "postponed")


@dataclass
class Objective:
    id: str
    standards: list[int]
    objective: str
    actions: list[Action]
    where: Where


@dataclass
class Programme:
    year: int
    folder: str
    approved: str
    approved_by: str
    objectives: list[Objective]
    where: Where

    @property
    def actions(self) -> list[Action]:
        return [a for o in self.objectives for a in o.actions]


@dataclass
class Activity:
    id: str
    activity: str
    department: str
    procedure: str
    planned: str
    where: Where


@dataclass
class ActivityList:
    date: str
    activities: list[Activity]
    where: Where


@dataclass
class Sensitive:
    function: str
    risk: str
    risks: list[str]
    rotation_plan: str
    rotation_next: str
    double_control: str
    other: list[str]
    where: Where

    @property
    def has_measures(self) -> bool:
        return bool(self.rotation_plan or self.double_control or self.other)


@dataclass
class SensitiveList:
    date: str
    functions: list[Sensitive]
    where: Where


@dataclass
class Answer:
    question: str
    answer: str
    evidence: str
    where: Where


@dataclass
class StandardAnswers:
    standard: int
    applicable: bool
    justification: str
    state: str
    answers: dict[str, Answer]
    where: Where


@dataclass
class Questionnaire:
    department: str
    year: int
    folder: str
    date: str
    head: str
    function: str
    standards: list[StandardAnswers]
    where: Where

    def standard(self, sid: int) -> StandardAnswers | None:
        return next((s for s in self.standards if s.standard == sid), None)


@dataclass
class Report:
    year: int
    folder: str
    status: str
    synthesis_date: str
    elaborated_by: str
    approved_by: str
    measures: list[str]
    grade: str
    number: str
    date: str
    signed_by: str
    statements: list[str]
    where: Where


@dataclass
class RiskReport:
    year: int
    folder: str
    date: str
    elaborated_by: str
    approved_by: str
    team: str
    summary: str
    conclusions: list[str]
    where: Where


@dataclass
class Year:
    """Everything of one SCIM year folder."""

    year: int
    programme: Programme | None = None
    meetings: MeetingYear | None = None
    questionnaires: list[Questionnaire] = field(default_factory=list)
    report: Report | None = None
    risk_report: RiskReport | None = None


@dataclass
class ScimData:
    head_function: str = ""
    decisions: list[Decision] = field(default_factory=list)
    decisions_where: Where | None = None
    commission: Commission | None = None
    activities: ActivityList | None = None
    sensitive: SensitiveList | None = None
    programmes: list[Programme] = field(default_factory=list)
    meeting_years: list[MeetingYear] = field(default_factory=list)
    questionnaires: list[Questionnaire] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    risk_reports: list[RiskReport] = field(default_factory=list)

    @property
    def active(self) -> bool:
        """Whether the repository keeps a SCIM at all (any file of the module)."""
        return bool(self.decisions_where or self.commission or self.activities or self.sensitive
                    or self.programmes or self.meeting_years or self.questionnaires
                    or self.reports or self.risk_reports)

    def decision(self, did: str) -> Decision | None:
        return next((d for d in self.decisions if d.id == did), None)

    @property
    def meetings(self) -> list[Meeting]:
        return sorted((m for y in self.meeting_years for m in y.meetings),
                      key=lambda m: (m.date, m.id))

    def commission_decision(self, hid: str) -> tuple[Meeting, CommissionDecision] | None:
        for m in self.meetings:
            for d in m.decisions:
                if d.id == hid:
                    return m, d
        return None

    def approvals(self, what: str, year: int | None = None) -> list[tuple[Meeting,
                                                                          CommissionDecision]]:
        """The commission decisions that approved `what` (of `year`, when it has one)."""
        return [(m, d) for m in self.meetings for d in m.decisions
                if d.approves == what and (year is None or d.year == year)]

    def years(self) -> list[Year]:
        out: dict[int, Year] = {}
        for p in self.programmes:
            out.setdefault(p.year, Year(p.year)).programme = p
        for my in self.meeting_years:
            out.setdefault(my.year, Year(my.year)).meetings = my
        for q in self.questionnaires:
            out.setdefault(q.year, Year(q.year)).questionnaires.append(q)
        for r in self.reports:
            out.setdefault(r.year, Year(r.year)).report = r
        for r in self.risk_reports:
            out.setdefault(r.year, Year(r.year)).risk_report = r
        for y in out.values():
            y.questionnaires.sort(key=lambda q: q.department)
        return [out[k] for k in sorted(out)]

    def year(self, year: int) -> Year | None:
        return next((y for y in self.years() if y.year == year), None)


def folder_of(qms: QMS, f: SourceFile) -> str:
    """The folder between content/scim/ and the file ('2025'), '' for the top-level files."""
    parts = f.rel.split("/")
    base = len(qms.config.content_dir.split("/")) + 1
    return parts[base] if len(parts) > base + 1 else ""


def build(qms: QMS) -> ScimData:
    cached = qms.derived.get("scim")
    if isinstance(cached, ScimData):
        return cached
    data = ScimData()
    for f in qms.files.of_kind("scim-decisions"):
        w = Where(f)
        data.decisions_where = data.decisions_where or w
        data.head_function = data.head_function or text(f.data, "head_function")
        data.decisions += [_decision(x, w.child("decisions", i))
                           for i, x in items(f.data, "decisions")]
    for f in qms.files.of_kind("scim-commission"):
        data.commission = data.commission or _commission(Where(f))
    for f in qms.files.of_kind("scim-activities"):
        data.activities = data.activities or _activities(Where(f))
    for f in qms.files.of_kind("scim-sensitive"):
        data.sensitive = data.sensitive or _sensitive(Where(f))
    data.programmes = [_programme(folder_of(qms, f), Where(f))
                       for f in qms.files.of_kind("scim-programme")]
    data.meeting_years = [_meetings(folder_of(qms, f), Where(f))
                          for f in qms.files.of_kind("scim-meetings")]
    data.questionnaires = [_questionnaire(folder_of(qms, f), Where(f))
                           for f in qms.files.of_kind("scim-questionnaire")]
    data.reports = [_report(folder_of(qms, f), Where(f)) for f in qms.files.of_kind("scim-report")]
    data.risk_reports = [_risk_report(folder_of(qms, f), Where(f))
                         for f in qms.files.of_kind("scim-risk-report")]
    qms.derived["scim"] = data
    return data


def _seat(d: object, w: Where) -> Seat | None:
    return Seat(text(d, "person"), text(d, "function"), w, text(d, "as")) \
        if isinstance(d, dict) else None


def _seats(d: object, key: str, w: Where) -> list[Seat]:
    return [Seat(text(x, "person"), text(x, "function"), w.child(key, i), text(x, "as"))
            for i, x in items(d, key)]


def _decision(d: dict, w: Where) -> Decision:
    return Decision(text(d, "id"), text(d, "number"), text(d, "date"), text(d, "subject"),
                    text(d, "title"), text(d, "signed_by"), _seats(d, "appoints", w),
                    strings(d, "supersedes"), text(d, "summary"), w)


def _commission(w: Where) -> Commission:
    d = w.file.data
    comps = []
    for i, x in items(d, "compositions"):
        cw = w.child("compositions", i)
        comps.append(Composition(text(x, "decision"), text(x, "from"),
                                 _seat(x.get("president"), cw.child("president")),
                                 _seats(x, "secretariat", cw), _seats(x, "members", cw), cw))
    r = d.get("rules") if isinstance(d, dict) else None
    rules = None
    if isinstance(r, dict):
        q = r.get("quorum")
        quorum = float(q) if isinstance(q, int | float) and not isinstance(q, bool) else 0.5
        rules = Rules(text(r, "approved"), text(r, "approved_by"), quorum,
                      strings(r, "articles"), w.child("rules"))
    return Commission(text(d, "name", "Comisia de monitorizare"), comps, rules, w)


def _meetings(folder: str, w: Where) -> MeetingYear:
    d = w.file.data
    year = integer(d, "year")
    out = []
    for i, x in items(d, "meetings"):
        mw = w.child("meetings", i)
        decisions = [CommissionDecision(text(y, "id"), text(y, "text"), text(y, "approves"),
                                        integer(y, "year", year), mw.child("decisions", k))
                     for k, y in items(x, "decisions")]
        out.append(Meeting(text(x, "id"), text(x, "date"), strings(x, "attendees"),
                           strings(x, "guests"), strings(x, "agenda"), text(x, "minutes"),
                           decisions, mw))
    return MeetingYear(year, folder, out, w)


def _programme(folder: str, w: Where) -> Programme:
    d = w.file.data
    objectives = []
    for i, x in items(d, "objectives"):
        ow = w.child("objectives", i)
        standards = [v for v in (x.get("standards") or []) if isinstance(v, int)] \
            if isinstance(x.get("standards"), list) else []
        actions = [Action(text(a, "id"), text(a, "action"), text(a, "owner"), text(a, "deadline"),
                          text(a, "status"), a.get("training") is True, text(a, "done"),
                          text(a, "result"), ow.child("actions", k))
                   for k, a in items(x, "actions")]
        objectives.append(Objective(text(x, "id"), standards, text(x, "objective"), actions, ow))
    return Programme(integer(d, "year"), folder, text(d, "approved"), text(d, "approved_by"),
                     objectives, w)


def _activities(w: Where) -> ActivityList:
    d = w.file.data
    acts = [Activity(text(x, "id"), text(x, "activity"), text(x, "department"),
                     text(x, "procedure"), text(x, "planned"), w.child("activities", i))
            for i, x in items(d, "activities")]
    return ActivityList(text(d, "date"), acts, w)


def _sensitive(w: Where) -> SensitiveList:
    d = w.file.data
    out = []
    for i, x in items(d, "functions"):
        rot = x.get("rotation") if isinstance(x.get("rotation"), dict) else {}
        out.append(Sensitive(text(x, "function"), text(x, "risk"), strings(x, "risks"),
                             text(rot, "plan"), text(rot, "next"), text(x, "double_control"),
                             strings(x, "other"), w.child("functions", i)))
    return SensitiveList(text(d, "date"), out, w)


def _questionnaire(folder: str, w: Where) -> Questionnaire:
    d = w.file.data
    standards = []
    for i, x in items(d, "standards"):
        sw = w.child("standards", i)
        raw = x.get("answers") if isinstance(x.get("answers"), dict) else {}
        answers = {str(k): Answer(str(k), text(v, "answer"), text(v, "evidence"),
                                  sw.child("answers", k))
                   for k, v in raw.items() if isinstance(v, dict)}
        standards.append(StandardAnswers(integer(x, "standard"), x.get("applicable") is not False,
                                         text(x, "justification"), text(x, "state"), answers, sw))
    return Questionnaire(text(d, "department"), integer(d, "year"), folder, text(d, "date"),
                         text(d, "head"), text(d, "function"), standards, w)


def _report(folder: str, w: Where) -> Report:
    d = w.file.data
    s = d.get("synthesis") if isinstance(d, dict) and isinstance(d.get("synthesis"), dict) else {}
    return Report(integer(d, "year"), folder, text(d, "status"), text(s, "date"),
                  text(s, "elaborated_by"), text(s, "approved_by"), strings(s, "measures"),
                  text(d, "grade"), text(d, "number"), text(d, "date"), text(d, "signed_by"),
                  strings(d, "statements"), w)


def _risk_report(folder: str, w: Where) -> RiskReport:
    d = w.file.data
    return RiskReport(integer(d, "year"), folder, text(d, "date"), text(d, "elaborated_by"),
                      text(d, "approved_by"), text(d, "team"), text(d, "summary"),
                      strings(d, "conclusions"), w)
