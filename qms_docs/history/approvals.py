"""Table 1 (Elaborat / Verificat / Aprobat) from the best source: commit trailers of the version in
force when git has them, else the front matter; names default to the holder of the function."""

from __future__ import annotations

from ..model import QMS
from .documents import histories_of


def resolve_approvals(qms: QMS) -> None:
    """Fill each document's approvals in place (name, date, and role from trailers)."""
    by_email = {r.email.lower(): r.id for r in qms.roles if r.email}
    hist = histories_of(qms)  # {} outside git: the front matter stands
    for doc in qms.all_documents:
        h = hist.get(doc.code)
        signed = h.approvals(doc.edition, doc.revision) if h else {}
        for a in doc.approvals:
            if a.step in signed:
                t, day = signed[a.step]
                a.name, a.date = t.name, day
                a.role = t.role or by_email.get(t.email.lower(), a.role)
    for doc in qms.all_documents:
        for a in doc.approvals:
            role = qms.role(a.role)
            if not a.name and role:
                a.name = role.holder
