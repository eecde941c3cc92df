"""The quality manual: its cover page (OSGG tables, chapter list) and one page per chapter."""

from __future__ import annotations

from ...model import ManualChapter
from .. import paths
from ..ctx import Ctx
from ..md import esc, front, join, link, strip_h1
from . import osgg


def pages(ctx: Ctx) -> dict[str, str]:
    out = {paths.chapter(ch.chapter): chapter_page(ch, ctx) for ch in ctx.qms.chapters}
    out[paths.MANUAL] = cover(ctx)
    return out


def chapter_title(ch: ManualChapter, ctx: Ctx) -> str:
    return f"{ch.chapter}. {ch.title}"


def cover(ctx: Ctx) -> str:
    doc, t, here = ctx.qms.manual, ctx.t, paths.MANUAL
    title = f"{doc.code} {doc.title}" if doc else t["manual"]
    parts = [front(title) + f"# {esc(title)}"]
    if doc:
        parts += [osgg.cover(doc, ctx), osgg.tables(doc, ctx)]
    parts.append(f"## {esc(t['chapters'])}")
    parts.append("\n".join(f"- {link(chapter_title(ch, ctx), here, paths.chapter(ch.chapter))}"
                           for ch in ctx.qms.chapters) or t["none"])
    return "\n\n".join(parts) + "\n"


def chapter_page(ch: ManualChapter, ctx: Ctx) -> str:
    here, t = paths.chapter(ch.chapter), ctx.t
    title = chapter_title(ch, ctx)
    clauses = join([link(c, here, paths.CLAUSES, "c-" + paths.anchor(c)) for c in ch.clauses])
    code = ctx.qms.manual.code if ctx.qms.manual else ""
    return (front(title) + f"# {esc(title)}\n\n*{esc(t['iso'])}: {clauses}*\n\n"
            + ctx.body(strip_h1(ch.body), here, own=code, source=ch.where.file.rel) + "\n")
