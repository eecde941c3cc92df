"""Where every generated page lives (docs-relative .md paths), in one place.

URLs depend only on a page's own code or id, never on how many siblings it has, so they stay
stable as the QMS grows; grouping for the navigation happens in nav.py.
"""

from __future__ import annotations

import re

from ..model import Document

HOME = "index.md"
MANUAL = "manual/index.md"
PROCESS_LIST = "procese/index.md"
PROCESS_MAP = "procese/harta.md"
REGISTER = "documente/index.md"
CONTEXT = "smc/context.md"
PARTIES = "smc/parti-interesate.md"
RACI = "smc/responsabilitati.md"
RISKS = "smc/riscuri.md"
OBJECTIVES = "smc/obiective.md"
RECORDS = "smc/inregistrari.md"
CLAUSES = "smc/cerinte-iso-9001.md"
GLOSSARY = "glosar.md"
MAP_SVG = "procese/harta-proceselor.svg"
HEATMAP_SVG = "smc/harta-riscurilor.svg"

KIND_FOLDER = {"manual": "manual", "system-procedure": "proceduri",
               "operational-procedure": "proceduri", "work-instruction": "instructiuni",
               "form": "formulare"}
_UNSAFE = re.compile(r"[^a-z0-9.-]+")


def slug(value: str) -> str:
    """A file-name-safe lower-case slug of a code or id (codes are user data)."""
    return _UNSAFE.sub("-", value.lower()).strip("-.") or "x"


def document(doc: Document) -> str:
    if doc.kind == "manual":
        return MANUAL
    return f"{KIND_FOLDER.get(doc.kind, 'documente')}/{slug(doc.code)}.md"


def process(pid: str) -> str:
    return f"procese/{slug(pid)}.md"


def chapter(number: int) -> str:
    return f"manual/cap-{number:02d}.md"


def anchor(value: str) -> str:
    """The id of a register row (risks, objectives, records, context issues, parties)."""
    return slug(value)
