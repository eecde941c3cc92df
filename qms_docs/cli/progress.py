"""Progress on stderr for long commands (build, pdf, release, and any later one such as an
import): a rich bar with the count and the time left for counted steps, a line per phase.
When stderr is not a terminal (CI logs, pipes) only notices are printed, and the phase lines
too with QMS_PROGRESS=1 (QMS_PROGRESS=0: no progress even on a terminal); the commands'
results are printed either way.

    with progress_bar() as say:
        build_something(progress=say)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ..progress import Notice, Step


class _Bar:
    def __init__(self, enabled: bool, bar: bool = True) -> None:
        self.enabled, self.bars = enabled, bar
        self.bar = None
        self.task = None
        self.console = None
        if enabled:
            from rich.console import Console

            self.console = Console(stderr=True)

    def __call__(self, message: str) -> None:
        if not self.enabled:
            if isinstance(message, Notice):
                print(f"… {message}", file=sys.stderr, flush=True)
            return
        if isinstance(message, Step):
            if not self.bars:
                return
            self._step(message)
        else:
            (self.bar.console if self.bar else self.console).print(f"… {message}",
                                                                   markup=False, highlight=False)

    def _step(self, step: Step) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        if self.bar is None:
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(),
                                TextColumn("left"), TimeRemainingColumn(),
                                console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=step.total)
        label = step.label if len(step.label) <= 40 else step.label[:39] + "…"
        self.bar.update(self.task, completed=step.done, total=step.total, description=label)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def progress_bar(enabled: bool | None = None) -> Iterator[_Bar]:
    wanted = os.environ.get("QMS_PROGRESS", "")
    tty = sys.stderr.isatty()
    if enabled is not None:
        bar = _Bar(enabled)
    else:
        bar = _Bar(wanted != "0" and (tty or wanted == "1"), bar=tty)
    try:
        yield bar
    finally:
        bar.close()
