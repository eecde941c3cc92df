"""Rows of a spreadsheet (.xlsx with openpyxl, or .csv) with the position of every cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from ...exceptions import QmsError


class SheetError(QmsError):
    """The file cannot be read as a spreadsheet."""


@dataclass
class Sheet:
    name: str                   # '' for CSV
    rows: list[list[str]]       # text of every cell (dates as YYYY-MM-DD)
    csv: bool = False

    def where(self, row: int, col: int) -> str:
        """0-based row and column -> 'Sheet!C7' (xlsx) or '7:3' (csv, line:column)."""
        if self.csv:
            return f"{row + 1}:{col + 1}"
        return f"{self.name}!{_letters(col)}{row + 1}"


def _letters(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split()) if not isinstance(v, str) else v.strip()


def read_sheets(path: Path) -> list[Sheet]:
    if path.suffix.lower() == ".csv":
        raw = path.read_bytes()
        for enc in ("utf-8-sig", "cp1250", "latin-1"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), dialect)]
        return [Sheet("", rows, csv=True)]
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise SheetError(f"cannot be read as .xlsx: {e}") from e
    out = []
    for ws in wb.worksheets:
        rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        out.append(Sheet(ws.title, rows))
    wb.close()
    return out
