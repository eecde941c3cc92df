"""Atomic output: PDFs are written into a temporary folder beside the target and moved in only
when every one of them succeeded, so a failed build leaves the previous PDFs untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..exceptions import BuildError


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A temporary folder on the same file system as `out`; removed whatever happens."""
    out = out.resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    except OSError as e:
        raise BuildError(f"{out}: cannot create the output folder: {e}") from e
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def publish(tmp: Path, out: Path, names: list[str], prune: bool) -> list[Path]:
    """Move the built files into `out` (each move atomic); with prune, PDFs of `out` that this
    build did not produce (documents removed or renamed) are deleted."""
    out = out.resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(tmp / name, out / name)
        if prune:
            keep = set(names)
            for old in out.glob("*.pdf"):
                if old.name not in keep:
                    old.unlink()
    except OSError as e:
        raise BuildError(f"{out}: cannot write the PDFs: {e}") from e
    return [out / n for n in names]
