"""`qms review-inputs`: the inputs ISO 9001 9.3.2 lists, assembled from the repository, then a
minutes template (9.3.3). Markdown; every content value escaped; no clock (the year is given)."""

from __future__ import annotations

from collections.abc import Callable

from ..caf.md import date, esc, table
from ..model import QMS
from . import review_sections as s
from .labels import action_value, labels
from .model import AuditData, build

HEADINGS = {
    "ro": {
        "a": "a) Stadiul acțiunilor stabilite la analizele anterioare efectuate de management",
        "b": "b) Schimbări ale aspectelor externe și interne relevante pentru SMC",
        "c": "c) Informații despre performanța și eficacitatea SMC",
        "c1": "c1) Satisfacția clienților și feedback de la părțile interesate relevante",
        "c2": "c2) Măsura în care au fost îndeplinite obiectivele calității",
        "c3": "c3) Performanța proceselor și conformitatea serviciilor",
        "c4": "c4) Neconformități și acțiuni corective",
        "c5": "c5) Rezultatele monitorizării și măsurării",
        "c6": "c6) Rezultatele auditurilor",
        "c7": "c7) Performanța furnizorilor externi",
        "d": "d) Adecvarea resurselor",
        "e": "e) Eficacitatea acțiunilor întreprinse pentru abordarea riscurilor și "
             "oportunităților",
        "f": "f) Oportunități de îmbunătățire",
        "caf": "Progresul planului de îmbunătățire CAF",
        "training": "Instruire și conștientizare",
        "minutes": "Minuta analizei",
        "minutes_blank": "Minuta analizei (de completat în ședință)",
    },
    "en": {
        "a": "a) Status of actions from previous management reviews",
        "b": "b) Changes in external and internal issues relevant to the QMS",
        "c": "c) Information on the performance and effectiveness of the QMS",
        "c1": "c1) Customer satisfaction and feedback from relevant interested parties",
        "c2": "c2) Extent to which quality objectives have been met",
        "c3": "c3) Process performance and conformity of services",
        "c4": "c4) Nonconformities and corrective actions",
        "c5": "c5) Monitoring and measurement results",
        "c6": "c6) Audit results",
        "c7": "c7) Performance of external providers",
        "d": "d) Adequacy of resources",
        "e": "e) Effectiveness of actions taken to address risks and opportunities",
        "f": "f) Opportunities for improvement",
        "caf": "CAF improvement plan progress",
        "training": "Training and awareness",
        "minutes": "Minutes of the review",
        "minutes_blank": "Minutes of the review (to complete in the meeting)",
    },
}

Section = Callable[[QMS, AuditData, int, str], list[str]]
SECTIONS: list[tuple[str, int, Section | None]] = [
    ("a", 2, s.previous_actions), ("b", 2, s.changes), ("c", 2, None),
    ("c1", 3, s.satisfaction), ("c2", 3, s.objectives), ("c3", 3, s.process_performance),
    ("c4", 3, s.nonconformities), ("c5", 3, s.measurement), ("c6", 3, s.audit_results),
    ("c7", 3, s.providers), ("d", 2, s.resources), ("e", 2, s.risks),
    ("f", 2, s.opportunities), ("caf", 2, s.caf_progress), ("training", 2, s.training),
]


def headings(lang: str) -> dict[str, str]:
    return HEADINGS["en" if lang == "en" else "ro"]


def review_inputs(qms: QMS, year: int, lang: str = "ro") -> str:
    data = build(qms)
    h = headings(lang)
    t = labels(lang)
    org = qms.organisation.name
    out = [f"# {esc(t['review_inputs'].format(year=year))}", ""]
    if org:
        out += [f"{esc(org)}. {t['generated']} (ISO 9001 9.3.2).", ""]
    for key, level, section in SECTIONS:
        out += ["#" * level + " " + h[key], ""]
        if section is not None:
            out += section(qms, data, year, lang) + [""]
    out += minutes(qms, data, year, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def minutes(qms: QMS, data: AuditData, year: int, lang: str) -> list[str]:
    """The minutes: prefilled from the year's review file when there is one, else blank."""
    t = labels(lang)
    h = headings(lang)
    r = data.review(year)
    out = [f"## {h['minutes'] if r else h['minutes_blank']}", ""]
    out.append(f"- **{t['date']}:** {date(r.date, lang) if r else '…'}")
    out.append(f"- **{t['chair']}:** {esc(qms.display_name(r.chair, r.date)) if r else '…'}")
    who = ", ".join(esc(qms.display_name(p, r.date)) for p in r.participants) if r else "…"
    out += [f"- **{t['participants']}:** {who}", "", f"### {t['decisions']}", ""]
    out += s.decisions(r, lang) + ["", f"### {t['review_actions']}", ""]
    rows = [[esc(x.id), esc(x.action), esc(qms.role_name(x.owner)), date(x.deadline, lang),
             esc(action_value(x.status, lang))] for x in r.actions] if r else []
    rows = rows or [["", "", "", "", ""]] * 3
    out.append(table([t["id"], t["task"], t["owner"], t["deadline"], t["status"]], rows))
    return out
