"""Checks of the annual self-assessment: one questionnaire per department over the 16 standards,
every answer given and every "da" proved, the declared states and grade as the rules give them,
the synthetic situation and the report signed by the right people, in the right order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..findings import Finding
from ..model import QMS
from ..model.base import Where
from .checks_acts import Refs
from .grading import department_state
from .model import Questionnaire, ScimData, Year
from .reference import reference
from .situation import complete, departments, synthesis
from .util import composition_of, person_name, unknown_hint, where_key, year_severity


def check_year(qms: QMS, data: ScimData, y: Year, refs: Refs) -> Iterator[Finding]:
    sev = year_severity(y)
    depts = [d.id for d in qms.organisation.departments]
    roles = {r.id: r for r in qms.roles}
    seen: dict[str, Where] = {}
    for q in y.questionnaires:
        yield from _placement(q)
        if q.department not in depts:
            yield Finding(*q.where.loc("department"), "error", "QMS205",
                          f"unknown department '{q.department}'",
                          unknown_hint(depts, q.department, "organization.yml"))
        elif q.department in seen:
            yield Finding(*q.where.loc("department"), "error", "QMS210",
                          f"second questionnaire of {q.department} for {q.year}",
                          f"the first is {seen[q.department].file.rel}; keep one")
        seen.setdefault(q.department, q.where)
        yield from _signatory(qms, q, refs, roles)
        yield from _answers(q, sev)
    yield from _unanswered(qms, y, sev, seen)
    if y.report:
        yield from _report(qms, data, y, refs)
    if y.risk_report:
        yield from _risk_report(qms, data, y, refs)


def _placement(q: Questionnaire) -> Iterator[Finding]:
    if q.folder != str(q.year):
        yield Finding(*q.where.loc("year"), "error", "QMS813",
                      f"year {q.year} does not match its folder scim/{q.folder}/",
                      f"move the questionnaire to scim/{q.year}/questionnaires/")
    stem = PurePosixPath(q.where.file.rel).stem
    if q.department and stem != q.department:
        yield Finding(*q.where.loc("department"), "error", "QMS813",
                      f"the questionnaire of {q.department} is in {stem}.yml",
                      f"name the file {q.department}.yml")


def _signatory(qms: QMS, q: Questionnaire, refs: Refs, roles: dict) -> Iterator[Finding]:
    from .model import Seat

    yield from refs.seat(Seat(q.head, q.function, q.where), q.date,
                         f"questionnaire of {q.department}", key="head")
    role = roles.get(q.function)
    if role and q.department and role.department != q.department:
        yield Finding(*q.where.loc("function"), "error", "QMS830",
                      f"the questionnaire of {q.department} is signed for '{q.function}', a job "
                      f"function of {role.department}",
                      "the head (or the coordinator) of the department answers for it")


def _answers(q: Questionnaire, sev: str) -> Iterator[Finding]:
    ref = reference()
    done: dict[int, Where] = {}
    for s in q.standards:
        std = ref.standards.get(s.standard)
        if std is None:
            yield Finding(*s.where.loc("standard"), "error", "QMS811",
                          f"unknown OSGG 600 standard {s.standard}", "standards are 1 to 16")
            continue
        if s.standard in done:
            yield Finding(*s.where.loc("standard"), "error", "QMS210",
                          f"standard {s.standard} is answered twice",
                          f"first at line {done[s.standard].loc('standard')[1]}")
            continue
        done[s.standard] = s.where
        if not s.applicable:
            if not s.justification:
                yield Finding(*s.where.loc("applicable"), "warning", "QMS832",
                              f"{q.department}: standard {s.standard} marked not applicable "
                              "without a justification",
                              "say why it does not apply ('justification')")
            continue
        known = {x.id for x in std.questions}
        for qid, a in s.answers.items():
            if qid not in known:
                yield Finding(*a.where.loc(), "error", "QMS811",
                              f"standard {s.standard} has no question {qid}",
                              f"its questions are {', '.join(sorted(known))} (osgg600.yml)")
            elif a.answer == "da" and not a.evidence.strip():
                yield Finding(*a.where.loc("answer"), sev, "QMS828",
                              f"{q.department}: question {qid} is answered 'da' without evidence",
                              "a 'da' names the documents that prove it ('evidence')")
        missing = [x.id for x in std.questions if x.id not in s.answers]
        if missing:
            yield Finding(*where_key(s.where, "answers"), sev, "QMS827",
                          f"{q.department}: standard {s.standard}, question"
                          f"{'s' if len(missing) > 1 else ''} {', '.join(missing)} not answered",
                          "answer da, nu or parțial, with the evidence")
        elif s.state:
            given = [s.answers[x.id].answer for x in std.questions]
            expected = department_state(given)
            if s.state != expected:
                yield Finding(*s.where.loc("state"), "error", "QMS829",
                              f"{q.department}: standard {s.standard} is declared {s.state}, "
                              f"the answers give {expected}",
                              "I when every answer is da, NI when none is, PI otherwise "
                              "(Anexa nr. 4.1)")
    for sid in ref.standards:
        if sid not in done:
            yield Finding(*where_key(q.where, "standards"), sev, "QMS826",
                          f"{q.department}: standard {sid} ({ref.standards[sid].title}) is not "
                          "answered", "add it under 'standards', or mark it 'applicable: false' "
                          "with a justification")


def _unanswered(qms: QMS, y: Year, sev: str, seen: dict[str, Where]) -> Iterator[Finding]:
    missing = [d for d in departments(qms) if d not in seen]
    if not missing:
        return
    anchor = y.report.where if y.report else y.questionnaires[0].where if y.questionnaires \
        else None
    if anchor is None:
        return
    loc = where_key(anchor, "year") if y.report else anchor.loc("department")
    for d in missing:
        yield Finding(*loc, sev, "QMS825",
                      f"department {d} ({qms.department_name(d)}) has no questionnaire for "
                      f"{y.year}", f"add scim/{y.year}/questionnaires/{d}.yml "
                      f"(run 'qms scim new {y.year}')")


def _report(qms: QMS, data: ScimData, y: Year, refs: Refs) -> Iterator[Finding]:
    r = y.report
    assert r is not None
    if r.folder != str(r.year):
        yield Finding(*r.where.loc("year"), "error", "QMS813",
                      f"year {r.year} does not match its folder scim/{r.folder}/",
                      f"move the report to scim/{r.year}/ or correct the year")
    yield from refs.head(r.signed_by, r.date, r.where.loc("signed_by"),
                         f"the report on the internal managerial control system {r.year}")
    sw = r.where.child("synthesis")
    for key in ("elaborated_by", "approved_by"):
        yield from refs.person(getattr(r, key), sw.loc(key))
    comp = composition_of(data, r.synthesis_date)
    if comp and r.elaborated_by in refs.people and r.elaborated_by not in {
            s.person for s in comp.secretariat}:
        yield Finding(*sw.loc("elaborated_by"), "error", "QMS834",
                      f"the synthetic situation {r.year} is drawn up by "
                      f"{person_name(qms, r.elaborated_by)}, not by the commission's secretariat",
                      "Anexa nr. 4.2: 'Elaborat: secretariatul' of the Comisia de monitorizare")
    if comp and comp.president and r.approved_by in refs.people \
            and r.approved_by != comp.president.person:
        yield Finding(*sw.loc("approved_by"), "error", "QMS834",
                      f"the synthetic situation {r.year} is approved by "
                      f"{person_name(qms, r.approved_by)}, not by the commission's president "
                      f"{person_name(qms, comp.president.person)}",
                      "Anexa nr. 4.2: 'Aprobat: președintele' of the Comisia de monitorizare")
    last = max((q.date for q in y.questionnaires if q.date), default="")
    if r.synthesis_date and last and r.synthesis_date < last:
        yield Finding(*sw.loc("date"), "error", "QMS833",
                      f"the synthetic situation of {r.synthesis_date} precedes a questionnaire "
                      f"completed on {last}", "the synthesis follows the last questionnaire")
    if r.date and r.synthesis_date and r.date < r.synthesis_date:
        yield Finding(*r.where.loc("date"), "error", "QMS833",
                      f"the report of {r.date} precedes its synthetic situation of "
                      f"{r.synthesis_date}", "the report rests on the synthetic situation")
    if r.grade and complete(y, qms):
        s = synthesis(y)
        if r.grade != s.grade:
            yield Finding(*r.where.loc("grade"), "error", "QMS831",
                          f"the system is declared '{r.grade}', the answers give '{s.grade}' "
                          f"({s.implemented} of {len(s.rows)} standards implemented)",
                          "conform: 16 standards implemented; parțial conform: 13 to 15; "
                          "neconform: fewer (osgg600.yml grading)")


def _risk_report(qms: QMS, data: ScimData, y: Year, refs: Refs) -> Iterator[Finding]:
    r = y.risk_report
    assert r is not None
    if r.folder != str(r.year):
        yield Finding(*r.where.loc("year"), "error", "QMS813",
                      f"year {r.year} does not match its folder scim/{r.folder}/",
                      f"move the report to scim/{r.year}/ or correct the year")
    yield from refs.person(r.elaborated_by, r.where.loc("elaborated_by"))
    yield from refs.person(r.approved_by, r.where.loc("approved_by"))
    yield from refs.decision(r.team, r.where.loc("team"))
    comp = composition_of(data, r.date)
    if comp and comp.president and r.approved_by in refs.people \
            and r.approved_by != comp.president.person:
        yield Finding(*r.where.loc("approved_by"), "error", "QMS834",
                      f"the annual report on risk management {r.year} is approved by "
                      f"{person_name(qms, r.approved_by)}, not by the commission's president "
                      f"{person_name(qms, comp.president.person)}",
                      "the president of the Comisia de monitorizare approves it")
