"""Checks of the head of the entity's decisions, the appointments in people.yml, the Comisia de
monitorizare (compositions, rules) and its meetings (attendance, quorum, approvals)."""

from __future__ import annotations

from collections.abc import Iterator

from ..check.references import unreadable_kinds
from ..findings import Finding
from ..model import QMS
from ..model.base import Where
from .model import Composition, ScimData, Seat
from .util import held, in_office, internal_audit, person_name, unknown_hint, where_key

DECISIONS = "scim/decisions.yml"
# What a commission decision can approve that lives in a year folder: file -> noun
_YEARLY = {"programme": "development programme", "self-assessment": "self-assessment report",
           "risk-report": "annual report on risk management"}


class Refs:
    """Lookups with 'did you mean' hints for the ids the SCIM files name."""

    def __init__(self, qms: QMS, data: ScimData):
        self.qms, self.data = qms, data
        self.people = [p.id for p in qms.people]
        self.roles = [r.id for r in qms.roles]
        self.decisions = [d.id for d in data.decisions]
        self.risks = [r.id for r in qms.risks]
        self.unreadable = unreadable_kinds(qms)  # their ids are unknown, not missing

    def person(self, pid: str, loc: tuple[str, int, int]) -> Iterator[Finding]:
        if pid and pid not in self.people and "person" not in self.unreadable:
            yield Finding(*loc, "error", "QMS208", f"unknown person '{pid}'",
                          unknown_hint(self.people, pid, "people.yml"))

    def role(self, rid: str, loc: tuple[str, int, int]) -> Iterator[Finding]:
        if rid and rid not in self.roles and "role" not in self.unreadable:
            yield Finding(*loc, "error", "QMS202", f"unknown job function '{rid}'",
                          unknown_hint(self.roles, rid, "roles.yml"))

    def risk(self, rid: str, loc: tuple[str, int, int]) -> Iterator[Finding]:
        if rid and rid not in self.risks and "risk" not in self.unreadable:
            yield Finding(*loc, "error", "QMS207", f"unknown risk '{rid}'",
                          unknown_hint(self.risks, rid, "risks.yml"))

    def decision(self, did: str, loc: tuple[str, int, int]) -> Iterator[Finding]:
        if did and did not in self.decisions:
            yield Finding(*loc, "error", "QMS801", f"unknown decision '{did}'",
                          unknown_hint(self.decisions, did, DECISIONS))

    def seat(self, s: Seat, day: str, what: str, key: str = "person") -> Iterator[Finding]:
        """A person for a function, on a day: both known, and the person held it then. key:
        where the person is written (beside 'function')."""
        yield from self.person(s.person, s.where.loc(key))
        yield from self.role(s.function, s.where.loc("function"))
        if (s.person in self.people and s.function in self.roles and day
                and not held(self.qms, s.person, s.function, day)):
            yield Finding(*s.where.loc(key), "error", "QMS804",
                          f"{person_name(self.qms, s.person)} did not hold the job function "
                          f"'{s.function}' on {day} ({what})",
                          f"on {day} it was held by {in_office(self.qms, s.function, day)} "
                          "(people.yml)")

    def head(self, pid: str, day: str, loc: tuple[str, int, int], what: str) -> Iterator[Finding]:
        """pid signed `what` on day as the head of the entity."""
        yield from self.person(pid, loc)
        head = self.data.head_function
        if not head or pid not in self.people or not day:
            return
        if not held(self.qms, pid, head, day):
            yield Finding(*loc, "error", "QMS802",
                          f"{what} is signed by {person_name(self.qms, pid)}, who was not "
                          f"{self.qms.role_name(head)} on {day}",
                          f"the head of the entity on {day} was {in_office(self.qms, head, day)}"
                          f" ({DECISIONS}: head_function {head})")


def check_acts(qms: QMS, data: ScimData, refs: Refs) -> Iterator[Finding]:
    yield from _decisions(qms, data, refs)
    yield from _appointments(qms, data, refs)
    if data.commission:
        yield from _commission(qms, data, refs)
    yield from _meetings(qms, data, refs)


def _decisions(qms: QMS, data: ScimData, refs: Refs) -> Iterator[Finding]:
    if data.decisions_where:
        yield from refs.role(data.head_function, data.decisions_where.loc("head_function"))
    seen: dict[str, Where] = {}
    for d in data.decisions:
        if d.id in seen:
            yield Finding(*d.where.loc("id"), "error", "QMS210", f"duplicate decision '{d.id}'",
                          f"first defined at {seen[d.id].file.rel}:{seen[d.id].loc('id')[1]}")
        seen.setdefault(d.id, d.where)
        yield from refs.head(d.signed_by, d.date, d.where.loc("signed_by"), f"decision {d.id}")
        for s in d.appoints:
            yield from refs.seat(s, d.date, f"decision {d.id}") if s.function else \
                refs.person(s.person, s.where.loc("person"))
        for i, old in enumerate(d.supersedes):
            yield from refs.decision(old, d.where.loc("supersedes", i))


