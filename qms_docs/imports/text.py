"""Text helpers of the import: comma-below diacritics, matching keys, Roman numerals, dates."""

from __future__ import annotations

import re
import unicodedata

# Cedilla letters (and s/t with a combining cedilla) typed for the Romanian comma-below ones.
_CEDILLA = {"ş": "ș", "Ş": "Ș", "ţ": "ț", "Ţ": "Ț",
            "s\u0327": "ș", "S\u0327": "Ș", "t\u0327": "ț", "T\u0327": "Ț"}
_CEDILLA_RE = re.compile("|".join(sorted(map(re.escape, _CEDILLA), key=len, reverse=True)))


def comma_below(s: str) -> tuple[str, int]:
    """s with ş ţ (cedilla) written as ș ț (comma below), and how many were changed."""
    count = 0

    def sub(m: re.Match) -> str:
        nonlocal count
        count += 1
        return _CEDILLA[m.group(0)]

    return _CEDILLA_RE.sub(sub, s), count


def key(s: str) -> str:
    """A matching key: no diacritics, lower case, words separated by single spaces."""
    s = unicodedata.normalize("NFKD", comma_below(s)[0])
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def fold(s: str) -> str:
    """s without diacritics, same length (for matching labels in the original text)."""
    s = unicodedata.normalize("NFC", comma_below(s)[0])
    return "".join(unicodedata.normalize("NFKD", c)[0] for c in s)


def slug(s: str) -> str:
    return key(s).replace(" ", "-")


def clean(s: str) -> str:
    """One line: whitespace collapsed, NFC."""
    return " ".join(unicodedata.normalize("NFC", s).split())


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total if total > 0 else None


def number(s: str) -> int | None:
    """'2', 'II', 'a II-a', 'întâi' -> 2 / 2 / 2 / 1."""
    s = s.strip().strip(".:")
    m = re.fullmatch(r"(?:a\s+)?([IVXLCivxlc]+|\d+)(?:\s*-?\s*a)?", s)
    if m:
        v = m.group(1)
        return int(v) if v.isdigit() else roman(v)
    return {"intai": 1, "intaia": 1, "prima": 1, "zero": 0}.get(key(s))


_EDITION = re.compile(r"\bed(?:i[tțţ]ia|\.)\s*(?:nr\.?\s*)?[:\-–]?\s*"
                      r"((?:a\s+)?[IVXLC]+(?:\s*-\s*a)?|\d+)(?![\w-])", re.I)
_REVISION = re.compile(r"\brev(?:izia|\.)\s*(?:nr\.?\s*)?[:\-–]?\s*([IVXLC]+|\d+)(?![\w-])", re.I)


def edition_in(s: str) -> int | None:
    m = _EDITION.search(comma_below(s)[0])
    return number(m.group(1)) if m else None


def revision_in(s: str) -> int | None:
    m = _REVISION.search(comma_below(s)[0])
    return number(m.group(1)) if m else None


_MONTHS = {"ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "mai": 5, "iunie": 6,
           "iulie": 7, "august": 8, "septembrie": 9, "octombrie": 10, "noiembrie": 11,
           "decembrie": 12}
_DMY = re.compile(r"\b(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})\b")
_YMD = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WORDS = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b")


def date_in(s: str) -> str | None:
    """The first date written in s as YYYY-MM-DD (dd.mm.yyyy, dd/mm/yyyy, ISO, '5 martie 2024')."""
    for rx, order in ((_YMD, "ymd"), (_DMY, "dmy"), (_WORDS, "dwy")):
        m = rx.search(key(s) if order == "dwy" else s)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "ymd":
            y, mo, d = int(a), int(b), int(c)
        elif order == "dmy":
            d, mo, y = int(a), int(b), int(c)
            y = y + 2000 if y < 100 else y
        else:
            d, mo, y = int(a), _MONTHS[b], int(c)
        if 1 <= mo <= 12 and 1 <= d <= 31 and 1900 < y < 2200:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def has_date(s: str) -> bool:
    return date_in(s) is not None


def strip_number(s: str) -> tuple[str, str]:
    """'4. Scopul' -> ('4', 'Scopul'); 'Cap. IV - Scopul' -> ('IV', 'Scopul');
    'Scop' -> ('', 'Scop')."""
    m = re.match(r"^\s*(?:cap(?:itolul)?\.?\s*|sec[tțţ]iunea\s+|art\.?\s*)?"
                 r"((?:\d+\.)*\d+|[IVX]+)(?:\s*[.)\-–:]\s*|\s+)(?=\S)", s, re.I)
    if not m:
        return "", s.strip()
    return m.group(1), s[m.end():].strip()
