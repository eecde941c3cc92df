"""The order's grading rules, as pure functions (Anexa nr. 4: questionnaire, synthetic situation).

- department level: a standard is I when every question is answered "da", NI when none is,
  PI otherwise ("parțial" is not "da");
- entity level: I when every department where the standard applies implements it (column 3 =
  column 2 of the synthetic situation), NI when none of them does (column 5 = column 2), PI
  otherwise;
- the system: graded by the number of standards the entity implements (osgg600.yml `grading`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .reference import Reference, Standard


def department_state(answers: Iterable[str]) -> str:
    given = list(answers)
    if given and all(a == "da" for a in given):
        return "I"
    if all(a == "nu" for a in given):
        return "NI"
    return "PI"


def entity_state(applicable: int, implemented: int, not_implemented: int) -> str:
    """'' when the standard applies to no department."""
    if applicable == 0:
        return ""
    if implemented == applicable:
        return "I"
    if not_implemented == applicable:
        return "NI"
    return "PI"


def system_grade(implemented: int, ref: Reference) -> str:
    for grade, minimum in ref.system:
        if implemented >= minimum:
            return grade
    return ref.system[-1][0]


@dataclass(frozen=True)
class Row:
    """One row of the synthetic situation (columns 1-6)."""

    standard: Standard
    applicable: int  # column 2
    implemented: int  # column 3
    partial: int  # column 4
    not_implemented: int  # column 5
    state: str  # column 6: I | PI | NI ('' when it applies nowhere)
    departments: dict[str, str]  # department id -> its state ('' = not applicable)


@dataclass(frozen=True)
class Synthesis:
    departments: tuple[str, ...]  # those that answered
    rows: tuple[Row, ...]
    implemented: int  # standards implemented at entity level
    grade: str

    def row(self, standard: int) -> Row | None:
        return next((r for r in self.rows if r.standard.id == standard), None)


def synthesize(states: dict[str, dict[int, str]], ref: Reference) -> Synthesis:
    """states: department -> standard -> its state at department level ('' = not applicable;
    a standard the department did not answer is absent)."""
    rows = []
    for sid, std in ref.standards.items():
        per = {d: s[sid] for d, s in sorted(states.items()) if sid in s}
        applied = [v for v in per.values() if v]
        i, pi, ni = (sum(v == k for v in applied) for k in ("I", "PI", "NI"))
        rows.append(Row(std, len(applied), i, pi, ni, entity_state(len(applied), i, ni), per))
    implemented = sum(r.state == "I" for r in rows)
    return Synthesis(tuple(sorted(states)), tuple(rows), implemented,
                     system_grade(implemented, ref))
