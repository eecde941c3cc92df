"""The navigation, built from the model so that section titles read well and large sections
are split into chunks (MkDocs renders the nav on every page: 1,000 siblings would be slow)."""

from __future__ import annotations

import html

from ..model import Document
from . import paths
from .ctx import Ctx

CHUNK = 50
KINDS = ("system-procedure", "operational-procedure", "work-instruction", "form")
VERSIONS = "control/versiuni/"  # one page per version: not in the nav (thousands of them)
PROVIDER_TITLES = {"caf": "CAF 2020", "audit": "Audit", "history": "Istoric", "scim": "SCIM"}


def _chunked(items: list[tuple[str, str]]) -> list:
    """[{title: path}] as is, or in sections of CHUNK entries titled 'first … last'."""
    entries = [{title: path} for title, path in items]
    if len(entries) <= CHUNK:
        return entries
    out = []
    for k in range(0, len(items), CHUNK):
        part = items[k:k + CHUNK]
        out.append({f"{part[0][0].split()[0]} … {part[-1][0].split()[0]}":
                    [{title: path} for title, path in part]})
    return out


def _documents(ctx: Ctx) -> list:
    t = ctx.t
    out: list = [{t["register"]: paths.REGISTER}]
    for kind in KINDS:
        docs: list[Document] = sorted(ctx.qms.documents_of_kind(kind), key=lambda d: d.code)
        if docs:
            out.append({t[kind]: _chunked([(f"{d.code} {d.title}", paths.document(d))
                                           for d in docs])})
    return out


def build(ctx: Ctx, pages: dict[str, str]) -> list:
    t, q = ctx.t, ctx.qms
    chapters = [{f"{c.chapter}. {c.title}": paths.chapter(c.chapter)} for c in q.chapters]
    procs = _chunked([(f"{p.id} {p.name}", paths.process(p.id)) for p in q.processes])
    out: list = [
        {t["home"]: paths.HOME},
        {t["manual"]: [paths.MANUAL, *chapters]},
        {t["processes"]: [paths.PROCESS_LIST, {t["process_map"]: paths.PROCESS_MAP}, *procs]},
        {t["documents"]: _documents(ctx)},
        {t["smc"]: [{t["context"]: paths.CONTEXT}, {t["parties"]: paths.PARTIES},
                    {t["raci"]: paths.RACI}, {t["risks"]: paths.RISKS},
                    {t["objectives"]: paths.OBJECTIVES}, {t["records"]: paths.RECORDS},
                    {t["clauses"]: paths.CLAUSES}]},
        {t["glossary"]: paths.GLOSSARY},
    ]
    listed = _listed(out)
    extra: dict[str, list[str]] = {}
    titles = {f"control/istoric/{d.slug}.md": f"{d.code} — {d.title}"
              for d in q.all_documents}
    for path in sorted(pages):
        if path.startswith(VERSIONS):
            continue  # every version of every document: reached from its history page
        if path not in listed:
            extra.setdefault(path.split("/")[0] if "/" in path else "", []).append(path)
    for folder, items in extra.items():
        # Provider pages (caf/, audit/, control/...): titled by their index page's H1.
        title = _h1(pages.get(f"{folder}/index.md", "")) or PROVIDER_TITLES.get(folder) \
            or folder or t["other"]
        out.append({title: _titled(_folder(items, len(folder) + 1 if folder else 0, pages),
                                   titles)})
    return out


def _titled(items: list, titles: dict[str, str]) -> list:
    """Pages named in titles get that nav title ('PS-03 — Auditul intern')."""
    out: list = []
    for item in items:
        if isinstance(item, str) and item in titles:
            out.append({titles[item]: item})
        elif isinstance(item, dict):
            out.append({k: _titled(v, titles) if isinstance(v, list) else v
                        for k, v in item.items()})
        else:
            out.append(item)
    return out


def _folder(items: list[str], cut: int, pages: dict[str, str]) -> list:
    """Files of a folder first (index.md leading), then each sub-folder as a section, chunked
    when large; titles come from the pages' own H1."""
    files = sorted((p for p in items if "/" not in p[cut:]),
                   key=lambda p: (not p.endswith("index.md"), p))
    subs: dict[str, list[str]] = {}
    for p in items:
        if "/" in p[cut:]:
            subs.setdefault(p[cut:].split("/")[0], []).append(p)
    out: list = list(files)
    for name, paths_ in sorted(subs.items()):
        inner = _folder(paths_, cut + len(name) + 1, pages)
        if len(inner) > CHUNK:
            inner = [{f"{_stem(part[0])} … {_stem(part[-1])}": part}
                     for part in (inner[k:k + CHUNK] for k in range(0, len(inner), CHUNK))]
        title = _h1(pages.get(f"{paths_[0][:cut]}{name}/index.md", "")) or name
        out.append({title: inner})
    return out


def _stem(item: object) -> str:
    path = item if isinstance(item, str) else next(iter(item.values())) if isinstance(
        item, dict) else ""
    path = path if isinstance(path, str) else "…"
    return path.rsplit("/", 1)[-1].removesuffix(".md").upper()


def _h1(markdown: str) -> str:
    """The first level-1 heading of a provider's index page: its section title."""
    for line in markdown.split("\n"):
        if line.startswith("# "):
            return html.unescape(line[2:].strip())
    return ""


def _listed(nav: list) -> set[str]:
    found: set[str] = set()
    for item in nav:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for v in item.values():
                found |= _listed(v) if isinstance(v, list) else {v}
    return found
