"""What the site and PDF renderers take from the scim module.

- `pages(qms, lang, today)`: site-relative path -> Markdown, under scim/;
- `reports(qms, lang, today)`: the pages that become report PDFs: the site's pages without the
  indexes, the departments' registers (the entity's register holds each department's) and the
  single questionnaires (one PDF a year holds them all);
- `assets(qms)`: the heat maps of inherent and residual risk (SVG);
- `appendices(qms, lang)`: Markdown appended to the ISO pages that are the same thing as a SCIM
  object (a procedure's page names its procedural activities; the risk register links to its
  OSGG views).
Every value from the content is escaped; output depends only on the model and `today` (else
SOURCE_DATE_EPOCH, else the current date).
"""

from __future__ import annotations

import datetime as dt
import html

from ..audit.pages import as_of
from ..model import QMS
from ..site import paths as site_paths
from ..site.md import front
from . import paths
from .acts_pages import commission_page, decisions_page, meetings_page
from .assessment_pages import (
    all_questionnaires_page,
    by_department_page,
    questionnaire_page,
    questionnaires_page,
    report_page,
    synthesis_page,
)
from .checks_controls import PROCEDURE_KINDS
from .labels import labels
from .md import esc, grade_name, link
from .model import ScimData, Year, build
from .procedures_pages import activities_page, procedures_page, sensitive_page
from .programme_page import programme_page
from .register_pages import (
    department_page,
    departments,
    heat_maps,
    opportunities_page,
    plan_page,
    register_page,
    risk_report_page,
)
from .situation import synthesis


def pages(qms: QMS, lang: str = "ro", today: dt.date | None = None) -> dict[str, str]:
    data = build(qms)
    if not data.active:
        return {}
    day = as_of(today)
    out = {paths.INDEX: _index(qms, data, lang)}
    if data.decisions:
        out[paths.DECISIONS] = decisions_page(qms, data, lang)
    if data.commission:
        out[paths.COMMISSION] = commission_page(qms, data, lang)
    out[paths.REGISTER] = register_page(qms, data, lang)
    for d in departments(qms):
        out[paths.department_register(d)] = department_page(qms, d, lang)
    out[paths.PLAN] = plan_page(qms, lang)
    if any(r.type == "opportunity" for r in qms.risks):
        out[paths.OPPORTUNITIES] = opportunities_page(qms, lang)
    if data.activities:
        out[paths.ACTIVITIES] = activities_page(qms, data, lang)
    out[paths.PROCEDURES] = procedures_page(qms, data, lang)
    if data.sensitive:
        out[paths.SENSITIVE] = sensitive_page(qms, data, day, lang)
    for y in data.years():
        out.update(_year(qms, data, y, day, lang))
    if len(departments(qms)) > 1:
        out[paths.REGISTERS] = _registers_index(qms, lang)
    out = {k: _wide(v) if _is_wide(k) else v for k, v in out.items()}
    for y in data.years():
        for q in y.questionnaires:
            key = paths.questionnaire(y.year, q.department)
            out[key] = _unsearched(out[key])
    return out


def _unsearched(md: str) -> str:
    """Out of the site search: thirteen questionnaires repeat the same 36 questions and would
    bury every other page that shares a word with them (the synthetic situation stays)."""
    head, sep, rest = md.partition("---\n\n")
    return head + "search:\n  exclude: true\n" + sep + rest if md.startswith("---\n") else md


# Pages whose tables need the width: the site hides its side navigation on them.
_NARROW = ("index.md", "comisia.md", "sedinte.md", "raport-scim.md",
           "raport-gestionare-riscuri.md", "dispozitii.md")


def _is_wide(key: str) -> bool:
    return not key.endswith(_NARROW)


def _wide(md: str) -> str:
    first = md.split("\n", 1)[0]
    return front(html.unescape(first[2:]), wide=True) + md if first.startswith("# ") else md


def _registers_index(qms: QMS, lang: str) -> str:
    t, here = labels(lang), paths.REGISTERS
    out = [f"# {esc(t['register'])}: {esc(t['registers_dept']).lower()}", "",
           f"- {link(t['register_entity'], here, paths.REGISTER)}"]
    out += [f"- {link(qms.department_name(d), here, paths.department_register(d))}"
            for d in departments(qms)]
    return "\n".join(out) + "\n"


def reports(qms: QMS, lang: str = "ro", today: dt.date | None = None) -> dict[str, str]:
    data = build(qms)
    site = pages(qms, lang, today)
    singles = {paths.department_register(d) for d in departments(qms)}
    out = {k: v for k, v in site.items() if not k.endswith("index.md") and k not in singles}
    for y in data.years():
        if not y.questionnaires:
            continue
        for q in y.questionnaires:
            out.pop(paths.questionnaire(y.year, q.department), None)
        out[paths.all_questionnaires(y.year)] = _wide(all_questionnaires_page(qms, y, lang))
    return out


