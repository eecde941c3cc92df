"""The sections of the management review inputs, each from the data already in the repository.

Each section: (qms, audit data, year, lang) -> Markdown lines."""

from __future__ import annotations

from collections import Counter

from ..caf.md import date, esc, table
from ..model import QMS
from ..model.reference import is_within
from .labels import action_value, labels, value
from .model import AuditData, Review


def _none(lang: str) -> list[str]:
    return ["_" + ("None recorded." if lang == "en" else "Nu există înregistrări.") + "_"]


def _in_year(iso: str, year: int) -> bool:
    return iso[:4] == str(year)


def previous_actions(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    earlier = [r for r in data.reviews if r.year < year]
    rows = [[esc(x.id), esc(x.action), esc(qms.role_name(x.owner)), date(x.deadline, lang),
             esc(action_value(x.status, lang)), esc(x.progress)]
            for r in earlier for x in r.actions
            if r is earlier[-1] or x.status in ("planned", "in-progress")]
    if not rows:
        return _none(lang)
    return [table([t["id"], t["task"], t["owner"], t["deadline"], t["status"],
                   t["progress"]], rows)]


def changes(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    from ..site.i18n import labels as site_labels

    en = lang == "en"
    words = site_labels(lang)
    kinds = Counter((c.type, c.category) for c in qms.context)
    out = [("Context issues (4.1): " if en else "Aspecte de context (4.1): ")
           + ", ".join(f"{esc(words.get(k[0], k[0]))} / {esc(words.get('cat.' + k[1], k[1]))}: "
                       f"{n}" for k, n in sorted(kinds.items()))
           + (f"; interested parties (4.2): {len(qms.parties)}." if en
              else f"; părți interesate (4.2): {len(qms.parties)}."), ""]
    rows = [[esc(d.code), esc(d.title), f"{r.edition}.{r.revision}", date(r.date, lang),
             esc(r.description)] for d in qms.all_documents for r in d.revisions
            if _in_year(r.date, year) and (not data.as_of or r.date <= data.as_of)]
    out.append(f"**{'Documents revised in' if en else 'Documente revizuite în'} {year}:**")
    out.append("")
    t = labels(lang)
    out += [table([t["document"], t["title"], "Ed./Rev.", t["date"], t["description"]], rows)] \
        if rows else _none(lang)
    return out


def satisfaction(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    rows = [[esc(p.id), esc(p.name), esc(p.monitoring)] for p in qms.parties if p.monitoring]
    return [table([t["id"], t["title"], "Monitorizare" if lang != "en" else "Monitoring"],
                  rows)] if rows else _none(lang)


def objectives(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    rows = [[esc(o.id), esc(o.objective), esc(o.target), date(o.deadline, lang),
             esc(o.result) or t["none"]] for o in qms.objectives]
    res = "Result" if lang == "en" else "Rezultat"
    return [table([t["id"], t["objectives"], "Țintă" if lang != "en" else "Target",
                   t["deadline"], res], rows)] if rows else _none(lang)


def process_performance(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    ncs = Counter(f.process for f in data.findings if f.is_nc and _in_year(f.date, year))
    rows = [[esc(p.id), esc(p.name),
             "; ".join(f"{esc(i.name)}: {esc(i.target)}" for i in p.indicators) or t["none"],
             str(ncs.get(p.id, 0))] for p in qms.processes]
    head = "NC " + str(year)
    return [table([t["process"], t["title"], "Indicatori" if lang != "en" else "Indicators",
                   head], rows, "lllr")] if rows else _none(lang)


def nonconformities(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    found = [f for f in data.findings
             if _in_year(f.date, year) or f.status not in ("closed", "noted")]
    rows = [[esc(f.id), esc(value(f.type, lang)), esc(f.clause), esc(f.process),
             esc(value(f.status, lang)),
             date(f.action.deadline, lang) if f.action else t["none"]] for f in found]
    if not rows:
        return _none(lang)
    by = Counter(f.status for f in found)
    summary = ", ".join(f"{value(k, lang)}: {n}" for k, n in sorted(by.items()))
    return [table([t["id"], t["type"], t["clause"], t["process"], t["status"], t["deadline"]],
                  rows), "", esc(summary)]


def measurement(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    from ..caf.model import build as caf_build
    from ..caf.reference import model as caf_model
    from ..caf.stats import criterion_score, fmt

    scored = [a for a in caf_build(qms).assessments if a.consensus and a.year <= year
              and (not data.as_of or a.end <= data.as_of)]
    if not scored:
        return _none(lang)
    ref = caf_model()
    head = ["CAF"] + [c.id for c in ref.criteria]
    rows = [[str(a.year)] + [fmt(criterion_score(a, ref, c.id), lang) for c in ref.criteria]
            for a in scored]
    lead = ("CAF 2020 self-assessment, consensus score by criterion:" if lang == "en" else
            "Autoevaluarea CAF 2020, punctajul de consens pe criterii:")
    return [lead, "", table(head, rows, "l" + "r" * len(ref.criteria))]


def audit_results(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    audits = [a for a in data.audits if a.year == year]
    rows = []
    for a in audits:
        counts = Counter(x.status for x in a.checklist.lines) if a.checklist else Counter()
        found = sum(1 for f in data.findings if f.audit == a.id)
        rows.append([esc(a.id), esc(value(a.type, lang)), date(a.start, lang),
                     esc(value(a.status, lang)),
                     ", ".join(f"{value(k, lang)}: {n}" for k, n in sorted(counts.items()))
                     or t["none"], str(found)])
    if not rows:
        return _none(lang)
    out = [table([t["id"], t["type"], t["date"], t["status"], t["results"], t["findings"]],
                 rows)]
    for a in audits:
        if a.report.get("conclusions"):
            out += ["", f"**{esc(a.id)}:** {esc(a.report['conclusions'])}"]
    return out


def providers(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    procs = [p for p in qms.processes if any(is_within(c, "8.4") for c in p.clauses)]
    rows = [[esc(p.id), esc(p.name), "; ".join(f"{esc(i.name)}: {esc(i.target)}"
                                               for i in p.indicators) or t["none"],
             ", ".join(esc(r.id) for r in qms.risks if r.process == p.id) or t["none"]]
            for p in procs]
    return [table([t["process"], t["title"], "Indicatori" if lang != "en" else "Indicators",
                   "Riscuri" if lang != "en" else "Risks"], rows)] if rows else _none(lang)


def resources(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    rows = [[esc(o.id), esc(o.resources)] for o in qms.objectives if o.resources]
    rows += [[f"{r.year}", esc(d.decision)] for r in data.reviews if r.year < year
             for d in r.decisions if d.output == "resources"]
    return [table([t["source"], "Resurse" if lang != "en" else "Resources"], rows)] \
        if rows else _none(lang)


def risks(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    levels = Counter(r.level for r in qms.risks if r.type == "risk")
    lead = ", ".join(f"{action_value(k, lang)}: {levels[k]}" for k in ("high", "medium", "low"))
    rows = [[esc(r.id), esc(r.process), f"{r.probability}×{r.impact}={r.score}",
             esc(r.treatment), date(r.review_date, lang)]
            for r in sorted(qms.risks, key=lambda r: -r.score)
            if r.type == "risk" and r.level != "low"]
    head = [t["id"], t["process"], "P×I", "Tratare" if lang != "en" else "Treatment",
            "Revizuire" if lang != "en" else "Review"]
    return [("Risks by level: " if lang == "en" else "Riscuri pe niveluri: ") + lead, "",
            table(head, rows) if rows else _none(lang)[0]]


def opportunities(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    rows = [[esc(r.id), esc(r.description)] for r in qms.risks if r.type == "opportunity"]
    rows += [[esc(f.id), esc(f.description)] for f in data.findings
             if f.type == "observatie" and _in_year(f.date, year)]
    rows += [[esc(a.id), esc(rec)] for a in data.audits if a.year == year
             for rec in a.report.get("recommendations") or [] if isinstance(rec, str)]
    return [table([t["source"], t["description"]], rows)] if rows else _none(lang)


def caf_progress(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    from ..caf.md import status as caf_status
    from ..caf.model import build as caf_build

    t = labels(lang)
    plans = [a for a in caf_build(qms).assessments if a.plan and a.year <= year
             and (not data.as_of or a.end <= data.as_of)]
    if not plans:
        return _none(lang)
    a = plans[-1]
    counts = Counter(x.status for x in a.actions)
    out = [f"CAF {a.year}: " + ", ".join(f"{caf_status(k, lang)}: {n}"
                                         for k, n in sorted(counts.items())), ""]
    rows = [[esc(x.id), esc(x.action), esc(qms.role_name(x.owner)), date(x.deadline, lang),
             esc(caf_status(x.status, lang)), esc(x.progress)] for x in a.actions]
    return out + [table([t["id"], t["task"], t["owner"], t["deadline"], t["status"],
                         t["progress"]], rows)]


def training(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    t = labels(lang)
    rows = [[date(x.date, lang), esc(x.subject), str(len(x.attendees)),
             ", ".join(f"{esc(p.code)} {p.version}" for p in x.documents) or t["none"]]
            for x in data.sessions if _in_year(x.date, year)]
    return [table([t["date"], t["subject"], t["attendees"], t["presented"]], rows, "llrl")] \
        if rows else _none(lang)


def decisions(r: Review | None, lang: str) -> list[str]:
    out = []
    for key in ("improvement", "changes", "resources"):
        taken = [esc(d.decision) for d in r.decisions if d.output == key] if r else []
        out.append(f"- **{esc(value(key, lang))}:** " + ("; ".join(taken) or "…"))
    return out
