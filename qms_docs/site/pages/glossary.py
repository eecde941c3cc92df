"""The glossary: every term defined in any document's front matter, with its source."""

from __future__ import annotations

import unicodedata

from .. import paths
from ..ctx import Ctx
from ..md import esc, front, link, table


def fold(text: str) -> str:
    """Lower case without diacritics, for sorting Romanian terms (ș after s, not after z)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text.casefold())
                   if not unicodedata.combining(ch))


def pages(ctx: Ctx) -> dict[str, str]:
    return {paths.GLOSSARY: glossary(ctx)}


def glossary(ctx: Ctx) -> str:
    t, here = ctx.t, paths.GLOSSARY
    entries = sorted(((d.term, d.definition, doc) for doc in ctx.qms.all_documents
                      for d in doc.definitions if d.term),
                     key=lambda e: (fold(e[0]), e[0], e[2].code))
    rows = [[f"**{esc(term)}**", ctx.body(esc(definition), here),
             link(doc.code, here, paths.document(doc))] for term, definition, doc in entries]
    body = table([esc(t["term"]), esc(t["definition"]), esc(t["source"])], rows) if rows \
        else t["none"]
    return front(t["glossary"]) + f"# {esc(t['glossary'])}\n\n{body}\n"
