"""Awareness and training sessions, and who has been trained on the version in force."""

from __future__ import annotations

from ..caf.md import date, esc, table
from ..model import QMS
from .labels import labels, value
from .model import AuditData


def trained(qms: QMS, data: AuditData) -> dict[str, tuple[str, list[str], list[str]]]:
    """Document code -> (version in force, roles trained on it, roles trained only on an
    earlier version), for every document presented at a session."""
    out: dict[str, tuple[str, list[str], list[str]]] = {}
    for code in sorted({p.code for s in data.sessions for p in s.documents}):
        doc = qms.document(code)
        if doc is None:
            continue
        current = (doc.edition, doc.revision)
        now: list[str] = []
        older: list[str] = []
        for s in data.sessions:
            for p in s.documents:
                if p.code != code:
                    continue
                target = now if (p.edition, p.revision) == current else older
                target += [r for r in s.attendees if r not in target]
        out[code] = (doc.version, now, [r for r in older if r not in now])
    return out


def training_page(qms: QMS, data: AuditData, lang: str) -> str:
    t = labels(lang)
    out = [f"# {esc(t['training'])}", ""]
    rows = [[esc(s.id), date(s.date, lang), esc(value(s.kind, lang)), esc(s.subject),
             esc(qms.display_name(s.trainer, s.date)), f"{s.hours:g}",
             esc(", ".join(qms.display_name(r, s.date) for r in s.attendees)),
             esc(", ".join(f"{p.code} {p.version}" for p in s.documents)) or t["none"]]
            for s in data.sessions]
    out += [table([t["session"], t["date"], t["type"], t["subject"], t["trainer"], t["hours"],
                   t["attendees"], t["presented"]], rows, "lllllrll"), ""]
    out += [f"## {t['in_force']}", ""]
    status = [[esc(code), esc(qms.document(code).title if qms.document(code) else ""),
               esc(version), esc(", ".join(qms.display_name(r) for r in now)) or t["none"],
               esc(", ".join(qms.display_name(r) for r in older)) or t["none"]]
              for code, (version, now, older) in trained(qms, data).items()]
    out.append(table([t["document"], t["title"], t["version"], t["trained"], t["older"]],
                     status))
    return "\n".join(out) + "\n"
