"""The `qms` MkDocs plugin: pages from the model, so plain `mkdocs build` / `serve` / `mike`
work. Enabled in mkdocs.yml; `qms build` (build.py) adds the check gate and atomic output.
"""

from __future__ import annotations

import logging
import os
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
from ..deadline import deadline
from ..exceptions import QmsError
from ..history.picker import MARKER as PICKER_MARKER
from ..model import QMS
from ..progress import Reused, Step, emit
from . import paths, preload, search
from .a11y import label_scroll_regions, name_search_dialog
from .csp import add_policy
from .generate import Site, generate
from .genmemo import skeleton_of
from .i18n import labels, theme_language
from .jinjacache import attach as attach_bytecode_cache
from .links import resolve_md_links
from .pagecache import Incremental
from .pagecache import enabled as cache_enabled
from .pages.processes import MAP_MARKER
from .pages.registers import HEAT_MARKER, HEAT_RESIDUAL_MARKER
from .sanitize import clean_html
from .svg import heat_map, process_map
from .titles import safe_title, safe_toc

log = logging.getLogger("mkdocs.plugins.qms")
THEME_DIR = Path(__file__).parent / "theme"
# Pages finished from the model after rendering (pagecache.py keys them by the model too).
DRAWN = (MAP_MARKER, HEAT_MARKER, HEAT_RESIDUAL_MARKER, PICKER_MARKER)
PAGE_SECONDS = 120  # a page that takes longer to render is refused (the loader's limits failed)


class QmsPluginConfig(MkConfig):
    root = opt.Optional(opt.Type(str))  # repository root (default: beside mkdocs.yml)


