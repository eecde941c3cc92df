"""Scores of one assessment: spread of the individual scores, criterion and group averages.

Exact arithmetic (Fraction) so that rounding for display never depends on float noise:
- a criterion scores the mean of its sub-criteria's consensus scores;
- enablers, results and the total score the mean of their criteria (each criterion weighs the
  same, whatever its number of sub-criteria);
- spread is over the evaluators who scored (abstentions excluded); std is the population one,
  the group being all its evaluators.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .model import Assessment
from .reference import CafModel


@dataclass(frozen=True)
class Spread:
    scores: tuple[tuple[str, Fraction], ...]  # (evaluator id, score), in group order

    @property
    def n(self) -> int:
        return len(self.scores)

    @property
    def low(self) -> Fraction:
        return min(s for _, s in self.scores)

    @property
    def high(self) -> Fraction:
        return max(s for _, s in self.scores)

    @property
    def mean(self) -> Fraction:
        return sum((s for _, s in self.scores), Fraction(0)) / self.n

    @property
    def std(self) -> float:
        m = self.mean
        return math.sqrt(sum(((s - m) ** 2 for _, s in self.scores), Fraction(0)) / self.n)

    @property
    def width(self) -> Fraction:
        return self.high - self.low


def spread(a: Assessment, sub: str) -> Spread | None:
    """The individual scores of one sub-criterion, or None when nobody scored it."""
    scores = []
    for e in a.group:
        sheet = a.sheet(e.id)
        entry = sheet.entries.get(sub) if sheet else None
        value = entry.value if entry else None
        if value is not None:
            scores.append((e.id, value))
    return Spread(tuple(scores)) if scores else None


def _mean(values: list[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def consensus(a: Assessment, sub: str) -> Fraction | None:
    agreed = a.agreed(sub)
    return Fraction(agreed.score) if agreed and agreed.score is not None else None


def criterion_score(a: Assessment, ref: CafModel, cid: str) -> Fraction | None:
    values = [consensus(a, s) for s in ref.criterion(cid).subcriteria]
    return _mean([v for v in values if v is not None])


def type_score(a: Assessment, ref: CafModel, kind: str | None) -> Fraction | None:
    """Mean of the criteria of one type (enabler | result), or of all nine with None."""
    values = [criterion_score(a, ref, c.id) for c in ref.criteria if kind in (None, c.type)]
    return _mean([v for v in values if v is not None])


def disagreement(a: Assessment, ref: CafModel) -> list[tuple[str, Spread]]:
    """Sub-criteria by decreasing disagreement (range, then std), to discuss first."""
    ranked = [(sid, sp) for sid in ref.subcriteria if (sp := spread(a, sid)) is not None]
    return sorted(ranked, key=lambda x: (-x[1].width, -x[1].std, sub_order(x[0])))


def sub_order(sid: str) -> tuple[int, ...]:
    return tuple(int(p) for p in sid.split(".") if p.isdigit())


def fmt(value: Fraction | float | int | None, lang: str = "ro", digits: int = 1) -> str:
    """Round half up (not Python's half to even) and use the language's decimal mark."""
    if value is None:
        return "–"
    if isinstance(value, Fraction):
        dec = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        dec = Decimal(repr(value))
    q = dec.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    s = f"{q:f}"
    return s.replace(".", ",") if lang != "en" else s
