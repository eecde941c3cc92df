"""Documents as they were: the model of a document built from its text at an earlier commit
(the blob the history pass found), read through one `git cat-file --batch` for all of them."""

from __future__ import annotations

from collections.abc import Hashable

from ..load.markdown import parse_markdown
from ..load.source import SourceFile
from ..model import QMS, Document
from ..model.base import Where
from .gitlog import GitRepo


def blob_bytes(qms: QMS, shas: list[str]) -> dict[str, bytes]:
    """Blob contents, cached on the model: the in-force register and the version pages of one
    build read each blob once."""
    cache: dict[str, bytes] = qms.derived.setdefault("blob_bytes", {})
    missing = [s for s in dict.fromkeys(shas) if s and s not in cache]
    if missing:
        cache.update(GitRepo(qms.config.root).blobs(missing))
    return {s: cache[s] for s in shas if s in cache}


def document_of(qms: QMS, path: str, raw: bytes, kind: str = "") -> Document | None:
    """The model of one document text (None when its front matter cannot be read)."""
    doc, _ = parse_markdown(raw.decode("utf-8", errors="replace"), scan=False)
    if doc.front is None or not isinstance(doc.front.data, dict):
        return None
    f = SourceFile(path, "document", doc.front.data, doc.front.positions, body=doc.body,
                   body_line=doc.body_line, headings=doc.headings)
    return Document.build(Where(f), kind=str(doc.front.data.get("kind") or kind or ""),
                          steps=qms.config.approval_steps)


def documents_at(qms: QMS, wanted: dict[Hashable, tuple[str, str]], kind: str = ""
                 ) -> dict[Hashable, Document]:
    """key -> (path, blob) in, key -> the document as that blob holds it out."""
    data = blob_bytes(qms, [b for _, b in wanted.values()])
    out = {}
    for key, (path, blob) in wanted.items():
        if blob in data:
            doc = document_of(qms, path, data[blob], kind)
            if doc is not None:
                out[key] = doc
    return out
