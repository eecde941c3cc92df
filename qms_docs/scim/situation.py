"""The synthetic situation of a year, computed from its questionnaires (never typed by hand)."""

from __future__ import annotations

from ..model import QMS
from .grading import Synthesis, department_state, synthesize
from .model import Questionnaire, Year
from .reference import Reference, reference


def states(q: Questionnaire, ref: Reference) -> dict[int, str]:
    """standard -> state at department level, from the answers ('' = not applicable). A
    standard without a complete set of answers is left out (the checks report it)."""
    out: dict[int, str] = {}
    for s in q.standards:
        std = ref.standards.get(s.standard)
        if std is None or s.standard in out:
            continue
        if not s.applicable:
            out[s.standard] = ""
            continue
        answers = [s.answers[x.id].answer for x in std.questions if x.id in s.answers]
        if len(answers) == len(std.questions):
            out[s.standard] = department_state(answers)
    return out


def synthesis(y: Year, ref: Reference | None = None) -> Synthesis:
    ref = ref or reference()
    per: dict[str, dict[int, str]] = {}
    for q in y.questionnaires:
        if q.department and q.department not in per:
            per[q.department] = states(q, ref)
    return synthesize(per, ref)


def departments(qms: QMS) -> list[str]:
    """The departments that answer the questionnaire: every department of the organisation."""
    return [d.id for d in qms.organisation.departments]


def complete(y: Year, qms: QMS, ref: Reference | None = None) -> bool:
    """Every department answered every standard in full."""
    ref = ref or reference()
    got = {q.department: states(q, ref) for q in y.questionnaires}
    return all(d in got and len(got[d]) == len(ref.standards) for d in departments(qms))
