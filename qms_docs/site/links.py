"""Links to .md files written in raw HTML (ours in the RACI grid, or an author's) resolved
to page URLs, as MkDocs does for Markdown links, so they work with any `use_directory_urls`."""

from __future__ import annotations

import posixpath
import re

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

_HREF = re.compile(r'href="(?![a-zA-Z][\w+.-]*:|/|#)([^"#?]+\.md)(#[^"]*)?"')


def resolve_md_links(html: str, page: Page, files: Files) -> str:
    base = posixpath.dirname(page.file.src_uri)

    def sub(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(base, m.group(1)))
        f = files.get_file_from_path(target)
        if f is None:
            return m.group(0)
        return f'href="{get_relative_url(f.url, page.url)}{m.group(2) or ""}"'

    return _HREF.sub(sub, html)
