"""All-or-nothing output folders (the site, the PDFs): built in a temporary folder beside the
target, then swapped in with one atomic rename.

* The swap is `renameat2(RENAME_EXCHANGE)` where the kernel has it: at every instant the target
  is either the complete previous output or the complete new one, even under SIGKILL. Elsewhere
  two renames, and a run killed between them is repaired by the next (the previous output is
  put back).
* One build at a time per target: an exclusive lock on `.<name>.lock` beside it (released by
  the kernel when the process dies, however it dies; the file is removed at the end); holding
  it, a run removes what killed runs left behind (`.<name>.tmp-*`, `.<name>.old-*`).
* The new folder gets the permissions `mkdir` would give it (0777 minus the umask), as MkDocs
  does: a web server running as another user can read the site. `tempfile.mkdtemp` alone makes
  it 0700.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .exceptions import BuildError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_atomic(path: Path, data: bytes) -> None:
    """One file written whole or not at all: a temporary file beside it, then renamed over it
    (a failure removes the temporary file and leaves the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def umask() -> int:
    """The process umask, read without changing it (other threads may be creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)  # pragma: no cover - not Linux
    os.umask(old)
    return old


def _names(target: Path) -> tuple[str, str, str]:
    return f".{target.name}.tmp-", f".{target.name}.old-", f".{target.name}.lock"


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new, empty folder beside target to build into; the caller swaps it in (swap_in) before
    leaving. Removed on any exception. Holds the target's lock throughout."""
    target = target.absolute()
    tmp_prefix, _, lock_name = _names(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildError(f"{target}: cannot create the output folder: {e}") from e
    with _locked(target.parent / lock_name, target):
        _clean(target)
        try:
            tmp = Path(tempfile.mkdtemp(prefix=tmp_prefix, dir=target.parent))
        except OSError as e:
            raise BuildError(f"{target}: cannot create a temporary folder: {e}") from e
        try:
            yield tmp
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def _locked(lock: Path, target: Path) -> Iterator[None]:
    """flock on the lock file, which is removed when done (while still locked). A run that
    locked a file another run has just removed sees it (the path no longer names its file)
    and takes the new one instead."""
    import fcntl

    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
        except OSError as e:
            raise BuildError(f"{target}: cannot create the lock {lock}: {e}") from e
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            os.close(fd)
            raise BuildError(f"{target}: another qms run is writing it (lock {lock.name}); "
                             "wait for it to finish") from e
        try:
            same = os.stat(lock, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def _clean(target: Path) -> None:
    """Leftovers of killed runs (the lock is held: no live run owns them). A target missing
    beside an old copy means a run died between the two renames of the fallback swap: the old
    copy, complete, is put back."""
    tmp_prefix, old_prefix, _ = _names(target)
    olds = sorted(p for p in target.parent.glob(old_prefix + "*") if p.is_dir())
    if olds and not os.path.lexists(target):
        os.rename(olds.pop(), target)
    for p in [*olds, *target.parent.glob(tmp_prefix + "*")]:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)


def swap_in(new: Path, target: Path, keep_previous: bool = False) -> None:
    """Make the complete folder `new` the target, atomically. The previous output is removed,
    or with keep_previous left at new's path (the next build's spare: see site/spare.py)."""
    target = target.absolute()
    os.chmod(new, 0o777 & ~umask())
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    if _exchange(new, target):
        if not keep_previous:
            shutil.rmtree(new, ignore_errors=True)  # it now holds the previous output
        return
    old = target.with_name(f"{_names(target)[1]}{os.getpid()}")
    os.rename(target, old)
    os.rename(new, target)
    if keep_previous:
        os.rename(old, new)
    else:
        shutil.rmtree(old, ignore_errors=True)


def overlay(new: Path, target: Path, keep: set[str]) -> None:
    """Update target in place to hold exactly new's files plus its own files in keep
    (target-relative POSIX paths): for `qms serve`'s private folder, and for the spare site a
    build turns into the new one (site/spare.py). Every file of new is renamed over its
    counterpart (each rename atomic), then what target holds besides is removed. A symbolic
    link where new has a folder is replaced, never written through. What is left of new
    (empty folders) goes with staged()."""
    target = target.absolute()
    moved: set[str] = set()
    top = os.fspath(new)
    for dirpath, _, names in os.walk(top):  # top-down: a folder is checked before its content
        rel_dir = dirpath[len(top) + 1:].replace(os.sep, "/")
        dest_dir = target / rel_dir if rel_dir else target
        if dest_dir.is_symlink() or (dest_dir.exists() and not dest_dir.is_dir()):
            dest_dir.unlink()
        dest_dir.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(dirpath, name), dest_dir / name)
            moved.add(f"{rel_dir}/{name}" if rel_dir else name)
    _sweep(os.fspath(target), "", moved, keep)


def _sweep(folder: str, rel: str, moved: set[str], keep: set[str]) -> bool:
    """Remove what folder holds besides the files in moved or keep (links to folders are
    removed, never entered); True when it is left empty. One scandir per folder: a site has
    thousands of them."""
    left = False
    with os.scandir(folder) as it:
        entries = list(it)
    for e in entries:
        path = f"{rel}/{e.name}" if rel else e.name
        if e.is_dir(follow_symlinks=False):
            if _sweep(e.path, path, moved, keep):
                os.rmdir(e.path)
            else:
                left = True
        elif path in moved or path in keep:
            left = True
        else:
            os.unlink(e.path)
    return not left


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(a, b, RENAME_EXCHANGE); False where the kernel, libc or file system cannot."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise BuildError(f"{b}: cannot swap in the new output: {os.strerror(err)}")


def carry_over(old: Path, new: Path, keep: Callable[[str], bool]) -> None:
    """Files of the previous output folder that the new one keeps (a partial build): hard
    links where the file system allows (no copy, and the old files are never written to), else
    copies. Symbolic links are not carried."""
    if not old.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(old):
        base = Path(dirpath)
        rel_dir = base.relative_to(old)
        for name in filenames:
            src = base / name
            rel = (rel_dir / name).as_posix()
            dest = new / rel
            if src.is_symlink() or dest.exists() or not keep(rel):
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(src, dest)
            except OSError:
                shutil.copy2(src, dest)
        dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
