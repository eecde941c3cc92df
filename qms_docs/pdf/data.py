"""The model as the JSON the Typst templates read (sys.inputs): plain strings and numbers only.

Markdown bodies are not converted here: each document carries its Markdown under `body_md`;
`attach_bodies` swaps every `body_md` for its Typst markup, converted in one batch, each body in
the namespace named by its `ns` (the document's code).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..model import QMS, Document
from .markdown import dialect_of, min_heading_level, to_typst
from .strings import strings

STEP_ORDER = ("elaborated", "verified", "approved")


def slugify(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("ş", "ș").replace("ţ", "ț"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def pdf_name(doc: Document) -> str:
    """File name of a document's PDF: CODE-title-slug.pdf (MC-01-manualul-calitatii.pdf)."""
    code = re.sub(r"[^A-Za-z0-9._-]+", "-", doc.code).strip("-") or "document"
    slug = slugify(doc.title)[:60].strip("-")
    return f"{code}-{slug}.pdf" if slug else f"{code}.pdf"


def base(qms: QMS, copy: str) -> dict[str, Any]:
    lang = qms.config.language
    org = qms.organisation
    return {"lang": lang, "t": strings(lang), "copy": copy,
            "org": {"name": org.name or "—", "short_name": org.short_name or org.name or "—"}}


def document(qms: QMS, doc: Document) -> dict[str, Any]:
    t = strings(qms.config.language)
    approvals = sorted(doc.approvals, key=lambda a: STEP_ORDER.index(a.step)
                       if a.step in STEP_ORDER else 9)
    return {
        "code": doc.code, "title": doc.title, "kind": doc.kind,
        "kind-label": t.get(f"kind-{doc.kind}", doc.kind),
        "edition": str(doc.edition), "revision": str(doc.revision),
        "effective-date": doc.effective_date,
        "department": qms.department_name(doc.department) if doc.department else "",
        "approvals": [{"step": a.step, "label": t.get(a.step, a.step), "name": a.name,
                       "function": qms.role_name(a.role) if a.role else "", "date": a.date}
                      for a in approvals],
        "revisions": [{"label": t["edition-n"].format(e=r.edition) if r.revision == 0
                       else f"{t['edition-n'].format(e=r.edition)}, "
                            f"{t['revision-n'].format(r=r.revision).lower()}",
                       "component": r.component, "description": r.description, "date": r.date}
                      for r in doc.revisions],
        "distribution": [_distribution(qms, d) for d in doc.distribution],
        "body_md": doc.body, "ns": doc.code,
        # Body headings are shifted so that the body's top level lands one below the title.
        "offset": 1 - min_heading_level(doc.body),
    }


def _distribution(qms: QMS, d) -> dict[str, Any]:
    role = qms.role(d.role)
    dept = d.department or (role.department if role else "")
    return {"purpose": d.purpose, "copy": d.copy,
            "department": qms.department_name(dept) if dept else "",
            "function": role.name if role else d.role, "name": role.holder if role else ""}


def attach_bodies(qms: QMS, items: list[dict]) -> None:
    """Convert every `body_md` found in the given dicts (in place) in one batch, each in the
    namespace of its `ns`."""
    holders = [d for d in items if "body_md" in d]
    markups = to_typst([(str(d.get("ns") or f"body-{i}"), d["body_md"])
                        for i, d in enumerate(holders)], dialect=dialect_of(qms.config.root),
                       abbreviations=strings(qms.config.language)["abbreviations"])
    for d, markup in zip(holders, markups, strict=True):
        d["body"] = markup
        del d["body_md"]
        d.pop("ns", None)
