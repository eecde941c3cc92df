"""Markdown building blocks for the CAF pages: escaping, tables, dates, labels in ro / en."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Characters that some Markdown flavour (Python-Markdown + pymdownx, pandoc) turns into markup.
# Numeric entities are literal text everywhere, unlike backslash escapes, which Python-Markdown
# does not honour for '<', '|', '~', '^', '=' or '$'.
_SPECIAL = "&<>|\\`*_[]{}#!~^=+$"
_ENTITY = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}
_LIST_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # "1. " would start an ordered list
_SHORTCODE = re.compile(r":(?=[\w+-])")  # ":smile:" would be an emoji


def esc(value: object) -> str:
    """A value as literal inline Markdown text (one line; safe in a table cell)."""
    s = " ".join(str(value).split()).translate(_ENTITY)
    s = _SHORTCODE.sub("&#58;", s)
    if s[:2] == "- " or s == "-":
        s = "&#45;" + s[1:]
    return _LIST_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", s, count=1)


def table(head: Iterable[str], rows: Iterable[Iterable[str]], align: str = "") -> str:
    """A pipe table; cells must already be escaped. align: one of 'lrc' per column."""
    head = list(head)
    marks = {"l": ":---", "r": "---:", "c": ":---:"}
    rule = [marks.get(align[i] if i < len(align) else "l", "---") for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


MONTHS_RO = ("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august",
             "septembrie", "octombrie", "noiembrie", "decembrie")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def date(iso: str, lang: str) -> str:
    """2026-05-29 -> 29.05.2026 (ro) or 2026-05-29 (en); anything else as written."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not m or lang == "en":
        return iso
    return f"{m.group(3)}.{m.group(2)}.{m.group(1)}"


