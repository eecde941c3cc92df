"""The ISO 9001 clause matrix: every clause -> where the QMS addresses it."""

from __future__ import annotations

from ...check.coverage import claims
from ...model.reference import is_within, iso_clauses
from .. import paths
from ..ctx import Ctx
from ..md import esc, front, html_esc, link, table


def pages(ctx: Ctx) -> dict[str, str]:
    return {paths.CLAUSES: matrix(ctx)}


def _where(claim: str, ctx: Ctx, here: str) -> str:
    """A claim as coverage.claims() writes it: 'MC cap. 4', a process id or a document code."""
    if claim.startswith("MC cap. "):
        number = claim.removeprefix("MC cap. ")
        target = paths.chapter(int(number)) if number.isdigit() else None
        return link(f"{ctx.t['chapter']} {number}", here, target)
    return ctx.ref(claim, here)


def matrix(ctx: Ctx) -> str:
    t, here = ctx.t, paths.CLAUSES
    claimed = claims(ctx.qms)
    excluded = {e.clause for e in ctx.qms.organisation.exclusions}
    rows = []
    for c in iso_clauses().values():
        who = claimed.get(c.id, [])
        if any(is_within(c.id, e) for e in excluded):
            where = f"*{esc(t['excluded'])}*"
        elif who:
            where = ", ".join(_where(w, ctx, here) for w in dict.fromkeys(who))
        elif c.parent and claimed.get(c.top):
            where = t["none"]  # covered through its parent clause
        else:
            where = f"**{esc(t['not_addressed'])}**"
        anchor = f'<span id="c-{html_esc(paths.anchor(c.id))}"></span>'
        title = esc(c.title(ctx.lang)) if c.titled else f"*{esc(t['untitled'])}*"
        marks = "<br>".join(esc(m.label()) for m in c.documented)
        rows.append([anchor + esc(c.id), title, marks, where])
    head = [esc(t[k]) for k in ("clause", "title", "doc_info", "addressed_by")]
    return (front(t["clauses"]) + f"# {esc(t['clauses'])}\n\n{esc(t['clauses_note'])}\n\n"
            + table(head, rows) + "\n")
