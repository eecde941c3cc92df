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
    read: bool = False  # a parsed file: raw read and data / body parsed (snapshot._fill)

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
    out = _listing(root, content_dir, rev)
    _fill(root, out, rev, set(out))
    return out


def snapshots(root: Path, content_dir: str, base: str, head: str | None
              ) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """Both sides of a comparison with only what differs read and parsed: a regular file with
    the same blob at the same path on both sides is left out of both (nothing to report). When
    a document's code may have moved (one added, removed, or with a new code), every document
    is kept, as the report pairs documents by code."""
    old, new = _listing(root, content_dir, base), _listing(root, content_dir, head)
    same = {p for p, e in new.items() if p in old and _plain(e) and _plain(old[p])
            and old[p].blob == e.blob}
    _fill(root, old, base, set(old) - same)
    _fill(root, new, head, set(new) - same)
    if _codes_stable(old, new, same):
        return ({p: e for p, e in old.items() if p not in same},
                {p: e for p, e in new.items() if p not in same})
    docs = {p for p in same if new[p].is_document}
    _fill(root, old, base, docs)
    _fill(root, new, head, docs)
    return ({p: e for p, e in old.items() if p not in same or p in docs},
            {p: e for p, e in new.items() if p not in same or p in docs})


def _plain(e: Entry) -> bool:
    return e.link is None and e.problem is None


def _codes_stable(old: dict[str, Entry], new: dict[str, Entry], same: set[str]) -> bool:
    """Every differing document is at the same path on both sides with the same code."""
    for path in (set(old) | set(new)) - same:
        x, y = old.get(path), new.get(path)
        if any(e is not None and e.is_document for e in (x, y)) and \
                (x is None or y is None or not x.is_document or not y.is_document
                 or x.code != y.code):
            return False
    return True


def _listing(root: Path, content_dir: str, rev: str | None) -> dict[str, Entry]:
    """Every entry with its blob id; parsed files not parsed yet (_fill does it)."""
    return _work_tree(root, content_dir) if rev is None else _revision(root, content_dir, rev)


def _fill(root: Path, entries: dict[str, Entry], rev: str | None, paths: set[str]) -> None:
    """Read (at a revision) and parse the parsed files among paths, once."""
    todo = [entries[p] for p in sorted(paths) if entries[p].parsed and not entries[p].read]
    if rev is not None:
        blobs = GitRepo(root).blobs(e.blob for e in todo)
        for e in todo:
            e.raw = blobs.get(e.blob, b"")
    for e in todo:
        _parse(e)


def _work_tree(root: Path, content_dir: str) -> dict[str, Entry]:
    base = root / content_dir
    tree = walk(base, root)
    out: dict[str, Entry] = {}
    for rel in sorted(tree.files):
        data = read_regular(base / rel, READ_LIMIT)
        if data is None:
            continue
        out[rel] = Entry(rel, data if rel.endswith(PARSED) else b"", None, "", blob_id(data))
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
    links = repo.blobs(sha for mode, sha in entries.values() if mode == "120000")
    out: dict[str, Entry] = {}
    for path, (mode, sha) in entries.items():
        rel = path.removeprefix(prefix)
        if mode == "120000":
            target = links.get(sha, b"").decode("utf-8", "replace")
            out[rel] = Entry(rel, b"", None, "", sha, target, _committed_link(rel, target,
                                                                              content_dir))
        elif mode == "160000":
            out[rel] = Entry(rel, b"", None, "", sha, None, LoadProblem(
                "QMS015", 1, 1, "a git submodule, not a regular file",
                "content is read only from regular files of this repository"))
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


def _parse(e: Entry) -> None:
    text = e.raw.decode("utf-8", errors="replace")
    if e.path.endswith(".md"):
        doc, _ = parse_markdown(text, scan=False)  # the text as written, whatever it holds
        e.data, e.body = (doc.front.data if doc.front else None), doc.body
    else:
        loaded, _ = load_yaml_text(text)
        e.data = loaded.data if loaded else None
    e.read = True
