"""The content folder as it is at a git revision or in the work tree, parsed, keyed by path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load.markdown import parse_markdown
from ..load.yamlpos import load_yaml_text
from .gitlog import GitRepo

DOC_DIRS = ("manual/", "procedures/", "instructions/", "forms/")


@dataclass
class Entry:
    path: str  # content-relative
    raw: bytes
    data: Any  # YAML data or front matter
    body: str  # Markdown body ("" for YAML)

    @property
    def is_document(self) -> bool:
        return self.path.endswith(".md") and self.path.startswith(DOC_DIRS) \
            or self.path == "manual/manual.yml"

    @property
    def code(self) -> str:
        if isinstance(self.data, dict) and isinstance(self.data.get("code"), str):
            return self.data["code"]
        if isinstance(self.data, dict) and "chapter" in self.data:
            return f"MC-cap-{self.data['chapter']}"
        return self.path


def snapshot(root: Path, content_dir: str, rev: str | None) -> dict[str, Entry]:
    """rev None = the work tree (what an editor has on disk now)."""
    files: dict[str, bytes] = {}
    if rev is None:
        base = root / content_dir
        for p in sorted(base.rglob("*")):
            if p.is_file() and p.suffix in (".md", ".yml", ".yaml"):
                files[p.relative_to(base).as_posix()] = p.read_bytes()
    else:
        repo = GitRepo(root)
        tree = repo.tree(rev, content_dir)
        blobs = repo.blobs(tree.values())
        prefix = content_dir.rstrip("/") + "/"
        files = {p.removeprefix(prefix): blobs.get(sha, b"") for p, sha in tree.items()
                 if p.endswith((".md", ".yml", ".yaml"))}
    return {p: _parse(p, raw) for p, raw in files.items()}


def _parse(path: str, raw: bytes) -> Entry:
    text = raw.decode("utf-8", errors="replace")
    if path.endswith(".md"):
        doc, _ = parse_markdown(text)
        return Entry(path, raw, doc.front.data if doc.front else None, doc.body)
    loaded, _ = load_yaml_text(text)
    return Entry(path, raw, loaded.data if loaded else None, "")
