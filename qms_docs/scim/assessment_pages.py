"""The annual self-assessment: the questionnaires (Anexa nr. 4.1), the synthetic situation
computed from them (Anexa nr. 4.2), the states by department, the report (Anexa nr. 4.3)."""

from __future__ import annotations

from ..model import QMS
from . import paths
from .grading import Synthesis
from .labels import labels
from .md import date, esc, grade_name, link, numbers, table
from .model import Questionnaire, ScimData, Year
from .programme_page import endorsement
from .reference import reference
from .situation import states, synthesis
from .util import composition_of, person_name


def questionnaires_page(qms: QMS, y: Year, lang: str) -> str:
    t, here = labels(lang), paths.questionnaires(y.year)
    ref = reference()
    rows = []
    for q in y.questionnaires:
        st = states(q, ref)
        counts = [sum(v == k for v in st.values()) for k in ("I", "PI", "NI")]
        rows.append([link(qms.department_name(q.department), here,
                          paths.questionnaire(y.year, q.department)),
                     esc(person_name(qms, q.head)), esc(qms.role_name(q.function)),
                     esc(date(q.date, lang)), *[str(c) for c in counts],
                     str(sum(v == "" for v in st.values()))])
    return "\n".join([f"# {esc(t['questionnaires'].format(year=y.year))}", "",
                      table([t["department"], t["head"], t["function"], t["completed"], "I", "PI",
                             "NI", "–"], rows, "llllrrrr"), "",
                      esc(t["legend"]), ""])


def questionnaire_page(qms: QMS, q: Questionnaire, lang: str) -> str:
    t = labels(lang)
    ref = reference()
    st = states(q, ref)
    out = [f"# {esc(t['questionnaire'].format(year=q.year))}: "
           f"{esc(qms.department_name(q.department))}", "",
           f"**{esc(t['department'])}:** {esc(qms.department_name(q.department))}", "",
           f"**{esc(t['head'])}:** {esc(person_name(qms, q.head))}, "
           f"{esc(qms.role_name(q.function))} · **{esc(t['completed'])}:** "
           f"{esc(date(q.date, lang))}", ""]
    head = [t["criteria"], t["answer"], t["explanation"], t["dept_state"] + " (I/PI/NI)"]
    rows = [numbers(4)]
    for comp, title, stds in ref.components():
        rows.append([f"**{esc(comp)}. {esc(title)}**", "", "", ""])
        for std in stds:
            s = q.standard(std.id)
            state = st.get(std.id)
            shown = t["not_applicable"] if state == "" else (state or t["none"])
            rows.append([f"**{esc(_label(std, lang))}**", "",
                         esc(s.justification) if s and not s.applicable else "",
                         f"**{esc(shown)}**"])
            if s is None or not s.applicable:
                continue
            for x in std.questions:
                a = s.answers.get(x.id)
                rows.append([esc(f"{x.id} {x.text}"),
                             esc(t["answers"].get(a.answer, a.answer)) if a else t["none"],
                             esc(a.evidence) if a and a.evidence else t["none"], ""])
    sign = t["signature"].format(function=qms.role_name(q.function),
                                 name=person_name(qms, q.head))
    out += [table(head, rows, "lllc"), "", esc(t["legend"]), "", f"**{esc(sign)}**", ""]
    return "\n".join(out)


def all_questionnaires_page(qms: QMS, y: Year, lang: str) -> str:
    """Every department's questionnaire, one section each (a department's H1 becomes H2)."""
    t = labels(lang)
    out = [f"# {esc(t['questionnaires'].format(year=y.year))}", ""]
    for q in y.questionnaires:
        body = questionnaire_page(qms, q, lang).split("\n", 1)[1]
        out += [f"## {esc(qms.department_name(q.department))}", body]
    return "\n".join(out)


def _president_and_secretariat(qms: QMS, data: ScimData, day: str, approved_by: str,
                               elaborated_by: str) -> tuple[str, str, list[str]]:
    comp = composition_of(data, day)
    function = ""
    if comp and comp.president and comp.president.person == approved_by:
        function = qms.role_name(comp.president.function)
    names = [person_name(qms, elaborated_by)]
    if comp:
        names += [person_name(qms, s.person) for s in comp.secretariat
                  if s.person != elaborated_by]
    return person_name(qms, approved_by), function, names


