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
    effective: str = ""  # the version's effective date
    upcoming: bool = False  # not in force yet, within the notice window


NOTICE_DAYS = 30  # a version taking effect within this many days is asked for already


def ack_status(qms: QMS, today: dt.date | None = None, within: int = NOTICE_DAYS
               ) -> list[PendingAck]:
    """Distribution rows (for application or information) without an acknowledgement of the
    version that applies: the one in force today, or the next one when it takes effect within
    `within` days. Obsolete versions are never asked for, nor versions further ahead (their
    predecessor, still in force, is asked for instead: its distribution list as its own text
    had it, from the history, else the current one)."""
    day = (today or dt.date.today()).isoformat()
    horizon = ((today or dt.date.today()) + dt.timedelta(days=within)).isoformat()
    done = {(a.document, a.edition, a.revision, a.role) for a in qms.acknowledgements}
    out = []
    for doc in qms.all_documents:
        target, upcoming = doc, bool(doc.effective_date) and doc.effective_date > day
        if doc.effective_date and doc.effective_date > horizon:
            target, upcoming = _in_force(qms, doc, day), False
            if target is None:
                continue  # nothing applies yet and the first version is not close
        for row in target.distribution:
            if row.purpose not in ("aplicare", "informare"):
                continue
            if (target.code, target.edition, target.revision, row.role) not in done:
                role = qms.role(row.role)
                out.append(PendingAck(target.code, target.version, row.role,
                                      role.holder if role else "", row.purpose,
                                      target.effective_date, upcoming))
    return out


def _in_force(qms: QMS, doc: Document, day: str) -> Document | None:
    from .inforce import IN_FORCE, pick, spans
    from .version_pages import texts

    s = pick(spans(qms).get(doc.code, []), day)
    if s is None or s.state(day) != IN_FORCE:
        return None
    old = texts(qms).get((doc.code, s.edition, s.revision))
    if old is not None:
        return old
    from dataclasses import replace

    return replace(doc, edition=s.edition, revision=s.revision, effective_date=s.start)
