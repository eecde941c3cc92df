"""A controlled document's OSGG 600/2018 parts on its page: the cover data, the contents, the
three tables (numbered rows, a row of column numbers under tables 2 and 3) and, for procedures,
the three forms (changes, analysis by the departments consulted, distribution with the
withdrawal of superseded copies).

HTML tables rather than pipe tables: they carry the column-number row in their head and fixed
column widths (so the signature column is never cut); every value is escaped here and the page
is sanitised again after rendering."""

from __future__ import annotations

from markdown.extensions.toc import slugify

from ...model import Document
from ...model.editions import edition_number
from ..ctx import Ctx
from ..md import date, esc, html_esc

# the parts' anchors, for the contents
ANCHORS = {"t1": "qms-t1", "t2": "qms-t2", "t3": "qms-t3", "form_changes": "qms-f-changes",
           "form_analysis": "qms-f-analysis", "form_distribution": "qms-f-distribution"}


def edition(ctx: Ctx, n: int) -> str:
    return edition_number(n, ctx.qms.config.edition_numerals, ctx.lang)


def _table(head: list[str], rows: list[list[str]], widths: list[int], numbers: bool,
           cls: str = "", body: str | None = None, labels: list[str] | None = None) -> str:
    """An HTML table; cells are already escaped. widths: percentages of the columns. numbers:
    the row of column numbers under the header (0 for "Nr. crt.", 1, 2 ..., or `labels`);
    body: ready <tr> rows instead of `rows` (cells spanning rows)."""
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    top = "".join(f'<th scope="col">{h}</th>' for h in head)
    nums = labels if labels is not None else [str(i) for i in range(len(head))]
    nums = ("<tr class=\"qms-colnum\">" + "".join(f"<th>{i}</th>" for i in nums)
            + "</tr>") if numbers else ""
    if body is None:
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return (f'<div class="qms-osgg-wrap"><table class="qms-osgg {cls}"><colgroup>{cols}'
            f"</colgroup><thead><tr>{top}</tr>{nums}</thead><tbody>{body}</tbody></table></div>")


def _h(text: str, anchor: str) -> str:
    return f"## {esc(text)} {{ #{anchor} }}"


def cover(doc: Document, ctx: Ctx) -> str:
    """The cover page's data (pagina de gardă), as the block that opens the page."""
    t = ctx.t
    approver = next((a for a in doc.approvals if a.step == "approved"), None)
    lines = [f'<p class="qms-cover-kind">{html_esc(t.get("kind." + doc.kind, doc.kind))}</p>',
             f'<p class="qms-cover-code">{html_esc(t["code"])}: <strong>{html_esc(doc.code)}'
             f"</strong> · {html_esc(t['edition'])} {html_esc(edition(ctx, doc.edition))} · "
             f"{html_esc(t['revision'])} {doc.revision}</p>",
             f'<p>{html_esc(t["effective"])} {html_esc(date(doc.effective_date, ctx.lang))}'
             + (f" · {html_esc(t['copies'])}: {doc.copies}" if doc.copies else "") + "</p>"]
    if approver and (approver.name or approver.role):
        who = ", ".join(x for x in (ctx.role(approver.role), approver.name,
                                    date(approver.date, ctx.lang)) if x)
        lines.append(f"<p>{html_esc(t['approved'])}: {html_esc(who)}</p>")
    return f'<div class="qms-cover" markdown="0">{"".join(lines)}</div>'


def contents(doc: Document, ctx: Ctx) -> str:
    """The contents (cuprins): tables 1-3, the body's sections, the forms; each a link."""
    t = ctx.t
    items = [(t["t1"], ANCHORS["t1"]), (t["t2"], ANCHORS["t2"]), (t["t3"], ANCHORS["t3"])]
    items += [(text, slugify(text, "-")) for _, level, text in doc.headings if level == 2]
    if doc.is_procedure:
        items += [(t[k], ANCHORS[k]) for k in ("form_changes", "form_analysis",
                                               "form_distribution")]
    lines = "\n".join(f"- [{esc(text)}](#{anchor})" for text, anchor in items)
    return f"## {esc(t['toc'])} {{ #qms-contents }}\n\n{lines}"


