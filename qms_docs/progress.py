"""What a long operation says about itself, for the CLI's progress bars (cli/progress.py).

Library code reports through a plain callable taking a string: a phase ("checking the
content") or a Step, a string that also carries its counts ("[3/40] PS-03 ..."), so callers
that only print strings keep working. Code that cannot be handed the callable (the MkDocs
plugin, inside MkDocs' build) reports to the one set with `reporting`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Report = Callable[[str], None]


class Notice(str):
    """Something the user must know even without progress output (a release rolled back or
    finished on their behalf): printed whether stderr is a terminal or not."""


class Step(str):
    """A counted step: done of total, with a label."""

    done: int
    total: int
    label: str

    @classmethod
    def of(cls, label: str, done: int, total: int) -> Step:
        step = cls(f"[{done}/{total}] {label}")
        step.done, step.total, step.label = done, total, label
        return step


class Reused(str):
    """How many pages a site build renders and how many it reuses from the page cache."""

    rendered: int
    reused: int

    @classmethod
    def of(cls, rendered: int, reused: int) -> Reused:
        msg = cls(f"rendering {rendered} pages ({reused} unchanged, reused from .qms-cache/)")
        msg.rendered, msg.reused = rendered, reused
        return msg


_CURRENT: ContextVar[Report | None] = ContextVar("qms_progress", default=None)


@contextmanager
def reporting(report: Report | None) -> Iterator[None]:
    token = _CURRENT.set(report)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def emit(message: str) -> None:
    report = _CURRENT.get()
    if report is not None:
        report(message)
