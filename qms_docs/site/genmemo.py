"""Generated Markdown of document pages kept between site builds (`.qms-cache/site/`): after
an edit to one procedure's text, only that procedure's pages are generated again.

A document page shows its own file (front matter and body) and, of the rest of the model, only
what front matter and the other files say: codes, titles, parents, processes, functions, people,
approval evidence, the dates. So its key is its own source (data and body) plus a digest of
everything else with the other documents' bodies left out: every content file's bytes (the
documents' front matter data instead), qms.yml, the trust roots, git HEAD (the histories), the
build date, the language and the toolchain. Any change outside a document's body therefore
generates every page again; a body edit regenerates that document's pages only. (A
document's data is digested as the text before its body, other files as the bytes the check read.)

Pages drawn from no document body at all (the SCIM and CAF pages, the responsibility matrix, the
processes, the clause matrix, the registers: `whole`) are kept under the skeleton plus what the
signatures say of every document (its table-1 rows and verdict): whether a document's evidence
still covers its text is the one thing a body edit changes there.

One pickle, read only when its HMAC under the secret outside the repository verifies (as the
check cache's FileMemo); it keeps what the last build used. Off for `qms release` and under
QMS_NO_CACHE=1 (pagecache.allowed).
tests/test_page_cache.py holds builds with it to the bytes of clean ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..cache import FOLDER, _secret, read_signed, toolchain, write_signed
from ..model import QMS
from .pagecache import allowed

_FORMAT = b"generated-v2"
_SLOT = "page_memo"
# What a page may say of a signature (not the hash of the text it covers)
_EVIDENCE = ("path", "kind", "code", "version", "step", "function", "person", "time", "day",
             "fingerprint", "demo", "qualified", "valid", "reference")


class PageMemo:
    def __init__(self, path: Path, secret: bytes, skeleton: bytes):
        self.path, self.secret, self.skeleton = path, secret, skeleton
        self.old: dict[str, Any] = read_signed(path, secret) or {}
        self.new: dict[str, Any] = {}
        self.signatures: bytes | None = None  # whole(): computed once per build

    def page(self, path: str, source: bytes, make: Callable[[], Any]) -> Any:
        key = hashlib.sha256(self.skeleton + path.encode() + b"\0" + source).hexdigest()
        text = self.old.get(key)
        self.new[key] = text = make() if text is None else text
        return text

    def save(self) -> None:
        if self.new.keys() != self.old.keys():
            write_signed(self.path, self.secret, self.new)


def attach(qms: QMS, lang: str, today: str) -> PageMemo | None:
    """A memo for this build's model (None when caching is off or the inputs cannot be
    pinned down); the page builders find it through memoized()."""
    secret = _secret()
    if secret is None or not allowed():
        return None
    try:
        skeleton = _skeleton(qms, lang, today)
    except OSError:
        return None
    memo = PageMemo(qms.config.root / FOLDER / "site" / "generated.pickle", secret, skeleton)
    qms.derived[_SLOT] = memo
    return memo


def skeleton_of(qms: QMS | None) -> bytes | None:
    """The digest of everything but the documents' bodies, when this build has a memo."""
    memo = qms.derived.get(_SLOT) if qms is not None else None
    return memo.skeleton if memo is not None else None


def memoized(qms: QMS, path: str, doc, make: Callable[[], str]) -> str:
    """make(), or the text it gave for the same document source and skeleton."""
    memo = qms.derived.get(_SLOT)
    if memo is None:
        return make()
    f = doc.where.file
    source = bytes.fromhex(f.sha256) if f.sha256 else json.dumps(  # the file's bytes, as read
        f.data, sort_keys=True, default=str, ensure_ascii=False).encode() + b"\0" + f.body.encode()
    return memo.page(path, source, make)


def whole(qms: QMS, name: str, make: Callable[[], Any]) -> Any:
    """make() of a page builder that reads no document body, or what it gave for the same
    skeleton and signatures (see the module docstring)."""
    memo = qms.derived.get(_SLOT)
    if memo is None:
        return make()
    if memo.signatures is None:
        memo.signatures = hashlib.sha256(_signatures(qms)).digest()
    return memo.page("whole:" + name, memo.signatures, make)


def _signatures(qms: QMS) -> bytes:
    """Every document's table-1 rows and verdict as the evidence left them, without the hash
    of the text they cover (which any body edit changes)."""
    from ..approval.verify import approvals_of
    from ..model.documents import Approval

    verdicts = approvals_of(qms)[0]
    rows = [f.name for f in fields(Approval)]
    state = []
    for d in qms.all_documents:
        v = verdicts.get(d.code)
        state.append([d.code, [[getattr(a, k) for k in rows] for a in d.approvals], v and [
            v.version, v.complete, v.changed,
            [[getattr(e, k) for k in _EVIDENCE] for e in v.evidence]]])
    return json.dumps(state, default=str, ensure_ascii=False).encode()


def _skeleton(qms: QMS, lang: str, today: str) -> bytes:
    cfg = qms.config
    h = hashlib.sha256(_FORMAT + toolchain() + f"\0{lang}\0{today}\0".encode())
    content = cfg.content_dir.strip("/") + "/"
    docs = {d.where.file.rel.removeprefix(content): d.where.file
            for d in qms.all_documents}
    read = {f.rel.removeprefix(content): f.sha256 for f in qms.files.files if f.sha256}
    for rel in sorted(qms.files.tree.files):
        f = docs.get(rel)
        if f is not None and f.front_sha256:  # the same text before the body: the same data
            h.update(f"m {rel}\0{f.front_sha256}\0".encode())
        else:  # the bytes the check read, or (pictures, evidence) the bytes there now
            h.update(f"f {rel}\0".encode() + (bytes.fromhex(read[rel]) if rel in read else
                                               hashlib.sha256((cfg.content / rel).read_bytes()
                                                              ).digest()))
    for path in [cfg.root / "qms.yml", *(p for p, _ in cfg.trust_roots())]:
        h.update(str(path).encode() + (hashlib.sha256(path.read_bytes()).digest()
                                       if path.is_file() else b"absent"))
    h.update(_head(cfg.root).encode())
    return h.digest()


def _head(root: Path) -> str:
    """The commit the histories are read from (and the shallow marker, which they refuse)."""
    from ..exceptions import HistoryError
    from ..history.gitlog import GitRepo

    try:
        head = GitRepo(root).git("rev-parse", "HEAD", "--is-shallow-repository")
    except HistoryError as e:
        head = f"no history: {e}"
    return head
