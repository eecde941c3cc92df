"""CAF self-assessments as typed objects, one per content/caf/<year>/ folder.

Built leniently from whatever the files hold (schema errors are reported separately), so the
checks and pages never fail on bad input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..load.source import SourceFile
from ..model import QMS
from ..model.base import Where, integer, items, strings, text

ENABLER_PARTS = ("plan", "do", "check", "act")
RESULT_PARTS = ("trends", "targets")


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int_or_none(d: Any, key: str) -> int | None:
    v = d.get(key) if isinstance(d, dict) else None
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _mappings(d: Any, key: str) -> list[tuple[str, dict]]:
    v = d.get(key) if isinstance(d, dict) else None
    return [(k, x) for k, x in v.items() if isinstance(x, dict)] if isinstance(v, dict) else []


@dataclass
class Evaluator:
    id: str
    name: str
    function: str
    where: Where


@dataclass
class Training:
    date: str
    topic: str
    hours: float
    trainer: str
    attendees: list[str]
    where: Where


@dataclass
class Entry:
    """One evaluator's score for one sub-criterion (or the abstention)."""

    sub: str
    score: int | None
    band: int | None
    parts: dict[str, int | None]  # fine-tuned components present in the file
    abstain: str
    evidence: str
    strengths: list[str]
    improvements: list[str]
    where: Where

    @property
    def value(self) -> Fraction | None:
        """The score used in statistics: as written, else the average of its components."""
        if self.abstain:
            return None
        if self.score is not None:
            return Fraction(self.score)
        given = [v for v in self.parts.values() if v is not None]
        if given and len(given) == len(self.parts):
            return Fraction(sum(given), len(given))
        return None


@dataclass
class Sheet:
    evaluator: str
    date: str
    entries: dict[str, Entry]
    where: Where


@dataclass
class Agreed:
    sub: str
    score: int | None
    justification: str
    strengths: list[str]
    improvements: list[str]
    where: Where


@dataclass
class Consensus:
    date: str
    items: dict[str, Agreed]
    where: Where


@dataclass
class Action:
    id: str
    action: str
    subcriteria: list[str]
    owner: str
    deadline: str
    resources: str
    indicator: str
    status: str
    progress: str
    where: Where

    @property
    def due(self) -> dt.date | None:
        return parse_date(self.deadline)


@dataclass
class Plan:
    approved: str
    approved_by: str
    actions: list[Action]
    where: Where


@dataclass
class Assessment:
    folder: str  # the <year> folder name
    year: int
    title: str
    scoring: str  # classical | fine-tuned
    status: str  # planned | in-progress | completed
    start: str
    end: str
    sponsor: str
    leader: str
    scope: str
    group: list[Evaluator]
    training: list[Training]
    where: Where
    sheets: list[Sheet] = field(default_factory=list)
    consensus: Consensus | None = None
    plan: Plan | None = None

    @property
    def ended(self) -> dt.date | None:
        return parse_date(self.end)

    def evaluator(self, eid: str) -> Evaluator | None:
        return next((e for e in self.group if e.id == eid), None)

    def sheet(self, eid: str) -> Sheet | None:
        return next((s for s in self.sheets if s.evaluator == eid), None)

    def agreed(self, sub: str) -> Agreed | None:
        return self.consensus.items.get(sub) if self.consensus else None

    @property
    def actions(self) -> list[Action]:
        return self.plan.actions if self.plan else []


@dataclass
class CafData:
    assessments: list[Assessment]  # by year
    orphans: list[SourceFile]  # sheets, consensus or plans in a folder without assessment.yml

    def year(self, year: int) -> Assessment | None:
        return next((a for a in self.assessments if a.year == year), None)


def folder_of(qms: QMS, f: SourceFile) -> str:
    """content/caf/2026/sheets/x.yml -> '2026'."""
    prefix = f"{qms.config.content_dir.strip('/')}/caf/"
    return f.rel.removeprefix(prefix).split("/")[0]


def build(qms: QMS) -> CafData:
    by_folder: dict[str, Assessment] = {}
    for f in qms.files.of_kind("caf-assessment"):
        a = _assessment(folder_of(qms, f), Where(f))
        _from_registry(qms, a)
        by_folder[a.folder] = a
    orphans = []
    for kind, attach in (("caf-sheet", _attach_sheet), ("caf-consensus", _attach_consensus),
                         ("caf-plan", _attach_plan)):
        for f in qms.files.of_kind(kind):
            a = by_folder.get(folder_of(qms, f))
            if a is None:
                orphans.append(f)
            else:
                attach(a, Where(f))
    return CafData(sorted(by_folder.values(), key=lambda a: (a.year, a.folder)), orphans)


def _from_registry(qms: QMS, a: Assessment) -> None:
    """An evaluator named by person id only: name, and the function held when the assessment
    started, from the people registry (the group is people, not job titles)."""
    for e in a.group:
        person = qms.person(e.id)
        if person is None:
            continue
        e.name = e.name or person.name
        if not e.function:
            held = [t.role for t in person.functions if t.covers(a.start)]
            e.function = held[0] if held else ""


def _assessment(folder: str, w: Where) -> Assessment:
    d = w.file.data
    year = integer(d, "year") or (int(folder) if folder.isdigit() else 0)
    group = [Evaluator(text(x, "id"), text(x, "name"), text(x, "function"), w.child("group", i))
             for i, x in items(d, "group")]
    training = [Training(text(x, "date"), text(x, "topic"), _hours(x), text(x, "trainer"),
                         strings(x, "attendees"), w.child("training", i))
                for i, x in items(d, "training")]
    return Assessment(folder, year, text(d, "title") or f"CAF {year}",
                      text(d, "scoring", "classical"), text(d, "status"), text(d, "start"),
                      text(d, "end"), text(d, "sponsor"), text(d, "leader"), text(d, "scope"),
                      group, training, w)


def _hours(d: dict) -> float:
    v = d.get("hours")
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0.0


def _attach_sheet(a: Assessment, w: Where) -> None:
    d = w.file.data
    entries = {}
    for key, x in _mappings(d, "scores"):
        ew = w.child("scores", key)
        parts = {p: _int_or_none(x, p) for p in ENABLER_PARTS + RESULT_PARTS if p in x}
        entries[key] = Entry(key, _int_or_none(x, "score"), _int_or_none(x, "band"), parts,
                             text(x, "abstain"), text(x, "evidence"), strings(x, "strengths"),
                             strings(x, "improvements"), ew)
    a.sheets.append(Sheet(text(d, "evaluator"), text(d, "date"), entries, w))


def _attach_consensus(a: Assessment, w: Where) -> None:
    d = w.file.data
    agreed = {key: Agreed(key, _int_or_none(x, "score"), text(x, "justification"),
                          strings(x, "strengths"), strings(x, "improvements"),
                          w.child("scores", key))
              for key, x in _mappings(d, "scores")}
    a.consensus = Consensus(text(d, "date"), agreed, w)


def _attach_plan(a: Assessment, w: Where) -> None:
    d = w.file.data
    actions = [Action(text(x, "id"), text(x, "action"), strings(x, "subcriteria"),
                      text(x, "owner"), text(x, "deadline"), text(x, "resources"),
                      text(x, "indicator"), text(x, "status"), text(x, "progress"),
                      w.child("actions", i))
               for i, x in items(d, "actions")]
    a.plan = Plan(text(d, "approved"), text(d, "approved_by"), actions, w)
