"""The YAML registers: roles, processes, context, parties, RACI, risks, objectives, records."""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import Where, day, integer, items, strings, text


@dataclass
class Role:
    id: str
    name: str
    level: str  # conducere | execuție
    department: str
    holder: str
    email: str
    where: Where

    @classmethod
    def build(cls, d: dict, where: Where) -> Role:
        return cls(text(d, "id"), text(d, "name"), text(d, "level"), text(d, "department"),
                   text(d, "holder"), text(d, "email"), where)


@dataclass
class Indicator:
    name: str
    target: str
    frequency: str


@dataclass
class Process:
    id: str
    name: str
    type: str  # management | core | support
    owner: str
    department: str
    purpose: str
    inputs: list[str]
    outputs: list[str]
    customers: list[str]
    indicators: list[Indicator]
    feeds: list[str]
    clauses: list[str]
    where: Where

    @classmethod
    def build(cls, d: dict, where: Where) -> Process:
        return cls(
            text(d, "id"), text(d, "name"), text(d, "type"), text(d, "owner"),
            text(d, "department"), text(d, "purpose"), strings(d, "inputs"),
            strings(d, "outputs"), strings(d, "customers"),
            [Indicator(text(x, "name"), text(x, "target"), text(x, "frequency"))
             for _, x in items(d, "indicators")],
            strings(d, "feeds"), strings(d, "clauses"), where)


@dataclass
class ContextIssue:
    id: str
    type: str
    category: str
    description: str
    processes: list[str]
    risks: list[str]
    where: Where

    @classmethod
    def build(cls, d: dict, where: Where) -> ContextIssue:
        return cls(text(d, "id"), text(d, "type"), text(d, "category"), text(d, "description"),
                   strings(d, "processes"), strings(d, "risks"), where)


@dataclass
class InterestedParty:
    id: str
    name: str
    type: str
    needs: list[str]
    expectations: list[str]
    monitoring: str
    processes: list[str]
    where: Where

    @classmethod
    def build(cls, d: dict, where: Where) -> InterestedParty:
        return cls(text(d, "id"), text(d, "name"), text(d, "type"), strings(d, "needs"),
                   strings(d, "expectations"), text(d, "monitoring"), strings(d, "processes"),
                   where)


@dataclass
class Activity:
    """A row of the QMS responsibility matrix: activity x job function -> R/A/C/I."""

    id: str
    activity: str
    document: str
    clauses: list[str]
    raci: dict[str, str]
    where: Where

    @classmethod
    def build(cls, d: dict, where: Where) -> Activity:
        raw = d.get("raci") if isinstance(d.get("raci"), dict) else {}
        raci = {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}
        return cls(text(d, "id"), text(d, "activity"), text(d, "document"),
                   strings(d, "clauses"), raci, where)


@dataclass
class Measure:
    """A control measure of the plan for a risk (OSGG 600 standard 8)."""

    measure: str
    owner: str
    deadline: str
    status: str  # planned | in-progress | done | cancelled
    done: str
    result: str
    where: Where

    @property
    def is_open(self) -> bool:
        return self.status in ("planned", "in-progress")


def level_of(score: int) -> str:
    """Banding of P x I (PS-06 tolerance thresholds): low 1-6, medium 8-12, high 15-25."""
    return "high" if score >= 15 else "medium" if score >= 8 else "low"


@dataclass
class Risk:
    id: str
    process: str
    description: str
    cause: str
    consequence: str
    probability: int
    impact: int
    strategy: str
    treatment: str
    owner: str
    review_date: str
    type: str
    where: Where
    # OSGG 600 register columns (optional: a repository without SCIM need not fill them)
    department: str = ""
    objective: str = ""
    residual_probability: int = 0  # 0: not assessed
    residual_impact: int = 0
    last_review: str = ""
    observations: str = ""
    measures: list[Measure] = field(default_factory=list)

    @property
    def score(self) -> int:
        return self.probability * self.impact

    @property
    def level(self) -> str:
        """Banding of P x I used by the heat map and the register: low / medium / high."""
        return level_of(self.score)

    @property
    def residual_score(self) -> int:
        """Residual exposure; 0 when the residual risk is not assessed."""
        return self.residual_probability * self.residual_impact

    @property
    def has_residual(self) -> bool:
        return self.residual_probability > 0 and self.residual_impact > 0

    @classmethod
    def build(cls, d: dict, where: Where) -> Risk:
        res = d.get("residual") if isinstance(d.get("residual"), dict) else {}
        measures = [Measure(text(x, "measure"), text(x, "owner"), text(x, "deadline"),
                            text(x, "status"), text(x, "done"), text(x, "result"),
                            where.child("measures", i)) for i, x in items(d, "measures")]
        return cls(text(d, "id"), text(d, "process"), text(d, "description"), text(d, "cause"),
                   text(d, "consequence"), integer(d, "probability"), integer(d, "impact"),
                   text(d, "strategy"), text(d, "treatment"), text(d, "owner"),
                   day(d, "review_date"), text(d, "type", "risk"), where,
                   text(d, "department"), text(d, "objective"), integer(res, "probability"),
                   integer(res, "impact"), day(d, "last_review"), text(d, "observations"),
                   measures)


@dataclass
class Objective:
    id: str
    objective: str
    process: str
    indicator: str
    target: str
    deadline: str
    owner: str
    resources: str
    result: str
    where: Where

    @classmethod
    def build(cls, d: dict, where: Where) -> Objective:
        return cls(text(d, "id"), text(d, "objective"), text(d, "process"), text(d, "indicator"),
                   text(d, "target"), day(d, "deadline"), text(d, "owner"),
                   text(d, "resources"), text(d, "result"), where)


@dataclass
class RecordType:
    id: str
    name: str
    produced_by: str
    kept_by: str
    location: str
    retention: str
    clauses: list[str]
    where: Where

    @classmethod
    def build(cls, d: dict, where: Where) -> RecordType:
        return cls(text(d, "id"), text(d, "name"), text(d, "produced_by"), text(d, "kept_by"),
                   text(d, "location"), text(d, "retention"), strings(d, "clauses"), where)


@dataclass
class Acknowledgement:
    """A person confirmed reading a given edition/revision of a document."""

    document: str
    edition: int
    revision: int
    role: str
    name: str
    date: str
    where: Where

    @classmethod
    def build(cls, d: dict, where: Where) -> Acknowledgement:
        return cls(text(d, "document"), integer(d, "edition"), integer(d, "revision"),
                   text(d, "role"), text(d, "name"), day(d, "date"), where)
