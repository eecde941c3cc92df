"""PyYAML's errors in plain words, with the fix for each kind of mistake people make.

PyYAML says "found character '\\t' that cannot start any token" or "expected <block end>";
an editor at a city hall needs "a tab: indent with spaces". Each kind is recognised from the
error's context and the line it points at; anything else keeps PyYAML's words with a generic
hint, never a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import yaml

from .source import LoadProblem

# What PyYAML counts as a line break: its marks number lines by these, not by "\n" alone
BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

Explainer = Callable[[yaml.MarkedYAMLError, list[str]], LoadProblem | None]


def explain(e: yaml.MarkedYAMLError, text: str) -> LoadProblem:
    lines = BREAK.split(text)
    for kind in (_tab, _unclosed_quote, _unclosed_bracket, _colon_in_value, _runaway_quote,
                 _after_quote, _missing_colon, _indentation):
        found = kind(e, lines)
        if found is not None:
            return found
    line, col = _at(e.problem_mark or e.context_mark)
    msg = " ".join(x for x in (e.context, e.problem) if x) or "invalid YAML"
    return LoadProblem("QMS001", line, col, f"YAML cannot read this: {msg}",
                       "check the indentation (spaces, the same column for entries of one "
                       "list or mapping) and the quotes around this point")


def duplicate_key(key: str, line: int, col: int, first_line: int) -> LoadProblem:
    return LoadProblem("QMS006", line, col,
                       f"key '{key}' appears twice in this mapping (first on line {first_line})",
                       "YAML would keep only the last value: remove one, or merge the two")


def _at(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _line(lines: list[str], mark: yaml.Mark | None) -> str:
    return lines[mark.line] if mark and mark.line < len(lines) else ""


def _tab(e: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem | None:
    if "'\\t'" not in (e.problem or ""):
        return None
    line, col = _at(e.problem_mark)
    return LoadProblem("QMS001", line, col, "a tab character: YAML indents with spaces only",
                       "replace the tab with spaces (in the editor: indent using spaces)")


def _unclosed_quote(e: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem | None:
    if "quoted scalar" not in (e.context or ""):
        return None
    line, col = _at(e.context_mark)
    quote = _line(lines, e.context_mark)[col - 1:col] or '"'
    return _open_quote(line, col, quote)


def _open_quote(line: int, col: int, quote: str) -> LoadProblem:
    return LoadProblem("QMS001", line, col, f"the quote {quote} opened here is never closed",
                       f"end the value with {quote} on the same line; a value that holds "
                       f"{quote} goes in the other kind of quotes")


def _unclosed_bracket(e: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem | None:
    context = e.context or ""
    if "flow sequence" not in context and "flow mapping" not in context:
        return None
    opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
    line, col = _at(e.context_mark)
    return LoadProblem("QMS001", line, col, f"the '{opening}' opened here is never closed",
                       f"close it with '{closing}' on the same line, items separated by commas; "
                       "or write the items as a block list, one '- item' a line")


def _colon_in_value(e: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem | None:
    """`name: Risc: pierdere date`: the second ': ' starts a key that YAML did not expect."""
    if "mapping values are not allowed" not in (e.problem or ""):
        return None
    text = _line(lines, e.problem_mark)
    head = text.lstrip(" -")
    key, sep, value = head.partition(": ")
    start = len(text) - len(head) + len(key) + len(sep)
    if not sep or " " in key or e.problem_mark.column < start:  # type: ignore[union-attr]
        return None
    line, col = _at(e.problem_mark)
    fix = f"{key}: {json.dumps(value.strip(), ensure_ascii=False)}"
    return LoadProblem("QMS001", line, col,
                       "the value holds ': ', which YAML reads as the start of another key",
                       f"put the value in quotes: {fix}")


def _runaway_quote(e: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem | None:
    """A quote left open runs over the next lines (YAML lets quoted values span lines) and closes
    at some later quote: the mistake is where it opened, not where PyYAML stumbles."""
    if "'<scalar>'" not in (e.problem or "") or e.problem_mark is None:
        return None
    text = _line(lines, e.problem_mark)
    closing = text[:e.problem_mark.column].rstrip()
    quote = closing[-1:]
    if quote not in ('"', "'") or closing[:-1].count(quote):
        return None  # opened and closed on this line: text after the quote
    for n in range(e.problem_mark.line - 1, -1, -1):
        if lines[n].count(quote) % 2:
            return _open_quote(n + 1, lines[n].index(quote) + 1, quote)
    return None


def _after_quote(e: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem | None:
    """`name: "Risc" de pierdere`: text after a closing quote."""
    if "'<scalar>'" not in (e.problem or ""):
        return None
    text = _line(lines, e.problem_mark)
    before = text[:e.problem_mark.column].rstrip()  # type: ignore[union-attr]
    if not before.endswith(('"', "'")):
        return None
    line, col = _at(e.problem_mark)
    key, sep, value = text.lstrip(" -").partition(": ")
    whole = value.strip().replace("'", "''")
    fix = f"{key}: '{whole}'" if sep else f"'{whole}'"
    return LoadProblem("QMS001", line, col, "text after the closing quote of a value",
                       f"quote the whole value, in single quotes when it holds double ones: {fix}")


def _missing_colon(e: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem | None:
    """`- id R-03` then `  process: P-02`: the line above lost the ': ' after its key, so
    YAML took it for a plain value and stumbles on the next key."""
    if "mapping values are not allowed" not in (e.problem or "") or e.problem_mark is None:
        return None
    n = next((n for n in range(e.problem_mark.line - 1, -1, -1)
              if lines[n].strip() and not lines[n].lstrip().startswith("#")), None)
    if n is None:
        return None
    above = lines[n]
    head = above.lstrip(" -")
    key, sep, value = head.partition(" ")
    if not sep or ":" in head or not value.strip() or not key.isidentifier():
        return None
    fix = above[:len(above) - len(head)] + f"{key}: {value.strip()}"
    return LoadProblem("QMS001", n + 1, len(above) - len(head) + 1,
                       f"'{key}' has no ': ' after it, so YAML reads this line as a value",
                       f"write the key, a colon and a space: {fix.strip()}")


def _indentation(e: yaml.MarkedYAMLError, lines: list[str]) -> LoadProblem | None:
    problem = e.problem or ""
    if not any(x in problem for x in ("expected <block end>", "did not find expected",
                                      "mapping values are not allowed")):
        return None
    line, col = _at(e.problem_mark)
    item = "<block sequence start>" in problem or "'-'" in problem
    what = "this list item" if item else "this line"
    return LoadProblem("QMS001", line, col,
                       f"{what} is indented differently from the entries above it",
                       "entries of one list or mapping start in the same column, with "
                       "spaces; a value nested under a key is indented further than the key")
