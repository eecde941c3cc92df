"""A cache of signature verdicts, so that `qms check` on 1,000 approved documents does not
redo thousands of signature verifications each run. It holds only what is pure mathematics
(this signature over these bytes verifies, or not, with the key inside it): the registry, the
functions and the dates are checked every time.

It lives outside the repository ($XDG_CACHE_HOME/qms-docs, else ~/.cache/qms-docs; QMS_CACHE_DIR
overrides, QMS_NO_CACHE=1 disables it): a pull request cannot plant verdicts in it."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import __version__

_VERSION = f"v1-{__version__}"


def folder() -> Path | None:
    if os.environ.get("QMS_NO_CACHE"):
        return None
    base = os.environ.get("QMS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "qms-docs")
    return Path(base)


class Verdicts:
    """name -> verdict (JSON values), one file per kind of signature."""

    def __init__(self, kind: str):
        self.kind = kind
        self.data: dict = {}
        self.dirty = False
        d = folder()
        self.path = d / f"{kind}-{_VERSION}.json" if d else None
        if self.path is not None:
            try:
                self.data = json.loads(self.path.read_text("utf-8"))
            except (OSError, ValueError):
                self.data = {}

    @staticmethod
    def key(*parts: bytes) -> str:
        h = hashlib.sha256()
        for p in parts:
            h.update(hashlib.sha256(p).digest())
        return h.hexdigest()

    def get(self, key: str):
        return self.data.get(key)

    def put(self, key: str, value) -> None:
        if self.data.get(key) != value:
            self.data[key] = value
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            tmp.write_text(json.dumps(self.data), "utf-8")
            tmp.replace(self.path)
            self.dirty = False
        except OSError:
            pass  # a read-only home verifies every time


def verdicts(qms, kind: str) -> Verdicts:
    store = qms.derived.setdefault("verdicts", {})
    if kind not in store:
        store[kind] = Verdicts(kind)
    return store[kind]


def save_all(qms) -> None:
    for v in qms.derived.get("verdicts", {}).values():
        v.save()
