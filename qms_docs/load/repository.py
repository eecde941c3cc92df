"""Find and read every content file of a repository once, turning load problems into findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..audit.files import FILES as AUDIT_FILES
from ..caf.files import FILES as CAF_FILES
from ..config import Config
from ..findings import Finding
from .markdown import parse_markdown
from .source import Positions, SourceFile
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
GLOB_KINDS = CAF_FILES + AUDIT_FILES + [
    ("approvals/*/withdrawn/withdrawal.yml", "withdrawal"),  # qms_docs/approval/withdrawal.py
    ("approvals/*/*/paper.yml", "approval-paper"),  # qms_docs/approval/paper.py
]
MARKDOWN_DIRS = {"manual": "manual-chapter", "procedures": "document",
                 "instructions": "document", "forms": "document"}


@dataclass
class LoadResult:
    files: list[SourceFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[SourceFile]:
        return [f for f in self.files if f.kind == kind]


def load_repository(cfg: Config) -> LoadResult:
    result = LoadResult()
    content = cfg.content
    for name in REQUIRED:
        if not (content / name).exists():
            rel = f"{cfg.content_dir}/{name}"
            result.findings.append(Finding(rel, 1, 1, "error", "QMS007", f"{name} is missing",
                                           "run 'qms init' to start from the demo content"))
    for name, kind in YAML_KINDS.items():
        path = content / name
        if path.is_file():
            _load_yaml(cfg, path, kind, result)
    for pattern, kind in GLOB_KINDS:
        for path in sorted(content.glob(pattern)):
            _load_yaml(cfg, path, kind, result)
    for folder, kind in MARKDOWN_DIRS.items():
        for path in sorted((content / folder).glob("*.md")):
            _load_markdown(cfg, path, kind, result)
    return result


def _read(cfg: Config, path: Path, result: LoadResult) -> str | None:
    rel = cfg.rel(path)
    if not _confined(cfg, path):
        result.findings.append(Finding(rel, 1, 1, "error", "QMS011",
                                       "a symbolic link leads outside the repository",
                                       "copy the file into the repository instead of linking"))
        return None
    size = path.stat().st_size
    if size > cfg.max_file_bytes:
        result.findings.append(Finding(rel, 1, 1, "error", "QMS002",
                                       f"file is {size} bytes, the limit is {cfg.max_file_bytes}",
                                       "split the file, or raise max_file_bytes in qms.yml"))
        return None
    data = path.read_bytes()
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
    return text


def _confined(cfg: Config, path: Path) -> bool:
    """The file and its folder, links followed, stay inside the repository. One resolve per
    folder: a tree of 1,000 documents has a handful of folders."""
    return (not path.is_symlink() or cfg.inside(path)) and _folder_inside(cfg.root, path.parent)


@cache
def _folder_inside(root: Path, folder: Path) -> bool:
    return folder.resolve().is_relative_to(root)


def _add_problems(rel: str, problems: list[LoadProblem], result: LoadResult) -> None:
    result.findings.extend(Finding(rel, p.line, p.col, "error", p.code, p.message, p.hint)
                           for p in problems)


def _load_yaml(cfg: Config, path: Path, kind: str, result: LoadResult) -> None:
    text = _read(cfg, path, result)
    if text is None:
        return
    rel = cfg.rel(path)
    loaded, problems = load_yaml_text(text)
    _add_problems(rel, problems, result)
    if loaded is not None:
        result.files.append(SourceFile(rel, kind, loaded.data, loaded.positions))


def _load_markdown(cfg: Config, path: Path, kind: str, result: LoadResult) -> None:
    text = _read(cfg, path, result)
    if text is None:
        return
    rel = cfg.rel(path)
    doc, problems = parse_markdown(text)
    _add_problems(rel, problems, result)
    if doc.front is not None:
        result.files.append(SourceFile(rel, kind, doc.front.data, doc.front.positions,
                                       body=doc.body, body_line=doc.body_line,
                                       headings=doc.headings))
    elif not problems:  # pragma: no cover - parse_markdown always reports why
        result.files.append(SourceFile(rel, kind, None, Positions()))