def synthesis_page(qms: QMS, data: ScimData, y: Year, lang: str) -> str:
    t, here = labels(lang), paths.synthesis(y.year)
    s = synthesis(y)
    r = y.report
    out = [f"# {esc(t['synthesis'].format(year=y.year))}", ""]
    if r:
        name, function, secretariat = _president_and_secretariat(
            qms, data, r.synthesis_date, r.approved_by, r.elaborated_by)
        out += [t["approved_block"].format(name=esc(name), function=esc(function),
                                           date=esc(date(r.synthesis_date, lang))), ""]
    out += [f"**{esc(t['entity'])}:** {esc(qms.organisation.name)}", "",
            endorsement(data, "self-assessment", y.year, here, lang), ""]
    out += [esc(t["columns_i"]), "", _synthesis_table(s, lang), "",
            t["grade_line"].format(grade=esc(grade_name(s.grade, lang)), n=s.implemented,
                                   total=len(s.rows)), ""]
    if r and r.measures:
        out += [f"**{esc(t['to_adopt'])}:**", ""]
        out += [f"{i}. {esc(m)}" for i, m in enumerate(r.measures, 1)] + [""]
    if r:
        out += [t["elaborated_block"].format(names=esc(", ".join(secretariat))), ""]
    out += [esc(t["rules_note"]), "",
            link(t["by_department"].format(year=y.year), here, paths.by_department(y.year)), ""]
    return "\n".join(out)


def _synthesis_table(s: Synthesis, lang: str) -> str:
    t = labels(lang)
    head = [t["std_name"], t["applicable_col"], t["col_i"], t["col_pi"], t["col_ni"],
            t["entity_state"]]
    rows = [numbers(6), [f"**{esc(t['total_depts'].format(n=len(s.departments)))}**", "", "",
                         "", "", ""]]
    component = ""
    for row in s.rows:
        std = row.standard
        if std.component != component:
            component = std.component
            rows.append([f"**{esc(component)}. {esc(std.component_title)}**", "", "", "", "", ""])
        rows.append([esc(_label(std, lang)), str(row.applicable), str(row.implemented),
                     str(row.partial), str(row.not_implemented), f"**{row.state or t['none']}**"])
    return table(head, rows, "lrrrrc")


def by_department_page(qms: QMS, y: Year, lang: str) -> str:
    t, here = labels(lang), paths.by_department(y.year)
    s = synthesis(y)
    ids = [r.standard.id for r in s.rows]
    rows = []
    for d in s.departments:
        cells = [s.row(i).departments.get(d) for i in ids]
        rows.append([link(qms.department_name(d), here, paths.questionnaire(y.year, d)),
                     *[(c or t["none"]) if c is not None else "?" for c in cells]])
    rows.append([f"**{esc(t['entity'])}**", *[f"**{r.state or t['none']}**" for r in s.rows]])
    return "\n".join([f"# {esc(t['by_department'].format(year=y.year))}", "",
                      table([t["department"], *[str(i) for i in ids]], rows,
                            "l" + "c" * len(ids)), "", esc(t["legend"]), "",
                      link(t["synthesis"].format(year=y.year), here, paths.synthesis(y.year)),
                      ""])


def report_page(qms: QMS, data: ScimData, y: Year, lang: str) -> str:
    t = labels(lang)
    r = y.report
    assert r is not None
    s = synthesis(y)
    head = data.head_function
    function = qms.role_name(head) if head else ""
    name = person_name(qms, r.signed_by)
    entity = qms.organisation.name
    out = [f"# {esc(t['report'].format(year=y.year))}", ""]
    if r.number:
        out += [f"**{esc(t['report_no'].format(number=r.number, date=date(r.date, lang)))}**",
                ""]
    out += [f"**{esc(t['entity'])}:** {esc(entity)}", ""]
    for para in t["report_body"]:
        out += [para.format(name=esc(name), function=esc(function.lower() if lang != "en"
                                                          else function),
                            entity=esc(entity), grade=esc(grade_name(s.grade, lang)),
                            n=s.implemented, total=len(s.rows)), ""]
    partial = [row for row in s.rows if row.state in ("PI", "NI")]
    if partial:
        out += [f"## {esc(t['partial_standards'])}", "",
                table([t["std_name"], t["applicable_col"], "I", "PI", "NI", t["entity_state"]],
                      [[esc(_label(row.standard, lang)), str(row.applicable), str(row.implemented),
                        str(row.partial), str(row.not_implemented), f"**{row.state}**"]
                       for row in partial], "lrrrrc"), ""]
    out += [f"- {esc(x)}" for x in r.statements] + ([""] if r.statements else [])
    if r.measures:
        out += [f"**{esc(t['to_adopt'])}:**", ""]
        out += [f"{i}. {esc(m)}" for i, m in enumerate(r.measures, 1)] + [""]
    out += [f"**{esc(t['date'])}:** {esc(date(r.date, lang))}", "",
            f"**{esc(t['signature'].format(function=function, name=name))}**", ""]
    return "\n".join(out)


def _label(std, lang: str) -> str:
    return f"Standard {std.id} – {std.title}" if lang == "en" else std.label
