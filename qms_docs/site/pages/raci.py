"""The QMS responsibility matrix by job function and level: an HTML grid with header cells.

HTML rather than a pipe table because it needs a two-row header (level, then job function)
and row headers; every value is escaped here and the page is sanitised again after rendering.
"""

from __future__ import annotations

from ...model import Activity, Role
from .. import paths
from ..ctx import Ctx
from ..md import esc, front, html_esc, rel

LEVELS = ("conducere", "execuție")


def pages(ctx: Ctx) -> dict[str, str]:
    return {paths.RACI: matrix(ctx)}


def _columns(ctx: Ctx) -> list[Role]:
    """Job functions that appear in the matrix, management level first, in roles.yml order."""
    used = {rid for a in ctx.qms.activities for rid in a.raci}
    roles = [r for r in ctx.qms.roles if r.id in used]
    known = {r.id for r in roles}
    order = {lvl: i for i, lvl in enumerate(LEVELS)}
    roles.sort(key=lambda r: order.get(r.level, len(LEVELS)))
    # Ids not in roles.yml are check errors, but show them rather than hide a responsibility.
    extra = sorted(used - known)
    return roles + [Role(rid, rid, "", "", "", "", None) for rid in extra]  # type: ignore[arg-type]


def _head(roles: list[Role], ctx: Ctx) -> str:
    t = ctx.t
    groups: list[tuple[str, int]] = []
    for r in roles:
        if groups and groups[-1][0] == r.level:
            groups[-1] = (r.level, groups[-1][1] + 1)
        else:
            groups.append((r.level, 1))
    top = "".join(f'<th scope="colgroup" colspan="{n}">{html_esc(t.get("level." + lvl, lvl))}'
                  f"</th>" for lvl, n in groups)
    names = "".join(f'<th scope="col" class="qms-raci-role" title="{html_esc(r.holder)}">'
                    f"<span>{html_esc(r.name)}</span></th>" for r in roles)
    return (f'<thead><tr><th scope="col" rowspan="2">{html_esc(t["activity"])}</th>{top}</tr>'
            f"<tr>{names}</tr></thead>")


def _row(a: Activity, roles: list[Role], ctx: Ctx) -> str:
    doc = ctx.targets.get(a.document)
    ref = (f' (<a href="{html_esc(rel(paths.RACI, doc))}">{html_esc(a.document)}</a>)'
           if doc else (f" ({html_esc(a.document)})" if a.document else ""))
    cells = []
    for r in roles:
        v = a.raci.get(r.id, "")
        cls = f' class="qms-raci-{v.lower()}"' if v in ("R", "A", "C", "I") else ""
        tip = f' title="{html_esc(r.name)}: {html_esc(v)}"' if v else ""
        cells.append(f"<td{cls}{tip}>{html_esc(v)}</td>")
    return (f'<tr><th scope="row"><span id="{html_esc(paths.anchor(a.id))}"></span>'
            f"{html_esc(a.id)} {html_esc(a.activity)}{ref}</th>{''.join(cells)}</tr>")


def matrix(ctx: Ctx) -> str:
    t = ctx.t
    roles = _columns(ctx)
    body = "".join(_row(a, roles, ctx) for a in ctx.qms.activities)
    grid = (f'<div class="qms-raci-wrap"><table class="qms-raci-grid">{_head(roles, ctx)}'
            f"<tbody>{body}</tbody></table></div>")
    legend = ('<p class="qms-raci-legend">' + " ".join(
        f'<span class="qms-badge qms-raci-{k.lower()}">{k}</span>' for k in "RACI")
        + f" {html_esc(t['raci_legend'])}</p>")
    return front(t["raci"], wide=True) + f"# {esc(t['raci'])}\n\n{legend}\n\n{grid}\n"
