"""Findings of an import: like the check's, but located in a Word file or a spreadsheet.

A position in a .docx is a path of 1-based parts, stable for a given file and readable by a person
who opens it in Word (the number of the table, of the row in it, ...):

    PO-URB-01.docx:header:table 1:row 1:cell 3     the page header (first section), a table cell
    PO-URB-01.docx:paragraph 12                    the 12th paragraph of the body (tables' own
                                                   paragraphs not counted)
    PO-URB-01.docx:table 2:row 4:cell 2            the 2nd table of the body, row 4, column 2
    PO-URB-01.docx:footer:paragraph 1              the page footer
    PO-URB-01.docx                                 the whole file
    riscuri.xlsx:Registru!C7                       a spreadsheet cell (sheet!cell, as Excel
                                                   names it)
    riscuri.csv:7:3                                a CSV cell (line:column)

Rows and cells count as Word shows them: a merged cell is one cell, its grid column is used.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "note")


@dataclass(frozen=True)
class ImportFinding:
    path: str      # the source file as given on the command line
    where: str     # position inside it ("" = the whole file), see the module docstring
    severity: str  # error | warning | note
    code: str
    message: str
    hint: str = ""

    @property
    def location(self) -> str:
        return f"{self.path}:{self.where}" if self.where else self.path

    def format_text(self) -> str:
        head = f"{self.location}: {self.severity} {self.code} {self.message}"
        return head + (f"\n    hint: {self.hint}" if self.hint else "")


def render(findings: list[ImportFinding], fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)
    return "\n".join(f.format_text() for f in findings)


class Collector:
    """The findings of one source file, each with its position."""

    def __init__(self, path: str):
        self.path = path
        self.items: list[ImportFinding] = []

    def add(self, where: str, severity: str, code: str, message: str, hint: str = "") -> None:
        assert severity in SEVERITIES
        self.items.append(ImportFinding(self.path, where, severity, code, message, hint))

    def error(self, where: str, code: str, message: str, hint: str = "") -> None:
        self.add(where, "error", code, message, hint)

    def warning(self, where: str, code: str, message: str, hint: str = "") -> None:
        self.add(where, "warning", code, message, hint)

    def note(self, where: str, code: str, message: str, hint: str = "") -> None:
        self.add(where, "note", code, message, hint)

    @property
    def errors(self) -> list[ImportFinding]:
        return [f for f in self.items if f.severity == "error"]
