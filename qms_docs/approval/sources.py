"""What an approval is bound to: the SHA-256 of the document's source at that version.

A procedure, instruction or form is one file: `sha256sum FILE`. The quality manual (MC-01) is
its control file and its chapters: the SHA-256 of the lines `sha256sum manual.yml *.md` prints,
i.e. `sha256sum content/manual/manual.yml content/manual/*.md | sha256sum` (chapters in C order).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import QMS, Document


def source_files(qms: QMS, doc: Document) -> list[str]:
    """Repository-relative paths of the files the document's approval covers."""
    if doc is qms.manual:
        return [doc.where.file.rel] + sorted(c.where.file.rel for c in qms.chapters)
    return [doc.where.file.rel]


def sha256_of(files: dict[str, bytes]) -> str:
    """files: path -> bytes, in the order source_files gives."""
    if len(files) == 1:
        return hashlib.sha256(next(iter(files.values()))).hexdigest()
    return _listing_sha256({p: hashlib.sha256(b).hexdigest() for p, b in files.items()})


def _listing_sha256(digests: dict[str, str]) -> str:
    """The SHA-256 of what `sha256sum FILES` prints, from each file's digest."""
    listing = "".join(f"{d}  {p}\n" for p, d in digests.items())
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def source_sha256(qms: QMS, doc: Document) -> str:
    """The hash of the document as it is in the work tree: of the very bytes the check read
    (the loader keeps each file's digest), else read now."""
    rels = source_files(qms, doc)
    read = {f.rel: f.sha256 for f in [doc.where.file, *(c.where.file for c in qms.chapters)]}
    if all(read.get(p) for p in rels):
        return read[rels[0]] if len(rels) == 1 else _listing_sha256({p: read[p] for p in rels})
    root: Path = qms.config.root
    return sha256_of({p: (root / p).read_bytes() for p in rels})
