"""The shipped OSGG 600/2018 reference data the SCIM needs: standards, questions, grading."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..model.reference import osgg


@dataclass(frozen=True)
class Question:
    id: str  # "8.2"
    text: str
    source: str  # publicat | reconstituit


@dataclass(frozen=True)
class Standard:
    id: int
    title: str
    component: str  # I .. V
    component_title: str
    questions: tuple[Question, ...]

    @property
    def label(self) -> str:
        return f"Standardul {self.id} – {self.title}"


@dataclass(frozen=True)
class Reference:
    standards: dict[int, Standard]
    answers: tuple[str, ...]
    system: tuple[tuple[str, int], ...]  # (grade, minimum implemented standards), best first
    strategies: dict[str, str]

    def question(self, qid: str) -> Question | None:
        std = self.standards.get(_standard_of(qid))
        return next((q for q in std.questions if q.id == qid), None) if std else None

    def components(self) -> list[tuple[str, str, list[Standard]]]:
        out: dict[str, tuple[str, str, list[Standard]]] = {}
        for s in self.standards.values():
            out.setdefault(s.component, (s.component, s.component_title, []))[2].append(s)
        return list(out.values())


def _standard_of(qid: str) -> int:
    head = qid.split(".")[0]
    return int(head) if head.isdigit() else 0


@cache
def reference() -> Reference:
    data = osgg()
    standards = {}
    for comp in data["components"]:
        for s in comp["standards"]:
            qs = tuple(Question(str(q["id"]), " ".join(str(q["text"]).split()),
                               str(q.get("source", ""))) for q in s.get("questions", []))
            standards[int(s["id"])] = Standard(int(s["id"]), s["title"], comp["id"],
                                               comp["title"], qs)
    system = tuple((g["grade"], int(g["min_implemented"])) for g in data["grading"]["system"])
    return Reference(standards, tuple(data["answers"]), system,
                     dict(data.get("risk_strategies", {})))
