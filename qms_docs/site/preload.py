"""Hand the model that `qms build` already checked to the plugin, so the build checks once.

A context-local slot keyed by repository root: plain `mkdocs build` finds it empty and loads.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from ..model import QMS


@dataclass
class Handoff:
    root: Path
    qms: QMS
    serving: bool = False  # for `qms serve` (live reload: no Content-Security-Policy)
    served: Path | None = None  # the folder being served, updated in place (serve.py)
    kept: set[str] = field(default_factory=set)  # its files the build left as they are


_SLOT: ContextVar[Handoff | None] = ContextVar("qms_preloaded", default=None)


def put(root: Path, qms: QMS, serving: bool = False, served: Path | None = None) -> Handoff:
    item = Handoff(Path(root).resolve(), qms, serving, served)
    _SLOT.set(item)
    return item


def get(root: Path) -> Handoff | None:
    item = _SLOT.get()
    return item if item and item.root == Path(root).resolve() else None


def take(root: Path) -> QMS | None:
    item = get(root)
    return item.qms if item else None


def serving(root: Path) -> bool:
    item = get(root)
    return bool(item and item.serving)


def clear() -> None:
    _SLOT.set(None)
