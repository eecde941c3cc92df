"""Every action still to do, from the findings register and the management reviews, in one list
(for `qms actions` and the dashboards)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import AuditData, parse_date

OPEN_REVIEW = ("planned", "in-progress")


@dataclass(frozen=True)
class ActionRow:
    id: str  # the finding id (corrective action) or the review action id
    source: str  # "corrective" | "review"
    process: str
    description: str
    owner: str
    deadline: str
    status: str
    where: tuple[str, int, int]

    def overdue_days(self, today: dt.date) -> int:
        """Days past the deadline (0 when not overdue or without a deadline)."""
        due = parse_date(self.deadline)
        return (today - due).days if due and due < today else 0


def open_actions(data: AuditData) -> list[ActionRow]:
    """Open actions, soonest deadline first (no deadline last)."""
    rows = []
    for f in data.findings:
        a = f.action
        if a is not None and a.is_open:
            rows.append(ActionRow(f.id, "corrective", f.process, a.description, a.owner,
                                  a.deadline, a.status, a.where.loc()))
    for r in data.reviews:
        for x in r.actions:
            if x.status in OPEN_REVIEW:
                rows.append(ActionRow(x.id, "review", "", x.action, x.owner, x.deadline,
                                      x.status, x.where.loc()))
    return sorted(rows, key=lambda r: (r.deadline or "9999", r.id))


def overdue(rows: list[ActionRow], today: dt.date) -> list[ActionRow]:
    return [r for r in rows if r.overdue_days(today) > 0]
