"""Limits and hidden content, found while loading, so that `qms check` reports what would make
the site or the PDFs choke, hang or show something else than the reviewer read.

Measured on Python-Markdown (the site's parser, also the PDFs' first stage): 300 nested lists or
a few thousand nested emphasis markers exhaust the Python stack; each '[' that is never closed
makes it rescan the rest of its paragraph (30,000 of them: four minutes). The limits are far
above what a procedure needs and far below where the cost shows:

* a line at most MAX_LINE characters, a paragraph at most MAX_PARAGRAPH;
* lists and quotes nested at most MAX_NESTING deep (raw HTML elements likewise);
* emphasis markers open at most MAX_EMPHASIS deep;
* at most MAX_UNCLOSED brackets ('[' or '](') left open in a paragraph.

Hidden content: control characters (QMS020; Typst refuses some), bidirectional controls
(QMS021: the text is shown in another order than written, "Trojan Source"), invisible
characters (QMS022), HTML comments (QMS023: in no output, yet in the approved source) and raw HTML
that hides or disguises text (QMS024). Written as characters or as HTML character references.

Every scan has a fast path over the whole text (C-speed searches and counts): a clean document
costs a few regular-expression passes.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_LINE = 10_000
MAX_PARAGRAPH = 100_000
MAX_NESTING = 16
MAX_EMPHASIS = 20
MAX_UNCLOSED = 10
MAX_DEFINITIONS = 100  # definitions in one list without blank lines (each one recurses)
MAX_FOOTNOTES = 300
MAX_ABBREVIATIONS = 100
MAX_BOXES = 300
# Codes whose text is not rendered at all (the page and PDF would choke on it): the loader
# drops such a body, the check fails on the finding.
HIDING = {"QMS023", "QMS024"}  # found by the Markdown scan only (characters: in every value)
CHOKING = {"QMS020", "QMS025", "QMS026", "QMS027", "QMS028", "QMS029", "QMS032"}

_CONTROL = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u2028\\u2029"  # not TAB, LF, CR
_BIDI = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069"
_INVISIBLE = ("\\u115f\\u1160\\u180e\\u200b-\\u200d\\u2060-\\u2064\\u3164\\ufeff\\uffa0"
              "\\U000e0000-\\U000e007f")
_CHARS = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}]")
_KIND = [(re.compile(f"[{_CONTROL}]"), "QMS020", "control character"),
         (re.compile(f"[{_BIDI}]"), "QMS021", "bidirectional control character"),
         (re.compile(f"[{_INVISIBLE}]"), "QMS022", "invisible character")]
_HINTS = {"QMS020": "remove it (often pasted from another program along with the text)",
          "QMS021": "remove it: it makes the text show in another order than it is written",
          "QMS022": "remove it: readers cannot see it, but it changes the text"}
_REFERENCE = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|(lrm|rlm|zwj|zwnj|"
                        r"ZeroWidthSpace|NoBreak|NegativeVeryThinSpace|LeftToRight|"
                        r"RightToLeft|InvisibleTimes|InvisibleComma|ApplyFunction));")
_MAX_CHAR_FINDINGS = 50  # per text: the first ones say enough

_FENCE_LINE = re.compile(r"(?m)^(`{3,}|~{3,})([^\n]*)$")
_BLANK_LINES = re.compile(r"\n[ \t]*\r?\n")
_LONG_LINE = re.compile(f"[^\\n]{{{MAX_LINE + 1}}}")
# searched in "\n" + text: a literal first character makes the search fast
_DEEP_PREFIX = re.compile(f"\\n[ \\t>*+\\-.)0-9]{{{MAX_NESTING},}}")
_MARKER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
_COUNTED = re.compile(r"\n(?:(\[\^)|(\*\[)|[ \t]*(?:!!!|\?\?\?))")  # in "\n" + text
_COUNTS = [(MAX_FOOTNOTES, "footnotes"), (MAX_ABBREVIATIONS, "abbreviations"),
           (MAX_BOXES, "admonitions and details blocks")]
_BACKTICKS = re.compile(r"`+")
_EMPHASIS = re.compile(r"\*+|_+")
_THEMATIC = re.compile(r"(?m)^[ \t]*(?:[*_-][ \t]*){3,}\r?$")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
_ATTR = re.compile(r"""([A-Za-z_:.#][\w:.#-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]+?)[ \t]*\}")
# Elements whose purpose is to change how text looks or which way it runs.
_DISGUISING_TAGS = {"bdo", "font", "marquee", "blink"}
_ABBR_DEF = re.compile(r"(?m)^\*\[[^\]\n]*\]:[^\n]*$")


@dataclass(frozen=True)
class Hit:
    """A problem at a character offset of the scanned text."""

    offset: int
    code: str
    message: str
    hint: str


def scan_chars(text: str) -> list[Hit]:
    """Control, bidirectional and invisible characters, as characters or HTML references."""
    hits: list[Hit] = []
    if _CHARS.search(text):
        for m in _CHARS.finditer(text):
            hits.append(_char_hit(m.start(), m.group(), ""))
            if len(hits) >= _MAX_CHAR_FINDINGS:
                break
    if "&" in text:
        for m in _REFERENCE.finditer(text):
            ch = html.unescape(m.group(0))
            if len(ch) == 1 and _CHARS.fullmatch(ch) and ch not in "\t\n\r":
                hits.append(_char_hit(m.start(), ch, f" written as '{m.group(0)}'"))
    return hits


def _char_hit(offset: int, ch: str, how: str) -> Hit:
    code, what = next((c, w) for rx, c, w in _KIND if rx.fullmatch(ch))
    return Hit(offset, code, f"{what} U+{ord(ch):04X}{how}", _HINTS[code])


def scan_structure(text: str) -> list[Hit]:
    """The limits a Markdown text must keep (also applied to YAML strings that pages render)."""
    hits: list[Hit] = []
    if len(text) > MAX_LINE:
        for m in _LONG_LINE.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.start())
            length = (len(text) if end < 0 else end) - start
            hits.append(Hit(start, "QMS025", f"line of {length} characters; the limit is "
                            f"{MAX_LINE}", "break it into several lines or paragraphs"))
            if end < 0:
                break
    if len(text) >= MAX_NESTING:
        hits += _nesting(text)
    if len(text) > MAX_PARAGRAPH or text.count("\n:") > MAX_DEFINITIONS or \
            text.count("*") + text.count("_") > MAX_EMPHASIS or text.count("[") > MAX_UNCLOSED \
            or text.count("```") + text.count("~~~") > MAX_UNCLOSED:
        code, unclosed = _blank_fences(text)
        if len(unclosed) > MAX_UNCLOSED:
            hits.append(Hit(unclosed[MAX_UNCLOSED], "QMS028", f"{len(unclosed)} code fences "
                            f"(``` or ~~~) never closed; the limit is {MAX_UNCLOSED}",
                            "close each fence with a line holding exactly the same fence"))
        for start, para in _paragraphs(code):
            hits += _paragraph(start, para)
    if len(text) > 4 * min(MAX_FOOTNOTES, MAX_ABBREVIATIONS, MAX_BOXES):
        hits += _counts(text)
    return hits


def _counts(text: str) -> list[Hit]:
    """Constructs whose number Python-Markdown pays for more than linearly."""
    found: list[list[int]] = [[], [], []]
    for m in _COUNTED.finditer("\n" + text):
        found[0 if m.group(1) else 1 if m.group(2) else 2].append(m.start())
    return [Hit(at[limit], "QMS032", f"{len(at)} {what} in one document; the limit is {limit}",
                "split the document") for at, (limit, what) in zip(found, _COUNTS, strict=True)
            if len(at) > limit]


def scan_markdown(body: str) -> list[Hit]:
    """Everything a Markdown body is checked for while loading, sorted by position."""
    hits = scan_chars(body) + scan_structure(body)
    if "<" in body or "{" in body:
        hits += _html(_blank_code(_blank_fences(body)[0]))
    return sorted(hits, key=lambda h: h.offset)


def _blank_fences(text: str) -> tuple[str, list[int]]:
    """(text with its fenced code blocks blanked, offsets kept; how many fences never close).
    As Python-Markdown's fenced_code sees them: a fence starts a line and is closed by the next
    line holding exactly the same fence; a fence never closed is text (and makes Python-Markdown
    rescan the rest of the document), so it is not blanked."""
    if "```" not in text and "~~~" not in text:
        return text, []
    fences = [(m.start(), m.end(), m.group(1), m.group(2).strip() == "")
              for m in _FENCE_LINE.finditer(text)]
    closers: dict[str, list[int]] = {}
    for i, (_, _, fence, bare) in enumerate(fences):
        if bare:
            closers.setdefault(fence, []).append(i)
    out, pos, i, unclosed = [], 0, 0, []
    while i < len(fences):
        start, _, fence, _ = fences[i]
        same = closers.get(fence, [])
        k = bisect.bisect_right(same, i)
        if k == len(same):
            unclosed.append(start)
            i += 1
            continue
        end = fences[same[k]][1]
        out += [text[pos:start], re.sub(r"[^\n]", " ", text[start:end])]
        pos, i = end, same[k] + 1
    out.append(text[pos:])
    return "".join(out), unclosed


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in _BLANK_LINES.finditer(text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]


def _paragraph(start: int, para: str) -> list[Hit]:
    hits = []
    if len(para) > MAX_PARAGRAPH:
        hits.append(Hit(start, "QMS029", f"paragraph of {len(para)} characters; the limit is "
                        f"{MAX_PARAGRAPH}", "split it with blank lines"))
    if para.count("\n:") > MAX_DEFINITIONS:
        hits.append(Hit(start, "QMS026", f"{para.count(chr(10) + ':')} definitions in one list "
                        f"without a blank line; the limit is {MAX_DEFINITIONS}",
                        "separate the terms with blank lines"))
    stars = para.count("*") + para.count("_")
    opens = para.count("[")
    if stars <= MAX_EMPHASIS and opens <= MAX_UNCLOSED:
        return hits
    text = _blank_code(para)
    if stars > MAX_EMPHASIS:
        text = _THEMATIC.sub(_blanked, text)
        if "*[" in text:
            text = _ABBR_DEF.sub(_blanked, text)
        hits += [Hit(start + h.offset, h.code, h.message, h.hint) for h in _emphasis(text)]
    if opens > MAX_UNCLOSED:
        hits += [Hit(start + h.offset, h.code, h.message, h.hint) for h in _brackets(text)]
    return hits


def _blank_code(text: str) -> str:
    """Code spans and backslash escapes blanked (same length): what they hold is literal. Runs
    of backticks pair as in CommonMark, the next run of the same length, in linear time."""
    if "\\" in text:
        text = re.sub(r"\\[^\n]", "  ", text)
    if "`" not in text:
        return text
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(i)
    out, pos, i = [], 0, 0
    while i < len(runs):
        a, b = runs[i]
        same = by_length[b - a]
        k = bisect.bisect_right(same, i)
        if k == len(same):
            i += 1
            continue
        j = same[k]
        out += [text[pos:a], re.sub(r"[^\n]", " ", text[a:runs[j][1]])]
        pos, i = runs[j][1], j + 1
    out.append(text[pos:])
    return "".join(out)


def _nesting(text: str) -> list[Hit]:
    """The first line nested deeper than the limit (one finding says it; the next lines of a
    deep structure would repeat it)."""
    for m in _DEEP_PREFIX.finditer("\n" + text):
        start = m.start()  # the line starts at m.start() + 1 in "\n" + text, m.start() in text
        line_end = text.find("\n", start)
        depth = _depth(text[start:line_end if line_end >= 0 else len(text)])
        if depth > MAX_NESTING:
            return [Hit(start, "QMS026", f"lists and quotes nested {depth} deep; the limit is "
                        f"{MAX_NESTING}", "flatten the structure")]
    return []


def _depth(line: str) -> int:
    """Containers a line opens: each '>' or list marker, and each 4 columns of indentation."""
    line = line.replace("\t", "    ")
    indent = len(line) - len(line.lstrip(" "))
    depth, pos = indent // 4, indent
    while True:
        m = _MARKER.match(line, pos)
        if not m or m.end() == pos:
            return depth
        depth, pos = depth + 1, m.end()


def _emphasis(text: str) -> list[Hit]:
    """How deep emphasis nests, counted by delimiter runs as CommonMark flanks them: a run
    followed by a non-space may open, one preceded by a non-space may close the nearest open
    run of its character. Only runs that get closed nest: an opener never closed prints as
    it is (the fill-in blanks of a form, "Subsemnatul ______, domiciliat în ______,")."""
    stack: list[list] = []  # [character, run length still open, where it opened]
    for m in _EMPHASIS.finditer(text):
        a, b = m.start(), m.end()
        before = text[a - 1] if a else " "
        after = text[b] if b < len(text) else " "
        opens, closes = not after.isspace(), not before.isspace()
        k = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == text[a]), -1)
        if closes and k >= 0:
            depth = sum(e[1] for e in stack[:k]) + min(stack[k][1], b - a)
            if depth > MAX_EMPHASIS:
                return [Hit(stack[k][2], "QMS027", f"emphasis markers open {depth} deep; the "
                            f"limit is {MAX_EMPHASIS}", "close the '*' and '_' you open, or "
                            "escape them as '\\*' and '\\_'")]
            stack[k][1] -= b - a
            del stack[k + (stack[k][1] > 0):]  # openers above it stay literal text
        elif opens:
            stack.append([text[a], b - a, a])
    return []


