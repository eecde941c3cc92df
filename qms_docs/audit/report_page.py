"""The audit report (Raport de audit) and the checklist page of one audit."""

from __future__ import annotations

from collections import Counter

from ..caf.md import date, esc, table
from ..model import QMS
from .checklist import KINDS, scope_clauses, scope_processes
from .labels import STATUSES, labels, value
from .model import Audit, AuditData


def report_page(qms: QMS, data: AuditData, a: Audit, lang: str) -> str:
    t = labels(lang)
    out = [f"# {esc(t['report'].format(id=a.id))}", ""]
    if a.title:
        out += [f"**{esc(a.title)}**", ""]
    out += _general(qms, a, lang) + _plan(qms, a, lang)
    out += _results(a, lang) + _findings(data, a, lang) + _conclusions(qms, a, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def _general(qms: QMS, a: Audit, lang: str) -> list[str]:
    t = labels(lang)
    procs = (t["all_processes"] if a.processes is None or a.type == "diagnostic"
             else ", ".join(scope_processes(qms, a)))
    clauses = (t["all_clauses"] if a.clauses is None or a.type == "diagnostic"
               else ", ".join(a.clauses) if a.clauses else t["from_processes"])
    rows = [(t["type"], value(a.type, lang)), (t["status"], value(a.status, lang)),
            (t["period"], f"{date(a.start, lang)} – {date(a.end, lang)}"),
            (t["lead"], qms.display_name(a.lead, a.start) if a.lead else ""),
            (t["team"], ", ".join(qms.display_name(x, a.start) for x in a.auditors)),
            (t["body"], a.body),
            (t["certificate"], f"{a.certificate['number']}, {date(a.certificate['issued'], lang)}"
                               f" – {date(a.certificate['expires'], lang)}"
             if a.certificate.get("number") else ""),
            (t["external"], "; ".join(a.external)), (t["objectives"], a.objectives),
            (t["criteria"], "; ".join(a.criteria)), (t["processes"], procs),
            (t["clauses"], clauses)]
    return [f"## {t['general']}", "",
            table(["", ""], [[f"**{esc(k)}**", esc(v)] for k, v in rows if v]), ""]


def _plan(qms: QMS, a: Audit, lang: str) -> list[str]:
    if not a.plan:
        return []
    t = labels(lang)
    rows = [[date(s.date, lang), esc(s.time), esc(s.process),
             esc(qms.process(s.process).name if qms.process(s.process) else ""),
             esc(qms.display_name(s.auditor, s.date)),
             esc(", ".join(qms.display_name(x, s.date) for x in s.auditees))] for s in a.plan]
    return [f"## {t['plan']}", "",
            table([t["date"], t["time"], t["process"], t["title"], t["auditor"],
                   t["auditees"]], rows), ""]


def _results(a: Audit, lang: str) -> list[str]:
    if a.checklist is None:
        return []
    t = labels(lang)
    counts = Counter(x.status for x in a.checklist.lines)
    rows = [[esc(value(s, lang)), str(counts[s])] for s in STATUSES if counts[s]]
    return [f"## {t['results']}", "", table([t["status"], t["count"]], rows, "lr"), "",
            f"[{t['checklist_link']}](lista-de-verificare.md)", ""]


def _findings(data: AuditData, a: Audit, lang: str) -> list[str]:
    t = labels(lang)
    rows = [[esc(f.id), esc(value(f.type, lang)), esc(f.clause), esc(f.process),
             esc(f.description), esc(value(f.status, lang))]
            for f in data.findings if f.audit == a.id]
    if not rows:
        return []
    return [f"## {t['findings']}", "",
            table([t["id"], t["type"], t["clause"], t["process"], t["description"],
                   t["status"]], rows), "", f"[{t['register']}](../constatari.md)", ""]


def _conclusions(qms: QMS, a: Audit, lang: str) -> list[str]:
    t = labels(lang)
    r = a.report
    out: list[str] = []
    for key in ("summary", "conclusions"):
        if isinstance(r.get(key), str) and r[key]:
            out += [f"## {t[key]}", "", esc(r[key]), ""]
    for key in ("strengths", "recommendations"):
        items = [x for x in r.get(key) or [] if isinstance(x, str)]
        if items:
            out += [f"## {t[key]}", ""] + [f"- {esc(x)}" for x in items] + [""]
    dist = [str(x) for x in r.get("distribution") or []]
    if dist or r.get("date"):
        day = str(r.get("date", ""))
        out += [f"**{t['date']}:** {date(day, lang)}  ",
                f"**{t['distribution']}:** "
                f"{esc(', '.join(qms.display_name(x, day) for x in dist))}"]
    return out


def checklist_page(qms: QMS, a: Audit, lang: str) -> str:
    t = labels(lang)
    assert a.checklist is not None
    out = [f"# {esc(t['checklist'].format(id=a.id))}", ""]
    out += [f"{esc(t['clauses'])}: {len(scope_clauses(qms, a))} · "
            f"[{t['report_link']}](raport.md)", ""]
    rows = []
    for x in a.checklist.lines:
        objs = " · ".join(f"{esc(t[k])}: {esc(', '.join(v))}"
                           for k, v in x.objects().items() if v) or t["none"]
        rows.append([esc(x.clause), esc(x.title), objs, esc(value(x.status, lang)),
                     esc(x.evidence) or t["none"], esc(x.notes) or t["none"]])
    out.append(table([t["clause"], t["title"], " · ".join(t[k] for k in KINDS),
                      t["status"], t["evidence"], t["notes"]], rows))
    return "\n".join(out) + "\n"
