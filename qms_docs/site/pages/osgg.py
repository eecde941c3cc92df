"""The three OSGG 600 tables that precede the sections of every controlled document."""

from __future__ import annotations

from ...model import Document
from ..ctx import Ctx
from ..md import date, esc, table


def tables(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    return "\n\n".join([f"## {esc(t['t1'])}", _responsibles(doc, ctx),
                        f"## {esc(t['t2'])}", _revisions(doc, ctx),
                        f"## {esc(t['t3'])}", _distribution(doc, ctx)])


def _responsibles(doc: Document, ctx: Ctx) -> str:
    """Table 1 from the evidence only: who signed, the function, the signing date, the kind of
    evidence and its fingerprint; an unsigned row says neaprobat / în curs de aprobare."""
    from ...approval import labels as L

    t = ctx.t
    rows = [[esc(t.get(a.step, a.step)),
             esc(a.name) if a.status == "signed" else f"**{esc(L.status(a, ctx.lang))}**",
             esc(ctx.role(a.role) or t["none"]),
             esc(date(a.date, ctx.lang) or t["none"]), esc(L.evidence(a, ctx.lang) or t["none"])]
            for a in doc.approvals]
    return table([t["operation"], t["name"], t["function"], t["date"], t["signature"]], rows)


def _revisions(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    rows = [[f"{r.edition} / {r.revision}", esc(r.component or t["none"]),
             esc(r.description or t["none"]), esc(date(r.date, ctx.lang) or t["none"])]
            for r in doc.revisions]
    return table([t["edition_revision"], t["component"], t["how_revised"], t["applies_from"]],
                 rows or [[t["none"]] * 4])


def _distribution(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    rows = [[esc(r.purpose), str(r.copy or ""),
             esc(ctx.qms.department_name(r.department) if r.department else t["none"]),
             esc(ctx.role(r.role)), esc(ctx.holder(r.role)), "", ""]
            for r in doc.distribution]
    return table([t["purpose"], t["copy"], t["department"], t["function"], t["name"],
                  t["received"], t["signature"]], rows or [[t["none"]] * 7])
