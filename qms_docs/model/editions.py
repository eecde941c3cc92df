"""How editions are written: Roman numerals by default, as Romanian procedures do ("Ediția I",
"Ediția a II-a"), or Arabic (`edition_numerals: arabic` in qms.yml)."""

from __future__ import annotations

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """1 -> I, 14 -> XIV; 0 or less as Arabic (there is no Roman zero)."""
    if n <= 0:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def edition_number(n: int, numerals: str = "roman", lang: str = "ro") -> str:
    """The number as it follows 'Ediția': I, a II-a, a III-a (Romanian ordinal) or 2."""
    if numerals == "arabic":
        return str(n)
    if lang == "en" or n <= 1:
        return roman(n)
    return f"a {roman(n)}-a"


def edition_label(n: int, numerals: str = "roman", lang: str = "ro") -> str:
    """'Ediția I', 'Ediția a II-a', 'Ediția 2' (arabic), 'Edition II' (en)."""
    word = "Edition" if lang == "en" else "Ediția"
    return f"{word} {edition_number(n, numerals, lang)}"


def revision_label(n: int, lang: str = "ro") -> str:
    """'Revizia 1': revisions stay Arabic (revision 0 is the first issue of an edition)."""
    return f"{'Revision' if lang == 'en' else 'Revizia'} {n}"


def version_label(edition: int, revision: int, numerals: str = "roman",
                  lang: str = "ro") -> str:
    """'Ediția a II-a, revizia 1'."""
    rev = revision_label(revision, lang)
    return f"{edition_label(edition, numerals, lang)}, {rev[0].lower()}{rev[1:]}"
