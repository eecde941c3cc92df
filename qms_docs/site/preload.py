"""Hand the model that `qms build` already checked to the plugin, so the build checks once.

A context-local slot keyed by repository root: plain `mkdocs build` finds it empty and loads.
"""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

from ..model import QMS

_SLOT: ContextVar[tuple[Path, QMS] | None] = ContextVar("qms_preloaded", default=None)


def put(root: Path, qms: QMS) -> None:
    _SLOT.set((Path(root).resolve(), qms))


def take(root: Path) -> QMS | None:
    item = _SLOT.get()
    if item and item[0] == Path(root).resolve():
        return item[1]
    return None


def clear() -> None:
    _SLOT.set(None)
