"""Find and read every content file of a repository once, turning load problems into findings."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..audit.files import FILES as AUDIT_FILES
from ..caf.files import FILES as CAF_FILES
from ..config import Config
from ..findings import Finding
from ..scim.files import FILES as SCIM_FILES
from .assets import ASSETS, HEAD, NEVER_SERVED, looks_like, suffix
from .limits import HIDING, scan_markdown
from .markdown import parse_markdown
from .source import Positions, SourceFile
from .tree import Tree, walk
from .yamlpos import LoadProblem, load_yaml_text

# content-relative file name -> kind (= schema name)
YAML_KINDS = {
    "organization.yml": "organization",
    "roles.yml": "roles",
    "people.yml": "people",
    "processes.yml": "processes",
    "context.yml": "context",
    "interested-parties.yml": "interested-parties",
    "responsibilities.yml": "responsibilities",
    "risks.yml": "risks",
    "objectives.yml": "objectives",
    "records.yml": "records",
    "manual/manual.yml": "manual",
    "acknowledgements.yml": "acknowledgements",
}
REQUIRED = ("organization.yml", "roles.yml", "processes.yml")
# Feature modules declare their own files: (glob under content/, kind).
GLOB_KINDS = CAF_FILES + AUDIT_FILES + SCIM_FILES + [
    ("approvals/*/withdrawn/withdrawal.yml", "withdrawal"),  # qms_docs/approval/withdrawal.py
    ("approvals/*/*/paper.yml", "approval-paper"),  # qms_docs/approval/paper.py
]
MARKDOWN_DIRS = {"manual": "manual-chapter", "procedures": "document",
                 "instructions": "document", "forms": "document"}


@dataclass
class LoadResult:
    files: list[SourceFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tree: Tree = field(default_factory=Tree)  # the content folder as found on disk
    assets: set[str] = field(default_factory=set)  # content-relative files the site publishes
    memo: Any = field(default=None, repr=False)  # parsed files kept between runs (cache.FileMemo)

    def of_kind(self, kind: str) -> list[SourceFile]:
        return [f for f in self.files if f.kind == kind]


def load_repository(cfg: Config, memo: Any = None) -> LoadResult:
    """memo: a cache.FileMemo, whose parsed files (same path, kind and text) are reused."""
    result = LoadResult(memo=memo)
    content = cfg.content
    tree = result.tree = walk(content, cfg.root)
    prefix = cfg.content_dir.strip("/") + "/"
    for rel, p in sorted(tree.problems.items()):
        result.findings.append(Finding(prefix + rel, p.line, p.col, "error", p.code, p.message,
                                       p.hint))
    for name in REQUIRED:
        if name not in tree.files and name not in tree.problems:
            rel = f"{cfg.content_dir}/{name}"
            result.findings.append(Finding(rel, 1, 1, "error", "QMS007", f"{name} is missing",
                                           "run 'qms init' to start from the demo content"))
    for name, kind in YAML_KINDS.items():
        if name in tree.files:
            _load_yaml(cfg, content / name, kind, result)
    for pattern, kind in GLOB_KINDS:
        for name in tree.matching(pattern):
            _load_yaml(cfg, content / name, kind, result)
    for folder, kind in MARKDOWN_DIRS.items():
        for name in tree.matching(f"{folder}/*.md"):
            _load_markdown(cfg, content / name, kind, result)
    _assets(cfg, result)
    return result


def _assets(cfg: Config, result: LoadResult) -> None:
    """Pictures and PDFs whose content is what their name says; the files never served."""
    prefix = cfg.content_dir.strip("/") + "/"
    for rel in result.tree.files:
        kind = suffix(rel)
        if kind in NEVER_SERVED:
            result.findings.append(Finding(
                prefix + rel, 1, 1, "warning", "QMS017", f"'{kind}' files are never published",
                "the site serves only pages made from the model, and pictures and PDFs; "
                "write the content in Markdown"))
        elif kind in ASSETS:
            head = read_regular(cfg.content / rel, HEAD) or b""
            if looks_like(head, kind):
                result.assets.add(rel)
            else:
                result.findings.append(Finding(
                    prefix + rel, 1, 1, "error", "QMS016", f"the content is not a '{kind}' "
                    "file", f"save it as a real {kind[1:].upper()} file, or remove it: it is "
                    "not published"))


def _read(cfg: Config, path: Path, result: LoadResult) -> tuple[str, str] | None:
    """The file's text and the SHA-256 of its bytes (what an approval is bound to), or None
    with a finding."""
    rel = cfg.rel(path)
    size = result.tree.files.get(path.relative_to(cfg.content).as_posix(), 0)
    if size > cfg.max_file_bytes:
        result.findings.append(Finding(rel, 1, 1, "error", "QMS002",
                                       f"file is {size} bytes, the limit is {cfg.max_file_bytes}",
                                       "split the file, or raise max_file_bytes in qms.yml"))
        return None
    data = read_regular(path, cfg.max_file_bytes)
    if data is not None and len(data) > cfg.max_file_bytes:  # it grew since the walk
        result.findings.append(Finding(rel, 1, 1, "error", "QMS002",
                                       f"file is over {cfg.max_file_bytes} bytes, the limit",
                                       "split the file, or raise max_file_bytes in qms.yml"))
        return None
    if data is None:  # replaced by a link or a FIFO since the walk: refuse, never follow
        result.findings.append(Finding(rel, 1, 1, "error", "QMS015",
                                       "not a regular file (it changed while being read)",
                                       "content is read only from regular files"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        # Point at the first bad byte: the text before it is valid UTF-8.
        start = data.rfind(b"\n", 0, e.start) + 1
        line = data.count(b"\n", 0, e.start) + 1
        col = len(data[start:e.start].decode("utf-8")) + 1
        result.findings.append(Finding(rel, line, col, "error", "QMS008",
                                       f"not UTF-8: byte 0x{data[e.start]:02x} here ({e.reason})",
                                       "save the file as UTF-8 (not Windows-1250 or ISO-8859-2)"))
        return None
    nul = text.find("\x00")
    if nul >= 0:
        line, col = text.count("\n", 0, nul) + 1, nul - text.rfind("\n", 0, nul)
        result.findings.append(Finding(rel, line, col, "error", "QMS008",
                                       "not UTF-8 text: it holds NUL bytes (binary or UTF-16)",
                                       "save the file as UTF-8"))
        return None
    return text, hashlib.sha256(data).hexdigest()


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of path if it is a regular file itself (a link in its place is not followed,
    a FIFO not waited on), at most limit + 1 of them; else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _add_problems(rel: str, problems: list[LoadProblem], result: LoadResult) -> None:
    result.findings.extend(Finding(rel, p.line, p.col, p.severity, p.code, p.message, p.hint)
                           for p in problems)


def _memoized(parse):
    """Reads the file, then parses it, or takes what an earlier run parsed from the same text."""
    def load(cfg: Config, path: Path, kind: str, result: LoadResult) -> None:
        read = _read(cfg, path, result)
        if read is None:
            return
        text, digest = read
        rel, memo = cfg.rel(path), result.memo
        got = memo.get(rel, kind, digest) if memo is not None else None
        if got is not None:
            result.files += got[0]
            result.findings += got[1]
            return
        files, findings = len(result.files), len(result.findings)
        parse(cfg, rel, text, kind, result)
        for f in result.files[files:]:
            f.sha256 = digest
        if memo is not None:
            memo.put(rel, result.files[files:], result.findings[findings:])
    return load


@_memoized
def _load_yaml(cfg: Config, rel: str, text: str, kind: str, result: LoadResult) -> None:
    loaded, problems = load_yaml_text(text)
    _add_problems(rel, problems, result)
    if loaded is not None:
        result.files.append(SourceFile(rel, kind, loaded.data, loaded.positions))
        if kind == "organization" and isinstance(loaded.data, dict) and \
                isinstance(loaded.data.get("policy"), str):  # the policy is Markdown too
            line, col = loaded.positions.at(("policy",))
            _add_problems(rel, [LoadProblem(h.code, line, col, h.message, h.hint) for h in
                                scan_markdown(loaded.data["policy"]) if h.code in HIDING],
                          result)


@_memoized
def _load_markdown(cfg: Config, rel: str, text: str, kind: str, result: LoadResult) -> None:
    doc, problems = parse_markdown(text)
    _add_problems(rel, problems, result)
    if doc.front is not None:
        # what comes before the body, whose data the front matter is (genmemo.py)
        front = text[:len(text) - len(doc.body)] if text.endswith(doc.body) else text
        result.files.append(SourceFile(rel, kind, doc.front.data, doc.front.positions,
                                       body=doc.body, body_line=doc.body_line,
                                       headings=doc.headings,
                                       front_sha256=hashlib.sha256(front.encode()).hexdigest()))
    elif not problems:  # pragma: no cover - parse_markdown always reports why
        result.files.append(SourceFile(rel, kind, None, Positions()))
