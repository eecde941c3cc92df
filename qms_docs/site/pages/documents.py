"""Controlled documents: one page per procedure, instruction and form; the document register."""

from __future__ import annotations

from ...model import Document
from .. import paths
from ..ctx import Ctx
from ..genmemo import memoized
from ..md import date, esc, front, join, link, strip_h1, table
from . import osgg


def pages(ctx: Ctx) -> dict[str, str]:
    out = {}
    for d in ctx.qms.documents:
        here = paths.document(d)
        out[here] = memoized(ctx.qms, here, d, lambda d=d: document_page(d, ctx))
    out[paths.REGISTER] = register(ctx)
    return out


def _meta(doc: Document, ctx: Ctx, here: str) -> str:
    t = ctx.t
    parts = []  # kind, edition, revision and dates are on the cover block above
    if doc.department:
        parts.append(f"**{esc(t['department'])}:** {esc(ctx.qms.department_name(doc.department))}")
    if doc.process:
        parts.append(f"**{esc(t['process'])}:** {ctx.ref(doc.process, here)}")
    if doc.parent:
        parts.append(f"**{esc(t['parent'])}:** {ctx.ref(doc.parent, here)}")
    return " · ".join(parts)


def _annex(doc: Document, ctx: Ctx, here: str) -> str:
    """Links the front matter declares (forms, records, clauses, OSGG standards, children)."""
    t = ctx.t
    children = ctx.children(doc.code)
    rows = [(t["forms_of"], ctx.refs(doc.forms, here)),
            (t["children"], ctx.refs(children, here)),
            (t["records_of"], join([link(r, here, paths.RECORDS, paths.anchor(r))
                                    for r in doc.records])),
            (t["iso"], join([link(c, here, paths.CLAUSES, "c-" + paths.anchor(c))
                             for c in doc.clauses])),
            (t["osgg"], join([str(n) for n in doc.osgg]))]
    return "\n".join(f"- **{esc(k)}:** {v}" for k, v in rows if v != t["none"])


def document_page(doc: Document, ctx: Ctx, here: str | None = None) -> str:
    here = here or paths.document(doc)
    title = f"{doc.code} {doc.title}"
    parts = [front(title) + f"# {esc(title)}", _not_yet(doc, ctx, here), osgg.cover(doc, ctx),
             _meta(doc, ctx, here),
             osgg.contents(doc, ctx), osgg.tables(doc, ctx),
             ctx.body(strip_h1(doc.body), here, own=doc.code, source=doc.where.file.rel)]
    if doc.is_procedure:
        parts.append(osgg.forms(doc, ctx))
    annex = _annex(doc, ctx, here)
    if annex:
        parts += ["---", annex]
    return "\n\n".join(p for p in parts if p) + "\n"


def _not_yet(doc: Document, ctx: Ctx, here: str) -> str:
    """A version dated after the build day says so first, and links to the one that applies
    meanwhile (its page of the document's versions, history/version_pages.py)."""
    day = ctx.today.isoformat()
    if not doc.effective_date or doc.effective_date <= day or here != paths.document(doc):
        return ""
    from ...history.inforce import IN_FORCE, pick, spans
    from ...history.version_pages import texts, version_path

    t, when = ctx.t, date(doc.effective_date, ctx.lang)
    now = pick(spans(ctx.qms).get(doc.code, []), day)
    if now is not None and now.state(day) == IN_FORCE:
        label = f"{t['edition']} {osgg.edition(ctx, now.edition)}, " \
            f"{t['revision'].lower()} {now.revision}"
        before, _, after = t["not_yet_body"].format(d=when, link="\0").partition("\0")
        known = (doc.code, now.edition, now.revision) in texts(ctx.qms)
        text = esc(before) + " " + link(label, here, version_path(
            doc.code, now.edition, now.revision) if known else None) + esc(after)
    else:
        text = esc(t["not_yet_none"].format(d=when))
    return f'!!! warning "{esc(t["not_yet"])}"\n\n    {text}'


def status(doc: Document, ctx: Ctx) -> str:
    """In force, or taking effect on a date, when its version is approved (the evidence);
    otherwise neaprobat / în curs de aprobare, whatever the effective date says."""
    if doc.approvals and any(a.status != "signed" for a in doc.approvals):
        pending = any(a.status == "signed" for a in doc.approvals)
        return ctx.t["status.in_approval" if pending else "status.unapproved"]
    if doc.effective_date and doc.effective_date > ctx.today.isoformat():
        return f"{ctx.t['status.pending']} {date(doc.effective_date, ctx.lang)}"
    return ctx.t["status.in_force"]


def _owner(doc: Document, ctx: Ctx) -> str:
    """The process owner's job function, else the document's department."""
    p = ctx.qms.process(doc.process) if doc.process else None
    if p and p.owner:
        return ctx.role(p.owner)
    return ctx.qms.department_name(doc.department) if doc.department else ""


def register(ctx: Ctx) -> str:
    t, here = ctx.t, paths.REGISTER
    rows = [[link(d.code, here, paths.document(d)), esc(d.title),
             esc(t.get("kind." + d.kind, d.kind)), esc(osgg.edition(ctx, d.edition)),
             str(d.revision),
             esc(date(d.effective_date, ctx.lang)), esc(_owner(d, ctx) or t["none"]),
             esc(status(d, ctx))]
            for d in sorted(ctx.qms.all_documents, key=lambda d: d.code)]
    # withdrawn documents stay in the register, as "retras" from their withdrawal date
    from ...approval.withdrawal import withdrawals_of

    for w in sorted(withdrawals_of(ctx.qms).values(), key=lambda d: d.code):
        rows.append([esc(w.code), esc(w.title), "", str(w.edition), str(w.revision),
                     esc(date(w.effective_date, ctx.lang)), "",
                     f"**{esc(t['status.retired'])}** {esc(date(w.effective_date, ctx.lang))}"])
    head = [t["code"], t["title"], t["kind"], t["edition"], t["revision"], t["effective"],
            t["owner"], t["status"]]
    return (front(t["register"]) + f"# {esc(t['register'])}\n\n"
            + table([esc(h) for h in head], rows, "lllrrlll") + "\n")
