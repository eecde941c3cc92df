"""Cross-links: document codes (PS-03) and process ids (P-07) in Markdown bodies become links.

Only plain text is touched: never fenced or indented code, code spans, existing links and
images, autolinks / raw HTML tags, headings or link reference definitions.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from .md import rel

# A code: letters, then dash-separated groups, ending in a number (PS-03, PO-URB-01, P-07).
_CODE = re.compile(r"(?<![\w/#.-])([A-Z]{1,4}(?:-[A-Z0-9]{1,12})*-\d{1,5})(?![\w-])")
# Inline spans that must stay as written, in the order Markdown resolves them.
_PROTECTED = re.compile(
    r"(`+)[\s\S]*?\1"                   # code span
    r"|<a\b[^>]*>[\s\S]*?</a>"            # raw HTML link
    r"|!?\[[^\]]*\]\([^)]*\)"           # inline link / image
    r"|!?\[[^\]]*\]\[[^\]]*\]"          # reference link
    r"|<[^>\n]+>"                       # autolink or raw HTML tag
    r"|\[[^\]]*\]")                     # bracketed text (may be a shortcut reference)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_SKIP_LINE = re.compile(r"^\s{0,3}(#|\[[^\]]+\]:)|^( {4}|\t)")


def outside_fences(markdown: str, edit: Callable[[str], str]) -> str:
    """Apply edit to every line that is not inside (or opening/closing) a fenced code block."""
    out, fence = [], ""
    for line in markdown.split("\n"):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            out.append(line)
        elif m:
            fence = m.group(1)
            out.append(line)
        else:
            out.append(edit(line))
    return "\n".join(out)


def crosslink(markdown: str, here: str, targets: dict[str, str], own: str = "") -> str:
    """Markdown with every known code linked to its page, relative to page `here`."""
    return outside_fences(markdown, lambda line: line if _SKIP_LINE.match(line)
                          else _link_line(line, here, targets, own))


def _link_line(line: str, here: str, targets: dict[str, str], own: str) -> str:
    parts, pos = [], 0
    for m in _PROTECTED.finditer(line):
        parts.append(_link_text(line[pos:m.start()], here, targets, own))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_link_text(line[pos:], here, targets, own))
    return "".join(parts)


def _link_text(text: str, here: str, targets: dict[str, str], own: str) -> str:
    def sub(m: re.Match) -> str:
        code = m.group(1)
        target = targets.get(code)
        if not target or code == own:
            return code
        return f"[{code}]({rel(here, target)})"
    return _CODE.sub(sub, text)


# Inline links and images: [text](target "title") -> the target, rebased.
_INLINE_LINK = re.compile(r"(!?\[[^\]]*\]\()(<[^>]*>|[^)\s]+)")
_REF_DEF = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(\S+)")
_CODE_SPAN = re.compile(r"(`+)[\s\S]*?\1")
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][\w+.-]*:|/|#)")


def rebase_links(markdown: str, src_dir: str, here: str, pages: dict[str, str]) -> str:
    """Relative links of a source file (content/<src_dir>/x.md) made right for its page `here`:
    a link to another source file goes to that file's page, a picture to its published copy."""
    def target(raw: str) -> str:
        bracketed = raw.startswith("<") and raw.endswith(">")
        url = raw[1:-1] if bracketed else raw
        if not url or _ABSOLUTE.match(url):
            return raw
        path, _, frag = url.partition("#")
        resolved = posixpath.normpath(posixpath.join(src_dir, path))
        new = rel(here, pages.get(resolved, resolved)) + (f"#{frag}" if frag else "")
        return f"<{new}>" if bracketed else new

    def line_sub(line: str) -> str:
        m = _REF_DEF.match(line)
        if m:
            return m.group(1) + target(m.group(2)) + line[m.end():]
        parts, pos = [], 0
        for c in _CODE_SPAN.finditer(line):
            parts.append(_INLINE_LINK.sub(lambda x: x.group(1) + target(x.group(2)),
                                          line[pos:c.start()]))
            parts.append(c.group(0))
            pos = c.end()
        parts.append(_INLINE_LINK.sub(lambda x: x.group(1) + target(x.group(2)), line[pos:]))
        return "".join(parts)

    return outside_fences(markdown, line_sub)
