"""The list of procedural activities, the register of procedures and the sensitive functions."""

from __future__ import annotations

import datetime as dt

from ..model import QMS
from ..site import paths as site_paths
from . import paths
from .checks_controls import PROCEDURE_KINDS
from .labels import labels
from .md import date, esc, link, numbers, table
from .model import ScimData
from .programme_page import endorsement


def _doc_link(qms: QMS, code: str, here: str) -> str:
    doc = qms.document(code)
    return link(code, here, site_paths.document(doc)) if doc else esc(code)


def activities_page(qms: QMS, data: ScimData, lang: str) -> str:
    t, here = labels(lang), paths.ACTIVITIES
    lst = data.activities
    assert lst is not None
    rows = []
    for i, a in enumerate(lst.activities, 1):
        doc = qms.document(a.procedure) if a.procedure else None
        if doc:
            cover = f"{esc(t['covered'])}: {t['edition']} {doc.edition}, {t['revision']} " \
                    f"{doc.revision}"
        else:
            cover = esc(t["uncovered"] + (f", {t['planned'].format(date=date(a.planned, lang))}"
                                          if a.planned else ""))
        rows.append([str(i), esc(a.id), esc(a.activity), esc(qms.department_name(a.department)),
                     _doc_link(qms, a.procedure, here) if a.procedure else t["none"],
                     esc(doc.title) if doc else t["none"], cover])
    head = [t["no"], t["id"], t["procedural_activity"], t["department"], t["procedure"],
            t["title"], t["coverage"]]
    return "\n".join([f"# {esc(t['activities'])}", "",
                      f"**{esc(t['entity'])}:** {esc(qms.organisation.name)} · "
                      f"**{esc(t['date'])}:** {esc(date(lst.date, lang))}", "",
                      endorsement(data, "procedural-activities", None, here, lang), "",
                      table(head, [numbers(len(head)), *rows], "rllllll"), "",
                      link(t["procedures"], here, paths.PROCEDURES), ""])


def procedures_page(qms: QMS, data: ScimData, lang: str) -> str:
    t, here = labels(lang), paths.PROCEDURES
    acts: dict[str, list[str]] = {}
    for a in data.activities.activities if data.activities else []:
        acts.setdefault(a.procedure, []).append(a.id)
    docs = sorted((d for d in qms.documents if d.kind in PROCEDURE_KINDS), key=lambda d: d.code)
    rows = [[str(i), _doc_link(qms, d.code, here), esc(d.title),
             esc(t["ps"] if d.kind == "system-procedure" else t["po"]),
             esc(qms.department_name(d.department) if d.department else t["none"]),
             str(d.edition), str(d.revision), esc(date(d.effective_date, lang)),
             esc(", ".join(str(n) for n in d.osgg) or t["none"]),
             ", ".join(link(x, here, paths.ACTIVITIES) for x in acts.get(d.code, []))
             or t["none"]]
            for i, d in enumerate(docs, 1)]
    head = [t["no"], t["id"], t["title"], t["kind"], t["department"], t["edition"],
            t["revision"], t["effective"], t["osgg"], t["activities_col"]]
    return "\n".join([f"# {esc(t['procedures'])}", "",
                      f"**{esc(t['entity'])}:** {esc(qms.organisation.name)}", "",
                      table(head, [numbers(len(head)), *rows], "rlllrrrlll"), ""])


def sensitive_page(qms: QMS, data: ScimData, day: dt.date, lang: str) -> str:
    t, here = labels(lang), paths.SENSITIVE
    lst = data.sensitive
    assert lst is not None
    rows = []
    for i, s in enumerate(lst.functions, 1):
        role = qms.role(s.function)
        holders = _holders(qms, s.function, day.isoformat(), lang)
        rotation = t["none"]
        if s.rotation_plan:
            rotation = esc(s.rotation_plan) + (
                f" ({esc(t['next'])}: {esc(date(s.rotation_next, lang))})"
                if s.rotation_next else "")
        rows.append([str(i), esc(qms.role_name(s.function)),
                     esc(qms.department_name(role.department) if role else t["none"]),
                     esc("; ".join(holders) or t["none"]), esc(s.risk),
                     ", ".join(link(r, here, site_paths.RISKS, site_paths.anchor(r))
                               for r in s.risks) or t["none"],
                     rotation, esc(s.double_control or t["none"]),
                     esc("; ".join(s.other) or t["none"])])
    head = [t["no"], t["function"], t["department"], t["holders"], t["risk"], t["risks_col"],
            t["rotation"], t["double_control"], t["other"]]
    return "\n".join([f"# {esc(t['sensitive'])}", "",
                      f"**{esc(t['entity'])}:** {esc(qms.organisation.name)} · "
                      f"**{esc(t['date'])}:** {esc(date(lst.date, lang))}", "",
                      endorsement(data, "sensitive-functions", None, here, lang), "",
                      table(head, [numbers(len(head)), *rows], "rllllllll"), ""])


def _holders(qms: QMS, function: str, day: str, lang: str) -> list[str]:
    """Who holds the function on day, and since when (how long they have been exposed)."""
    out = []
    for p in qms.holders(function, day):
        since = next((x.start for x in p.functions if x.role == function and x.covers(day)), "")
        out.append(f"{p.name} ({date(since, lang)})")
    return out
