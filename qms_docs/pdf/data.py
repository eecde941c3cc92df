"""The model as the JSON the Typst templates read (sys.inputs): plain strings and numbers only.

Markdown bodies are not converted here: each document carries its Markdown under `body_md`;
`attach_bodies` swaps every `body_md` for its Typst markup, converted in one batch, each body in
the namespace named by its `ns` (the document's code).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..caf.md import date as fmt_date
from ..model import QMS, Document
from ..model.documents import table1_rows
from ..model.editions import edition_number
from .markdown import dialect_of, min_heading_level, to_typst
from .strings import strings


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


def edition(qms: QMS, n: int) -> str:
    """An edition number as the documents write it: I, a II-a (roman, default) or 2."""
    return edition_number(n, qms.config.edition_numerals, qms.config.language)


def day(qms: QMS, iso: str) -> str:
    """A date as the documents print it: 02.03.2026 (ro), ISO in English."""
    return fmt_date(iso, qms.config.language) if iso else ""


def document(qms: QMS, doc: Document) -> dict[str, Any]:
    t = strings(qms.config.language)
    from ..approval import labels as L
    from ..approval.verify import approvals_of

    verdict = approvals_of(qms)[0].get(doc.code)
    approved = next((a.date for a in doc.approvals if a.step == "approved" and
                     a.status == "signed"), "")
    return {
        "code": doc.code, "title": doc.title, "kind": doc.kind, "procedure": doc.is_procedure,
        "kind-label": t.get(f"kind-{doc.kind}", doc.kind),
        "edition": edition(qms, doc.edition), "revision": str(doc.revision),
        "effective-date": day(qms, doc.effective_date), "approved-on": day(qms, approved),
        "copies": str(doc.copies) if doc.copies else "",
        "department": qms.department_name(doc.department) if doc.department else "",
        # table 1 from the evidence only (qms_docs/approval); an unsigned row names its state
        # (rows numbered per step, OSGG 600/2018: "nr" and "span" on a step's first row)
        "approvals": [{"step": a.step, "slot": a.slot, "label": t.get(a.step, a.step),
                       "nr": row.number, "span": row.span,
                       "name": a.name if a.status == "signed" else L.status(a, qms.config.language),
                       "signed": a.status == "signed",
                       "function": qms.role_name(a.role) if a.role else "",
                       "date": day(qms, a.date), "evidence": L.evidence(a, qms.config.language)}
                      for row in table1_rows(doc.approvals) for a in (row.approval,)],
        "source-sha256": verdict.sha256 if verdict else "",
        # XMP / Info keywords: which document version and source a PDF is (qms verify)
        "keywords": [f"qms-code:{doc.code}", f"qms-edition:{doc.edition}",
                     f"qms-revision:{doc.revision}"]
        + ([f"qms-source-sha256:{verdict.sha256}"] if verdict else []),
        "demo": bool(verdict and verdict.demo) or _demo_registry(qms),
        "revisions": [{"label": _version(qms, t, r.edition, r.revision),
                       "component": r.component, "description": r.description,
                       "date": day(qms, r.date)} for r in doc.revisions],
        "changes": [{"edition": edition(qms, r.edition), "revision": str(r.revision),
                     "date": day(qms, r.date), "component": r.component,
                     "description": r.description} for r in doc.revisions],
        "analysis": [_opinion(qms, t, o) for o in doc.analysis],
        "distribution": [_distribution(qms, doc, d) for d in doc.distribution],
        "body_md": doc.body, "ns": doc.code,
        # Body headings are shifted so that the body's top level lands one below the title.
        "offset": 1 - min_heading_level(doc.body),
    }


def _version(qms: QMS, t: dict[str, str], ed: int, rev: int) -> str:
    label = t["edition-n"].format(e=edition(qms, ed))
    return label if rev == 0 else f"{label}, {t['revision-n'].format(r=rev).lower()}"


def person_name(qms: QMS, person: str, role: str, on: str) -> str:
    """Who: the person named, else the holder of the function on that day (registry)."""
    p = qms.person(person) if person else None
    if p is None and role and on:
        p = qms.holder(role, on)
    if p is not None:
        return p.name
    r = qms.role(role) if role else None
    return r.holder if r and not qms.people else ""


def _opinion(qms: QMS, t: dict[str, str], o) -> dict[str, Any]:
    return {"department": qms.department_name(o.department), "function": qms.role_name(o.role),
            "name": person_name(qms, o.person, o.role, o.date), "date": day(qms, o.date),
            "opinion": t.get(f"opinion-{o.opinion}", o.opinion),
            "observations": o.observations,
            "accepted": "" if o.accepted is None else t["yes"] if o.accepted else t["no"]}


def _demo_registry(qms: QMS) -> bool:
    from ..approval.registry import registry_of

    return registry_of(qms).has_demo


def _distribution(qms: QMS, doc: Document, d) -> dict[str, Any]:
    role = qms.role(d.role)
    dept = d.department or (role.department if role else "")
    return {"purpose": d.purpose, "copy": d.copy,
            "department": qms.department_name(dept) if dept else "",
            "function": role.name if role else d.role,
            "name": person_name(qms, d.person, d.role, d.received or doc.effective_date),
            "received": day(qms, d.received), "withdrawn": day(qms, d.withdrawn)}


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
