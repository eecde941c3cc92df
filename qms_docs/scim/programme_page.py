"""The development programme of a year, with its follow-up."""

from __future__ import annotations

from collections import Counter

from ..model import QMS
from ..site.paths import anchor
from . import paths
from .labels import labels
from .md import date, esc, link, numbers, table
from .model import Programme, ScimData
from .util import person_name

STATUSES = ("done", "in-progress", "planned", "postponed", "cancelled")


def endorsement(data: ScimData, what: str, year: int | None, here: str, lang: str) -> str:
    """'Avizat de Comisia de monitorizare: HCM-2025-01 (11.02.2025)' or 'Neavizat ...'."""
    t = labels(lang)
    found = data.approvals(what, year)
    if not found:
        return esc(t["not_endorsed"])
    refs = ", ".join(link(f"{d.id} ({date(m.date, lang)})", here,
                          paths.meetings(int(m.date[:4])), anchor(m.id)) for m, d in found)
    return t["endorsed"].format(refs=refs)


def programme_page(qms: QMS, data: ScimData, p: Programme, lang: str) -> str:
    t, here = labels(lang), paths.programme(p.year)
    head = data.head_function
    out = [f"# {esc(t['programme'].format(year=p.year))}", "",
           esc(t["approved_by_head"].format(name=person_name(qms, p.approved_by),
                                            function=qms.role_name(head) if head else "",
                                            date=date(p.approved, lang))), "",
           endorsement(data, "programme", p.year, here, lang), ""]
    actions = p.actions
    counts = Counter(a.status for a in actions)
    done = counts.get("done", 0)
    pct = round(100 * done / len(actions)) if actions else 0
    out += [f"## {esc(t['progress'])}", "",
            esc(t["done_share"].format(done=done, total=len(actions), pct=pct)), "",
            table([t["status"], t["count"]],
                  [[esc(t["status_values"].get(s, s)), str(counts[s])] for s in STATUSES
                   if counts.get(s)], "lr"), ""]
    rows, n = [], 0
    for o in p.objectives:
        for a in o.actions:
            n += 1
            rows.append([str(n), esc(", ".join(str(s) for s in o.standards)),
                         esc(f"{o.id}: {o.objective}"), esc(f"{a.id}: {a.action}"),
                         esc(qms.role_name(a.owner)), esc(date(a.deadline, lang)),
                         esc(t["status_values"].get(a.status, a.status)),
                         esc(" ".join(x for x in (date(a.done, lang), a.result) if x))
                         or t["none"]])
    heads = [t["no"], t["standard"], t["objective"], t["action"], t["owner"], t["deadline"],
             t["status"], t["followup"]]
    out += [f"## {esc(t['objectives_actions'])}", "",
            table(heads, [numbers(len(heads)), *rows], "rllllll"), ""]
    training = [a for a in actions if a.training]
    if training:
        out += [f"## {esc(t['training'])}", "",
                table([t["action"], t["owner"], t["deadline"], t["status"]],
                      [[esc(f"{a.id}: {a.action}"), esc(qms.role_name(a.owner)),
                        esc(date(a.deadline, lang)),
                        esc(t["status_values"].get(a.status, a.status))] for a in training]), ""]
    return "\n".join(out)
