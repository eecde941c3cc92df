"""Give a repository without history a realistic one (`qms init --history`): every row of every
document's table 2 becomes a dated commit with that version's own text, table rows and approval
evidence, signed by the people who held the functions then (DEMO keys), so every commit passes
`qms check` and an auditor reading an old version sees the old text.

- The first commit holds the registers and every document in its first version; one not yet
  approved on that day is a draft (awaiting approval) until its own date.
- An earlier version's text is the next one's with the edits of qms_docs/demo/history.yml
  (what its table-2 row says changed) undone, its table 2 cut after its own row.
- Versions in force before qms.yml approval.paper_until were approved on paper: a paper record
  with a (DEMO) scan; later ones are signed statements or PAdES PDFs (demo.PDF_SIGNED).
- The last version of each document is the shipped file with its shipped evidence; the last
  commit adds the audits and the CAF self-assessment. The tree then equals the demo exactly.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from ..exceptions import HistoryError
from ..model import QMS, Document

LATER = ("audits", "caf", "acknowledgements.yml")  # they cite versions and dates of the end
SCAN = b"""%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>endobj
4 0 obj<</Length 60>>stream
BT /F1 24 Tf 72 760 Td (DEMO scan of a signed paper) Tj ET
endstream endobj
trailer<</Root 1 0 R>>
%%EOF
"""


@dataclass
class _Event:
    date: str
    doc: Document
    edition: int
    revision: int
    first: bool  # the document's first version
    last: bool  # the version in force: the shipped file and evidence


def patches() -> dict:
    text = resources.files("qms_docs").joinpath("demo", "history.yml").read_text("utf-8")
    return yaml.safe_load(text) or {}


def replay(qms: QMS) -> int:
    """Turn qms.config.root (a folder that is not yet a git repository) into one; returns the
    number of commits."""
    from ..approval import demo

    root = qms.config.root
    if (root / ".git").exists():
        raise HistoryError(f"{root} is already a git repository")
    events = _events(qms)
    if not events:
        raise HistoryError("no document versions to replay")
    edits = patches()
    content = qms.config.content_dir
    demo.install(root)
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "files"
        shutil.copytree(root, saved, symlinks=True, ignore=shutil.ignore_patterns(".keys"))
        _git(root, None, "init", "-q", "-b", "main")
        shutil.rmtree(root / content / "approvals", ignore_errors=True)
        for name in LATER:
            p = root / content / name
            shutil.rmtree(p) if p.is_dir() else p.unlink(missing_ok=True)
        first_day = events[0].date
        for ev in events:
            if ev.first:
                _write_version(root, saved, ev, edits)
        # documents first approved on the first day are approved in the first commit
        for ev in (e for e in events if e.first and e.date == first_day):
            _approve(root, saved, ev, qms)
        _git(root, None, "add", "-A")
        _git(root, _who(qms, None, first_day), "commit", "-q", "-m",
             "Registrele SMC și documentele în prima lor versiune")
        for ev in events:
            if ev.first and ev.date == first_day:
                continue
            if not ev.first:
                _write_version(root, saved, ev, edits)
            _approve(root, saved, ev, qms)
            _git(root, None, "add", "-A")
            _git(root, _who(qms, ev.doc, ev.date), "commit", "-q", "-m", _message(ev))
        shutil.copytree(saved, root, dirs_exist_ok=True, symlinks=True)
        _git(root, None, "add", "-A")
        if _git(root, None, "status", "--porcelain").strip():
            _git(root, _who(qms, None, events[-1].date), "commit", "-q", "-m",
                 "Auditurile interne, instruirile și autoevaluarea CAF")
    return int(_git(root, None, "rev-list", "--count", "HEAD").strip())


def _events(qms: QMS) -> list[_Event]:
    out = []
    for doc in qms.all_documents:
        rows = sorted((r for r in doc.revisions if r.date), key=lambda r: (r.edition,
                                                                         r.revision))
        if not rows:
            out.append(_Event(doc.effective_date or "2024-01-01", doc, doc.edition,
                              doc.revision, True, True))
        for i, r in enumerate(rows):
            out.append(_Event(r.date, doc, r.edition, r.revision, i == 0, i == len(rows) - 1))
    return sorted(out, key=lambda e: (e.date, e.doc.code, e.edition, e.revision))


def _files_of(doc: Document, root: Path) -> list[str]:
    rel = doc.where.file.rel
    if doc.kind == "manual":
        folder = root / Path(rel).parent
        return [rel] + sorted(f"{Path(rel).parent.as_posix()}/{p.name}"
                              for p in folder.glob("*.md"))
    return [rel]


def _write_version(root: Path, saved: Path, ev: _Event, edits: dict) -> None:
    """The files of ev.doc as they were at its version ev.edition.ev.revision."""
    version = f"{ev.edition}.{ev.revision}"
    newer = [f"{r.edition}.{r.revision}" for r in sorted(
        ev.doc.revisions, key=lambda r: (r.edition, r.revision), reverse=True)
        if (r.edition, r.revision) > (ev.edition, ev.revision)]
    for rel in _files_of(ev.doc, saved):
        text = (saved / rel).read_text("utf-8")
        # undo, newest first, what each later version changed
        for v in [*newer[1:], version] if newer else []:
            for e in (edits.get(ev.doc.code) or {}).get(v) or []:
                if e.get("file", ev.doc.where.file.rel) != rel:
                    continue
                if text.count(e["new"]) != 1:
                    raise HistoryError(f"qms_docs/demo/history.yml: {ev.doc.code} {v}: the "
                                       f"text to undo is not once in {rel}: {e['new'][:60]!r}")
                text = text.replace(e["new"], e.get("old") or "")
        if not ev.last and rel == ev.doc.where.file.rel:
            text = _control_data(text, ev)
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")


def _control_data(text: str, ev: _Event) -> str:
    """Edition, revision, effective date, table 2 cut after this version, planned dates."""
    text = _set(text, "edition", str(ev.edition))
    text = _set(text, "revision", str(ev.revision))
    text = _set(text, "effective_date", ev.date)
    days = _days(ev.date)
    for step, day in days.items():
        text = re.sub(rf"(?m)^({step}_by:\n  role: [^\n]+\n  date: ).*$", rf"\g<1>{day}", text)
    text = _analysis_on(text, days["endorsed"])
    text = _distribution_on(text, ev)
    lines = text.split("\n")
    out, keep, in_rows = [], True, False
    for line in lines:
        if line.startswith("revisions:"):
            in_rows = True
            out.append(line)
            continue
        if in_rows and line and not line.startswith(" "):
            in_rows = False
        if in_rows and line.startswith("  - "):
            keep = True
            m = re.match(r"  - edition: (\d+)", line)
            item_ed = int(m.group(1)) if m else 0
            out.append(line)
            start = len(out) - 1
            continue
        if in_rows and keep and line.startswith("    revision: "):
            rev = int(line.split(":")[1])
            if (item_ed, rev) > (ev.edition, ev.revision):
                del out[start:]
                keep = False
                continue
        if in_rows and not keep:
            continue
        out.append(line)
    return "\n".join(out)


def _analysis_on(text: str, day: str) -> str:
    """The departments' analysis (OSGG form 2) of an earlier version: held before it was
    approved, not on the dates the version in force records."""
    return _in_block(text, "analysis", lambda b: re.sub(r"(?m)^(    date: ).*$",
                                                        rf"\g<1>{day}", b))


def _distribution_on(text: str, ev: _Event) -> str:
    """Copies of an earlier version received on its effective date; the first version takes
    back no earlier copy."""
    def dates(block: str) -> str:
        block = re.sub(r"(?m)^(    received: ).*$", rf"\g<1>{ev.date}", block)
        if (ev.edition, ev.revision) == (1, 0):
            return re.sub(r"(?m)^    withdrawn: .*\n", "", block)
        return re.sub(r"(?m)^(    withdrawn: ).*$", rf"\g<1>{ev.date}", block)
    return _in_block(text, "distribution", dates)


def _in_block(text: str, key: str, change: Callable[[str], str]) -> str:
    """change applied to the front matter's top-level `key:` block (up to the next key)."""
    m = re.search(rf"(?ms)^{key}:\n.*?(?=^\S|\Z)", text)
    return text[:m.start()] + change(m.group(0)) + text[m.end():] if m else text


