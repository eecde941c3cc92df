"""The risk register in the OSGG 600/2018 format (a view of risks.yml): per department and for
the entity, the plan of control measures, the opportunities kept apart, the annual report on risk
management, and the heat maps of inherent and residual risk."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from xml.sax.saxutils import escape

from ..model import QMS, Risk
from ..site import paths as site_paths
from ..site.svg import heat_map
from . import paths
from .labels import labels
from .md import date, esc, link, numbers, table
from .model import RiskReport, ScimData
from .programme_page import endorsement
from .reference import reference
from .util import person_name

LEVELS = ("high", "medium", "low")


def department_of(qms: QMS, r: Risk) -> str:
    if r.department:
        return r.department
    p = qms.process(r.process)
    return p.department if p else ""


def risks_only(qms: QMS) -> list[Risk]:
    return [r for r in qms.risks if r.type == "risk"]


def departments(qms: QMS) -> list[str]:
    """Departments with at least one risk, in organisation order."""
    used = {department_of(qms, r) for r in risks_only(qms)}
    return [d.id for d in qms.organisation.departments if d.id in used]


def _strategy(r: Risk, lang: str) -> str:
    names = labels(lang).get("strategies") or reference().strategies
    return names.get(r.strategy, r.strategy)


def _measures(qms: QMS, r: Risk, lang: str) -> str:
    parts = [f"{m.measure} ({qms.role_name(m.owner)}, {date(m.deadline, lang)})"
             for m in r.measures]
    return esc("; ".join(parts) if parts else r.treatment)


def _row(qms: QMS, r: Risk, n: int, here: str, lang: str) -> list[str]:
    t = labels(lang)
    proc = qms.process(r.process)
    activity = r.objective or (proc.name if proc else r.process)
    res = [str(r.residual_probability), str(r.residual_impact), f"**{r.residual_score}**"] \
        if r.has_residual else [t["none"]] * 3
    return [str(n), esc(activity),
            link(r.id, here, site_paths.RISKS, site_paths.anchor(r.id)) + " " + esc(r.description),
            esc(r.cause or t["none"]), str(r.probability), str(r.impact), f"**{r.score}**",
            esc(_strategy(r, lang)), _measures(qms, r, lang), esc(qms.role_name(r.owner)),
            esc(date(r.last_review, lang) or t["none"]), *res, esc(r.observations or t["none"])]


def _head(lang: str) -> list[str]:
    t = labels(lang)
    res = t["residual_short"]
    return [t["no"], t["activity"], t["risk"], t["causes"], t["p"], t["i"], t["e"],
            t["strategy"], t["measures"], t["risk_owner"], t["last_review"], f"{t['p']} {res}",
            f"{t['i']} {res}", f"{t['e']} {res}", t["observations"]]


def _register_table(qms: QMS, rows: list[Risk], here: str, lang: str) -> str:
    head = _head(lang)
    ordered = sorted(rows, key=lambda r: (-r.score, r.id))
    return table(head, [numbers(len(head)), *[_row(qms, r, i, here, lang)
                                              for i, r in enumerate(ordered, 1)]],
                 "rlllrrrlllrrrrl")


def register_page(qms: QMS, data: ScimData, lang: str) -> str:
    t, here = labels(lang), paths.REGISTER
    years = sorted({d.year for _, d in data.approvals("risk-register")})
    out = [f"# {esc(t['register_entity'])}", "",
           f"**{esc(t['entity'])}:** {esc(qms.organisation.name)}", "",
           endorsement(data, "risk-register", years[-1] if years else None, here, lang), "",
           esc(t["scale"]) + " " + esc(t["columns_note"]), "",
           f"![{esc(t['heat_alt'])}]({_rel(here, paths.HEAT_MAP)})", ""]
    out += [f"**{esc(t['registers_dept'])}:** " + ", ".join(
        link(qms.department_name(d), here, paths.department_register(d))
        for d in departments(qms)), ""]
    for d in departments(qms):
        rows = [r for r in risks_only(qms) if department_of(qms, r) == d]
        out += [f"## {esc(t['department'])}: {esc(qms.department_name(d))}", "",
                _register_table(qms, rows, here, lang), ""]
    out += [link(t["plan"], here, paths.PLAN) + " · " + link(t["opportunities"], here,
                                                            paths.OPPORTUNITIES), ""]
    return "\n".join(out)


def department_page(qms: QMS, dept: str, lang: str) -> str:
    t, here = labels(lang), paths.department_register(dept)
    rows = [r for r in risks_only(qms) if department_of(qms, r) == dept]
    return "\n".join([f"# {esc(t['register_dept'].format(dept=qms.department_name(dept)))}", "",
                      f"**{esc(t['entity'])}:** {esc(qms.organisation.name)} · "
                      f"**{esc(t['department'])}:** {esc(qms.department_name(dept))}", "",
                      esc(t["scale"]) + " " + esc(t["columns_note"]), "",
                      _register_table(qms, rows, here, lang), "",
                      link(t["register_entity"], here, paths.REGISTER), ""])


def plan_page(qms: QMS, lang: str) -> str:
    t, here = labels(lang), paths.PLAN
    rows, n = [], 0
    for r in sorted(risks_only(qms), key=lambda r: (-r.score, r.id)):
        for m in r.measures:
            n += 1
            rows.append([str(n), esc(qms.department_name(department_of(qms, r))),
                         link(r.id, here, site_paths.RISKS, site_paths.anchor(r.id)) + " "
                         + esc(r.description), f"**{r.score}**", esc(m.measure),
                         esc(qms.role_name(m.owner)), esc(date(m.deadline, lang)),
                         esc(t["status_values"].get(m.status, m.status)),
                         esc(" ".join(x for x in (date(m.done, lang), m.result) if x))
                         or t["none"]])
    head = [t["no"], t["department"], t["risk"], t["exposure"], t["measure"], t["owner"],
            t["deadline"], t["status"], t["result"]]
    counts = Counter(m.status for r in risks_only(qms) for m in r.measures)
    return "\n".join([f"# {esc(t['plan'])}", "",
                      table([t["status"], t["count"]],
                            [[esc(t["status_values"].get(s, s)), str(c)]
                             for s, c in sorted(counts.items())], "lr"), "",
                      table(head, [numbers(len(head)), *rows], "rllrlllll"), ""])


def opportunities_page(qms: QMS, lang: str) -> str:
    t, here = labels(lang), paths.OPPORTUNITIES
    rows = [[link(r.id, here, site_paths.RISKS, site_paths.anchor(r.id)),
             esc(qms.department_name(department_of(qms, r))), esc(r.description),
             esc(r.cause or t["none"]), esc(r.consequence or t["none"]), str(r.probability),
             str(r.impact), f"**{r.score}**", esc(r.treatment), esc(qms.role_name(r.owner)),
             esc(date(r.review_date, lang))]
            for r in sorted((r for r in qms.risks if r.type == "opportunity"),
                            key=lambda r: (-r.score, r.id))]
    head = [t["id"], t["department"], t["opportunity"], t["cause"], t["benefit"], t["p"],
            t["i"], t["e"], t["treatment"], t["owner"], t["review"]]
    return "\n".join([f"# {esc(t['opportunities'])}", "", esc(t["opp_note"]), "",
                      table(head, rows, "lllllrrrlll"), ""])


def risk_report_page(qms: QMS, data: ScimData, r: RiskReport, day: dt.date, lang: str) -> str:
    t, here = labels(lang), paths.risk_report(r.year)
    risks = risks_only(qms)
    out = [f"# {esc(t['risk_report'].format(year=r.year))}", "",
           f"**{esc(t['entity'])}:** {esc(qms.organisation.name)} · **{esc(t['date'])}:** "
           f"{esc(date(r.date, lang))}", "", endorsement(data, "risk-report", r.year, here, lang),
           ""]
    team = data.decision(r.team)
    if team:
        label = f"{team.number}/{date(team.date, lang)}"
        out += [f"## {esc(t['team'].format(label=label))}", "",
                table([t["no"], t["name"], t["function"], t["as"]],
                      [[str(i), esc(person_name(qms, s.person)),
                        esc(qms.role_name(s.function)), esc(s.role)]
                       for i, s in enumerate(team.appoints, 1)], "rlll"), ""]
    out += [f"## {esc(t['summary'])}", "", esc(r.summary), "",
            f"## {esc(t['figures'])}", "",
            esc(t["figures_note"].format(date=date(day.isoformat(), lang))), ""]
    depts = departments(qms)
    rows = []
    for d in depts:
        mine = [x for x in risks if department_of(qms, x) == d]
        inh = Counter(x.level for x in mine)
        res = Counter(_level(x.residual_score) for x in mine if x.has_residual)
        rows.append([esc(qms.department_name(d)), str(len(mine)),
                     *[str(inh.get(k, 0)) for k in LEVELS], *[str(res.get(k, 0)) for k in LEVELS]])
    lv = [t[f"level_{k}"] for k in LEVELS]
    out += [table([t["department"], t["count"], *[f"{t['inherent']}: {x}" for x in lv],
                   *[f"{t['residual']}: {x}" for x in lv]], rows, "lrrrrrrr"), ""]
    significant = sorted((x for x in risks if x.level != "low"), key=lambda x: (-x.score, x.id))
    out += [f"## {esc(t['significant'])}", "",
            table([t["risk"], t["department"], t["exposure"], t["residual"], t["risk_owner"]],
                  [[link(x.id, here, site_paths.RISKS, site_paths.anchor(x.id)) + " "
                    + esc(x.description), esc(qms.department_name(department_of(qms, x))),
                    str(x.score), str(x.residual_score) if x.has_residual else t["none"],
                    esc(qms.role_name(x.owner))] for x in significant], "llrrl"), ""]
    counts = Counter(m.status for x in risks for m in x.measures)
    out += [f"## {esc(t['measures_status'])}", "",
            table([t["status"], t["count"]], [[esc(t["status_values"].get(s, s)), str(c)]
                                             for s, c in sorted(counts.items())], "lr"), "",
            f"## {esc(t['conclusions'])}", ""]
    out += [f"{i}. {esc(c)}" for i, c in enumerate(r.conclusions, 1)]
    out += ["", f"**{esc(t['elaborated_by'])}:** {esc(person_name(qms, r.elaborated_by))} · "
            f"**{esc(t['approved_by'])}:** {esc(person_name(qms, r.approved_by))}", ""]
    return "\n".join(out)


def _level(score: int) -> str:
    from ..model.entities import level_of

    return level_of(score)


def _rel(here: str, target: str) -> str:
    import posixpath

    return posixpath.relpath(target, posixpath.dirname(here))


def heat_maps(qms: QMS, lang: str) -> dict[str, bytes]:
    """One drawing, the inherent and the residual heat map side by side (it fits a page)."""
    from ..site.i18n import labels as site_labels

    t = labels(lang)
    base = site_labels(lang)
    risks = risks_only(qms)
    left = heat_map(risks, {**base, "heatmap": t["heat_inherent"]})
    right = heat_map(risks, {**base, "heatmap": t["heat_residual"]}, residual=True)
    return {paths.HEAT_MAP: _pair(left, right, t["inherent"], t["residual"],
                                  t["heat_alt"]).encode("utf-8")}


def _pair(left: str, right: str, left_title: str, right_title: str, title: str) -> str:
    (a, w, h), (b, w2, h2) = _inner(left, 0, 30), _inner(right, 0, 30)
    gap = 30
    b = b.replace('<svg x="0"', f'<svg x="{w + gap}"', 1)
    width, height = w + gap + w2, max(h, h2) + 30
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="qms-heat-pair" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'style="max-width:100%;height:auto" role="img" font-family="sans-serif" '
            f'font-size="12"><title>{escape(title)}</title>'
            f'<text x="{w / 2}" y="18" text-anchor="middle" font-weight="bold" font-size="14">'
            f'{escape(left_title)}</text>'
            f'<text x="{w + gap + w2 / 2}" y="18" text-anchor="middle" font-weight="bold" '
            f'font-size="14">{escape(right_title)}</text>{a}{b}</svg>')


def _inner(svg: str, x: int, y: int) -> tuple[str, int, int]:
    """A drawing as a nested <svg> placed at (x, y), with its size."""
    head, rest = svg.split(">", 1)
    m = re.search(r'viewBox="0 0 (\d+) (\d+)"', head)
    w, h = (int(m.group(1)), int(m.group(2))) if m else (400, 400)
    return (f'<svg x="{x}" y="{y}" width="{w}" height="{h}" viewBox="0 0 {w} {h}">' + rest,
            w, h)
