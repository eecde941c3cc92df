"""Processes: the list, the map (SVG, inlined by the plugin), and one page per process."""

from __future__ import annotations

from ...model import Process
from .. import paths
from ..ctx import Ctx
from ..md import bullets, date, esc, front, link, table

MAP_MARKER = "{{qms-svg process-map}}"
TYPES = ("management", "core", "support")


def pages(ctx: Ctx) -> dict[str, str]:
    out = {paths.process(p.id): process_page(p, ctx) for p in ctx.qms.processes}
    out[paths.PROCESS_LIST] = process_list(ctx)
    out[paths.PROCESS_MAP] = process_map(ctx)
    return out


def process_map(ctx: Ctx) -> str:
    t = ctx.t
    return (front(t["process_map"], wide=True) + f"# {esc(t['process_map'])}\n\n"
            f"{esc(t['map_help'])}\n\n{MAP_MARKER}\n")


def process_list(ctx: Ctx) -> str:
    t, here = ctx.t, paths.PROCESS_LIST
    out = [front(t["process_list"]) + f"# {esc(t['process_list'])}",
           link(t["process_map"], here, paths.PROCESS_MAP)]
    for kind in TYPES:
        members = [p for p in ctx.qms.processes if p.type == kind]
        if not members:
            continue
        rows = [[link(p.id, here, paths.process(p.id)), esc(p.name), esc(ctx.role(p.owner)),
                 "<br>".join(esc(i) for i in p.inputs) or t["none"],
                 "<br>".join(esc(o) for o in p.outputs) or t["none"],
                 "<br>".join(esc(i.name) for i in p.indicators) or t["none"]]
                for p in members]
        out += [f"## {esc(t['type.' + kind])}",
                table([esc(t[k]) for k in ("code", "process", "owner", "inputs", "outputs",
                                           "indicators")], rows)]
    return "\n\n".join(out) + "\n"


def _section(title: str, body: str) -> list[str]:
    return [f"## {esc(title)}", body] if body else []


def process_page(p: Process, ctx: Ctx) -> str:
    t, here = ctx.t, paths.process(p.id)
    title = f"{p.id} {p.name}"
    holder = ctx.holder(p.owner)
    owner = esc(ctx.role(p.owner)) + (f" ({esc(holder)})" if holder else "")
    fed_by = [q.id for q in ctx.qms.processes if p.id in q.feeds]
    out = [front(title) + f"# {esc(title)}",
           f"**{esc(t['type'])}:** {esc(t['type.' + p.type] if p.type in TYPES else p.type)} · "
           f"**{esc(t['owner'])}:** {owner}"
           + (f" · **{esc(t['department'])}:** {esc(ctx.qms.department_name(p.department))}"
              if p.department else ""),
           ctx.body(esc(p.purpose), here, own=p.id) if p.purpose else ""]
    out += _section(t["inputs"], bullets(p.inputs))
    out += _section(t["outputs"], bullets(p.outputs))
    out += _section(t["customers"], bullets(p.customers))
    out += _section(t["indicators"], _indicators(p, ctx))
    out += _section(t["feeds"], ctx.refs(p.feeds, here) if p.feeds else "")
    out += _section(t["fed_by"], ctx.refs(fed_by, here) if fed_by else "")
    out += _section(t["procedures"], _documents(p, ctx, here))
    out += _section(t["risks"], _risks(p, ctx, here))
    out += _section(t["objectives"], _objectives(p, ctx, here))
    out += _section(t["iso"], ", ".join(link(c, here, paths.CLAUSES, "c-" + paths.anchor(c))
                                        for c in p.clauses))
    return "\n\n".join(x for x in out if x) + "\n"


def _indicators(p: Process, ctx: Ctx) -> str:
    t = ctx.t
    if not p.indicators:
        return ""
    return table([esc(t["indicator"]), esc(t["target"]), esc(t["frequency"])],
                 [[esc(i.name), esc(i.target or t["none"]), esc(i.frequency or t["none"])]
                  for i in p.indicators])


def _documents(p: Process, ctx: Ctx, here: str) -> str:
    return "\n".join(f"- {link(d.code, here, paths.document(d))} {esc(d.title)}"
                     for d in ctx.docs_of(p.id))


def _risks(p: Process, ctx: Ctx, here: str) -> str:
    t = ctx.t
    rows = [[link(r.id, here, paths.RISKS, paths.anchor(r.id)), esc(r.description),
             str(r.score), esc(t["level." + r.level])]
            for r in ctx.qms.risks if r.process == p.id]
    return table([esc(t["risk"]), esc(t["description"]), esc(t["score"]), esc(t["status"])],
                 rows) if rows else ""


def _objectives(p: Process, ctx: Ctx, here: str) -> str:
    t = ctx.t
    rows = [[link(o.id, here, paths.OBJECTIVES, paths.anchor(o.id)), esc(o.objective),
             esc(o.target), esc(date(o.deadline, ctx.lang))]
            for o in ctx.qms.objectives if o.process == p.id]
    return table([esc(t["code"]), esc(t["objective"]), esc(t["target"]), esc(t["deadline"])],
                 rows) if rows else ""
