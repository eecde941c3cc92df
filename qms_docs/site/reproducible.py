"""Make a built site byte-identical for the same commit and SOURCE_DATE_EPOCH.

MkDocs already takes dates from SOURCE_DATE_EPOCH; what is left is rewritten here:
the gzip header of sitemap.xml.gz (mtime and file name) and file modification times.
"""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path


def epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def normalise(site: Path) -> None:
    """Without SOURCE_DATE_EPOCH only the gzip header is fixed (mtime 0)."""
    when = epoch()
    for gz in site.glob("*.gz"):  # MkDocs writes one: sitemap.xml.gz at the top
        data = gzip.decompress(gz.read_bytes())
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=when or 0) as f:
            f.write(data)
        gz.write_bytes(buf.getvalue())
    if when is None:
        return
    _settle(os.fspath(site), when)
    os.utime(site, (when, when))


def _settle(folder: str, when: int) -> None:
    """Every entry under folder at time `when`: one scandir per folder, a time set only where
    it differs (a page hard-linked from the page cache has it already, and so has a folder of
    a spare site that nothing entered or left). Setting a time adds or removes no entry, so a
    folder's own time, read before its content is settled, stays what it was."""
    with os.scandir(folder) as it:
        for e in it:
            if e.is_dir(follow_symlinks=False):
                _settle(e.path, when)
            if e.stat(follow_symlinks=False).st_mtime != when:
                os.utime(e.path, (when, when), follow_symlinks=False)
