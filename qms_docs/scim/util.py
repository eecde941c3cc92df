"""Small helpers shared by the SCIM checks and pages."""

from __future__ import annotations

from ..caf.util import unknown_hint
from ..model import QMS
from ..model.base import Where
from .model import Composition, ScimData, Year

__all__ = ["unknown_hint", "held", "person_name", "seat_label", "year_severity",
           "internal_audit", "in_office"]


def held(qms: QMS, person: str, function: str, day: str) -> bool:
    p = qms.person(person)
    return bool(p and p.holds(function, day))


def in_office(qms: QMS, function: str, day: str) -> str:
    """Names of whoever held function on day (for hints)."""
    return ", ".join(p.name for p in qms.holders(function, day)) or "nobody"


def person_name(qms: QMS, pid: str) -> str:
    p = qms.person(pid)
    return p.name if p else pid


def seat_label(qms: QMS, person: str, function: str) -> str:
    return f"{person_name(qms, person)} ({qms.role_name(function)})" if function else \
        person_name(qms, person)


def year_severity(y: Year) -> str:
    """Missing answers are expected while the self-assessment runs; once the report says it
    is completed they are errors."""
    return "error" if y.report is not None and y.report.status == "completed" else "warning"


def internal_audit(qms: QMS, data: ScimData) -> set[str]:
    """The internal audit departments: as commission.yml names them, else by their name."""
    c = data.commission
    named = c.where.file.data.get("internal_audit") if c and isinstance(c.where.file.data,
                                                                          dict) else None
    if isinstance(named, str) and named:
        return {named}
    return {d.id for d in qms.organisation.departments if "audit" in d.name.lower()}


def where_key(w: Where, key: str) -> tuple[str, int, int]:
    """Where a mapping key is written (for a value that is missing or a list that lacks)."""
    line, col = w.file.positions.key(w.path + (key,))
    return w.file.rel, line, col


def composition_of(data: ScimData, day: str) -> Composition | None:
    return data.commission.on(day) if data.commission else None
