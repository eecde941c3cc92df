"""Auditors may not audit their own work (ISO 9001 9.2.2 c)."""

from __future__ import annotations

from ..model import QMS


def conflict(qms: QMS, auditor: str, process: str, day: str = "") -> str:
    """Why auditor may not audit process ('' when independent): ISO 9001 9.2.2 c. The auditor
    is a person of the registry (judged by every function held on day) or a job function."""
    p = qms.process(process)
    if p is None:
        return ""
    for rid in qms.functions_of(auditor, day):
        r = qms.role(rid)
        if r is None:
            continue
        mine = "" if rid == auditor else f" ({r.name})"
        if p.owner == rid:
            return f"a process it owns{mine}"
        if r.department and r.department == p.department:
            return f"a process of its own department {r.department}{mine}"
    return ""
