"""PAdES validations started in a worker process while the check parses the repository.

Validating a signed PDF (pyHanko: the signatures, then what each later revision changed) takes
a second or more, and a cold `qms check` meets it before any verdict is cached. The PDFs and the
trust roots are known from qms.yml before a single YAML file is parsed, so on a machine with
more than one core the validations run beside the parsing, in `python -P -m
qms_docs.approval.prefetch` (-P: never a module from the repository's folder). Its verdicts are
those pades._validate gives in-process, keyed the same way; one that is missing (the worker
failed, or the roots the check loads differ) is computed in-process as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from ..config import Config
from .cache import Verdicts
from .evidence import APPROVALS


class Prefetch:
    def __init__(self, proc: subprocess.Popen, keys: set[str]):
        self.proc, self.keys = proc, keys
        self.results: dict | None = None

    def get(self, key: str):
        """The worker's verdict for key (waiting for it), or None."""
        if key not in self.keys:
            return None
        if self.results is None:
            try:
                assert self.proc.stdout is not None
                out = self.proc.stdout.read()  # its stdin was written and closed at start
                self.results = json.loads(out) if self.proc.wait(timeout=60) == 0 else {}
            except (subprocess.TimeoutExpired, ValueError, OSError):
                self.close()
                self.results = {}
        return self.results.get(key)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
        for stream in (self.proc.stdout, self.proc.stdin):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


@contextlib.contextmanager
def running(cfg: Config) -> Iterator[Prefetch | None]:
    """start(cfg) for the length of the block; the worker is stopped when it ends."""
    early = start(cfg)
    try:
        yield early
    finally:
        if early is not None:
            early.close()


def start(cfg: Config) -> Prefetch | None:
    """The worker for the PDFs under approvals/ with no cached verdict; None where it would
    not help (one core, no such PDF, a trust root that cannot be read: the check reports it)."""
    if (os.cpu_count() or 1) < 2:
        return None
    folder = cfg.content / APPROVALS
    pdfs = sorted(folder.rglob("*.pdf")) if folder.is_dir() else []
    if not pdfs:
        return None
    from .pades import roots_der_of_files, verdict_key

    try:
        roots = roots_der_of_files([p for p, _ in cfg.trust_roots()])
        todo = {verdict_key(p.read_bytes(), roots): p for p in pdfs}
    except (OSError, ValueError):
        return None
    cache = Verdicts("pades")
    todo = {k: p for k, p in todo.items() if cache.get(k) is None}
    if not todo:
        return None
    request = json.dumps({"roots": [r.hex() for r in roots],
                          "pdfs": {k: str(p) for k, p in todo.items()}})
    try:
        proc = subprocess.Popen([sys.executable, "-P", "-m", __name__], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                cwd=Path(__file__).parent)
        assert proc.stdin is not None
        proc.stdin.write(request.encode())
        proc.stdin.close()
    except OSError:
        return None
    return Prefetch(proc, set(todo))


def _worker() -> None:
    from .pades import validate_bytes

    request = json.load(sys.stdin)
    roots = [bytes.fromhex(r) for r in request["roots"]]
    out = {key: validate_bytes(Path(path).read_bytes(), roots)
           for key, path in request["pdfs"].items()}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    _worker()
