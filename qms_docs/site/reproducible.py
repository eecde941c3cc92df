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
    # bottom-up, so that setting a file's time comes before its folder's; a page hard-linked
    # from the page cache already has it (the link shares the time), and is left alone
    for dirpath, dirnames, filenames in os.walk(site, topdown=False):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.lstat(path).st_mtime != when:
                os.utime(path, (when, when), follow_symlinks=False)
        for name in dirnames:
            os.utime(os.path.join(dirpath, name), (when, when), follow_symlinks=False)
    os.utime(site, (when, when))
