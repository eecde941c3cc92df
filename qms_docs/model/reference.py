"""Shipped reference data: ISO 9001:2015 clauses, OSGG 600/2018 standards, CAF 2020 model."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Mark:
    """Documented information a (sub-)clause requires: M maintain / R retain, its list item."""

    type: str  # M | R
    item: str  # "a)", "" when the requirement is the sub-clause's text itself
    note_ro: str
    note_en: str

    def label(self) -> str:
        """'M', 'R a)': the mark as the clause matrix and checklists show it."""
        return f"{self.type} {self.item}".strip()

    def note(self, lang: str) -> str:
        return self.note_en if lang == "en" else self.note_ro


@dataclass(frozen=True)
class Clause:
    id: str
    title_ro: str  # "" for a sub-clause the standard leaves untitled (6.1.1, 9.2.2, ...)
    title_en: str
    documented: tuple[Mark, ...]
    excludable: bool  # commonly not applicable (7.1.5, 8.3): no plausibility warning
    parent: str | None

    @property
    def top(self) -> str:
        """The x.y clause this one belongs to (7.1.5 -> 7.1)."""
        return ".".join(self.id.split(".")[:2])

    @property
    def titled(self) -> bool:
        return bool(self.title_ro or self.title_en)

    @property
    def kinds(self) -> tuple[str, ...]:
        """M and/or R, in that order, from this clause's own marks."""
        return tuple(k for k in ("M", "R") if any(m.type == k for m in self.documented))

    def title(self, lang: str) -> str:
        """Its own title; '' when untitled (use `label` to show it with its parent's)."""
        return self.title_en if lang == "en" else self.title_ro

    def label(self, lang: str) -> str:
        """A title to show: its own, else its parent's, marked as a sub-clause of it
        ('Audit intern (9.2.2)'), so an untitled sub-clause never shows an invented title."""
        own = self.title(lang)
        if own or self.parent is None:
            return own
        parent = iso_clauses().get(self.parent)
        base = parent.label(lang) if parent else ""
        return f"{base} ({self.id})" if base else self.id

    def note(self, lang: str) -> str:
        """What the marks require, in words (for findings and checklists)."""
        return "; ".join(f"{m.label()}: {m.note(lang)}" for m in self.documented)


def _load(name: str) -> dict:
    text = resources.files("qms_docs").joinpath("reference", name).read_text("utf-8")
    # shipped data, not the user's: libyaml reads it ~10x faster than the pure-Python loader
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def iso_clauses() -> dict[str, Clause]:
    out = {}
    for c in _load("iso9001.yml")["clauses"]:
        marks = tuple(Mark(str(m["type"]), str(m.get("item") or ""), m.get("note_ro", ""),
                           m.get("note_en", "")) for m in c.get("documented") or ())
        out[str(c["id"])] = Clause(str(c["id"]), c.get("title_ro") or "",
                                   c.get("title_en") or "", marks, bool(c.get("excludable")),
                                   str(c["parent"]) if c.get("parent") else None)
    return out


@cache
def iso_sections() -> dict[str, tuple[str, str]]:
    """'4' -> (Romanian title, English title) of the standard's sections 4-10."""
    return {str(s["id"]): (s["title_ro"], s["title_en"]) for s in _load("iso9001.yml")["sections"]}


def documented_within(clause: str) -> tuple[str, ...]:
    """M / R required by clause or any of its sub-clauses (for a clause's summary row)."""
    found = {m.type for c in iso_clauses().values() if is_within(c.id, clause)
             for m in c.documented}
    return tuple(k for k in ("M", "R") if k in found)


@cache
def osgg() -> dict:
    return _load("osgg600.yml")


@cache
def caf() -> dict:
    return _load("caf2020.yml")


def is_within(clause: str, ancestor: str) -> bool:
    """True when clause is ancestor or one of its sub-clauses (8.5.2 is within 8.5)."""
    return clause == ancestor or clause.startswith(ancestor + ".")
