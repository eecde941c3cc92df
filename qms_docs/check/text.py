"""Romanian is written with comma-below ș ț (U+0219, U+021B). The cedilla letters ş ţ (U+015F,
U+0163), left by old keyboard layouts and copied texts, look alike but are other letters: search
and sorting treat them as different words, and some fonts show them wrongly (QMS327)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..load.source import SourceFile

CEDILLA = {"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"}
_ANY = tuple(CEDILLA)


def fix(text: str) -> str:
    """text with every cedilla letter replaced by its comma-below letter."""
    return text.translate(str.maketrans(CEDILLA))


def text_findings(f: SourceFile) -> list[Finding]:
    """The cedilla letters of one file, in its values and its body."""
    out = list(_values(f, f.data, ()))
    if f.body and any(c in f.body for c in _ANY):
        for i, line in enumerate(f.body.split("\n")):
            col = _first(line)
            if col:
                out.append(_finding(f.rel, f.body_line + i, col, line))
    return out


def _values(f: SourceFile, value: Any, path: tuple) -> Iterator[Finding]:
    if isinstance(value, str):
        if any(c in value for c in _ANY):
            yield _finding(*f.loc(*path), value)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _values(f, v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _values(f, v, path + (i,))


def _first(line: str) -> int:
    return next((i + 1 for i, c in enumerate(line) if c in CEDILLA), 0)


def _finding(rel: str, line: int, col: int, text: str) -> Finding:
    found = sorted({c for c in text if c in CEDILLA})
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in found)
    fixes = ", ".join(f"'{c}' → '{CEDILLA[c]}' (U+{ord(CEDILLA[c]):04X})" for c in found)
    word = next((w for w in text.split() if any(c in w for c in found)), "")
    return Finding(rel, line, col, "warning", "QMS327",
                   f"cedilla {shown} instead of comma below" + (f" in '{word}'" if word else ""),
                   f"write {fixes}; e.g. sed -i 's/ş/ș/g; s/ţ/ț/g; s/Ş/Ș/g; s/Ţ/Ț/g' {rel}")
