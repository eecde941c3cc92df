"""Small helpers shared by the CAF checks."""

from __future__ import annotations

import difflib

from ..model.base import Where
from .model import Assessment


def severity(a: Assessment) -> str:
    """Incomplete work is expected while the assessment runs; once completed it is an error."""
    return "error" if a.status == "completed" else "warning"


def unknown_hint(known: list[str], value: str, home: str) -> str:
    shown = ", ".join(known) if len(known) <= 6 else f"{', '.join(known[:3])} … {known[-1]}"
    hint = f"known: {shown} ({home})" if known else f"define it in {home}"
    close = difflib.get_close_matches(value, known, 1, 0.6)
    return hint + (f"; did you mean '{close[0]}'?" if close else "")


def key_loc(w: Where) -> tuple[str, int, int]:
    """Where a mapping key is written (w points at its value)."""
    line, col = w.file.positions.key(w.path)
    return w.file.rel, line, col
