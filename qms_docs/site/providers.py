"""Page providers from other stages (CAF, audit, history): a small registry the lead extends.

Each provider module offers `pages(qms, lang) -> {path: markdown}` and
`assets(qms) -> {path: bytes}`, and may offer `appendices(qms, lang) -> {path: markdown}`: text
appended to pages of the site's own (an ISO object that is also one of the provider's).
A module that does not exist (yet) is skipped; an error
inside an existing one is not hidden.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..model import QMS

PROVIDERS: list[str] = ["qms_docs.caf.pages", "qms_docs.audit.pages", "qms_docs.history.pages",
                        "qms_docs.scim.pages"]
# Providers that read no document body: what they give is kept between builds (genmemo.whole).
BODILESS = {"qms_docs.caf.pages", "qms_docs.scim.pages"}
# Per-document pages of a provider that a document page links to: path pattern -> label key.
COMPANIONS: dict[str, str] = {"control/istoric/{slug}.md": "history"}


def _load(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as e:
        # Only "this provider is not installed"; a missing dependency inside it is a bug.
        if e.name and name.startswith(e.name):
            return None
        raise


def collect(qms: QMS, lang: str) -> tuple[dict[str, str], dict[str, bytes]]:
    """Pages and assets of every available provider, in registry order (first one wins)."""
    pages: dict[str, str] = {}
    assets: dict[str, bytes] = {}
    for name in PROVIDERS:
        mod = _load(name)
        if mod is None:
            continue
        for path, text in (_call(qms, name, mod, "pages", lang) or {}).items():
            pages.setdefault(path, text)
        for path, data in (_call(qms, name, mod, "assets") or {}).items():
            assets.setdefault(path, data)
    return pages, assets


def appendices(qms: QMS, lang: str) -> dict[str, list[str]]:
    """Page path -> the Markdown every provider appends to it, in registry order."""
    out: dict[str, list[str]] = {}
    for name in PROVIDERS:
        mod = _load(name)
        if mod is None or not hasattr(mod, "appendices"):
            continue
        for path, text in (_call(qms, name, mod, "appendices", lang) or {}).items():
            out.setdefault(path, []).append(text)
    return out


def _call(qms: QMS, name: str, mod: ModuleType, what: str, *args: str):
    """mod.what(qms, *args), kept between builds for a provider that reads no body."""
    fn = getattr(mod, what, None)
    if fn is None:
        return {}
    if name not in BODILESS:
        return fn(qms, *args)
    from .genmemo import whole

    return whole(qms, f"{name}.{what}", lambda: fn(qms, *args))
