"""What every model object shares: where it was written, so checks can point at it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..load.source import SourceFile


@dataclass(frozen=True)
class Where:
    """A file and the path of an object inside it; `loc('owner')` is where its owner is written."""

    file: SourceFile
    path: tuple[str | int, ...] = ()

    def loc(self, *sub: str | int) -> tuple[str, int, int]:
        return self.file.loc(*self.path, *sub)

    def child(self, *sub: str | int) -> Where:
        return Where(self.file, self.path + sub)


def text(d: Any, key: str, default: str = "") -> str:
    v = d.get(key) if isinstance(d, dict) else None
    return str(v) if isinstance(v, str | int | float) and not isinstance(v, bool) else default


def day(d: Any, key: str) -> str:
    """A date as written (YYYY-MM-DD), or "" when it is not a real one: the schema check
    reports the wrong format once, and no rule compares a date it cannot read."""
    v = text(d, key)
    try:
        return v if len(v) == 10 and dt.date.fromisoformat(v) else ""
    except ValueError:
        return ""


def integer(d: Any, key: str, default: int = 0) -> int:
    v = d.get(key) if isinstance(d, dict) else None
    return v if isinstance(v, int) and not isinstance(v, bool) else default


def strings(d: Any, key: str) -> list[str]:
    v = d.get(key) if isinstance(d, dict) else None
    return [str(x) for x in v if isinstance(x, str | int | float)] if isinstance(v, list) else []


def items(d: Any, key: str) -> list[tuple[int, dict]]:
    """(index, mapping) of the list under key, skipping entries that are not mappings."""
    v = d.get(key) if isinstance(d, dict) else None
    return [(i, x) for i, x in enumerate(v) if isinstance(x, dict)] if isinstance(v, list) else []
