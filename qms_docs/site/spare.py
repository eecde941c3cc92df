"""The spare site: the output a build swapped out, kept to become the next build's output.

A site of thousands of pages is as many folders and files; creating them all afresh and
removing the previous ones costs seconds of system calls even when every page comes from the
page cache. So `qms build` keeps the site it replaced in `.qms-cache/spare/<name>` and, next
time, updates that tree in place into the new site (swap.overlay: the pages rendered this time
are moved in, the cached pages it already holds as the very cache entries stay, everything
else is removed), then swaps it in atomically as before; the site it replaces becomes the
spare. The target is never written to in place, so a failed build still leaves it intact.

Only a tree this toolchain swapped in is ever kept: the target folder's identity (device,
inode) is recorded when it is swapped in and must match when it is swapped out; a site/ that
came from anywhere else is removed as before. The spare's name is an HMAC of the target path
under this machine's secret (cache.py), and it must be on the target's file system (the swap
is a rename). Off wherever the page cache is off (`qms release`, QMS_NO_CACHE=1).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from ..cache import _name_under, _secret, subfolder

_STALE = 7 * 24 * 3600  # a spare of an output not built for a week is removed


@dataclass
class Spare:
    tree: Path  # the folder to update into the new site (absent on the first build)
    stamp: Path  # the identity of the target folder this toolchain swapped in last

    def ours(self, target: Path) -> bool:
        """The target is the folder this toolchain swapped in last time."""
        return self._identity(target) == self._recorded()

    def record(self, target: Path) -> None:
        """After the swap: the target is ours; its predecessor, now at tree, the spare."""
        with contextlib.suppress(OSError):
            tmp = self.stamp.with_name(f".{self.stamp.name}.{os.getpid()}")
            tmp.write_text(self._identity(target), "ascii")
            tmp.replace(self.stamp)

    def drop(self) -> None:
        shutil.rmtree(self.tree, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.stamp.unlink()

    @staticmethod
    def _identity(path: Path) -> str:
        try:
            st = os.lstat(path)
        except OSError:
            return ""
        return f"{st.st_dev}:{st.st_ino}" if stat.S_ISDIR(st.st_mode) else ""

    def _recorded(self) -> str:
        try:
            return self.stamp.read_text("ascii").strip()
        except OSError:
            return "-"


def spare_for(root: Path, target: Path) -> Spare | None:
    """The spare of target, or None where there can be none (no secret, a read-only
    repository, another file system than the target's)."""
    secret = _secret()
    if secret is None:
        return None
    try:
        folder = subfolder(root, "spare")
        if os.stat(folder).st_dev != os.stat(target.parent).st_dev:
            return None
    except OSError:
        return None
    name = _name_under(secret, os.fsencode(target.absolute()))[:32]
    _prune(folder, name)
    return Spare(folder / name, folder / f"{name}.id")


def _prune(folder: Path, mine: str) -> None:
    """Spares whose target was last built a week ago (their stamp's time: a site's own
    times are SOURCE_DATE_EPOCH's)."""
    cutoff = time.time() - _STALE
    with contextlib.suppress(OSError), os.scandir(folder) as it:
        for e in it:
            if e.name.startswith(".") or not e.name.endswith(".id") or e.name[:-3] == mine:
                continue
            if e.stat(follow_symlinks=False).st_mtime < cutoff:
                Spare(folder / e.name[:-3], Path(e.path)).drop()

