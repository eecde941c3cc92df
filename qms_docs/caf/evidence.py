"""What a piece of evidence may cite: nothing dated after the record it stands in."""

from __future__ import annotations

import re

# A year on its own (2026), not the end of a span (2021-2027, 2024–2027) nor part of a number
# (nr. 845/2026 is a registration number of that year: still a year, still checked).
_YEAR = re.compile(r"(?<![0-9])(?<![0-9][-–])(20[0-9]{2})(?![0-9])(?!\s*[-–]\s*20[0-9]{2})")


def later_years(text: str, day: str) -> str:
    """The years text mentions that are later than day's (YYYY-MM-DD), '' if none."""
    if len(day) < 4 or not day[:4].isdigit():
        return ""
    year = int(day[:4])
    late = sorted({m for m in _YEAR.findall(text) if int(m) > year})
    return ", ".join(late)
