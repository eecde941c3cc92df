"""Per-document history: which commits touched each document (renames followed), with the
edition/revision its front matter declared at each commit. (Approvals: qms_docs/approval.)"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import HistoryError
from ..model import QMS
from .gitlog import Commit, GitRepo

_FIELD = re.compile(rb"^(edition|revision|code|effective_date):\s*['\"]?([A-Za-z0-9-]+)",
                    re.MULTILINE)


@dataclass
class Revision:
    """One commit that changed a document."""

    sha: str
    date: str
    author: str
    email: str
    subject: str
    path: str
    status: str
    edition: int | None
    revision: int | None
    blob: str = ""  # the document's blob at this commit ("" when deleted): its text as it was
    effective: str = ""  # effective_date its front matter declared

    @property
    def version(self) -> str:
        return f"{self.edition}.{self.revision}" if self.edition is not None else "?"


@dataclass
class DocumentHistory:
    code: str
    path: str
    revisions: list[Revision] = field(default_factory=list)  # newest first

    def versions(self) -> list[Revision]:
        """The first commit of each distinct edition/revision, newest first."""
        seen: dict[tuple, Revision] = {}
        for r in reversed(self.revisions):
            seen.setdefault((r.edition, r.revision), r)
        return sorted(seen.values(), key=lambda r: r.date, reverse=True)


def front_fields(blob: bytes) -> dict[str, str]:
    """edition, revision, code and effective_date from a document's front matter, without a
    full YAML parse."""
    head = blob.split(b"\n---", 1)[0] if blob.startswith(b"---") else b""
    return {m.group(1).decode(): m.group(2).decode() for m in _FIELD.finditer(head)}


def _int(v: str | None) -> int | None:
    return int(v) if v and v.isdigit() else None


def histories_of(qms: QMS) -> dict[str, DocumentHistory]:
    """Every document's history at HEAD ({} outside git or before the first commit), read once
    per model: table 1 and the history pages of one build share the single git pass."""
    if "histories" not in qms.derived:
        hist: dict[str, DocumentHistory] = {}
        repo = GitRepo(qms.config.root)
        if qms.all_documents and repo.is_repo():
            from .base import refuse_incomplete

            refuse_incomplete(repo, "the history pages")
            paths = {d.where.file.rel: d.code for d in qms.all_documents}
            with suppress(HistoryError):  # an empty repository has no HEAD
                commits = repo.log([qms.config.content_dir])
                paths.update(_withdrawn_paths(qms, repo, commits, set(paths)))
                hist = document_histories(qms.config.root, paths,
                                          content_dir=qms.config.content_dir, commits=commits)
        qms.derived["histories"] = hist
    return qms.derived["histories"]


def _withdrawn_paths(qms: QMS, repo: GitRepo, commits: list[Commit], known: set[str]
                     ) -> dict[str, str]:
    """The last path of each withdrawn document (its file was deleted): from the deletions in
    the log whose old text names a withdrawn code, so its versions keep their history."""
    from ..approval.withdrawal import withdrawals_of

    codes = set(withdrawals_of(qms))
    if not codes:
        return {}
    deleted = [(ch.path, ch.old_blob) for c in commits for ch in c.changes
               if ch.status == "D" and ch.old_blob and ch.path.endswith(".md")
               and ch.path not in known]
    blobs = repo.blobs(b for _, b in deleted)
    out: dict[str, str] = {}
    for path, blob in deleted:  # newest first: the last deletion of a code wins
        code = front_fields(blobs.get(blob, b"")).get("code", "")
        if code in codes and code not in out.values():
            out[path] = code
    if codes - set(out.values()):  # withdrawn in the work tree, its deletion not committed yet
        gone = {p: sha for p, sha in repo.tree("HEAD", qms.config.content_dir).items()
                if p.endswith(".md") and p not in known and not (qms.config.root / p).exists()}
        texts = repo.blobs(gone.values())
        for path, sha in gone.items():
            code = front_fields(texts.get(sha, b"")).get("code", "")
            if code in codes and code not in out.values():
                out[path] = code
    return out


def document_histories(root: Path, documents: dict[str, str], rev: str = "HEAD",
                       content_dir: str = "content",
                       commits: list[Commit] | None = None) -> dict[str, DocumentHistory]:
    """documents: current path (repo-relative) -> code. One git log, one cat-file process."""
    repo = GitRepo(root)
    commits = repo.log([content_dir], rev) if commits is None else commits
    names = dict(documents)  # the path each document had at the point of the walk
    histories = {code: DocumentHistory(code, path) for path, code in documents.items()}
    pending: list[tuple[Revision, str]] = []
    for c in commits:
        for ch in c.changes:
            code = names.get(ch.path)
            if code is None:
                continue
            r = Revision(c.sha, c.date, c.author, c.email, c.subject, ch.path, ch.status,
                         None, None, ch.blob)
            histories[code].revisions.append(r)
            if ch.blob:
                pending.append((r, ch.blob))
            if ch.status == "R":
                names[ch.old_path] = code
            if ch.status in "RA":
                del names[ch.path]
    # never the whole blobs, nor the front matters: only their few fields are kept
    fields = repo.front_matters((b for _, b in pending), keep=front_fields)
    for r, sha in pending:
        f = fields.get(sha, {})
        r.edition, r.revision = _int(f.get("edition")), _int(f.get("revision"))
        r.effective = f.get("effective_date", "")
    return histories