def tables(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    return "\n\n".join([_h(t["t1"], ANCHORS["t1"]), _responsibles(doc, ctx),
                        _h(t["t2"], ANCHORS["t2"]), _revisions(doc, ctx),
                        _h(t["t3"], ANCHORS["t3"]), _distribution(doc, ctx)])


def forms(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    return "\n\n".join([_h(t["form_changes"], ANCHORS["form_changes"]), _changes(doc, ctx),
                        _h(t["form_analysis"], ANCHORS["form_analysis"]), _analysis(doc, ctx),
                        _h(t["form_distribution"], ANCHORS["form_distribution"]),
                        _distribution_form(doc, ctx)])


def _responsibles(doc: Document, ctx: Ctx) -> str:
    """Table 1 as OSGG 600/2018 lays it out (Nr. crt. / Elemente privind responsabilii/
    operațiunea / Numele și prenumele / Funcția / Data / Semnătura, the column numbers 1-5, rows
    1.1 Elaborat, 1.2 Verificat [, 1.3 Avizat], Aprobat last), one row per signer: a step with
    several signers has its number and label over all of them. From the evidence only: who
    signed, the function, the signing date, the kind of evidence and its fingerprint; an
    unsigned row says neaprobat / în curs de aprobare."""
    from ...approval import labels as L
    from ...model.documents import table1_rows

    t = ctx.t
    body = []
    for row in table1_rows(doc.approvals):
        a = row.approval
        span = f' rowspan="{row.span}"' if row.span > 1 else ""
        lead = (f"<td{span}>{row.number}</td><td{span}>{html_esc(t.get(a.step, a.step))}</td>"
                if row.span else "")
        cells = [html_esc(a.name) if a.status == "signed" else
                 f"<strong>{html_esc(L.status(a, ctx.lang))}</strong>",
                 html_esc(ctx.role(a.role) or t["none"]),
                 html_esc(date(a.date, ctx.lang) or t["none"]),
                 html_esc(L.evidence(a, ctx.lang) or t["none"])]
        body.append(f"<tr>{lead}"
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = [html_esc(t[k]) for k in ("nr", "operations", "name", "function", "date",
                                     "signature")]
    return _table(head, [], [7, 16, 21, 23, 13, 20], True, "qms-t1", "".join(body),
                  ["", "1", "2", "3", "4", "5"])


def _version(ctx: Ctx, ed: int, rev: int) -> str:
    label = f"{ctx.t['edition']} {edition(ctx, ed)}"
    return label if rev == 0 else f"{label}, {ctx.t['revision'].lower()} {rev}"


def _revisions(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    rows = [[f"2.{i}", html_esc(_version(ctx, r.edition, r.revision)),
             html_esc(r.component or t["none"]), html_esc(r.description or t["none"]),
             html_esc(date(r.date, ctx.lang) or t["none"])]
            for i, r in enumerate(doc.revisions, 1)]
    head = [html_esc(t[k]) for k in ("nr", "edition_revision", "component", "how_revised",
                                     "applies_from")]
    return _table(head, rows or [[html_esc(t["none"])] * 5], [7, 16, 18, 45, 14], True)


def _name(ctx: Ctx, person: str, role: str, day: str) -> str:
    """The person named, else the holder of the function on day (the people registry)."""
    p = ctx.qms.who(person, day) if person else (ctx.qms.who(role, day) if day else None)
    return p.name if p else (ctx.holder(role) if not ctx.qms.people else "")


def _distribution(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    rows = [[f"3.{i}", html_esc(r.purpose), str(r.copy or ""),
             html_esc(ctx.qms.department_name(r.department) if r.department else t["none"]),
             html_esc(ctx.role(r.role)),
             html_esc(_name(ctx, r.person, r.role, r.received or doc.effective_date)),
             html_esc(date(r.received, ctx.lang)), ""]
            for i, r in enumerate(doc.distribution, 1)]
    head = [html_esc(t[k]) for k in ("nr", "purpose", "copy_no", "department", "function",
                                     "name", "received", "signature")]
    return _table(head, rows or [[html_esc(t["none"])] * 8], [6, 10, 6, 19, 18, 16, 11, 14],
                  True)


def _changes(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    rows = [[str(i), html_esc(edition(ctx, r.edition)), str(r.revision),
             html_esc(date(r.date, ctx.lang)), html_esc(r.component or t["none"]),
             html_esc(r.description or t["none"]), ""]
            for i, r in enumerate(doc.revisions, 1)]
    head = [html_esc(t[k]) for k in ("nr", "edition", "revision", "applies_from", "component",
                                     "change", "head_signature")]
    return _table(head, rows or [[html_esc(t["none"])] * 7], [6, 9, 8, 12, 17, 33, 15], True)


def _analysis(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    if not doc.analysis:
        return esc(t["analysis_none"])
    rows = []
    for i, o in enumerate(doc.analysis, 1):
        who = _name(ctx, o.person, o.role, o.date)
        accepted = "" if o.accepted is None else t["yes"] if o.accepted else t["no"]
        rows.append([str(i), html_esc(ctx.qms.department_name(o.department)),
                     html_esc(", ".join(x for x in (who, ctx.role(o.role)) if x)),
                     html_esc(date(o.date, ctx.lang)),
                     html_esc(t.get("opinion." + o.opinion, o.opinion)),
                     html_esc(o.observations or t["none"]), html_esc(accepted or t["none"]), ""])
    head = [html_esc(t[k]) for k in ("nr", "consulted", "name_function", "date", "opinion",
                                     "observations", "accepted", "signature")]
    return _table(head, rows, [6, 17, 19, 11, 10, 19, 8, 10], True)


def _distribution_form(doc: Document, ctx: Ctx) -> str:
    t = ctx.t
    rows = [[str(i), str(r.copy or ""),
             html_esc(ctx.qms.department_name(r.department) if r.department else t["none"]),
             html_esc(ctx.role(r.role)),
             html_esc(_name(ctx, r.person, r.role, r.received or doc.effective_date)),
             html_esc(date(r.received, ctx.lang)), "", html_esc(date(r.withdrawn, ctx.lang)),
             ""] for i, r in enumerate(doc.distribution, 1)]
    head = [html_esc(t[k]) for k in ("nr", "copy_no", "department", "function", "name",
                                     "received", "signature", "withdrawn", "signature")]
    return _table(head, rows or [[html_esc(t["none"])] * 9], [5, 5, 16, 16, 15, 10, 11, 11, 11],
                  True)
