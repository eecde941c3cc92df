"""The content folder as it is at a git revision or in the work tree, keyed by path: documents and
registers parsed, every other file (pictures, PDFs, anything) by its blob id, and symbolic links
by their target, never followed (qms_docs/load/tree.py says why)."""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load.markdown import parse_markdown
from ..load.repository import read_regular
from ..load.tree import walk
from ..load.yamlpos import LoadProblem, load_yaml_text
from .gitlog import GitRepo

DOC_DIRS = ("manual/", "procedures/", "instructions/", "forms/")
PARSED = (".md", ".yml", ".yaml")
READ_LIMIT = 50_000_000  # bytes of one file hashed from the work tree


@dataclass
class Entry:
    path: str  # content-relative
    raw: bytes  # the bytes of a parsed file (documents, registers); b"" for others
    data: Any  # YAML data or front matter
    body: str  # Markdown body ("" for YAML)
    blob: str = ""  # git blob id of the content (of the target text, for a link)
    link: str | None = None  # a symbolic link: its target as written
    problem: LoadProblem | None = None  # why the file is refused (a link, a FIFO...)

    @property
    def is_document(self) -> bool:
        return self.link is None and (self.path.endswith(".md") and
                                      self.path.startswith(DOC_DIRS)
                                      or self.path == "manual/manual.yml")

    @property
    def parsed(self) -> bool:
        return self.link is None and self.path.endswith(PARSED)

    @property
    def code(self) -> str:
        if isinstance(self.data, dict) and isinstance(self.data.get("code"), str):
            return self.data["code"]
        if isinstance(self.data, dict) and "chapter" in self.data:
            return f"MC-cap-{self.data['chapter']}"
        return self.path


def blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob (so work-tree files compare with revisions)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # noqa: S324 - git's id


def snapshot(root: Path, content_dir: str, rev: str | None) -> dict[str, Entry]:
    """rev None = the work tree (what an editor has on disk now)."""
    return _work_tree(root, content_dir) if rev is None else _revision(root, content_dir, rev)


def _work_tree(root: Path, content_dir: str) -> dict[str, Entry]:
    base = root / content_dir
    tree = walk(base, root)
    out: dict[str, Entry] = {}
    for rel in sorted(tree.files):
        data = read_regular(base / rel, READ_LIMIT)
        if data is None:
            continue
        out[rel] = _entry(rel, data) if rel.endswith(PARSED) else Entry(rel, b"", None, "",
                                                                         blob_id(data))
    for rel, problem in sorted(tree.problems.items()):
        path = base / rel
        target = os.readlink(path) if path.is_symlink() else None
        out[rel] = Entry(rel, b"", None, "", blob_id(os.fsencode(target or "")), target,
                         problem)
    return out


def _revision(root: Path, content_dir: str, rev: str) -> dict[str, Entry]:
    repo = GitRepo(root)
    entries = repo.entries(rev, content_dir)
    prefix = content_dir.rstrip("/") + "/"
    wanted = [sha for p, (mode, sha) in entries.items() if mode == "120000" or p.endswith(PARSED)]
    blobs = repo.blobs(wanted)
    out: dict[str, Entry] = {}
    for path, (mode, sha) in entries.items():
        rel = path.removeprefix(prefix)
        if mode == "120000":
            target = blobs.get(sha, b"").decode("utf-8", "replace")
            out[rel] = Entry(rel, b"", None, "", sha, target, _committed_link(rel, target,
                                                                              content_dir))
        elif mode == "160000":
            out[rel] = Entry(rel, b"", None, "", sha, None, LoadProblem(
                "QMS015", 1, 1, "a git submodule, not a regular file",
                "content is read only from regular files of this repository"))
        elif rel.endswith(PARSED):
            out[rel] = _entry(rel, blobs.get(sha, b""), sha)
        else:
            out[rel] = Entry(rel, b"", None, "", sha)
    return out


def _committed_link(rel: str, target: str, content_dir: str) -> LoadProblem:
    """A link as committed: where it points, judged from its text alone (the revision is not on
    disk)."""
    here = posixpath.dirname(posixpath.join(content_dir, rel))
    resolved = posixpath.normpath(posixpath.join(here, target))
    if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
        return LoadProblem("QMS011", 1, 1, f"symbolic link outside the repository "
                           f"('{target}')", "remove the link; copy the file into the content "
                           "folder instead of linking to it")
    return LoadProblem("QMS012", 1, 1, f"symbolic link ('{target}'): content is read only as "
                       "regular files", "remove the link; copy the file into the content folder "
                       "instead of linking to it")


def _entry(path: str, raw: bytes, blob: str = "") -> Entry:
    text = raw.decode("utf-8", errors="replace")
    if path.endswith(".md"):
        doc, _ = parse_markdown(text, scan=False)  # the text as written, whatever it holds
        return Entry(path, raw, doc.front.data if doc.front else None, doc.body,
                     blob or blob_id(raw))
    loaded, _ = load_yaml_text(text)
    return Entry(path, raw, loaded.data if loaded else None, "", blob or blob_id(raw))
