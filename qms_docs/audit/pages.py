"""What the site and PDF renderers take from the audit module.

- `pages(qms, lang)`: site-relative path -> Markdown, e.g. "audit/AI-2026-01/raport.md";
- `assets(qms)`: site-relative path -> bytes (none yet: the pages are tables).
Every value taken from the content is escaped. Output is deterministic except for the
register's ageing and the dashboards, which are computed "as of" a date: the `today` argument,
else SOURCE_DATE_EPOCH (reproducible builds), else the current date; the pages print it.
"""

from __future__ import annotations

import datetime as dt

from ..caf.md import date, esc, month, table
from ..model import QMS
from .labels import labels, value
from .model import AuditData, build
from .register_page import dashboard_page, register_page
from .report_page import checklist_page, report_page
from .review import review_page
from .training_page import training_page


def as_of(today: dt.date | None = None) -> dt.date:
    if today is not None:
        return today
    from ..clock import build_date

    return build_date()


def pages(qms: QMS, lang: str = "ro", today: dt.date | None = None) -> dict[str, str]:
    data = build(qms)
    if not (data.programmes or data.audits or data.findings or data.reviews or data.sessions):
        return {}
    day = as_of(today)
    out = {"audit/index.md": _index(qms, data, lang)}
    for a in data.audits:
        out[f"audit/{a.id}/raport.md"] = report_page(qms, data, a, lang)
        if a.checklist is not None:
            out[f"audit/{a.id}/lista-de-verificare.md"] = checklist_page(qms, a, lang)
    if data.findings:
        out["audit/constatari.md"] = register_page(qms, data, day, lang)
    out["audit/actiuni.md"] = dashboard_page(qms, data, day, lang)
    for r in data.reviews:
        out[f"audit/analiza-{r.year}.md"] = review_page(qms, data, r.year, lang, day)
    if data.sessions:
        out["audit/instruire.md"] = training_page(qms, data, lang)
    return out


def assets(qms: QMS) -> dict[str, bytes]:
    return {}


def _index(qms: QMS, data: AuditData, lang: str) -> str:
    t = labels(lang)
    out = [f"# {esc(t['index'])}", ""]
    for prog in sorted(data.programmes, key=lambda p: p.year, reverse=True):
        out += [f"## {esc(t['programme'].format(year=prog.year))}", ""]
        if prog.approved:
            out += [f"{t['approved']}: {date(prog.approved, lang)} "
                    f"({esc(qms.display_name(prog.approved_by, prog.approved))})", ""]
        if prog.criteria:
            out += [esc(prog.criteria), ""]
        out += [table([t["id"], t["type"], t["month"], t["processes"], t["clauses"],
                       t["auditors"], t["status"]],
                      [_planned_row(qms, data, p, lang) for p in prog.audits]), ""]
    links = [(t["register"], "constatari.md"), (t["dashboard"], "actiuni.md")]
    links += [(t["review"].format(year=r.year), f"analiza-{r.year}.md") for r in data.reviews]
    if data.sessions:
        links.append((t["training"], "instruire.md"))
    out += [f"- [{esc(name)}]({href})" for name, href in links
            if href != "constatari.md" or data.findings]
    return "\n".join(out) + "\n"


def _planned_row(qms: QMS, data: AuditData, p, lang: str) -> list[str]:
    t = labels(lang)
    a = data.audit(p.id)
    ident = f"[{esc(p.id)}]({p.id}/raport.md)" if a else esc(p.id)
    status = value(a.status, lang) if a else value("planned", lang)
    return [ident, esc(value(p.type, lang)), esc(month(f"{p.month}-01", lang)),
            esc(", ".join(p.processes)),
            esc(", ".join(p.clauses)) or t["none"],
            esc(", ".join(qms.display_name(x, f"{p.month}-01") for x in p.auditors)), esc(status)]