def _appointments(qms: QMS, data: ScimData, refs: Refs) -> Iterator[Finding]:
    """people.yml: appointed_by names a decision that appoints that person, not after."""
    if not data.decisions_where:
        return  # no decisions kept: appointed_by stays free text
    for p in qms.people:
        for t in p.functions:
            if not t.appointed_by:
                continue
            loc = t.where.loc("appointed_by")
            d = data.decision(t.appointed_by)
            if d is None:
                yield from refs.decision(t.appointed_by, loc)
                continue
            if not any(s.person == p.id for s in d.appoints):
                yield Finding(*loc, "error", "QMS803",
                              f"decision {d.id} does not appoint {p.name}",
                              f"list {p.id} under 'appoints' of {d.id} in {DECISIONS}, or name "
                              "the decision that appointed them")
            elif t.start and d.date and d.date > t.start:
                yield Finding(*loc, "error", "QMS803",
                              f"decision {d.id} of {d.date} is dated after {p.name} took the "
                              f"job function '{t.role}' on {t.start}",
                              "an appointment precedes the tenure: correct the dates")


def _commission(qms: QMS, data: ScimData, refs: Refs) -> Iterator[Finding]:
    c = data.commission
    assert c is not None
    audit = internal_audit(qms, data)
    roles = {r.id: r for r in qms.roles}
    for comp in c.compositions:
        yield from refs.decision(comp.decision, comp.where.loc("decision"))
        d = data.decision(comp.decision)
        if d and d.date and comp.start and comp.start < d.date:
            yield Finding(*comp.where.loc("from"), "error", "QMS806",
                          f"composition starts on {comp.start}, before decision {d.id} of "
                          f"{d.date} that sets it", "a composition applies from its decision on")
        what = f"Comisia de monitorizare from {comp.start}"
        seats = ([comp.president] if comp.president else []) + comp.secretariat + comp.members
        for s in seats:
            yield from refs.seat(s, comp.start, what)
            role = roles.get(s.function)
            if role and role.department in audit and any(s is v for v in comp.voting):
                yield Finding(*s.where.loc("function"), "error", "QMS805",
                              f"{person_name(qms, s.person)} of the internal audit department "
                              f"{role.department} sits in the Comisia de monitorizare",
                              "OSGG 600/2018 art. 3 (2): the commission includes the heads of "
                              "the first-level departments, internal audit excepted")
        pres = comp.president
        role = roles.get(pres.function) if pres else None
        if pres and role and role.level != "conducere":
            yield Finding(*pres.where.loc("function"), "error", "QMS806",
                          f"the president sits for '{pres.function}', not a management "
                          "(conducere) function",
                          "art. 3 (3): the head of the entity or another management person "
                          "with authority, delegated by them")
        yield from _represented(qms, comp, audit, roles)
    if c.rules:
        yield from _rules(qms, c, refs)


def _rules(qms: QMS, c, refs: Refs) -> Iterator[Finding]:
    """The rules of operation are the president's (art. 3 (4)), approved while one is."""
    r = c.rules
    yield from refs.person(r.approved_by, r.where.loc("approved_by"))
    comp = c.on(r.approved)
    if comp is None:
        yield Finding(*r.where.loc("approved"), "error", "QMS806",
                      f"the rules are approved on {r.approved}, when no composition of the "
                      "commission was in force", "date the rules on or after the first "
                      "composition's 'from'")
    elif comp.president and r.approved_by in refs.people \
            and r.approved_by != comp.president.person:
        yield Finding(*r.where.loc("approved_by"), "error", "QMS834",
                      f"the rules are approved by {person_name(qms, r.approved_by)}, not by "
                      f"the president {person_name(qms, comp.president.person)}",
                      "art. 3 (4): the president sets how the commission works")


def _represented(qms: QMS, comp: Composition, audit: set[str], roles: dict) -> Iterator[Finding]:
    """Every first-level department (internal audit excepted) has a seat."""
    depts = qms.organisation.departments
    roots = {d.id for d in depts if not d.parent}
    seated = {roles[s.function].department for s in comp.voting + comp.secretariat
              if s.function in roles}
    for d in depts:
        if d.parent in roots and d.id not in audit and d.id not in seated:
            yield Finding(*comp.where.loc("members"), "warning", "QMS835",
                          f"department {d.id} ({d.name}) has no seat in the commission from "
                          f"{comp.start}",
                          "art. 3 (2): the heads of the first-level departments are members; "
                          "add its head (or a designated representative)")


