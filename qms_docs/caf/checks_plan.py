"""Checks of the improvement plan: links, deadlines, and low scores left without an action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..findings import Finding
from . import util as c
from .model import Assessment
from .reference import CafModel

# Up to band 3 (31-50) an approach is at most planned: it needs an action, not a remark.
LOW_SCORE = 50
OPEN = ("planned", "in-progress", "postponed")


def check_plan(a: Assessment, ref: CafModel, roles: list[str],
               today: dt.date) -> Iterator[Finding]:
    subs = list(ref.subcriteria)
    seen: set[str] = set()
    ended = a.ended
    for act in a.actions:
        if act.id in seen:
            yield Finding(*act.where.loc("id"), "error", "QMS210",
                          f"action '{act.id}' is defined twice", "give each action its own id")
        seen.add(act.id)
        for i, sid in enumerate(act.subcriteria):
            if sid not in ref.subcriteria:
                yield Finding(*act.where.loc("subcriteria", i), "error", "QMS503",
                              f"action {act.id}: unknown CAF 2020 sub-criterion '{sid}'",
                              c.unknown_hint(subs, sid, "CAF 2020"))
        if act.owner and act.owner not in roles:
            yield Finding(*act.where.loc("owner"), "error", "QMS202",
                          f"unknown job function '{act.owner}'",
                          c.unknown_hint(roles, act.owner, "roles.yml"))
        due = act.due
        if due and ended and due <= ended:
            yield Finding(*act.where.loc("deadline"), "error", "QMS510",
                          f"action {act.id} is due {act.deadline}, not after the assessment "
                          f"ended ({a.end})",
                          "an improvement action follows the report: set a later deadline")
        elif due and due < today and act.status in OPEN:
            yield Finding(*act.where.loc("deadline"), "warning", "QMS514",
                          f"action {act.id} was due {act.deadline} and is {act.status}",
                          "mark it done or cancelled, or set a new deadline with a progress note")
    yield from _low_without_action(a, ref)


def _low_without_action(a: Assessment, ref: CafModel) -> Iterator[Finding]:
    if a.consensus is None:
        return
    covered = {s for act in a.actions if act.status != "cancelled" for s in act.subcriteria}
    for sid in ref.subcriteria:
        agreed = a.agreed(sid)
        if agreed is None or agreed.score is None or agreed.score > LOW_SCORE or sid in covered:
            continue
        if agreed.improvements or any(
                s.entries[sid].improvements for s in a.sheets if sid in s.entries):
            yield Finding(*agreed.where.loc("score"), "warning", "QMS511",
                          f"{sid} scored {agreed.score} by consensus, has areas for improvement "
                          "and no improvement action",
                          f"add an action for {sid} to plan.yml (scores up to {LOW_SCORE} "
                          "call for one)")
