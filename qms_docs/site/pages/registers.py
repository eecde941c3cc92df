"""The YAML registers as pages: context, interested parties, risks, objectives, records."""

from __future__ import annotations

from .. import paths
from ..ctx import Ctx
from ..md import date, esc, front, html_esc, link, table

HEAT_MARKER = "{{qms-svg risk-heat-map}}"
HEAT_RESIDUAL_MARKER = "{{qms-svg risk-heat-map-residual}}"


def pages(ctx: Ctx) -> dict[str, str]:
    return {paths.CONTEXT: context(ctx), paths.PARTIES: parties(ctx), paths.RISKS: risks(ctx),
            paths.OBJECTIVES: objectives(ctx), paths.RECORDS: records(ctx)}


def anchor(value: str) -> str:
    """An in-cell anchor so that other pages can link to a row."""
    return f'<span id="{html_esc(paths.anchor(value))}"></span>{esc(value)}'


def _page(title: str, *parts: str) -> str:
    body = "\n\n".join(p for p in parts if p)
    return front(title, wide=True) + f"# {esc(title)}\n\n{body}\n"


def context(ctx: Ctx) -> str:
    t, here = ctx.t, paths.CONTEXT
    parts = []
    for kind in ("internal", "external"):
        rows = [[anchor(c.id), esc(t.get("cat." + c.category, c.category)), esc(c.description),
                 ctx.refs(c.processes, here),
                 ", ".join(link(r, here, paths.RISKS, paths.anchor(r)) for r in c.risks)
                 or t["none"]]
                for c in ctx.qms.context if c.type == kind]
        if rows:
            parts += [f"## {esc(t[kind]).capitalize()}",
                      table([esc(t[k]) for k in ("code", "category", "description", "processes",
                                                 "risks_short")], rows)]
    return _page(t["context"], *parts)


def parties(ctx: Ctx) -> str:
    t, here = ctx.t, paths.PARTIES
    rows = [[anchor(p.id), esc(p.name), esc(t.get(p.type, p.type)),
             "<br>".join(esc(n) for n in p.needs) or t["none"],
             "<br>".join(esc(e) for e in p.expectations) or t["none"],
             esc(p.monitoring or t["none"]), ctx.refs(p.processes, here)]
            for p in ctx.qms.parties]
    head = ("code", "name", "type", "needs", "expectations", "monitoring", "processes")
    return _page(t["parties"], table([esc(t[k]) for k in head], rows))


def risks(ctx: Ctx) -> str:
    t, here = ctx.t, paths.RISKS
    ordered = sorted(ctx.qms.risks, key=lambda r: (-r.score, r.id))
    rows = [[anchor(r.id) + (f" ({esc(t['opportunity'])})" if r.type == "opportunity" else ""),
             ctx.ref(r.process, here), esc(r.description), str(r.probability), str(r.impact),
             f'<span class="qms-level qms-{r.level}" title="{esc(t["level." + r.level])}">'
             f"{r.score}</span>",
             f"**{esc(r.strategy)}:** {esc(r.treatment)}" if r.strategy else esc(r.treatment),
             esc(ctx.role(r.owner)), esc(date(r.review_date, ctx.lang)),
             str(r.residual_score) if r.has_residual else t["none"]]
            for r in ordered]
    head = ("risk", "process", "description", "p", "i", "score", "treatment", "owner",
            "review", "residual")
    maps = [f"## {esc(t['heatmap'])}", HEAT_MARKER]
    if any(r.has_residual for r in ctx.qms.risks if r.type == "risk"):
        maps += [f"## {esc(t['heatmap_residual'])}", HEAT_RESIDUAL_MARKER]
    return _page(t["risks"], *maps, f"## {esc(t['risks'])}",
                 table([esc(t[k]) for k in head], rows, "lllrrrlllr"))


def objectives(ctx: Ctx) -> str:
    t, here = ctx.t, paths.OBJECTIVES
    rows = [[anchor(o.id), esc(o.objective), ctx.ref(o.process, here), esc(o.indicator),
             esc(o.target), esc(date(o.deadline, ctx.lang)), esc(ctx.role(o.owner)),
             esc(o.resources or t["none"]), esc(o.result or t["none"])]
            for o in ctx.qms.objectives]
    head = ("code", "objective", "process", "indicator", "target", "deadline", "owner",
            "resources", "result")
    return _page(t["objectives"], table([esc(t[k]) for k in head], rows))


def records(ctx: Ctx) -> str:
    t, here = ctx.t, paths.RECORDS
    rows = [[anchor(r.id), esc(r.name), ctx.ref(r.produced_by, here), esc(ctx.role(r.kept_by)),
             esc(r.location), esc(r.retention),
             ", ".join(link(c, here, paths.CLAUSES, "c-" + paths.anchor(c)) for c in r.clauses)
             or t["none"]]
            for r in ctx.qms.records]
    head = ("code", "record", "produced_by", "kept_by", "location", "retention", "iso")
    return _page(t["records"], table([esc(t[k]) for k in head], rows))