def _days(effective: str) -> dict[str, str]:
    d = dt.date.fromisoformat(effective)
    return {"elaborated": (d - dt.timedelta(days=21)).isoformat(),
            "verified": (d - dt.timedelta(days=14)).isoformat(),
            "endorsed": (d - dt.timedelta(days=10)).isoformat(),
            "approved": (d - dt.timedelta(days=7)).isoformat()}


def _approve(root: Path, saved: Path, ev: _Event, qms0: QMS) -> None:
    """The evidence of ev's version: the shipped one for the last version, else a paper record
    (before the cut-over) or DEMO signatures by the holders of the functions on the days."""
    from ..approval import demo
    from ..approval.sources import sha256_of
    from ..config import load_config
    from ..load.repository import load_repository
    from ..model import build_qms

    version = f"{ev.edition}.{ev.revision}"
    rel_folder = Path(qms0.config.content_dir) / "approvals" / ev.doc.code / version
    if ev.last:
        src = saved / rel_folder
        if src.is_dir():
            shutil.copytree(src, root / rel_folder, dirs_exist_ok=True)
        return
    cfg = load_config(root)
    qms = build_qms(cfg, load_repository(cfg))
    doc = qms.document(ev.doc.code)
    if doc is None:
        raise HistoryError(f"replay: {ev.doc.code} missing at {version}")
    until = cfg.paper_until
    if until and ev.date < until:
        from ..approval.sources import source_files

        files = {p: (root / p).read_bytes() for p in source_files(qms, doc)}
        _paper(root / rel_folder, cfg, doc, sha256_of(files), ev.date)
        return
    demo.sign_version(qms, doc.code, days={k: v for k, v in _days(ev.date).items()},
                      pdf=False)