def month(iso: str, lang: str) -> str:
    """2026-09-30 -> septembrie 2026."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-\d{2}", iso)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return iso
    names = MONTHS_EN if lang == "en" else MONTHS_RO
    return f"{names[int(m.group(2)) - 1]} {m.group(1)}"


_LABELS = {
    "ro": {
        "report": "Raport de autoevaluare CAF {year}",
        "plan": "Plan de acțiuni de îmbunătățire CAF {year}",
        "compare": "Comparație între autoevaluările CAF",
        "index": "Autoevaluarea CAF 2020",
        "general": "Date generale", "period": "Perioada", "scoring": "Sistemul de punctaj",
        "classical": "punctaj clasic (benzi 0-10 … 91-100)",
        "fine-tuned": "punctaj fin (Plan, Do, Check, Act / tendințe și ținte)",
        "status": "Stadiu", "leader": "Coordonatorul grupului", "sponsor": "Mandatată de",
        "scope": "Domeniu", "group": "Grupul de autoevaluare", "no": "Nr.",
        "evaluator": "Evaluator", "function": "Funcția", "sheet": "Fișă de punctaj",
        "yes": "da", "missing": "lipsește", "training": "Instruirea grupului",
        "date": "Data", "topic": "Tema", "hours": "Ore", "trainer": "Formator",
        "attendees": "Participanți",
        "by_criterion": "Punctaje pe criterii", "criterion": "Criteriu", "type": "Tip",
        "enabler": "factor determinant", "result": "rezultat", "score": "Punctaj",
        "subcount": "Subcriterii", "groups": "Factori determinanți și rezultate",
        "group_col": "Grupă", "criteria": "Criterii", "enablers": "Factori determinanți",
        "results": "Rezultate", "total": "Total CAF",
        "radar_alt": "Diagrama radar a punctajelor de consens pe criterii",
        "method_note": "Punctajul unui criteriu este media punctajelor de consens ale "
                       "subcriteriilor sale; punctajul grupelor și totalul sunt medii ale "
                       "punctajelor criteriilor.",
        "by_sub": "Punctaje pe subcriterii", "sub": "Subcriteriu", "title": "Titlu",
        "consensus": "Consens", "n": "N", "min": "Min", "max": "Max", "mean": "Medie",
        "std": "Abatere standard",
        "spread_note": "N: evaluatorii care au punctat (abținerile nu intră în calcul); "
                       "abaterea standard este cea a populației (grupul întreg).",
        "findings": "Puncte tari și zone de îmbunătățire", "strengths": "Puncte tari",
        "improvements": "Zone de îmbunătățire", "justification": "Justificarea consensului",
        "actions_for": "Acțiuni de îmbunătățire", "none": "–",
        "panels": "Anexă: panourile de punctaj CAF 2020", "band": "Bandă", "phase": "Etapă",
        "meaning": "Semnificație",
        "approved": "Aprobat", "all": "Total", "approved_by": "Aprobat de",
        "status_counts": "Stadiul acțiunilor",
        "count": "Număr", "actions": "Acțiunile planului", "id": "Cod", "action": "Acțiune",
        "subs": "Subcriterii", "owner": "Responsabil", "deadline": "Termen",
        "resources": "Resurse", "indicator": "Indicator", "timeline": "Calendar pe luni",
        "month": "Luna", "progress": "Progres", "difference": "Diferență",
        "closed": "Acțiuni finalizate", "of": "din", "assessment": "Autoevaluarea",
        "report_link": "Raport", "plan_link": "Plan de acțiuni",
        "compare_radar_alt": "Diagrama radar comparativă a punctajelor pe criterii",
        "radar_title": "Punctaje de consens pe criterii, CAF {years}",
    },
    "en": {
        "report": "CAF {year} self-assessment report",
        "plan": "CAF {year} improvement action plan",
        "compare": "Comparison of the CAF self-assessments",
        "index": "CAF 2020 self-assessment",
        "general": "General information", "period": "Period", "scoring": "Scoring system",
        "classical": "classical scoring (bands 0-10 … 91-100)",
        "fine-tuned": "fine-tuned scoring (Plan, Do, Check, Act / trends and targets)",
        "status": "Status", "leader": "Group leader", "sponsor": "Mandated by",
        "scope": "Scope", "group": "Self-assessment group", "no": "No.",
        "evaluator": "Evaluator", "function": "Function", "sheet": "Scoring sheet",
        "yes": "yes", "missing": "missing", "training": "Training of the group",
        "date": "Date", "topic": "Topic", "hours": "Hours", "trainer": "Trainer",
        "attendees": "Attendees",
        "by_criterion": "Scores by criterion", "criterion": "Criterion", "type": "Type",
        "enabler": "enabler", "result": "result", "score": "Score",
        "subcount": "Sub-criteria", "groups": "Enablers and results",
        "group_col": "Group", "criteria": "Criteria", "enablers": "Enablers",
        "results": "Results", "total": "CAF total",
        "radar_alt": "Radar chart of the consensus scores by criterion",
        "method_note": "A criterion scores the mean of its sub-criteria's consensus scores; "
                       "the groups and the total score the mean of their criteria.",
        "by_sub": "Scores by sub-criterion", "sub": "Sub-criterion", "title": "Title",
        "consensus": "Consensus", "n": "N", "min": "Min", "max": "Max", "mean": "Mean",
        "std": "Standard deviation",
        "spread_note": "N: evaluators who scored (abstentions excluded); the standard "
                       "deviation is the population one (the whole group).",
        "findings": "Strengths and areas for improvement", "strengths": "Strengths",
        "improvements": "Areas for improvement", "justification": "Consensus justification",
        "actions_for": "Improvement actions", "none": "–",
        "panels": "Annex: the CAF 2020 scoring panels", "band": "Band", "phase": "Phase",
        "meaning": "Meaning",
        "approved": "Approved", "all": "Total", "approved_by": "Approved by",
        "status_counts": "Action status",
        "count": "Count", "actions": "Actions", "id": "Id", "action": "Action",
        "subs": "Sub-criteria", "owner": "Owner", "deadline": "Deadline",
        "resources": "Resources", "indicator": "Indicator", "timeline": "Timeline by month",
        "month": "Month", "progress": "Progress", "difference": "Difference",
        "closed": "Actions done", "of": "of", "assessment": "Assessment",
        "report_link": "Report", "plan_link": "Action plan",
        "compare_radar_alt": "Comparative radar chart of the scores by criterion",
        "radar_title": "Consensus scores by criterion, CAF {years}",
    },
}

STATUS = {
    "ro": {"planned": "planificată", "in-progress": "în curs", "done": "finalizată",
           "postponed": "amânată", "cancelled": "anulată", "completed": "finalizată"},
    "en": {"planned": "planned", "in-progress": "in progress", "done": "done",
           "postponed": "postponed", "cancelled": "cancelled", "completed": "completed"},
}
ACTION_STATUSES = ("planned", "in-progress", "done", "postponed", "cancelled")


def labels(lang: str) -> dict[str, str]:
    return _LABELS["en" if lang == "en" else "ro"]


def status(value: str, lang: str) -> str:
    return STATUS["en" if lang == "en" else "ro"].get(value, value)
