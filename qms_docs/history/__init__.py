"""Document control from git: one pass over the log, versions per commit, changes."""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Loaded on first use: `qms check` answered from its cache imports history.base (which revision
# the version rules compare with) without the model the other modules need.
_LAZY = {"DocumentHistory": "documents", "Revision": "documents",
         "document_histories": "documents", "Commit": "gitlog", "GitRepo": "gitlog"}

__all__ = ["Commit", "DocumentHistory", "GitRepo", "Revision", "document_histories"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_LAZY[name]}", __name__), name)
