"""The findings register with ageing, and the dashboards of open actions."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..caf.md import date, esc, table
from ..model import QMS
from .actions import ActionRow, open_actions
from .labels import action_value, labels, value
from .model import AuditData, FindingRecord, parse_date

AGE_BUCKETS = ((30, "0-30"), (90, "31-90"), (180, "91-180"), (None, "> 180"))


def _as_of(day: dt.date, lang: str) -> str:
    word = "As of" if lang == "en" else "Situație la data de"
    return f"_{word} {date(day.isoformat(), lang)}._"


def closed_on(f: FindingRecord) -> dt.date | None:
    a = f.action
    if a is None or a.status != "closed":
        return None
    return parse_date(a.verification.date if a.verification else a.done)


def age(f: FindingRecord, day: dt.date) -> int | None:
    """Days open: until closure for a closed finding, else until day (None for a finding raised
    after day, e.g. a page built as of an earlier date)."""
    raised = parse_date(f.date)
    if raised is None or f.status == "noted" or (f.status == "closed" and closed_on(f) is None):
        return None
    days = ((closed_on(f) or day) - raised).days
    return days if days >= 0 else None


def _bucket(days: int) -> str:
    return next(name for limit, name in AGE_BUCKETS if limit is None or days <= limit)


def register_page(qms: QMS, data: AuditData, day: dt.date, lang: str) -> str:
    t = labels(lang)
    out = [f"# {esc(t['register'])}", "", _as_of(day, lang), ""]
    still = [f for f in data.findings if f.status not in ("closed", "noted")]
    counts = Counter(_bucket(d) for f in still if (d := age(f, day)) is not None)
    out += [f"## {t['ageing']}", "",
            table([f"{t['bucket']} ({t['days']})", t["open"]],
                  [[esc(name), str(counts[name])] for _, name in AGE_BUCKETS], "lr"), ""]
    rows = []
    for f in data.findings:
        a = f.action
        days = age(f, day)
        rows.append([f"[{esc(f.id)}](#{f.id.lower()})", esc(value(f.type, lang)),
                     date(f.date, lang), esc(f.clause) or t["none"], esc(f.process) or t["none"],
                     esc(qms.role_name(a.owner)) if a and a.owner else t["none"],
                     date(a.deadline, lang) if a and a.deadline else t["none"],
                     esc(value(f.status, lang)), "" if days is None else str(days)])
    out += [table([t["id"], t["type"], t["date"], t["clause"], t["process"], t["owner"],
                   t["deadline"], t["status"], t["age"]], rows, "llllllllr"), "",
            f"_{t['age_note']}_", ""]
    for f in data.findings:
        out += _details(qms, f, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def _details(qms: QMS, f: FindingRecord, lang: str) -> list[str]:
    t = labels(lang)
    src = f.audit or f.source
    out = [f"### {esc(f.id)}", ""]
    pairs = [(t["source"], src), (t["description"], f.description),
             (t["evidence"], f.evidence), (t["root_cause"], f.root_cause),
             (t["correction"], f.correction)]
    a = f.action
    if a is not None:
        pairs += [(t["action"], a.description), (t["progress"], a.progress)]
        v = a.verification
        if v is not None:
            verdict = t["effective"] if v.effective else t["not_effective"]
            who = qms.display_name(v.by, v.date)
            pairs.append((t["verification"], f"{date(v.date, lang)}, {who}: "
                                             f"{v.result} ({verdict})"))
    out += [f"- **{esc(k)}:** {esc(v)}" for k, v in pairs if v]
    return out + [""]


DEADLINE_BUCKETS = ("overdue", "30", "90", "later", "none")


def _deadline_bucket(r: ActionRow, day: dt.date) -> str:
    due = parse_date(r.deadline)
    if due is None:
        return "none"
    left = (due - day).days
    return "overdue" if left < 0 else "30" if left <= 30 else "90" if left <= 90 else "later"


def _bucket_label(key: str, lang: str) -> str:
    en = lang == "en"
    return {"overdue": "overdue" if en else "depășit", "30": "≤ 30 " + ("days" if en else "zile"),
            "90": "31-90 " + ("days" if en else "zile"),
            "later": "> 90 " + ("days" if en else "zile"),
            "none": "no deadline" if en else "fără termen"}[key]


def dashboard_page(qms: QMS, data: AuditData, day: dt.date, lang: str) -> str:
    t = labels(lang)
    rows = open_actions(data)
    out = [f"# {esc(t['dashboard'])}", "", _as_of(day, lang), ""]
    by_proc = Counter(r.process or "–" for r in rows)
    late = Counter(r.process or "–" for r in rows if r.overdue_days(day))
    out += [f"## {t['by_process']}", "",
            table([t["process"], t["title"], t["open"], t["overdue_col"]],
                  [[esc(p), esc(qms.process(p).name if qms.process(p) else ""),
                    str(n), str(late[p])] for p, n in sorted(by_proc.items())], "llrr"), ""]
    buckets = Counter(_deadline_bucket(r, day) for r in rows)
    out += [f"## {t['by_deadline']}", "",
            table([t["deadline"], t["open"]],
                  [[esc(_bucket_label(k, lang)), str(buckets[k])] for k in DEADLINE_BUCKETS],
                  "lr"), ""]
    lines = [[date(r.deadline, lang) or t["none"], esc(r.id), esc(value(r.source, lang)),
              esc(r.process) or t["none"], esc(r.description),
              esc(qms.role_name(r.owner)) if r.owner else t["none"],
              esc(action_value(r.status, lang)),
              f"**{t['overdue']}**" if r.overdue_days(day) else ""] for r in rows]
    if lines:
        out.append(table([t["deadline"], t["id"], t["source"], t["process"], t["task"],
                          t["owner"], t["status"], ""], lines))
    return "\n".join(out).rstrip("\n") + "\n"