class QmsPlugin(BasePlugin[QmsPluginConfig]):
    def __init__(self) -> None:
        self.startup = self.command = "build"
        self.cfg: Config | None = None
        self.site: Site | None = None
        self.qms: QMS | None = None
        self.nav: Navigation | None = None
        self._deadline = None
        self.rendering = ""  # the page being rendered, for a located error
        self._rendered = self._pages = 0  # progress of the build (qms build's bar)
        self.incremental: Incremental | None = None  # pages reused from .qms-cache/pages/

    # -- configuration ------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.startup = command  # "serve" skips the CSP (live reload injects inline script)

    def on_config(self, config):
        # MkDocs keeps one instance of a plugin with on_startup for the whole process: what a
        # build decided (a `qms serve` build, its page cache) must not leak into the next one.
        self.command = self.startup
        self.incremental = None
        root = self.config.root or str(Path(config.config_file_path or ".").parent)
        try:
            self.cfg = load_config(root)
        except QmsError as e:
            raise PluginError(str(e)) from e
        _refuse_unsafe(self.cfg, config)
        lang = self.cfg.language
        if self.cfg.site_url and not config.site_url:  # sitemap.xml lists pages under it
            config.site_url = self.cfg.site_url
        config.theme["language"] = theme_language(lang)
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_DIR))  # our overrides before Material's
        for css in ("assets/qms/qms.css", "assets/qms/print.css"):
            if css not in config.extra_css:
                config.extra_css.append(css)
        from ..history.picker import SCRIPT

        if SCRIPT not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(SCRIPT)  # the in-force register's date field
        if versioned():
            if "assets/qms/version.js" not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append("assets/qms/version.js")
        else:  # no versions.json beside this site: neither Material nor we ask for it
            config.extra.pop("version", None)
        t = labels(lang)
        config.extra["qms_outdated"] = t["outdated"]
        config.extra["qms_maintenance"] = t["maintenance"]
        config.extra["qms_working"] = t["working"]
        # Set by `qms release` for the site it freezes; any other build is a working version.
        release = os.environ.get("QMS_RELEASE", "")
        config.extra["qms_kind"] = ("maintenance" if release and
                                    os.environ.get("QMS_RELEASE_MAINTENANCE") else
                                    "release" if release else "working")
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
        if preload.serving(self.cfg.root):
            self.command = "serve"
        self.site = generate(self.qms, self.cfg.language)
        from ..approval.registry import registry_of

        # DEMO keys in the registry: every page says so (the build is never a real one)
        config.extra["qms_demo"] = labels(self.cfg.language)["demo"] \
            if registry_of(self.qms).has_demo else ""
        org = self.qms.organisation.short_name
        if org:  # the authority's name in the header and every <title>
            name = f"{org} · {'QMS' if self.cfg.language == 'en' else 'SMC'}"
            config.site_name = safe_title(name)  # Material prints it unescaped
        assets = self.qms.files.assets
        docs_dir = Path(config.docs_dir)
        for f in list(files):
            if _from_content(f, docs_dir) and f.src_uri not in assets:
                files.remove(f)  # sources are rendered through the model, never published
        for path, text in sorted(self.site.pages.items()):
            files.append(File.generated(config, path, content=text))
        for path, data in sorted(self.site.assets.items()):
            files.append(File.generated(config, path, content=data))
        _fold_search(files, config)
        self._rendered, self._pages = 0, len(files.documentation_pages())
        if not config.nav:
            config.nav = self.site.nav
        return files

    def _load(self) -> QMS:
        """Check and model; content errors are reported (they fail --strict) but the site is
        still built, so `mkdocs serve` keeps running while someone fixes a typo."""
        from ..cache import run_check_memoized
        from ..history.approvals import resolve_approvals

        assert self.cfg is not None
        result = run_check_memoized(self.cfg.root, cfg=self.cfg)  # parses edited files only
        for f in result.findings:
            (log.warning if f.severity == "error" else log.info)(f.format_text())
        resolve_approvals(result.qms)
        return result.qms

    def on_nav(self, nav: Navigation, config, files: Files) -> Navigation:
        self.nav = nav
        assert self.cfg is not None
        # Only under `qms build` / `qms serve`, which run MkDocs with dirty=True (plain
        # `mkdocs build` renders every page, as without us).
        handoff = preload.get(self.cfg.root)
        if handoff is not None and cache_enabled(list(config.plugins)):
            self.incremental = Incremental(self.cfg.root, config, nav, files, self.command,
                                           DRAWN, skeleton_of(self.qms), handoff.served,
                                           handoff.kept)
            self._pages = len(self.incremental.fresh)
            emit(Reused.of(self._pages, len(self.incremental.reused)))
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config, files: Files) -> str:
        self.disarm()
        self.rendering = page.file.src_uri
        self._deadline = deadline(PAGE_SECONDS, f"page {page.file.src_uri}")
        self._deadline.__enter__()
        # A description for search engines and link previews (Material prints it).
        if page.meta is not None and "description" not in page.meta:
            page.meta["description"] = safe_title(
                " – ".join(x for x in (page.title, config.site_name) if x))
        return markdown

    def on_page_content(self, html: str, page: Page, config, files: Files) -> str:
        self.disarm()
        html = clean_html(resolve_md_links(html, page, files))
        page.toc = safe_toc(page.toc)  # type: ignore[misc]
        if MAP_MARKER in html or HEAT_MARKER in html or HEAT_RESIDUAL_MARKER in html:
            html = self._drawings(html, page, files)
        if PICKER_MARKER in html:
            html = self._picker(html, page, files)
        self._rendered += 1
        emit(Step.of(page.file.src_uri, self._rendered, self._pages))
        return label_scroll_regions(html, safe_title(page.title or ""))

    def disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.__exit__(None, None, None)
            self._deadline = None

    def on_build_error(self, *, error: Exception) -> None:
        self.disarm()
        if self.incremental is not None:
            self.incremental.close()
            self.incremental = None

    def _picker(self, html: str, page: Page, files: Files) -> str:
        """The in-force register's date field, put in after sanitising (it has a form and a
        data block); every value in it is escaped by picker_html."""
        from ..history.picker import picker_html
        from ..history.version_pages import version_path

        assert self.qms is not None and self.site is not None and self.site.ctx is not None

        def href(code: str, edition: int, revision: int) -> str | None:
            f = files.get_file_from_path(version_path(code, edition, revision))
            return get_relative_url(f.url, page.url) if f else None

        ctx = self.site.ctx
        form = picker_html(self.qms, ctx.lang, ctx.today.isoformat(), href)
        return html.replace(f"<p>{PICKER_MARKER}</p>", form).replace(PICKER_MARKER, "")

    def _drawings(self, html: str, page: Page, files: Files) -> str:
        assert self.qms is not None and self.site is not None and self.site.ctx is not None
        t = self.site.ctx.t

        def href(pid: str) -> str:
            f = files.get_file_from_path(paths.process(pid))
            return get_relative_url(f.url, page.url) if f else "#"

        owners = {p.id: self.site.ctx.role(p.owner) for p in self.qms.processes}
        risks = [r for r in self.qms.risks if r.type == "risk"]  # opportunities apart
        for marker, draw in ((MAP_MARKER, lambda: process_map(self.qms.processes, t, href,
                                                               owners)),
                             (HEAT_RESIDUAL_MARKER, lambda: heat_map(risks, t, residual=True)),
                             (HEAT_MARKER, lambda: heat_map(risks, t))):
            if marker in html:
                figure = f'<div class="qms-figure">{draw()}</div>'
                html = html.replace(f"<p>{marker}</p>", figure).replace(marker, "")
        return html

    @event_priority(-100)  # last: the page as it will be written
    def on_post_page(self, output: str, page: Page, config) -> str:
        assert self.cfg is not None
        output = name_search_dialog(output, labels(self.cfg.language)["search"])
        if self.command != "serve":
            output = add_policy(output, page.content or "")
        if self.incremental is not None:
            self.incremental.rendered(page, output)
        return output

    @event_priority(-100)
    def on_post_template(self, output: str, template_name: str, config) -> str:
        """The theme's own pages (404.html) carry the policy too."""
        if self.command == "serve" or not template_name.endswith(".html"):
            return output
        return add_policy(output, "")

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config) -> None:
        if self.incremental is not None:
            self.incremental.finish()
            self.incremental = None

    @event_priority(-100)  # after every other plugin changed titles
    def on_env(self, env, config, files: Files):
        if self.incremental is not None:
            self.incremental.restore()
            attach_bytecode_cache(env, self.cfg.root)
        if self.nav is not None:
            for item in _walk(self.nav.items):
                if item.title:
                    item.title = safe_title(item.title)
        return env


