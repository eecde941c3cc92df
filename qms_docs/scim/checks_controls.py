"""Checks of the control activities kept for the SCIM: the OSGG columns of the risk register and
its plan of control measures, the list of procedural activities, the sensitive functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..findings import Finding
from ..model import QMS
from ..model.base import Where
from .checks_acts import Refs
from .model import ScimData, parse_date
from .util import unknown_hint

PROCEDURE_KINDS = ("system-procedure", "operational-procedure")


def check_risks(qms: QMS, today: dt.date) -> Iterator[Finding]:
    """The register as OSGG 600 standard 8 keeps it (rows of type risk; opportunities apart)."""
    for r in qms.risks:
        if r.type != "risk":
            continue
        if r.has_residual and r.residual_score > r.score:
            yield Finding(*r.where.loc("residual"), "error", "QMS815",
                          f"risk {r.id}: residual exposure {r.residual_score} is higher than "
                          f"the inherent exposure {r.score}",
                          "control measures lower a risk; re-assess P and I of one of them")
        missing = [k for k, ok in (("residual", r.has_residual), ("last_review", r.last_review))
                   if not ok]
        if missing:
            yield Finding(*r.where.loc("id"), "warning", "QMS816",
                          f"risk {r.id} lacks the OSGG register's {' and '.join(missing)}",
                          "the register (standard 8) records the residual risk (probability, "
                          "impact) and the date of the last review")
        last = parse_date(r.last_review)
        if last and last > today:
            yield Finding(*r.where.loc("last_review"), "error", "QMS819",
                          f"risk {r.id}: last review {r.last_review} is in the future",
                          "the date of the last review is one that has passed")
        if r.level != "low" and r.strategy in ("tratare", "") and not r.measures:
            yield Finding(*r.where.loc("id"), "warning", "QMS817",
                          f"significant risk {r.id} (exposure {r.score}) is treated without "
                          "control measures in the plan",
                          "add 'measures' (measure, owner, deadline, status): they form the plan "
                          "of control measures")
        for m in r.measures:
            due = parse_date(m.deadline)
            if m.is_open and due and due < today:
                yield Finding(*m.where.loc("deadline"), "warning", "QMS818",
                              f"control measure of risk {r.id} was due on {m.deadline} and is "
                              f"{m.status}", "implement it (status: done, done: date) or set a "
                              "new deadline approved by the risk owner")


def check_activities(qms: QMS, data: ScimData) -> Iterator[Finding]:
    lst = data.activities
    if lst is None:
        return
    depts = [d.id for d in qms.organisation.departments]
    seen: dict[str, Where] = {}
    covered: set[str] = set()
    for a in lst.activities:
        if a.id in seen:
            yield Finding(*a.where.loc("id"), "error", "QMS210",
                          f"duplicate procedural activity '{a.id}'",
                          f"first defined at {seen[a.id].file.rel}:{seen[a.id].loc('id')[1]}")
        seen.setdefault(a.id, a.where)
        if a.department and a.department not in depts:
            yield Finding(*a.where.loc("department"), "error", "QMS205",
                          f"unknown department '{a.department}'",
                          unknown_hint(depts, a.department, "organization.yml"))
        if not a.procedure:
            when = f" (planned by {a.planned})" if a.planned else ""
            yield Finding(*a.where.loc("id"), "warning", "QMS820",
                          f"procedural activity {a.id} has no procedure{when}",
                          "OSGG 600 standard 9: every procedural activity has a documented "
                          "procedure; name it under 'procedure' once approved")
            continue
        doc = qms.document(a.procedure)
        if doc is None:
            codes = [d.code for d in qms.documents if d.kind in PROCEDURE_KINDS]
            yield Finding(*a.where.loc("procedure"), "error", "QMS203",
                          f"unknown document '{a.procedure}'",
                          unknown_hint(codes, a.procedure, "procedures/"))
        elif doc.kind not in PROCEDURE_KINDS:
            yield Finding(*a.where.loc("procedure"), "error", "QMS821",
                          f"procedural activity {a.id} is covered by {doc.code}, a {doc.kind}",
                          "a procedural activity is covered by a system (PS) or operational "
                          "(PO) procedure; instructions and forms hang under one")
        else:
            covered.add(doc.code)
    for doc in qms.documents:
        if doc.kind in PROCEDURE_KINDS and doc.code not in covered:
            yield Finding(*doc.where.loc("code"), "warning", "QMS822",
                          f"procedure {doc.code} covers no activity of the list of procedural "
                          "activities", "add the activity it describes to "
                          "scim/procedural-activities.yml (procedure: " + doc.code + ")")


def check_sensitive(qms: QMS, data: ScimData, refs: Refs, today: dt.date) -> Iterator[Finding]:
    lst = data.sensitive
    if lst is None:
        return
    seen: dict[str, Where] = {}
    for s in lst.functions:
        if s.function in seen:
            yield Finding(*s.where.loc("function"), "error", "QMS210",
                          f"sensitive function '{s.function}' is listed twice",
                          f"first listed at {seen[s.function].file.rel}:"
                          f"{seen[s.function].loc('function')[1]}")
        seen.setdefault(s.function, s.where)
        yield from refs.role(s.function, s.where.loc("function"))
        for i, rid in enumerate(s.risks):
            yield from refs.risk(rid, s.where.loc("risks", i))
        if not s.has_measures:
            yield Finding(*s.where.loc("function"), "warning", "QMS823",
                          f"sensitive function '{s.function}' has no measure",
                          "set a rotation plan ('rotation'), a double control ('double_control')"
                          " or other measures ('other') that manage its risk")
        nxt = parse_date(s.rotation_next)
        if nxt and nxt < today:
            yield Finding(*s.where.loc("rotation", "next"), "warning", "QMS824",
                          f"rotation of '{s.function}' was due on {s.rotation_next}",
                          "rotate the staff as planned, or record the new date and why")
