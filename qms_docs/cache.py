"""The results of `qms check`, kept in `.qms-cache/check/` and reused when nothing they depend on
changed: the bytes of every content file, qms.yml, mkdocs.yml and the trust-root certificates,
the toolchain (its files and the installed packages), the options, the dates the rules use
(--today and the real today) and, with the version rules, the git revision they compare with.
A cached run prints exactly what a cold one prints; deleting the folder only costs time.

Entries are named by an HMAC of those inputs under a secret kept outside the repository
($XDG_CACHE_HOME/qms-docs/check.key): a pull request that commits a `.qms-cache/` cannot plant a
clean result for its own content, since it cannot compute the name this machine looks up.
Anything the inputs cannot pin down (a symbolic link or a FIFO in the content folder, a
shallow clone, an unreadable file) is checked cold every time. QMS_NO_CACHE=1 or
`qms check --no-cache` turns the cache off.

Kept light: a cached answer imports neither the model nor the schema validators."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import pickle
import secrets
import stat
import sys
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from . import __version__
from .findings import Finding

FOLDER = ".qms-cache"
_FORMAT = "check-v1"
_KEEP = 32  # entries kept: a few branches, dates and option sets


def subfolder(root: Path | str, name: str) -> Path:
    """.qms-cache/<name> under root, created, the cache folder ignored by git whatever the
    repository's .gitignore says (as .pytest_cache does). Raises OSError (read-only)."""
    folder = Path(root) / FOLDER / name
    folder.mkdir(parents=True, exist_ok=True)
    gi = folder.parent / ".gitignore"
    if not gi.exists():
        gi.write_text("*\n", "utf-8")
    return folder


