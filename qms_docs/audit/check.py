"""Checks of the audit module: programme, audits and checklists, findings and corrective
actions, management reviews, training sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ..findings import Finding
from ..model import QMS
from ..model.base import Where
from .checks_actions import check_findings, check_reviews, check_training
from .checks_audits import check_audits, check_programmes
from .checks_dates import check_dates
from .model import build


def check(qms: QMS, today: dt.date) -> list[Finding]:
    from ..check.references import _Refs  # here: qms_docs.check imports this module

    data = build(qms)
    refs = _Refs(qms)
    out: list[Finding] = []
    out += check_programmes(qms, data, refs)
    out += check_audits(qms, data, refs)
    out += check_findings(qms, data, refs, today)
    out += check_reviews(data, refs, today)
    out += check_training(qms, data, refs)
    out += check_dates(qms, data)
    out += _duplicates([(a.id, a.where) for a in data.audits], "audit")
    out += _duplicates([(p.id, p.where) for g in data.programmes for p in g.audits],
                       "planned audit")
    out += _duplicates([(f.id, f.where) for f in data.findings], "finding")
    out += _duplicates([(s.id, s.where) for s in data.sessions], "training session")
    out += _duplicates([(x.id, x.where) for r in data.reviews for x in r.actions], "action")
    return out + refs.findings


def _duplicates(ids: Iterable[tuple[str, Where]], noun: str) -> Iterator[Finding]:
    first: dict[str, Where] = {}
    for i, w in ids:
        if i and i in first:
            yield Finding(*w.loc("id"), "error", "QMS210", f"{noun} '{i}' is defined twice",
                          f"the first is in {first[i].file.rel}:{first[i].loc('id')[1]}; "
                          "give each its own id")
        first.setdefault(i, w)
