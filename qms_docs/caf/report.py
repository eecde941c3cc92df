"""Markdown of "Raport de autoevaluare CAF <year>"."""

from __future__ import annotations

from ..model import QMS
from .md import date, esc, labels, status, table
from .model import Assessment
from .reference import CafModel
from .stats import criterion_score, fmt, spread, type_score


def report(qms: QMS, a: Assessment, ref: CafModel, lang: str) -> str:
    t = labels(lang)
    parts = [f"# {esc(t['report'].format(year=a.year))}", ""]
    if a.title:
        parts += [f"*{esc(a.title)}*", ""]
    parts += _general(qms, a, t, lang)
    parts += _criteria(a, ref, t, lang)
    parts += _subcriteria(a, ref, t, lang)
    parts += _findings(a, ref, t, lang)
    parts += _panels(ref, t, lang)
    return "\n".join(parts).rstrip() + "\n"


def _general(qms: QMS, a: Assessment, t: dict[str, str], lang: str) -> list[str]:
    leader = a.evaluator(a.leader)
    out = [f"## 1. {t['general']}", "",
           f"- **{t['period']}:** {esc(date(a.start, lang))} – {esc(date(a.end, lang))}",
           f"- **{t['scoring']}:** {esc(t.get(a.scoring, a.scoring))}",
           f"- **{t['status']}:** {esc(status(a.status, lang))}"]
    if leader:
        out.append(f"- **{t['leader']}:** {esc(leader.name)} "
                   f"({esc(qms.role_name(leader.function))})")
    if a.sponsor:
        out.append(f"- **{t['sponsor']}:** {esc(qms.role_name(a.sponsor))}")
    if a.scope:
        out.append(f"- **{t['scope']}:** {esc(a.scope)}")
    rows = [[str(i), esc(e.name), esc(qms.role_name(e.function)),
             t["yes"] if a.sheet(e.id) else t["missing"]] for i, e in enumerate(a.group, 1)]
    out += ["", f"### {t['group']}", "",
            table([t["no"], t["evaluator"], t["function"], t["sheet"]], rows, "rlll"), ""]
    if a.training:
        names = {e.id: e.name for e in a.group}
        rows = [[esc(date(s.date, lang)), esc(s.topic), _hours(s.hours, lang),
                 esc(s.trainer) or t["none"],
                 f"{len(s.attendees)}/{len(a.group)}: "
                 + esc(", ".join(names.get(x, x) for x in s.attendees))]
                for s in sorted(a.training, key=lambda s: s.date)]
        out += [f"### {t['training']}", "",
                table([t["date"], t["topic"], t["hours"], t["trainer"], t["attendees"]], rows,
                      "llrll"), ""]
    return out


def _criteria(a: Assessment, ref: CafModel, t: dict[str, str], lang: str) -> list[str]:
    rows = [[f"{esc(c.id)}. {esc(c.title(lang))}", esc(t.get(c.type, c.type)),
             fmt(criterion_score(a, ref, c.id), lang), str(len(c.subcriteria))]
            for c in ref.criteria]
    ids = {k: ", ".join(c.id for c in ref.criteria if c.type == k) for k in ("enabler", "result")}
    groups = [[t["enablers"], esc(ids["enabler"]), fmt(type_score(a, ref, "enabler"), lang)],
              [t["results"], esc(ids["result"]), fmt(type_score(a, ref, "result"), lang)],
              [f"**{t['total']}**", esc(", ".join(c.id for c in ref.criteria)),
               f"**{fmt(type_score(a, ref, None), lang)}**"]]
    return [f"## 2. {t['by_criterion']}", "",
            table([t["criterion"], t["type"], t["score"], t["subcount"]], rows, "llrr"), "",
            f"### {t['groups']}", "",
            table([t["group_col"], t["criteria"], t["score"]], groups, "llr"), "",
            t["method_note"], "",
            f"![{t['radar_alt']}](radar.svg)", ""]


def _subcriteria(a: Assessment, ref: CafModel, t: dict[str, str], lang: str) -> list[str]:
    rows = []
    for sid, sub in ref.subcriteria.items():
        agreed = a.agreed(sid)
        sp = spread(a, sid)
        stats = ([str(sp.n), fmt(sp.low, lang), fmt(sp.high, lang), fmt(sp.mean, lang),
                  fmt(sp.std, lang)] if sp else ["0"] + [t["none"]] * 4)
        rows.append([esc(sid), esc(sub.title(lang)),
                     str(agreed.score) if agreed and agreed.score is not None else t["none"],
                     *stats])
    head = [t["sub"], t["title"], t["consensus"], t["n"], t["min"], t["max"], t["mean"],
            t["std"]]
    return [f"## 3. {t['by_sub']}", "", table(head, rows, "llrrrrrr"), "", t["spread_note"], ""]


def _findings(a: Assessment, ref: CafModel, t: dict[str, str], lang: str) -> list[str]:
    out = [f"## 4. {t['findings']}", ""]
    for sid, sub in ref.subcriteria.items():
        agreed = a.agreed(sid)
        if agreed is None:
            continue
        actions = [x.id for x in a.actions if sid in x.subcriteria]
        out += [f"### {esc(sid)} {esc(sub.title(lang))}", "",
                f"**{t['consensus']}:** {agreed.score if agreed.score is not None else '–'}", ""]
        if agreed.justification:
            out += [f"*{t['justification']}:* {esc(agreed.justification)}", ""]
        for key, values in (("strengths", agreed.strengths),
                            ("improvements", agreed.improvements)):
            if values:
                out += [f"**{t[key]}**", ""] + [f"- {esc(v)}" for v in values] + [""]
        if actions:
            out += [f"**{t['actions_for']}:** {esc(', '.join(actions))}", ""]
    return out


def _panels(ref: CafModel, t: dict[str, str], lang: str) -> list[str]:
    """Annex: what each band means, so readers can interpret the scores."""
    out = [f"## 5. {t['panels']}", ""]
    enablers = [[f"{r.low}–{r.high}", esc(r.phase), esc(r.description(lang))]
                for r in ref.panels.get("enabler", ())]
    results = [[f"{r.low}–{r.high}", esc(r.description(lang))]
               for r in ref.panels.get("result", ())]
    if enablers:
        out += [f"### {t['enablers']}", "",
                table([t["band"], t["phase"], t["meaning"]], enablers), ""]
    if results:
        out += [f"### {t['results']}", "", table([t["band"], t["meaning"]], results), ""]
    return out


def _hours(hours: float, lang: str) -> str:
    return str(int(hours)) if hours == int(hours) else fmt(hours, lang)
