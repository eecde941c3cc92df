"""Accessibility of the generated pages, applied to the HTML after sanitising (it adds what the
sanitiser would strip: roles, tabindex, labels).

Wide tables and drawings scroll sideways inside their own box: such a box must be reachable by
keyboard (tabindex) and announced (a region named after the heading above it), or a keyboard
user cannot read the columns that do not fit (axe: scrollable-region-focusable).
"""

from __future__ import annotations

import html
import re

_PIECE = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>|<table\b.*?</table>"
                    r"|<div class=\"(qms-raci-wrap|qms-figure)\">", re.S)
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", fragment)).replace("¶", "").split())


def label_scroll_regions(page_html: str, title: str) -> str:
    """Every table in a focusable, labelled scrolling box; our own wide boxes (the RACI grid,
    drawings) focusable and labelled too."""
    heading, boxed = title, False
    out, pos = [], 0
    for m in _PIECE.finditer(page_html):
        out.append(page_html[pos:m.start()])
        pos = m.end()
        label = html.escape(heading, quote=True)
        if m.group(1):
            heading = _text(m.group(2)) or heading
            out.append(m.group(0))
        elif m.group(3):
            out.append(f'<div class="{m.group(3)}" role="region" tabindex="0" '
                       f'aria-label="{label}">')
            boxed = m.group(3) == "qms-raci-wrap"  # its table scrolls in it already
        elif boxed:
            out.append(m.group(0))
            boxed = False
        else:
            out.append(f'<div class="qms-table" role="region" tabindex="0" '
                       f'aria-label="{label}">{m.group(0)}</div>')
    out.append(page_html[pos:])
    return "".join(out)


_SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(page_html: str, name: str) -> str:
    """Material's search is a dialog without a name (axe: aria-dialog-name): give it one."""
    return page_html.replace(_SEARCH, _SEARCH[:-1] + f' aria-label="{html.escape(name)}">', 1)
