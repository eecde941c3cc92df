"""Hand the model that `qms build` already checked to the plugin, so the build checks once.

A context-local slot keyed by repository root: plain `mkdocs build` finds it empty and loads.
"""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

from ..model import QMS

_SLOT: ContextVar[tuple[Path, QMS, bool] | None] = ContextVar("qms_preloaded", default=None)


def put(root: Path, qms: QMS, serving: bool = False) -> None:
    """serving: the build is for `qms serve` (live reload: no Content-Security-Policy)."""
    _SLOT.set((Path(root).resolve(), qms, serving))


def take(root: Path) -> QMS | None:
    item = _SLOT.get()
    if item and item[0] == Path(root).resolve():
        return item[1]
    return None


def serving(root: Path) -> bool:
    item = _SLOT.get()
    return bool(item and item[0] == Path(root).resolve() and item[2])


def clear() -> None:
    _SLOT.set(None)
