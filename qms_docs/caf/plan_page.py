"""Markdown of "Plan de acțiuni de îmbunătățire CAF <year>": table, status counts, timeline."""

from __future__ import annotations

from collections import Counter

from ..model import QMS
from .md import ACTION_STATUSES, date, esc, labels, month, status, table
from .model import Action, Assessment


def plan_page(qms: QMS, a: Assessment, lang: str) -> str:
    t = labels(lang)
    actions = _ordered(a.actions)
    out = [f"# {esc(t['plan'].format(year=a.year))}", ""]
    if a.plan and a.plan.approved:
        who = f" ({esc(qms.role_name(a.plan.approved_by))})" if a.plan.approved_by else ""
        out += [f"**{t['approved']}:** {esc(date(a.plan.approved, lang))}{who}", ""]
    counts = Counter(x.status for x in actions)
    rows = [[esc(status(s, lang)), str(counts.get(s, 0))] for s in ACTION_STATUSES]
    rows.append([f"**{t['all']}**", f"**{len(actions)}**"])
    out += [f"## 1. {t['status_counts']}", "", table([t["status"], t["count"]], rows, "lr"), ""]
    rows = [[esc(x.id), esc(x.action), esc(", ".join(x.subcriteria)),
             esc(qms.role_name(x.owner)), esc(date(x.deadline, lang)),
             esc(x.resources) or t["none"], esc(x.indicator) or t["none"],
             esc(status(x.status, lang))] for x in actions]
    head = [t["id"], t["action"], t["subs"], t["owner"], t["deadline"], t["resources"],
            t["indicator"], t["status"]]
    out += [f"## 2. {t['actions']}", "", table(head, rows), ""]
    out += [f"## 3. {t['timeline']}", ""]
    for key, group in _by_month(actions):
        out += [f"### {esc(month(key + '-01', lang))}", ""]
        for x in group:
            line = f"- **{esc(x.id)}** ({esc(date(x.deadline, lang))}, " \
                   f"{esc(status(x.status, lang))}): {esc(x.action)}"
            if x.progress:
                line += f" — *{t['progress']}:* {esc(x.progress)}"
            out.append(line)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _ordered(actions: list[Action]) -> list[Action]:
    return sorted(actions, key=lambda x: (x.deadline, x.id))


def _by_month(actions: list[Action]) -> list[tuple[str, list[Action]]]:
    months: dict[str, list[Action]] = {}
    for x in actions:
        months.setdefault(x.deadline[:7], []).append(x)
    return sorted(months.items())
