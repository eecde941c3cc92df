"""Markdown of the comparison between assessment years."""

from __future__ import annotations

from fractions import Fraction

from .md import esc, labels, table
from .model import Assessment
from .reference import CafModel
from .stats import consensus, criterion_score, fmt, type_score


def _delta(old: Fraction | None, new: Fraction | None, lang: str, digits: int = 1) -> str:
    if old is None or new is None:
        return "–"
    d = new - old
    return ("+" if d > 0 else "") + fmt(d, lang, digits)


def compare_page(years: list[Assessment], ref: CafModel, lang: str) -> str:
    t = labels(lang)
    first, last = years[0], years[-1]
    head = [t["criterion"], *(str(a.year) for a in years),
            f"{t['difference']} {first.year}–{last.year}"]
    rows = []
    for c in ref.criteria:
        values = [criterion_score(a, ref, c.id) for a in years]
        rows.append([f"{esc(c.id)}. {esc(c.title(lang))}", *(fmt(v, lang) for v in values),
                     _delta(values[0], values[-1], lang)])
    for key, kind in (("enablers", "enabler"), ("results", "result"), ("total", None)):
        values = [type_score(a, ref, kind) for a in years]
        rows.append([f"**{t[key]}**", *(fmt(v, lang) for v in values),
                     _delta(values[0], values[-1], lang)])
    align = "l" + "r" * (len(years) + 1)
    out = [f"# {esc(t['compare'])}", "", f"## 1. {t['by_criterion']}", "",
           table(head, rows, align), "", f"![{t['compare_radar_alt']}](comparatie-radar.svg)", ""]
    rows = []
    for sid, sub in ref.subcriteria.items():
        values = [consensus(a, sid) for a in years]
        rows.append([esc(sid), esc(sub.title(lang)), *(fmt(v, lang, 0) for v in values),
                     _delta(values[0], values[-1], lang, 0)])
    out += [f"## 2. {t['by_sub']}", "", table([t["sub"], t["title"], *head[1:]], rows,
                                               "l" + align), ""]
    rows = []
    for a in years:
        live = [x for x in a.actions if x.status != "cancelled"]
        done = sum(x.status == "done" for x in live)
        rows.append([str(a.year), f"{done} {t['of']} {len(live)}"])
    out += [f"## 3. {t['closed']}", "", table([t["assessment"], t["closed"]], rows, "lr"), ""]
    return "\n".join(out).rstrip() + "\n"
