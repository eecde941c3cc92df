"""The model -> site step: every page and asset as in-memory text, plus the navigation.

Pure and deterministic: same model and SOURCE_DATE_EPOCH, same output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from ..model import QMS
from . import nav, paths, providers
from .ctx import Ctx
from .genmemo import whole
from .md import link
from .pages import clauses, documents, glossary, home, manual, processes, raci, registers

BUILDERS = (home, manual, processes, documents, registers, raci, clauses, glossary)
# Builders that read no document body: their pages are kept between builds (genmemo.whole).
BODILESS = {processes, registers, raci, clauses}


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    ctx: Ctx | None = None


def generate(qms: QMS, lang: str | None = None) -> Site:
    from .ctx import build_date

    ctx = Ctx(qms, lang or qms.config.language, today=build_date(qms.config.timezone))
    site = Site(ctx=ctx)
    for builder in BUILDERS:
        make = partial(builder.pages, ctx)
        site.pages.update(whole(qms, builder.__name__, make) if builder in BODILESS else make())
    extra_pages, extra_assets = providers.collect(qms, ctx.lang)
    for path, text in extra_pages.items():
        site.pages.setdefault(path, text)  # our own pages win a path clash
    site.assets.update(extra_assets)
    for path, texts in providers.appendices(qms, ctx.lang).items():
        if path in site.pages:
            site.pages[path] += "".join(f"\n{text}\n" for text in texts)
    _link_companions(site, ctx)
    site.nav = nav.build(ctx, site.pages)
    return site


def _link_companions(site: Site, ctx: Ctx) -> None:
    """A document page links to the provider pages about it (its history, for instance)."""
    for doc in ctx.qms.all_documents:
        here = paths.document(doc)
        if here not in site.pages:
            continue
        for pattern, label in providers.COMPANIONS.items():
            target = pattern.format(slug=doc.slug)
            if target in site.pages:
                site.pages[here] += f"\n{link(ctx.t[label], here, target)}\n"
