"""The model as the JSON the Typst templates read (sys.inputs): plain strings and numbers only.

Markdown bodies are not converted here: each document carries its Markdown under `body_md`;
`attach_bodies` swaps every `body_md` for pandoc's Typst markup in one batch.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..model import QMS, Document
from .markdown import min_heading_level, to_typst
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


def document(qms: QMS, doc: Document) -> dict[str, Any]:
    t = strings(qms.config.language)
    from ..approval import labels as L
    from ..approval.verify import approvals_of

    verdict = approvals_of(qms)[0].get(doc.code)
    return {
        "code": doc.code, "title": doc.title, "kind": doc.kind,
        "kind-label": t.get(f"kind-{doc.kind}", doc.kind),
        "edition": str(doc.edition), "revision": str(doc.revision),
        "effective-date": doc.effective_date,
        "department": qms.department_name(doc.department) if doc.department else "",
        # table 1 from the evidence only (qms_docs/approval); an unsigned row names its state
        "approvals": [{"step": a.step, "slot": a.slot, "label": t.get(a.step, a.step),
                       "name": a.name if a.status == "signed" else L.status(a, qms.config.language),
                       "signed": a.status == "signed",
                       "function": qms.role_name(a.role) if a.role else "", "date": a.date,
                       "evidence": L.evidence(a, qms.config.language)}
                      for a in doc.approvals],
        "source-sha256": verdict.sha256 if verdict else "",
        # XMP / Info keywords: which document version and source a PDF is (qms verify)
        "keywords": [f"qms-code:{doc.code}", f"qms-edition:{doc.edition}",
                     f"qms-revision:{doc.revision}"]
        + ([f"qms-source-sha256:{verdict.sha256}"] if verdict else []),
        "demo": bool(verdict and verdict.demo) or _demo_registry(qms),
        "revisions": [{"label": t["edition-n"].format(e=r.edition) if r.revision == 0
                       else f"{t['edition-n'].format(e=r.edition)}, "
                            f"{t['revision-n'].format(r=r.revision).lower()}",
                       "component": r.component, "description": r.description, "date": r.date}
                      for r in doc.revisions],
        "distribution": [_distribution(qms, d) for d in doc.distribution],
        "body_md": doc.body,
        # Body headings are shifted so that the body's top level lands one below the title.
        "offset": 1 - min_heading_level(doc.body),
    }


def _demo_registry(qms: QMS) -> bool:
    from ..approval.registry import registry_of

    return registry_of(qms).has_demo


def _distribution(qms: QMS, d) -> dict[str, Any]:
    role = qms.role(d.role)
    dept = d.department or (role.department if role else "")
    return {"purpose": d.purpose, "copy": d.copy,
            "department": qms.department_name(dept) if dept else "",
            "function": role.name if role else d.role, "name": role.holder if role else ""}


def attach_bodies(items: list[dict]) -> None:
    """Convert every `body_md` found in the given dicts (in place) in one pandoc run."""
    holders = [d for d in items if "body_md" in d]
    for d, markup in zip(holders, to_typst([d["body_md"] for d in holders]), strict=True):
        d["body"] = markup
        del d["body_md"]