def versioned() -> bool:
    """A build for a versioned site: `mike deploy` (which names the version in
    MIKE_DOCS_VERSION) or `qms release` (QMS_RELEASE)."""
    return bool(os.environ.get("MIKE_DOCS_VERSION") or os.environ.get("QMS_RELEASE"))


def _walk(items: list) -> list:
    out = []
    for item in items:
        out.append(item)
        out += _walk(getattr(item, "children", None) or [])
    return out


def _from_content(f: File, docs_dir: Path) -> bool:
    """A file MkDocs found in the content folder (theme files and generated pages are not)."""
    return not f.generated_by and bool(f.abs_src_path) and \
        Path(f.abs_src_path).is_relative_to(docs_dir)


def _refuse_unsafe(cfg: Config, config) -> None:
    """Before MkDocs walks docs_dir (it follows every symbolic link, loops included) and copies
    what it finds: refuse links, FIFOs and devices in the content folder, a docs_dir that is not
    it, and the settings of mkdocs.yml that run code or read secrets (what `qms check` reports;
    `qms build` never gets here with them)."""
    from ..check import mkdocs_findings
    from ..load.tree import walk

    found = [f"{cfg.content_dir}/{rel}:{p.line}:{p.col}: error {p.code} {p.message}"
             for rel, p in sorted(walk(cfg.content, cfg.root).problems.items())]
    found += [f.format_text().split("\n")[0] for f in mkdocs_findings(cfg)
              if f.severity == "error"]
    if Path(config.docs_dir).resolve() != cfg.content.resolve():
        found.append(f"mkdocs.yml: docs_dir is not {cfg.content_dir}")
    if found:
        raise PluginError("refused (run 'qms check'):\n" + "\n".join(found))


def _fold_search(files: Files, config) -> None:
    f = files.get_file_from_path(search.LUNR_RO)
    if f is None:
        return
    data = f.content_bytes
    files.remove(f)
    files.append(File.generated(config, search.LUNR_RO, content=search.folded_lunr_ro(data)))
