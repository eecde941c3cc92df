"""Titles that MkDocs and Material print unescaped (nav, <title>, tooltips, the toc).

Jinja's `striptags`, used by Material in attributes and <title>, also unescapes entities, so
escaping is not enough: characters that could end a tag or an attribute are replaced by their
typographic look-alikes.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")
_LOOKALIKE = str.maketrans({"<": "‹", ">": "›", '"': "”", "'": "’", "`": "‘"})


def safe_title(title: str) -> str:
    text = html.unescape(_TAG.sub("", str(title)))
    return " ".join(text.translate(_LOOKALIKE).replace("&", "&amp;").split())


def safe_toc(toc):
    """The page's table of contents with every title made safe (in place; returns it)."""
    for item in toc or []:
        item.title = safe_title(item.title)
        safe_toc(item.children)
    return toc