def _paper(folder: Path, cfg, doc: Document, sha: str, day: str) -> None:
    scan = f"approvals/scanari/DEMO-dispozitie-{day}.pdf"
    (cfg.content / scan).parent.mkdir(parents=True, exist_ok=True)
    (cfg.content / scan).write_bytes(SCAN)
    days = _days(day)
    number = 100 + sum(ord(c) for c in doc.code) % 800
    lines = ["# yaml-language-server: $schema=../../../../schemas/approval-paper.schema.json",
             "# DEMO: the paper approval of this version, transcribed (qms init --history)",
             f"registration: \"{number}/{day[:4]}\"", f"date: {days['approved']}",
             f"scan: {scan}", f"sha256: {sha}", "signatures:"]
    from ..load.repository import load_repository
    from ..model import build_qms

    qms = build_qms(cfg, load_repository(cfg))
    for a in doc.approvals:
        holder = qms.holder(a.role, days[a.step])
        if holder is None:
            raise HistoryError(f"replay: nobody held {a.role} on {days[a.step]}")
        lines += [f"  - step: {a.step}", f"    function: {a.role}", f"    person: {holder.id}",
                  f"    date: {days[a.step]}"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "paper.yml").write_text("\n".join(lines) + "\n", "utf-8")


def _set(text: str, key: str, value: str) -> str:
    return re.sub(rf"(?m)^{key}:.*$", f"{key}: {value}", text, count=1)


def _message(ev: _Event) -> str:
    row = next((r for r in ev.doc.revisions if (r.edition, r.revision) ==
                (ev.edition, ev.revision)), None)
    about = row.description if row else "Aprobare"
    short = about if len(about) <= 60 else about[:59] + "…"
    return f"{ev.doc.code} ed. {ev.edition} rev. {ev.revision}: {short}\n\n{about}"


def _who(qms: QMS, doc: Document | None, date: str) -> dict[str, str]:
    role = doc.approvals[0].role if doc and doc.approvals else "rmc"
    person = qms.holder(role, date)
    name = person.name if person else "qms-docs"
    email = person.email if person and person.email else "qms@example.invalid"
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
