"""`qms review-inputs`: the inputs ISO 9001 9.3.2 lists, assembled from the repository, then a
minutes template (9.3.3). Markdown; every content value escaped; no clock (the year is given)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from ..caf.md import date, esc, table
from ..model import QMS
from ..swap import write_atomic
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


def as_known_on(data: AuditData, day: str) -> AuditData:
    """The audit data as it stood on day: later audits, findings, reviews and sessions left
    out, actions and verifications dated later not yet done."""
    def action(a):
        if a is None:
            return None
        v = a.verification if a.verification and a.verification.date <= day else None
        status = a.status
        if a.status == "closed" and v is None:
            status = "implemented" if a.done and a.done <= day else "in-progress"
        elif a.status == "implemented" and not (a.done and a.done <= day):
            status = "in-progress"
        return dataclasses.replace(a, status=status, verification=v,
                                   done=a.done if a.done <= day else "")

    return dataclasses.replace(
        data, as_of=day,
        audits=[a for a in data.audits if a.start and a.start <= day],
        findings=[dataclasses.replace(f, action=action(f.action)) for f in data.findings
                  if f.date and f.date <= day],
        reviews=[r for r in data.reviews if r.date and r.date <= day],
        sessions=[s for s in data.sessions if s.date and s.date <= day])


def review_inputs(qms: QMS, year: int, lang: str = "ro", as_of: str = "") -> str:
    """The inputs; with as_of (YYYY-MM-DD), from what the repository records as existing on
    that day (what `--freeze` writes on the day the inputs are sent)."""
    data = build(qms)
    if as_of:
        data = as_known_on(data, as_of)
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


def review_page(qms: QMS, data: AuditData, year: int, lang: str, today) -> str:
    """The review's page: its inputs as frozen when they were sent (a record), then its
    minutes. Without frozen inputs, the inputs computed from the repository, said so."""
    t = labels(lang)
    frozen = data.inputs_of(year)
    r = data.review(year)
    if frozen is None:
        text = review_inputs(qms, year, lang)
        if r and r.date and r.date <= today.isoformat():
            note = NOT_FROZEN["en" if lang == "en" else "ro"].format(year=year)
            head, _, rest = text.partition("\n\n")
            text = f"{head}\n\n!!! warning\n\n    {note}\n\n{rest}"
        return text
    out = [f"# {esc(t['review_inputs'].format(year=year))}", "",
           FROZEN["en" if lang == "en" else "ro"].format(day=date(frozen.frozen_on, lang)), ""]
    body = frozen.markdown.strip().split("\n")
    if body and body[0].startswith("# "):
        body = body[1:]
    out += body + [""] + minutes(qms, data, year, lang)
    return "\n".join(out).rstrip("\n") + "\n"


FROZEN = {"ro": "_Datele de intrare, așa cum au fost transmise participanților la {day} "
                "(înregistrare înghețată: nu se recalculează din depozit)._",
          "en": "_The inputs as they were sent to the participants on {day} (a frozen record: "
                "never recomputed from the repository)._"}
NOT_FROZEN = {"ro": "Datele de intrare ale analizei {year} nu au fost înghețate la data ei: "
                    "cele de mai jos sunt calculate din depozit la data construirii site-ului și "
                    "pot conține date ulterioare analizei.",
              "en": "The inputs of the {year} review were not frozen at its date: those below "
                    "are computed from the repository when the site was built and may hold "
                    "later data."}


def freeze_inputs(qms: QMS, year: int, day: str, lang: str):
    """Write audits/<year>/review-inputs.yml: the inputs as known on day (YYYY-MM-DD), without
    the minutes (those are the review's own file). Raises RecordExists if one exists."""
    from ..exceptions import RecordExists

    dest = qms.config.content / "audits" / str(year) / "review-inputs.yml"
    if dest.exists():
        raise RecordExists(qms.config.rel(dest))
    text = review_inputs(qms, year, lang, as_of=day)
    body = text.split(f"\n## {headings(lang)['minutes']}", 1)[0]
    body = body.split(f"\n## {headings(lang)['minutes_blank']}", 1)[0].rstrip() + "\n"
    lines = ["# yaml-language-server: $schema=../../../schemas/audit-review-inputs.schema.json",
             f"# Datele de intrare ale analizei efectuate de management {year}, înghețate la",
             "# data transmiterii către participanți ('qms review-inputs --freeze'). Înregistrare:",
             "# nu se recalculează din depozit.", "", f"year: {year}", f"frozen_on: {day}",
             "inputs: |"]
    lines += [f"  {x}".rstrip() for x in body.split("\n")]
    write_atomic(dest, ("\n".join(lines).rstrip() + "\n").encode("utf-8"))
    return dest


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
