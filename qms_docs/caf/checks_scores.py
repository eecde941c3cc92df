"""Checks of the individual scoring sheets and of the consensus."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..findings import Finding
from ..model.base import Where
from . import util as c
from .model import ENABLER_PARTS, RESULT_PARTS, Agreed, Assessment, Entry, Sheet
from .reference import CafModel
from .stats import fmt, spread, sub_order


def check_sheet(a: Assessment, sheet: Sheet, ref: CafModel) -> Iterator[Finding]:
    if not _scores_mapping(sheet.where):
        return  # the schema check reports it; 28 'not scored' would only bury that
    who = sheet.evaluator or sheet.where.file.rel
    todo: list[tuple[str, Entry | None]] = []  # neither scored nor abstained
    for sid, entry in sheet.entries.items():
        if sid not in ref.subcriteria:
            yield _unknown_sub(ref, sid, entry)
        elif not entry.abstain and not _given(entry):
            todo.append((sid, entry))
        else:
            yield from _entry(a, ref, who, entry)
    todo += [(sid, None) for sid in ref.subcriteria if sid not in sheet.entries]
    if not todo:
        return
    if a.status != "completed":  # work in progress: one reminder per sheet, not 28
        ids = sorted((sid for sid, _ in todo), key=sub_order)
        shown = ", ".join(ids[:4]) + (" …" if len(ids) > 4 else "")
        yield Finding(*c.key_loc(sheet.where.child("scores")), "warning", "QMS502",
                      f"{who}: {len(ids)} of {len(ref.subcriteria)} sub-criteria not scored "
                      f"yet ({shown})", "score each one with evidence, or 'abstain: <reason>'")
        return
    for sid, entry in todo:
        if entry is None:
            yield Finding(*c.key_loc(sheet.where.child("scores")), "error", "QMS502",
                          f"{who} did not score {sid} {ref.subcriteria[sid].title_ro}",
                          f"add '\"{sid}\":' with a score and evidence, or 'abstain: <reason>'")
        else:
            yield Finding(*entry.where.loc("score"), "error", "QMS502",
                          f"{who} did not score {sid}",
                          "write a score 0..100, or 'abstain: <reason>'")


def _scores_mapping(w: Where) -> bool:
    data = w.file.data
    return isinstance(data, dict) and isinstance(data.get("scores"), dict)


def _given(e: Entry) -> bool:
    return e.score is not None or any(v is not None for v in e.parts.values())


def _unknown_sub(ref: CafModel, sid: str, entry_or_agreed: Entry | Agreed) -> Finding:
    return Finding(*c.key_loc(entry_or_agreed.where), "error", "QMS503",
                   f"unknown CAF 2020 sub-criterion '{sid}'",
                   c.unknown_hint(list(ref.subcriteria), sid, "CAF 2020"))


def _entry(a: Assessment, ref: CafModel, who: str, e: Entry) -> Iterator[Finding]:
    if e.abstain:
        if _given(e):
            yield Finding(*e.where.loc("abstain"), "error", "QMS502",
                          f"{who} both scored and abstained on {e.sub}",
                          "keep the score or the abstention, not both")
        return
    fine = a.scoring == "fine-tuned"
    yield from (_fine(ref, who, e) if fine else _classical(who, e))
    value = e.value
    if value is None:  # components partly scored: reported by _fine
        return
    if e.band is not None and 0 <= value <= 100:
        band = ref.band(e.band)
        if band and not band.holds(value):
            yield Finding(*e.where.loc("score" if e.score is not None else "band"), "error",
                          "QMS504", f"{e.sub}: score {fmt(value)} is outside band {e.band} "
                          f"({band.low}-{band.high}) chosen by {who}",
                          _band_hint(ref, value))
    if not e.evidence.strip():
        yield Finding(*e.where.loc(), "error", "QMS506", f"{who} scored {e.sub} without evidence",
                      "add 'evidence:': documents, records or facts the score rests on")


def _band_hint(ref: CafModel, value) -> str:
    b = ref.band_of(value)
    return (f"a score of {fmt(value)} lies in band {b.level} ({b.low}-{b.high}); "
            "correct the band or the score") if b else "scores are 0..100"


def _classical(who: str, e: Entry) -> Iterator[Finding]:
    if e.parts:
        part = next(iter(e.parts))
        yield Finding(*c.key_loc(e.where.child(part)), "error", "QMS505",
                      f"{e.sub}: '{part}' belongs to fine-tuned scoring",
                      "this assessment uses classical scoring (assessment.yml): remove "
                      "the components, keep 'band' and 'score'")
    if e.score is not None and e.band is None:
        yield Finding(*e.where.loc("score"), "error", "QMS504",
                      f"{who} gave {e.sub} a score without choosing a band",
                      "classical scoring: choose the panel level first ('band: 1..6'), "
                      "then a score within it")


def _fine(ref: CafModel, who: str, e: Entry) -> Iterator[Finding]:
    kind = ref.subcriteria[e.sub].type
    expected = ENABLER_PARTS if kind == "enabler" else RESULT_PARTS
    for part in e.parts:
        if part not in expected:
            yield Finding(*c.key_loc(e.where.child(part)), "error", "QMS505",
                          f"{e.sub} is a{'n' if kind == 'enabler' else ''} {kind}: "
                          f"'{part}' does not apply", f"score {', '.join(expected)}")
    missing = [p for p in expected if e.parts.get(p) is None]
    if missing and (e.score is not None or any(v is not None for v in e.parts.values())):
        yield Finding(*e.where.loc(), "error", "QMS505",
                      f"{who} left {', '.join(missing)} of {e.sub} unscored",
                      f"fine-tuned scoring scores {', '.join(expected)}, then averages them")
        return
    if not missing and e.score is not None:
        parts = [e.parts[p] or 0 for p in expected]
        avg = sum(parts) / len(parts)
        if e.score not in (math.floor(avg), math.ceil(avg)):
            yield Finding(*e.where.loc("score"), "error", "QMS505",
                          f"{e.sub}: score {e.score} is not the average of "
                          f"{', '.join(expected)} ({fmt(avg)})",
                          "correct the score, or leave it out and it will be computed")


def check_consensus(a: Assessment, ref: CafModel) -> Iterator[Finding]:
    if a.consensus is None:
        if a.status == "completed":
            yield Finding(*a.where.loc("status"), "error", "QMS508",
                          "the assessment is completed but has no consensus.yml",
                          "record the consensus score of each sub-criterion in consensus.yml")
        return
    if not _scores_mapping(a.consensus.where):
        return
    for sid, agreed in a.consensus.items.items():
        if sid not in ref.subcriteria:
            yield _unknown_sub(ref, sid, agreed)
            continue
        if agreed.score is None or agreed.justification.strip():
            continue
        sp = spread(a, sid)
        if sp is None:
            yield Finding(*agreed.where.loc("score"), "error", "QMS507",
                          f"consensus on {sid} without any individual score or justification",
                          "add 'justification:': why the group agreed on this score")
        elif not sp.low <= agreed.score <= sp.high:
            yield Finding(*agreed.where.loc("score"), "error", "QMS507",
                          f"consensus {agreed.score} on {sid} is outside the individual scores "
                          f"{fmt(sp.low)}-{fmt(sp.high)}",
                          "add 'justification:': what the group learned that the evaluators "
                          "had not weighed")
    for sid, sub in ref.subcriteria.items():
        if sid not in a.consensus.items:
            yield Finding(*c.key_loc(a.consensus.where.child("scores")), c.severity(a), "QMS508",
                          f"no consensus score for {sid} {sub.title_ro}",
                          f"add '\"{sid}\": {{score: …}}' to consensus.yml")
