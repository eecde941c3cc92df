"""Raw HTML that the site will strip (QMS009): the editor learns it at check time, not by
finding a hole in the published page. The site's sanitiser (site/sanitize.py) is what protects;
this only reports."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..model import QMS
from ..model.base import Where

_UNSAFE = re.compile(
    r"<\s*(script|iframe|object|embed|style|form|input|button|meta|link|base|svg|math)\b"
    r"|(?<=\s)on[a-z]+\s*="
    r"|(?:javascript|vbscript|data)\s*:(?!\s)", re.I)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# What _UNSAFE can match, as patterns that each start with a literal (the regular-expression
# engine then skips ahead with a fast search: _UNSAFE itself tries every position), over the
# casefolded text (re.I also takes 'ſ' for 's', 'K' for 'k', 'ı' and 'İ' for 'i': casefold()
# maps the first two, _maybe_unsafe the others). A superset: a hit only sends the text to the exact
# scan.
_MAYBE = tuple(re.compile(p) for p in (
    r"<\s*(?:script|iframe|object|embed|style|form|input|button|meta|link|base|svg|math)",
    r"on[^\s=]+\s*=", r"script\s*:", r"data\s*:"))


def check_html(qms: QMS) -> Iterator[Finding]:
    for doc in qms.all_documents:
        yield from _scan(doc.body, doc.where)
    for ch in qms.chapters:
        yield from _scan(ch.body, ch.where)


def _scan(body: str, where: Where) -> Iterator[Finding]:
    if not _maybe_unsafe(body) or not _UNSAFE.search(body):  # the common case: nothing
        return
    first = where.file.body_line
    fence = ""
    for i, line in enumerate(body.split("\n")):
        m = _FENCE.match(line)
        if fence:  # code blocks are shown as text, never run
            if m and m.group(1)[0] == fence[0]:
                fence = ""
            continue
        if m:
            fence = m.group(1)
            continue
        for hit in _UNSAFE.finditer(_outside_code_spans(line)):
            yield Finding(where.file.rel, first + i, hit.start() + 1, "warning", "QMS009",
                          f"unsafe raw HTML '{hit.group(0).strip()}' will be removed from "
                          "the site", "write Markdown; scripts, event handlers and "
                          "javascript: links never run on the site")


def _maybe_unsafe(body: str) -> bool:
    folded = body.casefold()
    if "\u0131" in folded or "\u0307" in folded:  # str.translate would cost more than the scan
        folded = folded.replace("\u0131", "i").replace("i\u0307", "i")
    return any(rx.search(folded) for rx in _MAYBE)


def _outside_code_spans(line: str) -> str:
    """The line with code spans blanked (same length, so columns stay right)."""
    return re.sub(r"(`+)[^`]*?\1", lambda m: " " * len(m.group(0)), line)
