"""Markdown documents: YAML front matter (with positions in the file) and ATX headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .limits import CHOKING, line_col, scan_markdown
from .source import Loaded
from .yamlpos import LoadProblem, load_yaml_text

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass
class MarkdownDoc:
    front: Loaded | None
    body: str
    body_line: int  # 1-based line of the first body line in the file
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # (line, level, text)


def parse_markdown(text: str, scan: bool = True) -> tuple[MarkdownDoc, list[LoadProblem]]:
    """Front matter, body and headings; with scan, the body's limits and hidden content too (a
    body over a limit is dropped: nothing would render it)."""
    text = text.removeprefix("\ufeff")  # a byte order mark (Windows editors) is not content
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        doc = MarkdownDoc(None, text, 1, _headings(lines, 1))
        return doc, [LoadProblem("QMS005", 1, 1, "no YAML front matter",
                                 "start the file with a '---' line, the metadata, and '---'")]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return MarkdownDoc(None, "", 1), [LoadProblem("QMS005", 1, 1,
                                                     "front matter is not closed",
                                                     "add a '---' line after the metadata")]
    # CRLF files: drop each '\r' so that YAML sees the same lines and columns as with LF.
    loaded, problems = load_yaml_text("\n".join(x.removesuffix("\r") for x in lines[1:end]))
    # Front matter starts on file line 2: shift every position by one line.
    problems = [LoadProblem(p.code, p.line + 1, p.col, p.message, p.hint) for p in problems]
    if loaded is not None:
        loaded = Loaded(loaded.data, loaded.positions.shifted(1))
    body_lines = lines[end + 1:]
    body = "\n".join(body_lines)
    found = body_problems(body, end + 2) if scan else []
    if any(p.code in CHOKING for p in found):
        body = ""  # not rendered anywhere: the site and the PDFs would choke on it
    doc = MarkdownDoc(loaded, body, end + 2, _headings(body_lines, end + 2))
    return doc, problems + found


def body_problems(body: str, first_line: int) -> list[LoadProblem]:
    """The limits and hidden content of a Markdown body whose first line is file line
    first_line."""
    out = []
    for hit in scan_markdown(body):
        line, col = line_col(body, hit.offset)
        out.append(LoadProblem(hit.code, first_line + line - 1, col, hit.message, hit.hint))
    return out


def _headings(lines: list[str], first: int) -> list[tuple[int, int, str]]:
    out, fenced = [], False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        m = None if fenced else _HEADING.match(line)
        if m:
            out.append((first + i, len(m.group(1)), m.group(2)))
    return out
