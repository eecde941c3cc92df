"""What the site and PDF renderers take from the caf module.

- `pages(qms, lang)`: site-relative path -> Markdown, e.g. "caf/2026/raport.md";
- `assets(qms)`: site-relative path -> bytes, e.g. "caf/2026/radar.svg" (referenced from the
  Markdown by a relative link).
Every value taken from the content is escaped; output is deterministic (no clock, stable order).
"""

from __future__ import annotations

from ..model import QMS
from .compare import compare_page
from .md import esc, labels, status
from .model import Assessment, build
from .plan_page import plan_page
from .radar import radar
from .reference import CafModel
from .reference import model as caf_model
from .report import report
from .stats import criterion_score, fmt


def pages(qms: QMS, lang: str = "ro") -> dict[str, str]:
    ref = caf_model()
    years = build(qms).assessments
    if not years:
        return {}
    out = {"caf/index.md": _index(years, lang)}
    for a in years:
        out[f"caf/{a.year}/raport.md"] = report(qms, a, ref, lang)
        if a.plan:
            out[f"caf/{a.year}/plan.md"] = plan_page(qms, a, lang)
    scored = _scored(years)
    if len(scored) > 1:
        out["caf/comparatie.md"] = compare_page(scored, ref, lang)
    return out


def assets(qms: QMS) -> dict[str, bytes]:
    ref = caf_model()
    lang = qms.config.language
    t = labels(lang)
    years = build(qms).assessments
    axes = [f"{c.id}. {c.title(lang)}" for c in ref.criteria]
    out = {}
    for a in years:
        out[f"caf/{a.year}/radar.svg"] = radar(t["radar_title"].format(years=a.year), axes,
                                               [(f"CAF {a.year}", _values(a, ref))],
                                               _desc(a, ref, lang))
    scored = _scored(years)
    if len(scored) > 1:
        title = t["radar_title"].format(years=", ".join(str(a.year) for a in scored))
        out["caf/comparatie-radar.svg"] = radar(
            title, axes, [(f"CAF {a.year}", _values(a, ref)) for a in scored],
            "; ".join(_desc(a, ref, lang) for a in scored))
    return out


def _scored(years: list[Assessment]) -> list[Assessment]:
    return [a for a in years if a.consensus is not None]


def _values(a: Assessment, ref: CafModel) -> list[float | None]:
    return [None if (v := criterion_score(a, ref, c.id)) is None else float(v)
            for c in ref.criteria]


def _desc(a: Assessment, ref: CafModel, lang: str) -> str:
    return f"CAF {a.year}: " + ", ".join(f"{c.id} = {fmt(criterion_score(a, ref, c.id), lang)}"
                                         for c in ref.criteria)


def _index(years: list[Assessment], lang: str) -> str:
    t = labels(lang)
    out = [f"# {esc(t['index'])}", ""]
    for a in reversed(years):
        links = [f"[{t['report_link']}]({a.year}/raport.md)"]
        if a.plan:
            links.append(f"[{t['plan_link']}]({a.year}/plan.md)")
        out.append(f"- **CAF {a.year}** ({esc(status(a.status, lang))}): " + " · ".join(links))
    if len(_scored(years)) > 1:
        out += ["", f"[{t['compare']}](comparatie.md)"]
    return "\n".join(out) + "\n"
