"""Pages of the decisions, the Comisia de monitorizare and its meetings."""

from __future__ import annotations

from ..model import QMS
from ..site.paths import anchor
from . import paths
from .labels import labels
from .md import date, esc, link, table
from .model import ScimData
from .util import person_name


def decisions_page(qms: QMS, data: ScimData, lang: str) -> str:
    t, here = labels(lang), paths.DECISIONS
    ordered = sorted(data.decisions, key=lambda d: (d.date, d.id))
    rows = [[link(d.id, here, here, anchor(d.id)), esc(f"{d.number}/{date(d.date, lang)}"),
             esc(t["subjects"].get(d.subject, d.subject)), esc(d.title),
             esc(person_name(qms, d.signed_by))] for d in ordered]
    out = [f"# {esc(t['decisions'])}", "",
           table([t["id"], t["number"], t["subject"], t["title"], t["signed_by"]], rows), ""]
    for d in ordered:
        out += [f"## {esc(d.id)}: {esc(t['number'])} {esc(d.number)}/{esc(date(d.date, lang))}"
                f" {{#{anchor(d.id)}}}", "", esc(d.title), ""]
        if d.summary:
            out += [f"*{esc(d.summary)}*", ""]
        if d.appoints:
            out += [table([t["no"], t["name"], t["function"], t["as"]],
                          [[str(i), esc(person_name(qms, s.person)),
                            esc(qms.role_name(s.function) if s.function else t["none"]),
                            esc(s.role)] for i, s in enumerate(d.appoints, 1)], "rlll"), ""]
        if d.supersedes:
            out += [f"{esc(t['supersedes'])}: "
                    + ", ".join(link(x, here, here, anchor(x)) for x in d.supersedes), ""]
    appointed = [(p, ten) for p in qms.people for ten in p.functions
                 if ten.appointed_by and data.decision(ten.appointed_by)]
    if appointed:
        out += [f"## {esc(t['appointments'])}", "",
                table([t["name"], t["tenure_role"], t["from"], t["decision"]],
                      [[esc(p.name), esc(qms.role_name(ten.role)), esc(date(ten.start, lang)),
                        link(ten.appointed_by, here, here, anchor(ten.appointed_by))]
                       for p, ten in appointed]), ""]
    return "\n".join(out)


def commission_page(qms: QMS, data: ScimData, lang: str) -> str:
    t, here = labels(lang), paths.COMMISSION
    c = data.commission
    assert c is not None
    roles = {r.id: r for r in qms.roles}
    out = [f"# {esc(t['commission'])}", ""]
    for comp in sorted(c.compositions, key=lambda x: x.start, reverse=True):
        d = data.decision(comp.decision)
        label = f"nr. {d.number}/{date(d.date, lang)}" if d else comp.decision
        out += [f"## {esc(t['composition'].format(date=date(comp.start, lang), label=label))}",
                "", link(comp.decision, here, paths.DECISIONS, anchor(comp.decision)), ""]
        seats = ([(t["president"], comp.president)] if comp.president else []) + \
            [(t["secretary"], s) for s in comp.secretariat] + \
            [(t["member"], s) for s in comp.members]
        rows = [[str(i), esc(what), esc(person_name(qms, s.person)),
                 esc(qms.role_name(s.function)),
                 esc(qms.department_name(roles[s.function].department)
                     if s.function in roles else "")]
                for i, (what, s) in enumerate(seats, 1)]
        out += [table([t["no"], t["as"], t["name"], t["function"], t["department"]], rows,
                      "rllll", [2, 5, 8, 8, 10]), ""]
    if c.rules:
        r = c.rules
        out += [f"## {esc(t['rules'])}", "",
                esc(t["rules_approved"].format(date=date(r.approved, lang),
                                               name=person_name(qms, r.approved_by))), "",
                esc(t["quorum"].format(share=f"{r.quorum:.0%}")), ""]
        out += [f"**Art. {i}.** {esc(a)}\n" for i, a in enumerate(r.articles, 1)]
    years = [my.year for my in sorted(data.meeting_years, key=lambda m: m.year, reverse=True)]
    if years:
        out += [f"## {esc(t['meetings_all'])}", ""]
        out += [f"- {link(t['meetings'].format(year=y), here, paths.meetings(y))}" for y in years]
    return "\n".join(out) + "\n"


def meetings_page(qms: QMS, data: ScimData, year: int, lang: str) -> str:
    t = labels(lang)
    my = next(m for m in data.meeting_years if m.year == year)
    out = [f"# {esc(t['meetings'].format(year=year))}", ""]
    for m in sorted(my.meetings, key=lambda m: m.date):
        comp = data.commission.on(m.date) if data.commission else None
        voting = {s.person for s in comp.voting} if comp else set()
        out += [f"## {esc(t['meeting'].format(date=date(m.date, lang), id=m.id))}"
                f" {{#{anchor(m.id)}}}", ""]
        present = t["present"].format(n=len(voting & set(m.attendees)), of=len(voting))
        out += [f"**{esc(t['attendees'])}** ({esc(present)}): "
                + esc(", ".join(person_name(qms, p) for p in m.attendees)), ""]
        if m.guests:
            out += [f"**{esc(t['guests'])}:** " + esc("; ".join(m.guests)), ""]
        out += [f"**{esc(t['agenda'])}:**", ""]
        out += [f"{i}. {esc(a)}" for i, a in enumerate(m.agenda, 1)] + [""]
        out += [f"**{esc(t['minutes'])}:** {esc(m.minutes)}", ""]
        if m.decisions:
            rows = [[esc(d.id), esc(d.text),
                     esc(t["approves"].get(d.approves, d.approves)
                         + (f" {d.year}" if d.approves in ("programme", "self-assessment",
                                                          "risk-report", "risk-register")
                            else "")) if d.approves else t["none"]]
                    for d in m.decisions]
            out += [table([t["decision"], t["hcm"], t["approves_col"]], rows,
                          widths=[3, 14, 6]), ""]
    return "\n".join(out)
