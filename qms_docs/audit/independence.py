"""Auditors may not audit their own work (ISO 9001 9.2.2 c)."""

from __future__ import annotations

from ..model import QMS


def conflict(qms: QMS, auditor: str, process: str) -> str:
    """Why auditor may not audit process ('' when independent): ISO 9001 9.2.2 c."""
    p, r = qms.process(process), qms.role(auditor)
    if p is None or r is None:
        return ""
    if p.owner == auditor:
        return "a process it owns"
    if r.department and r.department == p.department:
        return f"a process of its own department {r.department}"
    return ""
