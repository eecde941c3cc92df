"""One release at a time per repository, and recovery of a release that was interrupted.

The lock is a file in the git directory, created exclusively, naming the process, the version,
its staging branch and its export folder. A second `qms release` while the first runs is
refused. A lock left by a process that no longer runs (killed, machine off) is taken over:
the interrupted release is finished when its one publishing update already happened (the tag
exists: only the export remains), and rolled back otherwise (its staging branch deleted;
nothing else was ever visible).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from ..exceptions import HistoryError
from ..history.gitlog import GitRepo
from ..progress import Notice
from .errors import ReleaseError

LOCK = "qms-release.lock"
STAGING = "qms-release/"  # branch prefix: refs/heads/qms-release/<version>

Progress = Callable[[str], None]
Finisher = Callable[[dict], None]  # finishes a published release (its export)


def git_dir(repo: GitRepo) -> Path:
    path = Path(repo.git("rev-parse", "--git-common-dir").strip())
    return path if path.is_absolute() else (repo.root / path).resolve()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


class ReleaseLock:
    def __init__(self, repo: GitRepo, info: dict, progress: Progress,
                 finish: Finisher) -> None:
        self.repo = repo
        self.path = git_dir(repo) / LOCK
        self.info = {"pid": os.getpid(), **info}
        self.progress = progress
        self.finish = finish

    def __enter__(self) -> ReleaseLock:
        # The lock appears with its content (written beside it, then hard-linked in): a lock
        # seen empty would pass for a dead holder's and be taken over.
        mine = self.path.with_name(f"{LOCK}.new-{os.getpid()}")
        with open(mine, "w", encoding="utf-8") as f:
            json.dump(self.info, f)
            f.flush()
            os.fsync(f.fileno())
        try:
            for _ in range(3):  # a lock taken over from a dead process: try again
                try:
                    os.link(mine, self.path)
                except FileExistsError:
                    self._take_over()
                    continue
                return self
        finally:
            mine.unlink(missing_ok=True)
        raise ReleaseError(f"could not take the release lock {self.path}")

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)

    def _take_over(self) -> None:
        try:
            held = json.loads(self.path.read_text("utf-8"))
            pid = int(held["pid"])
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError):
            held, pid = {}, -1
        if pid > 0 and _alive(pid):
            raise ReleaseError(f"another release ({held.get('version', '?')}, process {pid}) is "
                               f"running on this repository; nothing was done. Run again "
                               f"when it has finished")
        stale = self.path.with_name(f"{LOCK}.stale-{os.getpid()}")
        try:
            os.rename(self.path, stale)  # only one process wins the take-over
        except FileNotFoundError:
            return
        recover(self.repo, held, self.progress, self.finish)
        stale.unlink(missing_ok=True)


def recover(repo: GitRepo, held: dict, progress: Progress, finish: Finisher) -> None:
    version = str(held.get("version") or "")
    staging = f"refs/heads/{STAGING}{version}"
    published = bool(version) and _has_ref(repo, f"refs/tags/{version}") and \
        not _has_ref(repo, staging)
    if published:
        finish(held)
        progress(Notice(f"finished the interrupted release {version}"))
        return
    if version and _has_ref(repo, staging):
        repo.git("update-ref", "-d", staging)
    progress(Notice(f"rolled back the interrupted release {version or '(unknown)'}: nothing "
                    "of it was published"))


def _has_ref(repo: GitRepo, ref: str) -> bool:
    try:
        repo.git("rev-parse", "--verify", "--quiet", ref)
    except HistoryError:
        return False
    return True
