"""What the recognisers found in one Word document, before it is mapped to the model."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Field:
    value: str
    where: str


@dataclass
class Header:
    """The page header's data (or the cover's): each field with where it was read."""

    authority: Field | None = None
    department: Field | None = None
    kind: Field | None = None      # the kind label as written ("Procedură operațională")
    title: Field | None = None
    code: Field | None = None
    edition: Field | None = None   # number as text
    revision: Field | None = None
    effective: Field | None = None  # "în vigoare de la ..." as YYYY-MM-DD
    leftovers: list[Field] = field(default_factory=list)  # header text not recognised


@dataclass
class Step:
    """One person in table 1."""

    step: str          # elaborated | verified | endorsed | approved
    label: str         # as written (Elaborat, Verificat, ...)
    name: str
    function: str
    date: str          # YYYY-MM-DD or ""
    where: str
    date_text: str = ""


@dataclass
class RevisionRow:
    edition: int
    revision: int
    component: str
    description: str
    date: str
    where: str


@dataclass
class DistributionRow:
    purpose: str       # one of the five OSGG purposes, or "" when not readable
    purpose_text: str
    copy: int | None
    department: str
    function: str
    name: str
    where: str
    received: str = ""   # YYYY-MM-DD, "" when not written
    withdrawn: str = ""  # the day the copy of the previous version was taken back


@dataclass
class Section:
    number: int        # 4..10
    title: str         # as written, without its number
    heading: int       # index of the heading block (-1: none)
    start: int         # first block of the section's content
    end: int           # one past the last


@dataclass
class Annex:
    number: str
    title: str
    code: str          # a form code read from the title, or ""
    heading: int
    start: int
    end: int
    where: str
    structural: str = ""  # one of the OSGG 600 forms of the procedure itself, if it is one


@dataclass
class Parts:
    header: Header = field(default_factory=Header)
    steps: list[Step] = field(default_factory=list)
    revisions: list[RevisionRow] = field(default_factory=list)
    distribution: list[DistributionRow] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    # block index -> what consumed it ("header", "table 1", "toc", "notice", ...)
    used: dict[int, str] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)  # part names, for the summary
