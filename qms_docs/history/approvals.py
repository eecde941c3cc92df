"""Table 1 (Elaborat / Verificat / [Avizat] / Aprobat) from the approval evidence only: each row
the function the front matter names and who signed it, when, with which key; a row without
valid evidence stays unsigned (neaprobat / în curs de aprobare), never an earlier version's
person, never a commit message."""

from __future__ import annotations

from ..model import QMS


def resolve_approvals(qms: QMS) -> None:
    """Fill each document's table-1 rows in place from the evidence (once per model)."""
    from ..approval.verify import approvals_of

    approvals_of(qms)
