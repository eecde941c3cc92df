"""Plain git, called a fixed number of times: one `git log` for all commits, one `cat-file --batch`
process for all blobs. Never one git call per file (that is what makes 10,000 commits slow)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exceptions import HistoryError

_RS, _US = "\x1e", "\x1f"
# Commit messages and trailers approve nothing (anyone can type them; squash and rebase rewrite
# them): approvals are evidence files (qms_docs/approval). Git gives the sequence of versions.
_FORMAT = _RS + _US.join(["%H", "%P", "%an", "%ae", "%aI", "%cI", "%s"])


@dataclass
class Change:
    status: str  # A M D R
    path: str
    old_path: str = ""
    blob: str = ""  # new blob sha ("" when deleted)
    old_blob: str = ""


@dataclass
class Commit:
    sha: str
    parents: list[str]
    author: str
    email: str
    date: str  # author date, ISO 8601
    committed: str
    subject: str
    changes: list[Change] = field(default_factory=list)

    @property
    def day(self) -> str:
        return self.date[:10]


class GitRepo:
    def __init__(self, root: Path):
        self.root = Path(root)

    def git(self, *args: str, input: str | None = None) -> str:
        try:
            res = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True,
                                 text=True, input=input, encoding="utf-8", check=False)
        except FileNotFoundError as e:  # pragma: no cover - git is a documented requirement
            raise HistoryError("git is not installed") from e
        if res.returncode != 0:
            raise HistoryError(f"git {' '.join(args[:2])}: {res.stderr.strip() or 'failed'}")
        return res.stdout

    def git_bytes(self, *args: str) -> bytes:
        res = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True,
                             check=False)
        if res.returncode != 0:
            raise HistoryError(f"git {' '.join(args[:2])}: "
                               f"{res.stderr.decode(errors='replace').strip() or 'failed'}")
        return res.stdout

    def is_repo(self) -> bool:
        try:
            return self.git("rev-parse", "--is-inside-work-tree").strip() == "true"
        except HistoryError:
            return False

    def resolve(self, ref: str) -> str:
        try:
            return self.git("rev-parse", "--verify", "--quiet", ref + "^{commit}").strip()
        except HistoryError as e:
            raise HistoryError(f"unknown git revision '{ref}'") from e

    def log(self, paths: Iterable[str] = (), rev: str = "HEAD") -> list[Commit]:
        """Commits newest first along the first-parent line (merges diffed against it)."""
        out = self.git("log", rev, "--first-parent", "-m", "-M", "--raw", "--no-abbrev", "-z",
                       f"--format={_FORMAT}", "--", *paths)
        return [c for c in (_parse(chunk) for chunk in out.split(_RS)[1:]) if c]

    def tags(self) -> dict[str, tuple[str, str]]:
        """tag -> (commit sha, date) for every tag, in one call."""
        out = self.git("for-each-ref", "refs/tags",
                       "--format=%(refname:short)%00%(*objectname)%00%(objectname)%00"
                       "%(creatordate:iso-strict)")
        tags = {}
        for line in out.splitlines():
            name, peeled, obj, date = line.split("\0")
            tags[name] = (peeled or obj, date)
        return tags

    def last_tag(self, rev: str = "HEAD") -> str | None:
        try:
            return self.git("describe", "--tags", "--abbrev=0", rev).strip() or None
        except HistoryError:
            return None

    def tree(self, rev: str, prefix: str) -> dict[str, str]:
        """path -> blob sha of every file under prefix at rev."""
        out = self.git("ls-tree", "-r", "-z", rev, "--", prefix)
        entries = {}
        for item in out.split("\0"):
            if item:
                meta, path = item.split("\t", 1)
                entries[path] = meta.split()[2]
        return entries

    def entries(self, rev: str, prefix: str) -> dict[str, tuple[str, str]]:
        """path -> (mode, blob sha) of every file under prefix at rev (mode 120000: a symbolic
        link, whose blob is its target; 160000: a submodule)."""
        out = self.git("ls-tree", "-r", "-z", rev, "--", prefix)
        entries = {}
        for item in out.split("\0"):
            if item:
                meta, path = item.split("\t", 1)
                mode, _, sha = meta.split()
                entries[path] = (mode, sha)
        return entries

    def front_matters(self, shas: Iterable[str], limit: int = 1 << 20,
                      keep: Callable[[bytes], Any] = bytes) -> dict[str, Any]:
        """The start of many blobs, up to the end of a front matter (the first '\\n---'; nothing
        for a blob that does not start with '---'), at most limit bytes each, streamed from
        one `git cat-file --batch`, each passed through keep as it arrives (keep the few
        fields wanted, and memory stays bounded whatever the history holds: a front matter
        with a long table 2 is tens of kilobytes, times every revision)."""
        import threading

        wanted = list(dict.fromkeys(shas))
        if not wanted:
            return {}
        proc = subprocess.Popen(["git", "-C", str(self.root), "cat-file", "--batch"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        assert proc.stdin is not None and proc.stdout is not None

        def feed() -> None:  # a thread: git stops reading while its output is not read
            try:
                for sha in wanted:
                    proc.stdin.write(sha.encode() + b"\n")
                proc.stdin.close()
            except OSError:
                pass  # git ended early: its exit status says why

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        out: dict[str, bytes] = {}
        try:
            for sha in wanted:
                header = proc.stdout.readline().split()
                if len(header) < 3 or header[1] == b"missing":
                    if not header:
                        break
                    continue
                out[sha] = keep(_head(proc.stdout, int(header[2]), limit))
        finally:
            proc.stdout.close()
            writer.join()
            err = proc.stderr.read() if proc.stderr else b""
            if proc.wait() != 0:
                raise HistoryError(f"git cat-file: {err.decode(errors='replace').strip()}")
        return out

    def blobs(self, shas: Iterable[str]) -> dict[str, bytes]:
        """Contents of many blobs through one `git cat-file --batch` process."""
        wanted = list(dict.fromkeys(shas))
        if not wanted:
            return {}
        proc = subprocess.run(["git", "-C", str(self.root), "cat-file", "--batch"],
                              input="\n".join(wanted).encode() + b"\n", capture_output=True,
                              check=False)
        if proc.returncode != 0:
            raise HistoryError(f"git cat-file: {proc.stderr.decode(errors='replace').strip()}")
        data, pos, out = proc.stdout, 0, {}
        for sha in wanted:
            end = data.index(b"\n", pos)
            header = data[pos:end].split()
            pos = end + 1
            if len(header) < 3 or header[1] == b"missing":
                continue
            size = int(header[2])
            out[sha] = data[pos:pos + size]
            pos += size + 1
        return out


def _head(stream, size: int, limit: int) -> bytes:
    """Read one blob of size bytes (and its trailing LF) from stream, keeping its front matter."""
    head, keep, left = bytearray(), True, size + 1
    while left:
        chunk = stream.read(min(1 << 16, left))
        if not chunk:
            raise HistoryError("git cat-file: output ended early")
        left -= len(chunk)
        if keep:
            head += chunk
            end = head.find(b"\n---")
            if len(head) >= 3 and not head.startswith(b"---"):
                head, keep = bytearray(), False
            elif end >= 0 or len(head) >= limit:
                del head[end + 4 if end >= 0 else limit:]
                keep = False
    return bytes(head[:size])


def _parse(chunk: str) -> Commit | None:
    # With -z, the formatted header ends at the first NUL; the name-status list follows it.
    meta, _, files = chunk.partition("\0")
    fields = meta.split(_US)
    if len(fields) < 7:
        return None
    c = Commit(fields[0], fields[1].split(), fields[2], fields[3], fields[4], fields[5],
               fields[6])
    c.changes = _changes(files.lstrip("\n"))
    return c


def _changes(files: str) -> list[Change]:
    """Parse `--raw -z`: ':oldmode newmode oldsha newsha STATUS\0path\0[newpath\0]'."""
    parts = files.split("\0")
    out, i = [], 0
    while i < len(parts):
        meta = parts[i].strip()
        if not meta.startswith(":"):
            i += 1
            continue
        _, _, old_blob, blob, status = meta[1:].split()
        zero = "0" * 40
        if status[0] in "RC":
            out.append(Change(status[0], parts[i + 2], parts[i + 1], blob, old_blob))
            i += 3
        else:
            out.append(Change(status[0], parts[i + 1], "", "" if blob == zero else blob,
                              "" if old_blob == zero else old_blob))
            i += 2
    return out
