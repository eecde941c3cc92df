"""Checks of the caf module: group, sheets, consensus and improvement plan of every assessment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..findings import Finding
from ..model import QMS
from ..model.base import Where
from .checks_plan import check_plan
from .checks_scores import check_consensus, check_sheet
from .model import Assessment, build, folder_of
from .reference import model as caf_model
from .util import severity, unknown_hint


def check(qms: QMS, today: dt.date) -> list[Finding]:
    data = build(qms)
    ref = caf_model()
    out: list[Finding] = []
    for f in data.orphans:
        folder = f"{qms.config.content_dir}/caf/{folder_of(qms, f)}"
        out.append(Finding(f.rel, 1, 1, "error", "QMS513", f"no {folder}/assessment.yml",
                           "each assessment year has a folder with assessment.yml (group, "
                           "training); run 'qms caf new YEAR'"))
    roles = [r.id for r in qms.roles]
    for a in data.assessments:
        out += _year(a)
        out += check_plan(a, ref, roles, today)
        raw = a.where.file.data
        if not (isinstance(raw, dict) and isinstance(raw.get("group"), list)):
            continue  # the schema reports it; checks against an unreadable group would cascade
        out += _group(a, roles)
        out += _people(qms, a)
        for sheet in a.sheets:
            out += check_sheet(a, sheet, ref)
        out += check_consensus(a, ref)
    return out


def _people(qms: QMS, a: Assessment) -> Iterator[Finding]:
    """With a people registry, the group are people of it, with its names, in the functions
    they held when the assessment started; the sheets cite nothing later than their date."""
    from ..check.people import named
    from .evidence import later_years

    if qms.people:
        for e in a.group:
            person = qms.person(e.id)
            if person is None:
                yield Finding(*e.where.loc("id"), "error", "QMS208",
                              f"evaluator '{e.id}' is not in the people registry",
                              "the group are people of people.yml: use their id")
                continue
            if e.name and e.name != person.name:
                yield Finding(*e.where.loc("name"), "error", "QMS324",
                              f"evaluator '{e.id}' is named '{e.name}'; the registry says "
                              f"'{person.name}'", "write the registry's name, or leave 'name' "
                              "out")
            elif e.function:
                yield from named(qms, person.name, e.function, a.start, e.where, "function",
                                 what=f"CAF {a.year} group")
    for sheet in a.sheets:
        day = sheet.date or a.end
        for sid, entry in sheet.entries.items():
            late = later_years(entry.evidence, day)
            if late:
                yield Finding(*entry.where.loc("evidence"), "warning", "QMS329",
                              f"{sheet.evaluator}'s evidence for {sid} cites {late}, after the "
                              f"sheet's date ({day})",
                              "a sheet records what existed when it was filled in")


def _year(a: Assessment) -> Iterator[Finding]:
    if a.folder != str(a.year):
        yield Finding(*a.where.loc("year"), "error", "QMS513",
                      f"year {a.year} does not match its folder caf/{a.folder}/",
                      f"move the assessment to caf/{a.year}/ or correct the year")


def _group(a: Assessment, roles: list[str]) -> Iterator[Finding]:
    seen: set[str] = set()
    ids = [e.id for e in a.group]
    for e in a.group:
        if e.id in seen:
            yield Finding(*e.where.loc("id"), "error", "QMS210",
                          f"evaluator '{e.id}' is listed twice", "keep one entry per person")
        seen.add(e.id)
        if e.function and e.function not in roles:
            yield Finding(*e.where.loc("function"), "error", "QMS202",
                          f"unknown job function '{e.function}'",
                          unknown_hint(roles, e.function, "roles.yml"))
        if not a.sheet(e.id):
            yield Finding(*e.where.loc("id"), severity(a), "QMS501",
                          f"evaluator '{e.id}' has no scoring sheet",
                          f"add sheets/{e.id}.yml (run 'qms caf new {a.year}' to scaffold it)")
    if a.sponsor and a.sponsor not in roles:
        yield Finding(*a.where.loc("sponsor"), "error", "QMS202",
                      f"unknown job function '{a.sponsor}'",
                      unknown_hint(roles, a.sponsor, "roles.yml"))
    if a.leader and a.leader not in ids:
        yield Finding(*a.where.loc("leader"), "error", "QMS509",
                      f"leader '{a.leader}' is not in the self-assessment group",
                      unknown_hint(ids, a.leader, "group in assessment.yml"))
    trained: set[str] = set()
    for t in a.training:
        for i, who in enumerate(t.attendees):
            trained.add(who)
            if who not in ids:
                yield Finding(*t.where.loc("attendees", i), "error", "QMS509",
                              f"attendee '{who}' is not in the self-assessment group",
                              unknown_hint(ids, who, "group in assessment.yml"))
    if a.status != "planned":
        for e in a.group:
            if e.id not in trained:
                yield Finding(*e.where.loc("id"), "warning", "QMS512",
                              f"evaluator '{e.id}' attended no training session",
                              "CAF step 4: train the group before it scores; record the session "
                              "under 'training'")
    for sheet in a.sheets:
        if sheet.evaluator and sheet.evaluator not in ids:
            yield Finding(*sheet.where.loc("evaluator"), "error", "QMS509",
                          f"'{sheet.evaluator}' is not in the self-assessment group",
                          unknown_hint(ids, sheet.evaluator, "group in assessment.yml"))
    owners: dict[str, Where] = {}
    for sheet in a.sheets:
        if sheet.evaluator in owners:
            yield Finding(*sheet.where.loc("evaluator"), "error", "QMS210",
                          f"second scoring sheet of '{sheet.evaluator}'",
                          f"the first is {owners[sheet.evaluator].file.rel}; keep one")
        owners.setdefault(sheet.evaluator, sheet.where)
