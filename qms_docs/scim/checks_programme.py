"""Checks of the yearly development programme and its follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..findings import Finding
from ..model import QMS
from ..model.base import Where
from .checks_acts import Refs
from .model import Programme, parse_date
from .reference import reference


def check_programme(qms: QMS, p: Programme, refs: Refs, today: dt.date) -> Iterator[Finding]:
    if p.folder != str(p.year):
        yield Finding(*p.where.loc("year"), "error", "QMS813",
                      f"year {p.year} does not match its folder scim/{p.folder}/",
                      f"move the programme to scim/{p.year}/ or correct the year")
    yield from refs.head(p.approved_by, p.approved, p.where.loc("approved_by"),
                         f"the development programme {p.year}")
    known = reference().standards
    seen: dict[str, Where] = {}
    for o in p.objectives:
        for i, sid in enumerate(o.standards):
            if sid not in known:
                yield Finding(*o.where.loc("standards", i), "error", "QMS811",
                              f"unknown OSGG 600 standard {sid}", "standards are 1 to 16")
        for a in o.actions:
            for ident, w in ((o.id, o.where), (a.id, a.where)):
                if ident in seen and seen[ident] is not w:
                    yield Finding(*w.loc("id"), "error", "QMS210", f"duplicate id '{ident}'",
                                  f"first defined at {seen[ident].file.rel}:"
                                  f"{seen[ident].loc('id')[1]}")
                seen.setdefault(ident, w)
            yield from refs.role(a.owner, a.where.loc("owner"))
            due = parse_date(a.deadline)
            if a.is_open and due and due < today:
                yield Finding(*a.where.loc("deadline"), "warning", "QMS812",
                              f"action {a.id} of the development programme {p.year} was due on "
                              f"{a.deadline} and is {a.status}",
                              "record what was done (status: done, done, result) or "
                              "reschedule it with the commission's agreement")
            if a.status == "done" and not (a.done and a.result):
                missing = " and ".join(k for k, v in (("date", a.done), ("result", a.result))
                                       if not v)
                yield Finding(*a.where.loc("status"), "warning", "QMS814",
                              f"action {a.id} is done without its {missing}",
                              "the follow-up of the programme records the date and the result")
