"""Periodic review (ISO 7.5.2, OSGG 600 std. 9) and acknowledgement of the version in force."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..model import QMS, Document


@dataclass
class ReviewStatus:
    code: str
    title: str
    last_review: str
    due: str
    status: str  # overdue | due | ok
    days: int  # days until due (negative when overdue)
    owner: str  # job function name of the process owner


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


def review_status(qms: QMS, today: dt.date, within_days: int = 30) -> list[ReviewStatus]:
    out = []
    for doc in qms.all_documents:
        last = doc.reviewed_on or doc.effective_date
        try:
            last_d = dt.date.fromisoformat(last)
        except ValueError:
            continue
        interval = doc.review_interval_months or qms.config.review_interval_months
        due = add_months(last_d, interval)
        days = (due - today).days
        status = "overdue" if days < 0 else "due" if days <= within_days else "ok"
        out.append(ReviewStatus(doc.code, doc.title, last, due.isoformat(), status, days,
                                _owner(qms, doc)))
    order = {"overdue": 0, "due": 1, "ok": 2}
    return sorted(out, key=lambda r: (order[r.status], r.due, r.code))


def _owner(qms: QMS, doc: Document) -> str:
    p = qms.process(doc.process)
    approvers = doc.step("approved")
    return qms.role_name(p.owner) if p else qms.role_name(approvers[0].role) if approvers else ""


@dataclass
class PendingAck:
    code: str
    version: str
    role: str
    name: str
    purpose: str


def ack_status(qms: QMS) -> list[PendingAck]:
    """Distribution rows (for application or information) without an acknowledgement of the
    edition/revision in force."""
    done = {(a.document, a.edition, a.revision, a.role) for a in qms.acknowledgements}
    out = []
    for doc in qms.all_documents:
        for row in doc.distribution:
            if row.purpose not in ("aplicare", "informare"):
                continue
            if (doc.code, doc.edition, doc.revision, row.role) not in done:
                role = qms.role(row.role)
                out.append(PendingAck(doc.code, doc.version, row.role,
                                      role.holder if role else "", row.purpose))
    return out
