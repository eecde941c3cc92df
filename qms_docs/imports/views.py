"""What a reader sees of each OSGG part, as comparable keys. `qms docx` stores the views of the
copy it writes; the import compares them with what it reads back: a part whose view did not
change in Word is taken from the repository's own data (ids and all), a changed one is read."""

from __future__ import annotations

from .parts import Parts
from .text import key

PARTS = ("header", "table 1", "table 2", "table 3")


def views(parts: Parts) -> dict[str, list]:
    h = parts.header
    return {
        "header": [key(h.title.value) if h.title else "", key(h.code.value) if h.code else "",
                   h.edition.value if h.edition else "", h.revision.value if h.revision else "",
                   key(h.department.value) if h.department else "",
                   h.effective.value if h.effective else ""],
        "table 1": [[s.step, key(s.name), key(s.function), s.date] for s in parts.steps],
        "table 2": [[r.edition, r.revision, key(r.component), key(r.description), r.date]
                    for r in parts.revisions],
        "table 3": [[d.purpose, d.copy or 0, key(d.department), key(d.function), key(d.name),
                     d.received, d.withdrawn] for d in parts.distribution],
    }


# front matter keys of each part; the rest is not shown in the OSGG layout
PART_KEYS = {"header": ("code", "title", "kind", "edition", "revision", "effective_date",
                        "department"),
             "table 1": ("elaborated_by", "verified_by", "endorsed_by", "approved_by"),
             "table 2": ("revisions",), "table 3": ("distribution",)}
FRONT_ORDER = ("code", "title", "kind", "parent", "edition", "revision", "effective_date",
               "department", "process", "elaborated_by", "verified_by", "endorsed_by",
               "approved_by",
               "revisions", "distribution", "references", "definitions", "clauses", "osgg",
               "forms", "records", "review_interval_months", "reviewed_on")


def ordered(fm: dict) -> dict:
    return {k: fm[k] for k in FRONT_ORDER if k in fm} | {k: v for k, v in fm.items()
                                                          if k not in FRONT_ORDER}