def _brackets(text: str) -> list[Hit]:
    stack: list[int] = []
    last_paren = text.rfind(")")
    unclosed_dest = []
    for m in re.finditer(r"\]\(|[\[\]]", text):
        if m.group() == "[":
            stack.append(m.start())
        else:
            if stack:
                stack.pop()
            if m.group() == "](" and m.start() > last_paren:
                unclosed_dest.append(m.start())
    open_ = sorted(stack + unclosed_dest)
    if len(open_) <= MAX_UNCLOSED:
        return []
    return [Hit(open_[MAX_UNCLOSED], "QMS028", f"{len(open_)} brackets left open in this "
                f"paragraph; the limit is {MAX_UNCLOSED}", "close each '[' with ']' (and '](' "
                "with ')'), or escape it as '\\['")]


def _html(text: str) -> list[Hit]:
    hits = []
    if "<!--" in text:
        for m in re.finditer(r"<!--", text):
            hits.append(Hit(m.start(), "QMS023", "HTML comment: no reader of the site or the "
                            "PDF sees it, yet it is part of the approved text",
                            "delete it, or write it as visible text"))
    depth, deep = 0, False
    for m in _TAG.finditer(text) if "<" in text else ():
        name = m.group(2).lower()
        if not m.group(1):
            why = _disguise(name, _ATTR.findall(m.group(0)[len(name) + 1:-1]))
            if why:
                hits.append(_hiding(m.start(), m.group(0), why))
        if m.group(3) or name in _VOID:
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        if depth > MAX_NESTING and not deep:
            deep = True
            hits.append(Hit(m.start(), "QMS026", f"HTML elements nested {depth} deep; the limit "
                            f"is {MAX_NESTING}", "flatten the structure"))
    for m in _ATTR_LIST.finditer(text) if "{" in text else ():
        why = _disguise("", _ATTR.findall(m.group(1)), attr_list=True)
        if why:
            hits.append(_hiding(m.start(), m.group(0), why))
    return hits


