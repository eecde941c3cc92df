"""Shipped reference data: ISO 9001:2015 clauses, OSGG 600/2018 standards, CAF 2020 model."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Clause:
    id: str
    title_ro: str
    title_en: str
    documented: tuple[str, ...]
    excludable: bool
    parent: str | None
    note_ro: str

    @property
    def top(self) -> str:
        """The x.y clause this one belongs to (7.1.5 -> 7.1)."""
        return ".".join(self.id.split(".")[:2])

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_ro


def _load(name: str) -> dict:
    text = resources.files("qms_docs").joinpath("reference", name).read_text("utf-8")
    return yaml.safe_load(text)


@cache
def iso_clauses() -> dict[str, Clause]:
    return {str(c["id"]): Clause(str(c["id"]), c["title_ro"], c["title_en"],
                                 tuple(c.get("documented") or ()), bool(c.get("excludable")),
                                 str(c["parent"]) if c.get("parent") else None,
                                 c.get("documented_note_ro", ""))
            for c in _load("iso9001.yml")["clauses"]}


@cache
def osgg() -> dict:
    return _load("osgg600.yml")


@cache
def caf() -> dict:
    return _load("caf2020.yml")


def is_within(clause: str, ancestor: str) -> bool:
    """True when clause is ancestor or one of its sub-clauses (8.5.2 is within 8.5)."""
    return clause == ancestor or clause.startswith(ancestor + ".")
