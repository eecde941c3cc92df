"""Report PDFs: the report pages of the feature modules (CAF self-assessment reports,
improvement plans, comparison; audit reports, checklists, findings register, actions dashboard,
management review inputs, training; the SCIM's decisions, commission, meetings, programmes, risk
registers, plan of control measures, procedural activities, sensitive functions, questionnaires,
synthetic situation and report), one PDF each, under `rapoarte/`.

The modules give the site's Markdown (every value already escaped) and SVG assets. The Markdown
goes through the same pandoc route as document bodies, in images mode: an image whose relative
path resolves to an asset key keeps that key, any other image becomes its description. The SVGs
themselves travel in the template data, so Typst reads no file a page names.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..model import QMS
from . import data as D
from .markdown import dialect_of, min_heading_level, to_typst
from .strings import strings

FOLDER = "rapoarte"
TEMPLATE = "report.typ"
# Site pages that are indexes (links to the reports), not reports.
SKIP = {"caf/index.md", "audit/index.md"}
LANDSCAPE_COLUMNS = 10  # a page with a table this wide is typeset landscape
LARGE_BODY = 100_000  # Typst markup of a report typeset in a child process (pdf/build.py)


@dataclass
class Report:
    key: str  # the site page, e.g. caf/2026/raport.md
    name: str  # the PDF, e.g. caf-2026-raport.pdf
    title: str
    data: dict[str, Any]


def pdf_name(key: str) -> str:
    """caf/2026/raport.md → caf-2026-raport.pdf."""
    stem = key[:-3] if key.endswith(".md") else key
    parts = [re.sub(r"[^A-Za-z0-9._-]+", "-", p).strip("-.") for p in stem.split("/")]
    return "-".join(p for p in parts if p) + ".pdf"


def sources(qms: QMS, today: dt.date) -> tuple[dict[str, str], dict[str, bytes]]:
    """(report page → Markdown, asset key → bytes) of every feature module."""
    from ..audit import pages as audit_pages
    from ..caf import pages as caf_pages
    from ..scim import pages as scim_pages

    lang = qms.config.language
    pages = {**caf_pages.pages(qms, lang), **audit_pages.pages(qms, lang, today=today),
             **scim_pages.reports(qms, lang, today=today)}
    assets = {**caf_pages.assets(qms), **audit_pages.assets(qms), **scim_pages.assets(qms)}
    return {k: v for k, v in pages.items() if k not in SKIP}, assets


def split_title(md: str) -> tuple[str, str]:
    """(plain title from the first level-1 heading, the Markdown without it). A page's YAML
    front matter (title, wide layout: site matters only) is dropped first."""
    lines = md.splitlines()
    if lines and lines[0] == "---" and "---" in lines[1:]:
        lines = lines[lines.index("---", 1) + 1:]
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if line.startswith("# "):
            return html.unescape(line[2:].strip().rstrip("#").strip()), "\n".join(lines[i + 1:])
        break
    return "", md


def max_columns(md: str) -> int:
    """Columns of the widest pipe table (header rows followed by a delimiter row)."""
    lines = md.splitlines()
    widest = 0
    for head, rule in zip(lines, lines[1:], strict=False):
        if head.lstrip().startswith("|") and re.fullmatch(r"\s*\|(\s*:?-+:?\s*\|)+\s*", rule):
            widest = max(widest, rule.count("|") - 1)
    return widest


def report_date(epoch: int, lang: str) -> str:
    day = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    return day.isoformat() if lang == "en" else day.strftime("%d.%m.%Y")


def reports(qms: QMS, copy: str, epoch: int) -> list[Report]:
    """Template data of every report page, bodies converted (one pandoc run per page folder)."""
    lang = qms.config.language
    today = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    pages, raw_assets = sources(qms, today)
    svgs: dict[str, str] = {}
    for k, v in sorted(raw_assets.items()):
        if k.endswith(".svg"):
            try:
                svgs[k] = v.decode("utf-8")
            except UnicodeDecodeError:
                continue
    keys = tuple(sorted(svgs))
    out: list[Report] = []
    folders: dict[str, list[Report]] = {}
    for key in sorted(pages):
        title, body = split_title(pages[key])
        title = title or posixpath.splitext(key)[0]
        item = dict(D.base(qms, copy), t=strings(lang))
        item["report"] = {"key": key, "title": title, "date": report_date(epoch, lang),
                          "landscape": max_columns(body) >= LANDSCAPE_COLUMNS}
        item["offset"] = 1 - min_heading_level(body)
        item["body_md"] = body
        rep = Report(key, pdf_name(key), title, item)
        out.append(rep)
        folders.setdefault(posixpath.dirname(key), []).append(rep)
    groups = list(folders.items())
    bodies = [[(r.key, r.data.pop("body_md")) for r in reps] for _, reps in groups]
    dialect = dialect_of(qms.config.root)
    # one pandoc run per folder (images resolve from it), the runs side by side
    with ThreadPoolExecutor(max(1, min(8, len(groups)))) as pool:
        converted = list(pool.map(lambda g: to_typst(g[1], images=(g[0], keys),
                                                          dialect=dialect),
                                  [(folder, b) for (folder, _), b in zip(groups, bodies,
                                                                          strict=True)]))
    for (_, reps), markups in zip(groups, converted, strict=True):
        for r, markup in zip(reps, markups, strict=True):
            r.data["body"] = markup
            # only the assets the page shows travel with it
            r.data["assets"] = {k: svgs[k] for k in keys if f'image("{k}")' in markup}
            r.data["asset_alts"] = {k: svg_alt(v) for k, v in r.data["assets"].items()}
    return out


_TITLE = re.compile(r"<(title|desc)\b[^>]*>(.*?)</\1>", re.S)


def svg_alt(svg: str) -> str:
    """The alternative text of a drawing: its own <title> and <desc> (the first of each)."""
    found: dict[str, str] = {}
    for tag, text in _TITLE.findall(svg):
        found.setdefault(tag, html.unescape(" ".join(text.split())))
    return ". ".join(x for x in (found.get("title"), found.get("desc")) if x)
