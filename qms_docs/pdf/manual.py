"""The complete quality manual (MC) as template data: its control tables, chapters, the registers
(process list and map, context, interested parties, RACI, risks, objectives, documents) and the
list of the procedures annexed to it. The annexes themselves are the procedures' own PDFs, appended
after the front matter (assemble.py); the front matter only needs their page counts."""

from __future__ import annotations

from typing import Any

from ..model import QMS, Document
from . import data as D
from .markdown import min_heading_level
from .strings import strings


def annex_anchor(doc: Document) -> str:
    return "annex-" + D.slugify(doc.code)


def annexes_of(qms: QMS) -> list[Document]:
    """The documents annexed to the manual, in order: the procedures."""
    return [d for d in qms.documents if d.is_procedure]


def _process_map(qms: QMS) -> str:
    """The process map drawn by the site's SVG code (arrows routed between the boxes), so the
    manual and the site show the same drawing; Typst reads it as an image, never as markup."""
    from ..site.i18n import labels
    from ..site.svg import process_map

    owners = {p.id: qms.role_name(p.owner) for p in qms.processes}
    return process_map(qms.processes, labels(qms.config.language), lambda _pid: "#", owners)


def manual_data(qms: QMS, copy: str, pages: dict[str, int] | None = None) -> dict[str, Any]:
    """The front matter's data; `pages` gives each annex's page count (code → pages), for the
    page numbers of the contents (missing: 1 page; the layout of table 1 does not depend on it)."""
    t = strings(qms.config.language)
    man = qms.manual
    if man is None:  # pragma: no cover - callers check first
        raise ValueError("no manual")
    out = D.base(qms, copy)
    org = qms.organisation
    out["org"]["address"] = org.address
    m = D.document(qms, man)
    m.pop("body_md")
    m.pop("ns")
    m["body"] = ""
    out["manual"] = m
    covered = {c for ch in qms.chapters for c in ch.clauses}
    out["chapters"] = [{"heading": f"{ch.chapter}. {ch.title}" if ch.chapter else ch.title,
                        "body_md": ch.body, "ns": f"{man.code}-{ch.slug}",
                        "offset": 1 - min_heading_level(ch.body)}
                       for ch in qms.chapters]
    # Scope and policy come from organization.yml unless a chapter already covers 4.3 / 5.2.
    out["scope"] = None if "4.3" in covered else {
        "text": org.scope, "sites": org.sites,
        "exclusions": [{"clause": e.clause, "justification": e.justification}
                       for e in org.exclusions]}
    out["policy"] = None if "5.2" in covered or not org.policy.strip() else {
        "body_md": org.policy, "ns": f"{man.code}-policy",
        "offset": 1 - min_heading_level(org.policy)}
    out["processes"] = [{"id": p.id, "name": p.name, "type": p.type,
                         "type-label": t.get(f"short-{p.type}", p.type),
                         "owner": qms.role_name(p.owner), "inputs": p.inputs,
                         "outputs": p.outputs, "feeds": p.feeds} for p in qms.processes]
    out["process-map"] = _process_map(qms)
    out["context"] = [{"id": c.id, "type": t.get(c.type, c.type),
                       "category": t.get(f"cat-{c.category}", c.category),
                       "description": c.description, "processes": c.processes}
                      for c in qms.context]
    out["parties"] = [{"id": p.id, "name": p.name, "needs": p.needs,
                       "expectations": p.expectations, "monitoring": p.monitoring}
                      for p in qms.parties]
    used = {r for a in qms.activities for r in a.raci}
    # grouped by level, management first (as the site's matrix), roles.yml order within
    order = {"conducere": 0, "execuție": 1}
    known = sorted((r for r in qms.roles if r.id in used), key=lambda r: order.get(r.level, 2))
    roles = [(r.id, r.name, r.level) for r in known]
    roles += [(rid, rid, "") for rid in sorted(used) if qms.role(rid) is None]
    levels = {"conducere": t["level-management"], "execuție": t["level-execution"]}
    out["raci"] = {"roles": [{"id": rid, "name": name, "level": levels.get(lvl, lvl or "—")}
                             for rid, name, lvl in roles],
                   "rows": [{"id": a.id, "activity": a.activity, "document": a.document,
                             "cells": [a.raci.get(rid, "") for rid, _, _ in roles]}
                            for a in qms.activities]}
    out["risks"] = [{"id": r.id, "process": r.process, "description": r.description,
                     "probability": r.probability, "impact": r.impact, "score": r.score,
                     "level": r.level, "level-label": t[f"level-{r.level}"],
                     "treatment": r.treatment or r.strategy, "owner": qms.role_name(r.owner),
                     "residual": str(r.residual_score) if r.has_residual else "–"}
                    for r in qms.risks]
    out["objectives"] = [{"id": o.id, "objective": o.objective, "process": o.process,
                          "indicator": o.indicator, "target": o.target,
                          "deadline": D.day(qms, o.deadline), "owner": qms.role_name(o.owner)}
                         for o in qms.objectives]
    annexes = annexes_of(qms)
    annexed = {d.code for d in annexes}
    out["register"] = [{"code": d.code, "title": d.title,
                        "kind-label": t.get(f"kind-{d.kind}", d.kind),
                        "edition": D.edition(qms, d.edition), "revision": str(d.revision),
                        "effective-date": D.day(qms, d.effective_date),
                        "annex": annex_anchor(d) if d.code in annexed else None}
                       for d in qms.all_documents]
    out["annexes"], start = [], 1
    for d in annexes:
        out["annexes"].append({"code": d.code, "title": d.title, "anchor": annex_anchor(d),
                               "start": start})
        start += max(1, (pages or {}).get(d.code, 1))
    D.attach_bodies(qms, out["chapters"] + ([out["policy"]] if out["policy"] else []))
    return out