def _disguise(tag: str, attrs: list[tuple[str, str]], attr_list: bool = False) -> str:
    """Why a tag or an attribute list could hide or disguise text, or ''."""
    if tag in _DISGUISING_TAGS:
        return f"the <{tag}> element"
    for name, value in attrs:
        name, value = name.lower(), value.strip("\"'")
        if attr_list and name.startswith("."):
            classes = [name[1:]]
        elif name == "class":
            classes = value.split()
        elif name in ("hidden", "dir", "aria-hidden"):
            return f"the '{name}' attribute"
        elif name == "style" and any(p.split(":")[0].strip().lower() not in ("", "text-align")
                                     for p in value.split(";")):
            return "a style other than text-align"
        else:
            continue
        theme = [c for c in classes if c.startswith("md-")]
        if theme:
            return f"the theme's class '{theme[0]}'"
    return ""


def _hiding(offset: int, source: str, why: str) -> Hit:
    return Hit(offset, "QMS024", f"raw HTML that can hide or disguise text ({why}): "
               f"'{_short(source)}'", "write plain Markdown; colours, sizes, hiding, text "
               "direction and the theme's md- classes are not allowed")


def _blanked(m: re.Match) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def _short(s: str) -> str:
    s = " ".join(s.split())
    return s if len(s) <= 60 else s[:57] + "..."


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