def _year(qms: QMS, data: ScimData, y: Year, day: dt.date, lang: str) -> dict[str, str]:
    out = {paths.year_index(y.year): _year_index(qms, y, lang)}
    if y.programme:
        out[paths.programme(y.year)] = programme_page(qms, data, y.programme, lang)
    if y.meetings:
        out[paths.meetings(y.year)] = meetings_page(qms, data, y.year, lang)
    if y.questionnaires:
        out[paths.questionnaires(y.year)] = questionnaires_page(qms, y, lang)
        for q in y.questionnaires:
            out[paths.questionnaire(y.year, q.department)] = questionnaire_page(qms, q, lang)
        out[paths.synthesis(y.year)] = synthesis_page(qms, data, y, lang)
        out[paths.by_department(y.year)] = by_department_page(qms, y, lang)
    if y.report:
        out[paths.report(y.year)] = report_page(qms, data, y, lang)
    if y.risk_report:
        out[paths.risk_report(y.year)] = risk_report_page(qms, data, y.risk_report, day, lang)
    return out


def assets(qms: QMS) -> dict[str, bytes]:
    data = build(qms)
    if not data.active:
        return {}
    return heat_maps(qms, qms.config.language)


def appendices(qms: QMS, lang: str = "ro") -> dict[str, str]:
    """ISO pages -> the SCIM lines appended to them."""
    data = build(qms)
    if not data.active:
        return {}
    t = labels(lang)
    out: dict[str, str] = {}
    acts: dict[str, list[str]] = {}
    for a in data.activities.activities if data.activities else []:
        acts.setdefault(a.procedure, []).append(a.id)
    for doc in qms.documents:
        if doc.kind not in PROCEDURE_KINDS:
            continue
        here = site_paths.document(doc)
        ids = acts.get(doc.code, [])
        listed = ", ".join(link(x, here, paths.ACTIVITIES) for x in ids) or esc(t["none"])
        out[here] = t["procedure_of"].format(acts=listed) + " " + \
            link(t["procedures"], here, paths.PROCEDURES)
    here = site_paths.RISKS
    links = [link(t["register_entity"], here, paths.REGISTER),
             link(t["plan"], here, paths.PLAN)]
    if any(r.type == "opportunity" for r in qms.risks):
        links.append(link(t["opportunities"], here, paths.OPPORTUNITIES))
    out[here] = f"## {esc(t['register'])} (OSGG 600/2018)\n\n" + \
        t["iso_risks"].format(links=", ".join(links))
    return out


def _index(qms: QMS, data: ScimData, lang: str) -> str:
    t, here = labels(lang), paths.INDEX
    out = [f"# {esc(t['index'])}", "", esc(t["intro"]), ""]
    assessed = [y for y in data.years() if y.questionnaires]
    if assessed:
        y = assessed[-1]
        s = synthesis(y)
        out += [f"**{esc(t['latest'])}** ({y.year}): {esc(t['grade'])} "
                f"**{esc(grade_name(s.grade, lang))}**, "
                f"{esc(t['implemented_of'].format(n=s.implemented, total=len(s.rows)))} "
                f"({link(t['synthesis'].format(year=y.year), here, paths.synthesis(y.year))})",
                ""]
    items = [(t["decisions"], paths.DECISIONS, bool(data.decisions)),
             (t["commission"], paths.COMMISSION, bool(data.commission)),
             (t["register_entity"], paths.REGISTER, True), (t["plan"], paths.PLAN, True),
             (t["opportunities"], paths.OPPORTUNITIES,
              any(r.type == "opportunity" for r in qms.risks)),
             (t["activities"], paths.ACTIVITIES, bool(data.activities)),
             (t["procedures"], paths.PROCEDURES, True),
             (t["sensitive"], paths.SENSITIVE, bool(data.sensitive))]
    out += [f"- {link(name, here, target)}" for name, target, shown in items if shown]
    for y in reversed(data.years()):
        out += ["", f"## {esc(t['year'].format(year=y.year))}", ""]
        out += [f"- {link(name, here, target)}" for name, target in _year_items(y, lang)]
    return "\n".join(out) + "\n"


def _year_items(y: Year, lang: str) -> list[tuple[str, str]]:
    t = labels(lang)
    items = []
    if y.programme:
        items.append((t["programme"].format(year=y.year), paths.programme(y.year)))
    if y.meetings:
        items.append((t["meetings"].format(year=y.year), paths.meetings(y.year)))
    if y.questionnaires:
        items += [(t["questionnaires"].format(year=y.year), paths.questionnaires(y.year)),
                  (t["synthesis"].format(year=y.year), paths.synthesis(y.year)),
                  (t["by_department"].format(year=y.year), paths.by_department(y.year))]
    if y.report:
        items.append((t["report"].format(year=y.year), paths.report(y.year)))
    if y.risk_report:
        items.append((t["risk_report"].format(year=y.year), paths.risk_report(y.year)))
    return items


def _year_index(qms: QMS, y: Year, lang: str) -> str:
    t, here = labels(lang), paths.year_index(y.year)
    out = [f"# {esc(t['year'].format(year=y.year))}", ""]
    out += [f"- {link(name, here, target)}" for name, target in _year_items(y, lang)]
    return "\n".join(out) + "\n"