def _user_folder() -> Path:
    """Where the secret lives: the approval verdict cache's folder (qms_docs/approval/cache)."""
    base = os.environ.get("QMS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "qms-docs")
    return Path(base)


def _secret() -> bytes | None:
    d = _user_folder()
    path = d / "check.key"
    try:
        return bytes.fromhex(path.read_text("ascii").strip())
    except (OSError, ValueError):
        pass
    try:
        d.mkdir(parents=True, exist_ok=True)
        tmp = d / f".check.key.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        os.replace(tmp, path)
        return bytes.fromhex(path.read_text("ascii").strip())
    except (OSError, ValueError):
        return None  # a read-only home checks cold every time


def _name_under(secret: bytes, *parts: bytes) -> str:
    """An entry's name: the HMAC of its inputs under the secret (unguessable without it)."""
    mac = hmac.new(secret, digestmod=hashlib.sha256)
    for p in parts:
        mac.update(hashlib.sha256(p).digest())
    return mac.hexdigest()


@cache
def toolchain() -> bytes:
    """What the toolchain's answer depends on besides the repository: this package's files
    (an edited checkout counts) and the installed distributions with their versions."""
    h = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
    pkg = Path(__file__).parent
    stack = [pkg]
    while stack:
        d = stack.pop()
        for e in sorted(os.scandir(d), key=lambda e: e.name):
            if e.name == "__pycache__":
                continue
            st = e.stat(follow_symlinks=False)
            if stat.S_ISLNK(st.st_mode):  # skeleton/ of a checkout links to the demo: its
                h.update(f"{e.path}\0{os.readlink(e.path)}\n".encode())  # edits are content
            elif stat.S_ISDIR(st.st_mode):
                stack.append(Path(e.path))
            else:
                h.update(f"{e.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    for p in sys.path:
        if p.endswith("-packages") and os.path.isdir(p):
            h.update("\0".join(sorted(n for n in os.listdir(p) if n.endswith(
                (".dist-info", ".egg-info", ".egg-link", ".pth")))).encode())
    return h.digest()


def _file(path: Path, limit: int | None = None) -> bytes:
    """A tag for a file's state: its bytes' hash, 'absent', or a marker for anything else."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return b"absent"
    if not stat.S_ISREG(st.st_mode):
        raise _Uncacheable(str(path))
    if limit is not None and st.st_size > limit:
        return f"size {st.st_size}".encode()  # refused unread (QMS002): only its size counts
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).digest()


class _Uncacheable(Exception):
    """An input whose effect the cache cannot pin down: check cold."""


def _tree(content: Path, limit: int) -> bytes:
    """Names and bytes of everything under the content folder; links and FIFOs are refused by
    the check with where they point, which their names do not say: uncacheable."""
    h = hashlib.sha256()
    stack = [(str(content), "")]
    while stack:
        folder, prefix = stack.pop()
        for e in sorted(os.scandir(folder), key=lambda e: e.name):
            rel = prefix + e.name
            if e.is_dir(follow_symlinks=False):
                h.update(f"d {rel}\0".encode())
                stack.append((e.path, rel + "/"))
            elif e.is_file(follow_symlinks=False):
                size = e.stat(follow_symlinks=False).st_size
                h.update(f"f {rel}\0{size}\0".encode())
                if size <= limit:  # larger ones are refused unread (QMS002): the size counts
                    with open(e.path, "rb") as f:
                        h.update(hashlib.sha256(f.read()).digest())
            else:
                raise _Uncacheable(rel)
    return h.digest()


def _mkdocs_paths(root: Path, text: bytes) -> str:
    """Where docs_dir and theme.custom_dir of mkdocs.yml lead (the check refuses folders outside
    the repository or linked): their real paths and whether a link is on the way."""
    if b"docs_dir" not in text and b"custom_dir" not in text and b"\\" not in text:
        return ""  # neither key can be written without its letters but through an escape
    import yaml

    try:
        node = yaml.compose(text.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader",
                                                                  yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError):
        return "unparsed"  # a finding that the bytes alone decide
    facts = []
    for keys in (("docs_dir",), ("theme", "custom_dir")):
        value = _lookup(node, keys)
        if value is not None:
            where = root / value
            facts.append(f"{keys}={os.path.realpath(where)}:" + "".join(
                "L" if p.is_symlink() else "." for p in [where, *where.parents]
                if p.is_relative_to(root) and p != root))
    return "\n".join(facts)


def _lookup(node, keys: tuple[str, ...]) -> str | None:
    from yaml.nodes import MappingNode, ScalarNode

    for k in keys:
        if not isinstance(node, MappingNode):
            return None
        node = next((v for kn, v in node.value if isinstance(kn, ScalarNode) and kn.value == k),
                    None)
    return node.value if isinstance(node, ScalarNode) else None


class FileMemo:
    """Parsed files and their schema findings, by path, kind and text: a run after one file was
    edited parses that file only. One pickle, read only when its HMAC under the secret verifies
    (a planted file is never unpickled); it holds what the last run used."""

    def __init__(self, path: Path, secret: bytes):
        self.path, self.secret = path, secret
        self.salt = hashlib.sha256(_FORMAT.encode() + toolchain()).digest()
        self.old: dict[str, bytes] = read_signed(path, secret) or {}
        self.new: dict[str, bytes] = {}
        self.keys: dict[str, str] = {}  # rel -> key of its text this run

    def _key(self, rel: str, kind: str, digest: str) -> str:
        return hashlib.sha256(self.salt + f"{rel}\0{kind}\0{digest}".encode()).hexdigest()

    def get(self, rel: str, kind: str, digest: str):
        """digest: the SHA-256 of the file's bytes, which the loader made (strict UTF-8: the
        same bytes are the same text)."""
        key = self.keys[rel] = self._key(rel, kind, digest)
        blob = self.old.get(key)
        if blob is None:
            return None
        self.new[key] = blob
        return pickle.loads(blob)

    def put(self, rel: str, files: list, findings: list) -> None:
        # pickled now: later stages may change the objects they were given
        self.new[self.keys[rel]] = pickle.dumps((files, findings), pickle.HIGHEST_PROTOCOL)

    def findings(self, f, check):
        """check(f), or what it found in an earlier run on the same text: for a check that
        reads nothing but the file (its schema, its letters)."""
        key = self.keys.get(f.rel)
        if key is None:
            return check(f)
        key += f":{check.__module__}.{check.__qualname__}"
        blob = self.old.get(key)
        if blob is not None:
            self.new[key] = blob
            return pickle.loads(blob)
        found = check(f)
        self.new[key] = pickle.dumps(found, pickle.HIGHEST_PROTOCOL)
        return found

    def save(self) -> None:
        if self.new.keys() != self.old.keys():
            write_signed(self.path, self.secret, self.new)


def read_signed(path: Path, secret: bytes):
    """A pickle written by write_signed, unpickled only when its HMAC under the secret
    verifies (a planted file is never unpickled); None when absent, forged or truncated."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    mac, body = data[:32], data[32:]
    if not hmac.compare_digest(mac, hmac.new(secret, body, hashlib.sha256).digest()):
        return None
    try:
        return pickle.loads(body)
    except Exception:  # noqa: BLE001 - a truncated file: start afresh
        return None


def write_signed(path: Path, secret: bytes, obj) -> None:
    body = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_bytes(hmac.new(secret, body, hashlib.sha256).digest() + body)
        tmp.replace(path)
    except OSError:
        pass  # a read-only repository: the next run is cold


def file_memo(root: Path | str) -> FileMemo | None:
    """The parsed files of earlier runs for a renderer (site, PDFs): save() it after the run."""
    cache = CheckCache.open(root, None, None, True, False)
    return cache.memo() if cache else None


def run_check_memoized(root: Path | str, **options):
    """check.run_check reusing the parsed files of earlier runs (the site and PDF builds: after
    an edit, only the edited file is parsed); the findings are those of a cold run."""
    from .check import run_check

    memo = file_memo(root)
    result = run_check(root, memo=memo, **options)
    if memo is not None:
        memo.save()
    return result


@dataclass
class Cached:
    """What `qms check` prints and how it exits, without the model."""

    findings: list[Finding]
    files: int
    documents: int
    processes: int
    roles: int
    risks: int
    base: str
    strict: bool  # qms.yml strict

    def failed(self, strict: bool) -> bool:
        return any(f.severity == "error" for f in self.findings) or \
            ((strict or self.strict) and bool(self.findings))


class CheckCache:
    """One run's view of the cache: lookup() before checking, store() after."""

    def __init__(self, root: Path, secret: bytes, options: dict):
        self.root = root
        self.secret = secret
        self.options = options
        self.folder = root / FOLDER / "check"
        self.meta: dict | None = None
        self.key: str | None = None
        self._memo: FileMemo | None = None

    def memo(self) -> FileMemo:
        """The parsed files of earlier runs, for a cold run (run_check(memo=...))."""
        if self._memo is None:
            self._ensure_folder()
            self._memo = FileMemo(self.folder / "files.pickle", self.secret)
        return self._memo

    @classmethod
    def open(cls, root: Path | str, today: dt.date | None, against: str | None,
             history: bool, require_approval: bool) -> CheckCache | None:
        if os.environ.get("QMS_NO_CACHE"):
            return None
        root = Path(root).resolve()
        secret = _secret()
        if secret is None or not root.is_dir():
            return None
        real = dt.date.today()
        return cls(root, secret, {"today": (today or real).isoformat(),
                                  "real_today": real.isoformat(), "against": against,
                                  "history": history, "require_approval": require_approval})

    def _name(self, *parts: bytes) -> str:
        return _name_under(self.secret, *parts)

    def _meta_name(self) -> str:
        return "meta-" + self._name(_FORMAT.encode(), toolchain(),
                                    _file(self.root / "qms.yml"))

    def _read(self, name: str) -> dict | None:
        try:
            return json.loads((self.folder / f"{name}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def _ensure_folder(self) -> None:
        with contextlib.suppress(OSError):
            subfolder(self.folder.parent.parent, self.folder.name)

    def _write(self, name: str, data: dict) -> None:
        self._ensure_folder()
        try:
            tmp = self.folder / f".{name}.{os.getpid()}"
            tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            tmp.replace(self.folder / f"{name}.json")
        except OSError:
            pass  # a read-only checkout checks cold every time

    def _compute_key(self) -> str | None:
        """The name of the entry for the repository as it is now; None when uncacheable."""
        meta = self.meta
        if meta is None:
            return None
        try:
            content = (self.root / meta["content_dir"]).resolve()
            if content == self.root or not content.is_relative_to(self.root):
                return None
            mk = self.root / "mkdocs.yml"
            mk_tag = _file(mk)
            mk_paths = _mkdocs_paths(self.root, mk.read_bytes()) if mk_tag != b"absent" else ""
            parts = [_FORMAT.encode(), toolchain(), _file(self.root / "qms.yml"), mk_tag,
                     mk_paths.encode(), str(content).encode(),
                     _tree(content, meta["max_file_bytes"]) if content.is_dir() else b"none",
                     json.dumps(self.options, sort_keys=True).encode()]
            parts += [p.encode() + b"\0" + _file(Path(p)) for p in meta["trust_roots"]]
            parts.append(self._git(meta["content_dir"]).encode())
        except (_Uncacheable, OSError):
            return None
        return "check-" + self._name(*parts)

    def _git(self, content_dir: str) -> str:
        """The revision the version rules compare with (they read the work tree, in the key
        already, and that revision's content, which its id fixes)."""
        if not self.options["history"]:
            return "no history"
        from .exceptions import HistoryError
        from .history.base import choose_base
        from .history.gitlog import GitRepo

        if not GitRepo(self.root).is_repo():
            return "not a repository"
        try:
            base = choose_base(self.root, content_dir, self.options["against"])
        except HistoryError as e:  # the cold run says it, with its exit status
            raise _Uncacheable(str(e)) from e
        return f"{base.sha} {base.why}" if base else "no base"

    def lookup(self) -> Cached | None:
        try:
            self.meta = self._read(self._meta_name())
        except (_Uncacheable, OSError):  # qms.yml a link or a FIFO: the cold run says so
            return None
        self.key = self._compute_key()
        entry = self._read(self.key) if self.key else None
        if entry is None:
            return None
        try:
            entry["findings"] = [Finding(**f) for f in entry["findings"]]
            return Cached(**entry)
        except (TypeError, KeyError):
            return None

    def prepare(self, cfg) -> None:
        """Before a cold run: what qms.yml says (content folder, limits, trust roots), kept for
        the next lookup, and the key of the inputs as the run is about to read them."""
        meta = {"content_dir": cfg.content_dir, "max_file_bytes": cfg.max_file_bytes,
                "trust_roots": [str(p) for p, _ in cfg.trust_roots()], "strict": cfg.strict}
        if meta != self.meta:
            try:
                self._write(self._meta_name(), meta)
            except (_Uncacheable, OSError):
                self.key = None
                return
            self.meta = meta
            self.key = self._compute_key()

    def store(self, result) -> None:
        """Keep a cold run's result, unless an input changed while it ran."""
        if self._memo is not None:
            self._memo.save()
        if self.key is None or self.meta is None or self._compute_key() != self.key:
            return
        q = result.qms
        entry = Cached(list(result.findings), len(q.files.files), len(q.all_documents),
                       len(q.processes), len(q.roles), len(q.risks), result.base,
                       self.meta["strict"])
        self._write(self.key, asdict(entry))
        self._prune()

    def _prune(self) -> None:
        try:
            for pattern, keep in (("check-*.json", _KEEP), ("meta-*.json", 8)):
                entries = sorted(self.folder.glob(pattern), key=lambda p: p.stat().st_mtime)
                for p in entries[:-keep]:
                    p.unlink()
        except OSError:
            pass
