"""The `qms` MkDocs plugin: pages from the model, so plain `mkdocs build` / `serve` / `mike`
work. Enabled in mkdocs.yml; `qms build` (build.py) adds the check gate and atomic output.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config as MkConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..config import Config, load_config
from ..exceptions import QmsError
from ..model import QMS
from . import paths, preload, search
from .csp import add_policy
from .generate import Site, generate
from .i18n import labels, theme_language
from .links import resolve_md_links
from .pages.processes import MAP_MARKER
from .pages.registers import HEAT_MARKER
from .sanitize import clean_html
from .svg import heat_map, process_map
from .titles import safe_title, safe_toc

log = logging.getLogger("mkdocs.plugins.qms")
THEME_DIR = Path(__file__).parent / "theme"
# What content/ may publish besides the generated pages: pictures and PDFs that documents
# link to. Not SVG (a script inside would run on our origin), not sources, not anything else.
ASSET_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf")


class QmsPluginConfig(MkConfig):
    root = opt.Optional(opt.Type(str))  # repository root (default: beside mkdocs.yml)


class QmsPlugin(BasePlugin[QmsPluginConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.cfg: Config | None = None
        self.site: Site | None = None
        self.qms: QMS | None = None
        self.nav: Navigation | None = None

    # -- configuration ------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command  # "serve" skips the CSP (live reload injects inline script)

    def on_config(self, config):
        root = self.config.root or str(Path(config.config_file_path or ".").parent)
        try:
            self.cfg = load_config(root)
        except QmsError as e:
            raise PluginError(str(e)) from e
        lang = self.cfg.language
        config.theme["language"] = theme_language(lang)
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_DIR))  # our overrides before Material's
        for css in ("assets/qms/qms.css", "assets/qms/print.css"):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if "assets/qms/version.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append("assets/qms/version.js")
        config.extra["qms_outdated"] = labels(lang)["outdated"]
        return config

    def on_serve(self, server, config, builder):
        # content/ is the docs_dir and watched already; qms.yml is not.
        if self.cfg is not None:
            server.watch(str(self.cfg.root / "qms.yml"))
        return server

    # -- pages --------------------------------------------------------------------------
    def on_files(self, files: Files, config) -> Files:
        assert self.cfg is not None
        self.qms = preload.take(self.cfg.root) or self._load()
        self.site = generate(self.qms, self.cfg.language)
        from ..approval.registry import registry_of

        # DEMO keys in the registry: every page says so (the build is never a real one)
        config.extra["qms_demo"] = labels(self.cfg.language)["demo"] \
            if registry_of(self.qms).has_demo else ""
        org = self.qms.organisation.short_name
        if org:  # the authority's name in the header and every <title>
            name = f"{org} · {'QMS' if self.cfg.language == 'en' else 'SMC'}"
            config.site_name = safe_title(name)  # Material prints it unescaped
        docs_dir = Path(config.docs_dir).resolve()
        for f in list(files):
            if _unpublished(f, docs_dir):
                files.remove(f)
        for path, text in sorted(self.site.pages.items()):
            files.append(File.generated(config, path, content=text))
        for path, data in sorted(self.site.assets.items()):
            files.append(File.generated(config, path, content=data))
        _fold_search(files, config)
        if not config.nav:
            config.nav = self.site.nav
        return files

    def _load(self) -> QMS:
        """Check and model; content errors are reported (they fail --strict) but the site is
        still built, so `mkdocs serve` keeps running while someone fixes a typo."""
        from ..check import run_check
        from ..history.approvals import resolve_approvals

        assert self.cfg is not None
        result = run_check(self.cfg.root, cfg=self.cfg)
        for f in result.findings:
            (log.warning if f.severity == "error" else log.info)(f.format_text())
        resolve_approvals(result.qms)
        return result.qms

    def on_nav(self, nav: Navigation, config, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_page_content(self, html: str, page: Page, config, files: Files) -> str:
        html = clean_html(resolve_md_links(html, page, files))
        page.toc = safe_toc(page.toc)  # type: ignore[misc]
        if MAP_MARKER in html or HEAT_MARKER in html:
            html = self._drawings(html, page, files)
        return html

    def _drawings(self, html: str, page: Page, files: Files) -> str:
        assert self.qms is not None and self.site is not None and self.site.ctx is not None
        t = self.site.ctx.t

        def href(pid: str) -> str:
            f = files.get_file_from_path(paths.process(pid))
            return get_relative_url(f.url, page.url) if f else "#"

        owners = {p.id: self.site.ctx.role(p.owner) for p in self.qms.processes}
        for marker, draw in ((MAP_MARKER, lambda: process_map(self.qms.processes, t, href,
                                                               owners)),
                             (HEAT_MARKER, lambda: heat_map(self.qms.risks, t))):
            if marker in html:
                figure = f'<div class="qms-figure">{draw()}</div>'
                html = html.replace(f"<p>{marker}</p>", figure).replace(marker, "")
        return html

    @event_priority(-100)  # last: the page as it will be written
    def on_post_page(self, output: str, page: Page, config) -> str:
        if self.command == "serve":
            return output
        return add_policy(output, page.content or "")

    @event_priority(-100)  # after every other plugin changed titles
    def on_env(self, env, config, files: Files):
        if self.nav is not None:
            for item in _walk(self.nav.items):
                if item.title:
                    item.title = safe_title(item.title)
        return env


def _walk(items: list) -> list:
    out = []
    for item in items:
        out.append(item)
        out += _walk(getattr(item, "children", None) or [])
    return out


def _unpublished(f: File, docs_dir: Path) -> bool:
    """A file of content/ that is not a picture or PDF: sources are rendered through the
    model, never published raw."""
    if f.generated_by or not f.abs_src_path:
        return False
    src = Path(f.abs_src_path).resolve()
    return src.is_relative_to(docs_dir) and src.suffix.lower() not in ASSET_SUFFIXES


def _fold_search(files: Files, config) -> None:
    f = files.get_file_from_path(search.LUNR_RO)
    if f is None:
        return
    data = f.content_bytes
    files.remove(f)
    files.append(File.generated(config, search.LUNR_RO, content=search.folded_lunr_ro(data)))