def _meetings(qms: QMS, data: ScimData, refs: Refs) -> Iterator[Finding]:
    quorum = data.commission.rules.quorum if data.commission and data.commission.rules else 0.5
    hcm: dict[str, Where] = {}
    years = {y.year: y for y in data.years()}
    for my in data.meeting_years:
        if my.folder != str(my.year):
            yield Finding(*my.where.loc("year"), "error", "QMS813",
                          f"year {my.year} does not match its folder scim/{my.folder}/",
                          f"move the file to scim/{my.year}/ or correct the year")
        for m in my.meetings:
            if m.date[:4] != str(my.year):
                yield Finding(*m.where.loc("date"), "error", "QMS813",
                              f"meeting {m.id} of {m.date} is in the meetings of {my.year}",
                              f"move it to scim/{m.date[:4]}/meetings.yml")
            yield from _attendance(qms, data, refs, m, quorum)
            for d in m.decisions:
                if d.id in hcm:
                    yield Finding(*d.where.loc("id"), "error", "QMS210",
                                  f"duplicate commission decision '{d.id}'",
                                  f"first defined at {hcm[d.id].file.rel}:"
                                  f"{hcm[d.id].loc('id')[1]}")
                hcm.setdefault(d.id, d.where)
                y = years.get(d.year)
                if d.approves in _YEARLY and not _has(y, d.approves):
                    yield Finding(*d.where.loc("approves"), "error", "QMS809",
                                  f"{d.id} approves the {_YEARLY[d.approves]} of {d.year}, "
                                  "which the repository does not hold",
                                  f"add scim/{d.year}/{_file(d.approves)}, or set 'year'")
                if d.approves == "procedural-activities" and not data.activities:
                    yield Finding(*d.where.loc("approves"), "error", "QMS809",
                                  f"{d.id} approves the list of procedural activities, which "
                                  "the repository does not hold",
                                  "add scim/procedural-activities.yml")
                if d.approves == "sensitive-functions" and not data.sensitive:
                    yield Finding(*d.where.loc("approves"), "error", "QMS809",
                                  f"{d.id} approves the list of sensitive functions, which the "
                                  "repository does not hold", "add scim/sensitive-functions.yml")


def _has(y, what: str) -> bool:
    if y is None:
        return False
    return bool({"programme": y.programme, "self-assessment": y.report,
                 "risk-report": y.risk_report}[what])


def _file(what: str) -> str:
    return {"programme": "programme.yml", "self-assessment": "report.yml",
            "risk-report": "risk-report.yml"}[what]


def _attendance(qms: QMS, data: ScimData, refs: Refs, m, quorum: float) -> Iterator[Finding]:
    comp = data.commission.on(m.date) if data.commission else None
    if comp is None:
        yield Finding(*m.where.loc("date"), "error", "QMS807",
                      f"meeting {m.id} of {m.date}: no composition of the Comisia de "
                      "monitorizare was in force", "check the date, or the compositions' 'from'"
                      " in scim/commission.yml")
        return
    for i, who in enumerate(m.attendees):
        loc = m.where.loc("attendees", i)
        if who not in refs.people:
            yield from refs.person(who, loc)
        elif not comp.sits(who):
            yield Finding(*loc, "error", "QMS807",
                          f"{person_name(qms, who)} attends meeting {m.id} but is not in the "
                          f"commission in force on {m.date} (from {comp.start})",
                          "list them under 'guests', or correct the composition")
    voting = {s.person for s in comp.voting}
    present = len(voting & set(m.attendees))
    if voting and present <= quorum * len(voting):
        yield Finding(*m.where.loc("attendees"), "warning", "QMS808",
                      f"meeting {m.id}: {present} of {len(voting)} members present, no quorum",
                      f"the rules ask for more than {quorum:.0%} of the members (president "
                      "included); its decisions are not valid")


def check_approvals(qms: QMS, data: ScimData) -> Iterator[Finding]:
    """What the commission must approve carries one of its decisions."""
    if not data.commission:
        return
    for p in data.programmes:
        if not data.approvals("programme", p.year):
            yield _unapproved(p.where, "year", f"the development programme {p.year}",
                              "programme", p.year)
    for r in data.reports:
        if not data.approvals("self-assessment", r.year):
            yield _unapproved(r.where, "year", f"the self-assessment {r.year}",
                              "self-assessment", r.year)
    for r in data.risk_reports:
        if not data.approvals("risk-report", r.year):
            yield _unapproved(r.where, "year", f"the annual report on risk management {r.year}",
                              "risk-report", r.year)
    if data.activities and not data.approvals("procedural-activities"):
        yield _unapproved(data.activities.where, "date", "the list of procedural activities",
                          "procedural-activities", None)
    if data.sensitive and not data.approvals("sensitive-functions"):
        yield _unapproved(data.sensitive.where, "date", "the list of sensitive functions",
                          "sensitive-functions", None)
    for my in data.meeting_years:
        if my.meetings and not data.approvals("risk-register", my.year):
            yield _unapproved(my.where, "year", f"the risk register of {my.year}",
                              "risk-register", my.year)


def _unapproved(w: Where, key: str, what: str, approves: str, year: int | None) -> Finding:
    extra = f", year: {year}" if year else ""
    return Finding(*where_key(w, key), "warning", "QMS810",
                   f"{what} is not approved by the Comisia de monitorizare",
                   f"record the decision in a meeting (approves: {approves}{extra})")
