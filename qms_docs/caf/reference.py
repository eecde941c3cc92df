"""Typed view of the shipped CAF 2020 model (qms_docs/reference/caf2020.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..model.reference import caf


@dataclass(frozen=True)
class SubCriterion:
    id: str  # "4.2"
    criterion: str  # "4"
    title_ro: str
    title_en: str
    type: str  # enabler | result

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_ro


@dataclass(frozen=True)
class Criterion:
    id: str
    title_ro: str
    title_en: str
    type: str
    subcriteria: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_ro


@dataclass(frozen=True)
class Band:
    level: int  # 1..6
    low: int
    high: int

    def holds(self, score: float) -> bool:
        return self.low <= score <= self.high


@dataclass(frozen=True)
class PanelRow:
    """One row of a classical scoring panel: what a band means for enablers or results."""

    low: int
    high: int
    phase: str  # PDCA phase reached (enablers), "" for results
    description_ro: str
    description_en: str

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_ro


@dataclass(frozen=True)
class CafModel:
    criteria: tuple[Criterion, ...]
    subcriteria: dict[str, SubCriterion]
    bands: tuple[Band, ...]
    panels: dict[str, tuple[PanelRow, ...]]  # "enabler" | "result" -> rows

    def band_of(self, score: float) -> Band | None:
        # Bands meet at whole numbers (10|11); a fine-tuned average like 10.5 belongs to the lower.
        return next((b for b in self.bands if score <= b.high), None)

    def band(self, level: int) -> Band | None:
        return next((b for b in self.bands if b.level == level), None)

    def criterion(self, cid: str) -> Criterion:
        return next(c for c in self.criteria if c.id == cid)


# The classical bands, should the shipped file not state them (they are fixed by CAF 2020).
_BANDS = ((0, 10), (11, 30), (31, 50), (51, 70), (71, 90), (91, 100))


@cache
def model() -> CafModel:
    data = caf()
    criteria, subs = [], {}
    for c in data["criteria"]:
        cid = str(c["id"])
        sub_ids = []
        for s in c.get("subcriteria") or c.get("sub_criteria") or []:
            sid = str(s["id"])
            subs[sid] = SubCriterion(sid, cid, s["title_ro"], s["title_en"],
                                     str(s.get("type") or c.get("type")))
            sub_ids.append(sid)
        criteria.append(Criterion(cid, c["title_ro"], c["title_en"], str(c.get("type")),
                                  tuple(sub_ids)))
    scoring = data.get("scoring") or {}
    panels = {kind: tuple(PanelRow(int(r["min"]), int(r["max"]), str(r.get("phase") or ""),
                                   r.get("description_ro", ""), r.get("description_en", ""))
                          for r in scoring.get(f"{kind}s_classical") or [])
              for kind in ("enabler", "result")}
    return CafModel(tuple(criteria), subs, _bands(data), panels)


def _bands(data: dict) -> tuple[Band, ...]:
    listed = (data.get("scoring") or {}).get("bands") or []
    pairs = [(int(b["min"]), int(b["max"])) for b in listed] or list(_BANDS)
    return tuple(Band(i + 1, lo, hi) for i, (lo, hi) in enumerate(pairs))
