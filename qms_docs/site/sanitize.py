"""HTML sanitising of rendered page content (nh3 / ammonia).

It runs on the HTML that Python-Markdown produced, not on the Markdown source: that way raw
HTML, attr_list attributes (`{ onclick=... }`) and link URLs are all judged in their final
form, and nothing in Markdown syntax (code spans, blockquotes) is mangled.
"""

from __future__ import annotations

import re

import nh3

# No <bdo> and no `dir`: they make text show in another order than written (QMS024).
_TAGS = set(nh3.ALLOWED_TAGS) - {"area", "map", "bdo"} | {"tfoot", "section"}
_ATTRS = {tag: set(attrs) - {"dir"} for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRS["*"] = {"class", "id", "title", "lang", "style"}
_ATTRS["a"] = _ATTRS.get("a", set()) | {"name"}
_ATTRS["td"] = _ATTRS.get("td", set()) | {"scope"}
_SCHEMES = {"http", "https", "mailto", "tel"}
# Ids that Material's own scripts look up (#__config, #__search...) must not be shadowed; any
# length, since headings make long ones (a CAF sub-criterion's title).
_SAFE_ID = re.compile(r"[A-Za-z0-9][\w.:-]*")


def _filter(tag: str, attr: str, value: str) -> str | None:
    if attr in ("id", "name") and not _SAFE_ID.fullmatch(value):
        return None
    if attr == "class" and "md-" in value:
        # the theme's classes (md-skip, md-tooltip...) can hide text: content may not use them
        return " ".join(c for c in value.split() if not c.startswith("md-")) or None
    return value


def clean_html(fragment: str) -> str:
    """The fragment with scripts, event handlers, unsafe URLs and unknown tags removed."""
    return nh3.clean(fragment, tags=_TAGS, attributes=_ATTRS, attribute_filter=_filter,
                     url_schemes=_SCHEMES, link_rel=None, strip_comments=True,
                     filter_style_properties={"text-align"})
