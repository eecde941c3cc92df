"""The pages branch as a folder for any static host, swapped in entry by entry.

Everything is extracted into a temporary folder inside the target first, then each top-level
entry is moved into place with a rename: a frozen release folder that is already there is
never replaced; the aliases (latest/), the working version, versions.json and the root
redirect are replaced whole. An export interrupted at any point leaves every entry either
old or new, and its temporary folder is removed by the next export.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from ..history.gitlog import GitRepo
from .site import VERSIONS, read_versions

TMP_PREFIX = ".qms-export-"


def export(root: Path, branch: str, out: Path) -> Path:
    data = GitRepo(root).git_bytes("archive", "--format=tar", branch)
    out.mkdir(parents=True, exist_ok=True)
    clean_stale(out)
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=out))
    try:
        with tarfile.open(fileobj=BytesIO(data)) as tar:
            tar.extractall(tmp, filter="data")
        frozen = {v.version for v in read_versions(tmp) if v.frozen}
        names = sorted(os.listdir(tmp), key=lambda n: (n not in frozen, n == VERSIONS,
                                                       n == "index.html", n))
        for name in names:  # releases first, versions.json and the root redirect last
            dest = out / name
            if name in frozen and dest.exists():
                continue  # a frozen release already exported: kept as it is
            _swap(tmp / name, dest, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def clean_stale(out: Path) -> None:
    for p in out.glob(TMP_PREFIX + "*"):
        shutil.rmtree(p, ignore_errors=True)


def _swap(src: Path, dest: Path, tmp: Path) -> None:
    if src.is_dir() and dest.is_dir() and not dest.is_symlink():
        old = tmp / f".old-{dest.name}"
        os.rename(dest, old)
        os.rename(src, dest)
        return
    if dest.is_dir() and not dest.is_symlink():
        shutil.rmtree(dest)
    os.replace(src, dest)
