"""Give a repository without history a realistic one: each row of every document's table 2
(editions and revisions) becomes a dated commit by the elaborator, with the approval trailers
of table 1. Used by `qms init --history` so a new user's site and PDFs show document control
from day one; the last commit leaves the files exactly as they were.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import HistoryError
from ..model import QMS, Document

_TRAILER_KEYS = {"elaborated": "Elaborated-by", "verified": "Verified-by",
                 "approved": "Approved-by"}


@dataclass
class _Event:
    date: str
    doc: Document
    edition: int
    revision: int
    description: str
    last: bool  # the version in force: the file is written exactly as it is


def replay(qms: QMS) -> int:
    """Turn qms.config.root (a folder that is not yet a git repository) into one; returns the
    number of commits."""
    root = qms.config.root
    if (root / ".git").exists():
        raise HistoryError(f"{root} is already a git repository")
    events = _events(qms)
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "files"
        shutil.copytree(root, saved, symlinks=True)
        _git(root, None, "init", "-q", "-b", "main")
        first = events[0].date if events else "2024-01-01"
        for ev in events:  # documents appear only with their first version
            (root / ev.doc.where.file.rel).unlink(missing_ok=True)
        _git(root, None, "add", "-A")
        _git(root, _who(qms, None, first), "commit", "-q", "--allow-empty", "-m",
             "Registrele SMC (procese, funcții, riscuri, obiective)")
        for ev in events:
            _write(root, saved, ev)
            _git(root, None, "add", "-A")
            _git(root, _who(qms, ev.doc, ev.date), "commit", "-q", "-m", _message(qms, ev))
        shutil.copytree(saved, root, dirs_exist_ok=True, symlinks=True)
        _git(root, None, "add", "-A")
        if _git(root, None, "status", "--porcelain").strip():
            _git(root, _who(qms, None, events[-1].date if events else first), "commit", "-q",
                 "-m", "Actualizarea registrelor SMC")
    return int(_git(root, None, "rev-list", "--count", "HEAD").strip())


def _events(qms: QMS) -> list[_Event]:
    out = []
    for doc in qms.all_documents:
        rows = sorted((r for r in doc.revisions if r.date), key=lambda r: (r.date, r.edition,
                                                                         r.revision))
        for i, r in enumerate(rows):
            out.append(_Event(r.date, doc, r.edition, r.revision, r.description,
                              i == len(rows) - 1))
        if not rows:
            out.append(_Event(doc.effective_date or "2024-01-01", doc, doc.edition,
                              doc.revision, "Elaborare", True))
    return sorted(out, key=lambda e: (e.date, e.doc.code))


def _write(root: Path, saved: Path, ev: _Event) -> None:
    rel = ev.doc.where.file.rel
    text = (saved / rel).read_text(encoding="utf-8")
    if not ev.last:  # an earlier version: the same text with that version's control data
        text = _set(text, "edition", str(ev.edition))
        text = _set(text, "revision", str(ev.revision))
        text = _set(text, "effective_date", ev.date)
    dest = root / rel
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")


def _set(text: str, key: str, value: str) -> str:
    return re.sub(rf"(?m)^{key}:.*$", f"{key}: {value}", text, count=1)


def _message(qms: QMS, ev: _Event) -> str:
    about = ev.description if len(ev.description) <= 60 else ev.description[:59] + "…"
    subject = f"{ev.doc.code} ed. {ev.edition} rev. {ev.revision}: {about}\n\n{ev.description}"
    trailers = []
    for a in ev.doc.approvals:
        role = qms.role(a.role)
        if role and role.holder:
            email = f" <{role.email}>" if role.email else ""
            trailers.append(f"{_TRAILER_KEYS[a.step]}: {role.holder}{email} [{role.id}]")
    return subject + ("\n\n" + "\n".join(trailers) if trailers else "")


def _who(qms: QMS, doc: Document | None, date: str) -> dict[str, str]:
    role = qms.role(doc.approvals[0].role) if doc else qms.role("rmc")
    name = role.holder if role and role.holder else "qms-docs"
    email = role.email if role and role.email else "qms@example.invalid"
    stamp = f"{date}T10:00:00+02:00"
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": stamp}


def _git(root: Path, env: dict[str, str] | None, *args: str) -> str:
    full = {**os.environ, **(env or {})}
    p = subprocess.run(["git", "-C", str(root), "-c", "commit.gpgsign=false", *args],
                       capture_output=True, text=True, env=full)
    if p.returncode:
        raise HistoryError(f"git {args[0]} failed: {p.stderr.strip()}")
    return p.stdout
