"""A time limit for one step of a build (rendering one page), so that content the loader's
limits did not foresee fails with its name instead of running for hours. SIGALRM: only in the
main thread (where `qms build` renders); elsewhere (`mkdocs serve` rebuilds in a thread) no-op."""

from __future__ import annotations

import signal
import threading
from types import FrameType

from .exceptions import BuildError


class deadline:  # noqa: N801 - used like a function: `with deadline(60, "page"):`
    def __init__(self, seconds: float, what: str):
        self.seconds, self.what = seconds, what
        self._old = None
        self._armed = (threading.current_thread() is threading.main_thread()
                       and hasattr(signal, "setitimer"))

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        raise BuildError(f"{self.what}: rendering took longer than {self.seconds:g} s")

    def __enter__(self) -> deadline:
        if self._armed:
            self._old = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old or signal.SIG_DFL)
            self._armed = False
