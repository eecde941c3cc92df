"""The content folder as it is on disk: every regular file, and a located problem for everything
else. One `os.scandir` per folder, links never followed.

Content is read and published only as regular files. Git records a symbolic link as the text of
its target; what that target is on the machine that builds (a signing key in `.keys/`, a file git
ignores, `/proc/self/environ`) is not what the reviewer saw. So a link is never followed, whether
it leads outside the repository (QMS011) or inside it (QMS012), dangles (QMS013) or loops
(QMS014), for a file or a folder; FIFOs, sockets and devices (QMS015) would block a read or
change under it. Every one is reported where it is, with where it points.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from .yamlpos import LoadProblem

# Characters a file name must not hold: they forge lines of output or reorder what is shown.
_BAD_NAME = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200b-\\u200f\\u202a-\\u202e"
                       "\\u2060-\\u2069\\ufeff]")
LINK_HINT = "copy the file into the content folder instead of linking to it"


@dataclass
class Tree:
    """Regular files (content-relative POSIX path → size) and what was refused, by path."""

    files: dict[str, int] = field(default_factory=dict)
    problems: dict[str, LoadProblem] = field(default_factory=dict)
    _index: tuple[int, dict, dict] | None = field(default=None, repr=False, compare=False)

    def matching(self, pattern: str) -> list[str]:
        """The regular files whose relative path matches a glob ('*' stays in one folder).
        Walks the folders the pattern can reach, not every file (26 patterns, thousands of
        files)."""
        subfolders, names = self._folders()
        *parts, last = pattern.split("/")
        level = [""]
        for part in parts:
            level = [f"{d}/{c}" if d else c for d in level
                     for c in _pick(subfolders.get(d, {}), part)]
        return sorted(f"{d}/{n}" if d else n for d in level for n in _pick(names.get(d, {}), last))

    def _folders(self) -> tuple[dict[str, dict[str, None]], dict[str, dict[str, None]]]:
        """folder ('' for the top) -> its subfolders, and -> its files; rebuilt if files grew."""
        if self._index is None or self._index[0] != len(self.files):
            subfolders: dict[str, dict[str, None]] = {}
            names: dict[str, dict[str, None]] = {}
            for rel in self.files:
                folder, _, name = rel.rpartition("/")
                names.setdefault(folder, {})[name] = None
                while folder:
                    parent, _, child = folder.rpartition("/")
                    known = subfolders.setdefault(parent, {})
                    if child in known:
                        break
                    known[child] = None
                    folder = parent
            self._index = (len(self.files), subfolders, names)
        return self._index[1], self._index[2]


_MAGIC = re.compile(r"[*?\[]")


def _pick(names: dict[str, None], part: str) -> list[str]:
    """The names matching one part of a glob."""
    if not _MAGIC.search(part):
        return [part] if part in names else []
    return [n for n in names if fnmatchcase(n, part)]


def walk(content: Path, root: Path) -> Tree:
    """Everything under `content` (an absolute path under the resolved repository `root`)."""
    tree = Tree()
    if not content.is_dir() or content.is_symlink():
        return tree
    stack = [(content, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            if _BAD_NAME.search(entry.name):
                tree.problems[rel] = LoadProblem(
                    "QMS031", 1, 1, "file name holds a control, bidirectional or invisible "
                    "character", "rename it with letters, digits, '-', '_' and '.'")
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                continue  # vanished while we looked
            if stat.S_ISLNK(mode):
                tree.problems[rel] = link_problem(Path(entry.path), root)
            elif stat.S_ISDIR(mode):
                stack.append((Path(entry.path), rel + "/"))
            elif stat.S_ISREG(mode):
                tree.files[rel] = entry.stat(follow_symlinks=False).st_size
            else:
                tree.problems[rel] = LoadProblem(
                    "QMS015", 1, 1, f"not a regular file ({_kind(mode)})",
                    "remove it: content is read only from regular files")
    return tree


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def link_problem(path: Path, root: Path) -> LoadProblem:
    """What a symbolic link is refused as, with where it points (the target as written)."""
    try:
        target = os.readlink(path)
    except OSError:  # pragma: no cover - it was a link a moment ago
        target = "?"
    shown = _BAD_NAME.sub("?", target)
    try:
        resolved = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return LoadProblem("QMS013", 1, 1, f"symbolic link to '{shown}', which does not exist",
                           "remove the link; " + LINK_HINT)
    except OSError:  # ELOOP: a link to itself or a cycle of links
        return LoadProblem("QMS014", 1, 1, f"symbolic link to '{shown}' loops",
                           "remove the link; " + LINK_HINT)
    what = "a folder" if resolved.is_dir() else "a file"
    if not resolved.is_relative_to(root):
        return LoadProblem("QMS011", 1, 1, f"symbolic link to {what} outside the repository "
                           f"('{shown}')", "remove the link; " + LINK_HINT)
    return LoadProblem("QMS012", 1, 1, f"symbolic link to {what} ('{shown}'): content is read "
                       "only as regular files", "remove the link; " + LINK_HINT)


def regular_file(path: Path) -> bool:
    """path is itself a regular file (not a link, FIFO or device)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False
