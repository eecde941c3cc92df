"""Rendered pages kept in `.qms-cache/pages/` and reused when nothing they depend on changed:
`qms build` and `qms serve` render (Markdown, then the theme) only the pages whose input moved.

A page's HTML depends on its own generated Markdown, the navigation (every title and URL, which
Material prints on every page), the set of files (links are resolved against it), the MkDocs
configuration as our plugin leaves it, the build date and the toolchain. The entry name is an
HMAC of all of these under the secret outside the repository (as for the check cache), so a
committed `.qms-cache/` can neither plant a page nor be matched by a different input.

A reused page is skipped by MkDocs' own per-file switch (`build(dirty=True)`, `is_modified`);
what the clean build would have done with it is replayed from the entry:
- its title and front-matter meta (the navigation and the neighbours' footer print them);
- its search entries, put back in the clean build's order before the index is written;
- the warnings MkDocs logged for it, logged again, so `--strict` fails the same way;
- its bytes, hard-linked (or copied) to where MkDocs would have written them.
The folder keeps about three sites' pages (the least recently used are pruned); what a
reused page restores is in one signed index (index.pickle), read once per build.
Pages finished from the model after rendering (the process map, the heat maps, the in-force date
field) are keyed by the model's digest too (genmemo.py: everything but the documents' bodies).
tests/test_page_cache.py holds a cached build to the bytes of a clean one. Off for `qms
release` (a frozen site is built from nothing), under QMS_NO_CACHE=1, for plain `mkdocs build`,
and with any plugin besides ours and Material's search.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import FOLDER, _name_under, _secret, read_signed, subfolder, toolchain, write_signed

_FORMAT = b"pages-v2"
_INDEX = "index.pickle"
_KNOWN_PLUGINS = {"qms", "search", "material/search"}
_CONFIG_KEYS = ("site_name", "site_url", "site_description", "site_author", "copyright",
                "repo_url", "repo_name", "edit_uri", "edit_uri_template", "extra", "extra_css",
                "extra_javascript", "extra_templates", "markdown_extensions", "mdx_configs",
                "use_directory_urls", "nav", "validation", "strict")


@dataclass
class Entry:
    """What a reused page restores besides its bytes."""

    title: str | None  # the title its render found (the first H1), as Page._title_from_render
    meta: dict
    search: list[dict]  # its search-index entries
    logs: list[tuple[str, int, str]]  # (logger, level, message) of its render
    size: int


@dataclass
class Fresh:
    """A page being rendered this time: what to store once its output is known."""

    name: str
    search: list[dict] = field(default_factory=list)
    logs: list[tuple[str, int, str]] = field(default_factory=list)


def allowed() -> bool:
    """Caching of site builds at all: not for a release (built from nothing), nor when the
    user turned caches off. genmemo.py asks too."""
    return not os.environ.get("QMS_NO_CACHE") and not os.environ.get("QMS_RELEASE")


def enabled(plugin_names: list[str]) -> bool:
    """The page cache for this configuration: it knows what our plugins and search do."""
    return allowed() and set(plugin_names) <= _KNOWN_PLUGINS


def context(root: Path, config, nav_items: list, files, command: str) -> bytes:
    """Everything but the page's own Markdown that its HTML depends on, as one digest."""
    from mkdocs.utils import get_build_date

    h = hashlib.sha256(_FORMAT + toolchain())
    for name in ("mkdocs.yml", "qms.yml"):
        try:
            h.update(hashlib.sha256((root / name).read_bytes()).digest())
        except OSError:
            h.update(b"absent")
    env = {k: os.environ.get(k, "") for k in ("SOURCE_DATE_EPOCH", "QMS_RELEASE",
                                              "QMS_RELEASE_MAINTENANCE", "MIKE_DOCS_VERSION")}
    settings = {k: config.get(k) for k in _CONFIG_KEYS}
    settings["theme"] = dict(config.theme.items())
    settings["theme_dirs"] = list(config.theme.dirs)
    settings["plugins"] = [(n, dict(p.config.items())) for n, p in config.plugins.items()]
    state = {"env": env, "config": settings, "command": command, "date": get_build_date(),
             "nav": _nav_outline(nav_items),
             "files": [(f.src_uri, f.dest_uri, f.url) for f in files]}
    h.update(json.dumps(state, sort_keys=True, default=str, ensure_ascii=False).encode())
    return h.digest()


def _nav_outline(items: list) -> list:
    out = []
    for item in items:
        file = getattr(item, "file", None)
        out.append((type(item).__name__, item.title, getattr(item, "url", None),
                    file.src_uri if file else None,
                    _nav_outline(getattr(item, "children", None) or [])))
    return out


class PageCache:
    """The entries: each page's HTML in its own file (hard-linked into sites), and what a
    reused page restores in one signed index (one read per build, not one per page)."""

    def __init__(self, root: Path, ctx: bytes):
        self.secret = _secret()
        self.ctx = ctx
        self.folder = Path(root) / FOLDER / "pages"
        self.used: set[str] = set()
        old = read_signed(self.folder / _INDEX, self.secret) if self.secret else None
        # name -> (last build that used it, pickled Entry): pickled when stored, so that what
        # a plugin does to the page's meta afterwards cannot reach the cache
        self.index: dict[str, tuple[float, bytes]] = old if isinstance(old, dict) else {}
        self.now = time.time()

    def name(self, src_uri: str, markdown: str) -> str | None:
        if self.secret is None:
            return None
        return _name_under(self.secret, self.ctx, src_uri.encode(), markdown.encode())

    def get(self, name: str) -> Entry | None:
        got = self.index.get(name)
        if got is None:
            return None
        try:
            entry = pickle.loads(got[1])
            if (self.folder / f"{name}.html").stat().st_size != entry.size:
                return None  # changed behind our back: render it again
        except (OSError, pickle.UnpicklingError, AttributeError, EOFError):
            return None
        self.used.add(name)
        self.index[name] = (self.now, got[1])
        return entry

    def put(self, name: str, html: bytes, entry: Entry) -> None:
        """The HTML now; the index entry that makes it visible is written at the end."""
        try:
            subfolder(self.folder.parent.parent, self.folder.name)
            tmp = self.folder / f".{name}.html.{os.getpid()}"
            tmp.write_bytes(html)
            tmp.chmod(0o444)  # hard-linked into sites: an edit in place must fail
            tmp.replace(self.folder / f"{name}.html")
            self.index[name] = (self.now, pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
            self.used.add(name)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass  # a read-only repository, or a meta value that cannot be kept: rendered again

    def place(self, name: str, dest: str) -> None:
        """The cached bytes where MkDocs would have written them: a hard link, else a copy."""
        src = self.folder / f"{name}.html"
        try:
            os.link(src, dest)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            self._link_or_copy(src, dest)
        except OSError:
            shutil.copyfile(src, dest)

    @staticmethod
    def _link_or_copy(src: Path, dest: str) -> None:
        try:
            os.link(src, dest)
        except OSError:
            shutil.copyfile(src, dest)

    def same(self, name: str, path: Path) -> bool:
        try:
            a, b = os.stat(self.folder / f"{name}.html"), os.lstat(path)  # a link is not it
        except OSError:
            return False
        return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)

    def save(self) -> None:
        """Room for about two more sites besides this build's (`qms build` and `qms serve`
        differ in the page policy, branches in content): the least recently used go first;
        then the index is written (a concurrent build's entries may be lost: rendered again)."""
        if self.secret is None or not self.index:
            return
        if len(self.index) > 3 * len(self.used):
            old = sorted((when, name) for name, (when, _) in self.index.items()
                         if name not in self.used)
            for _, name in old[:len(self.index) - 2 * len(self.used)]:
                del self.index[name]
        write_signed(self.folder / _INDEX, self.secret, self.index)
        with contextlib.suppress(OSError), os.scandir(self.folder) as it:
            for e in it:  # pruned pages, and what an older format or a lost race left
                if not e.name.startswith(".") and e.name != _INDEX and \
                        e.name.split(".", 1)[0] not in self.index:
                    os.unlink(e.path)


class LogCapture(logging.Handler):
    """MkDocs' log records, credited to the page being read or built (config._current_page)."""

    def __init__(self, config, fresh: dict[str, Fresh]):
        super().__init__(logging.INFO)
        self.config = config
        self.fresh = fresh

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(self.config, "_current_page", None)
        item = self.fresh.get(page.file.src_uri) if page is not None else None
        if item is not None and not getattr(record, "qms_replayed", False):
            item.logs.append((record.name, record.levelno, record.getMessage()))


def replay(logs: list[tuple[str, int, str]]) -> None:
    for name, level, message in logs:
        logging.getLogger(name).log(level, message, extra={"qms_replayed": True})


class Incremental:
    """One build's use of the cache, driven by the plugin's events (see the module docstring)."""

    def __init__(self, root: Path, config, nav, files, command: str,
                 drawn: tuple[str, ...], model: bytes | None,
                 served: Path | None = None, kept: set[str] | None = None):
        """drawn: markers of the pages finished from the model after rendering; they are
        reused only with model, a digest of everything they draw from (genmemo.skeleton)."""
        self.cache = PageCache(root, context(root, config, nav.items, files, command))
        self.served, self.kept = served, kept if kept is not None else set()
        self.index = next((p.search_index for p in config.plugins.values()
                           if hasattr(p, "search_index")), None)
        self.order = list(files.documentation_pages())
        self.fresh: dict[str, Fresh] = {}
        self.reused: dict[str, tuple[str, Entry]] = {}
        for f in self.order:
            text = f.content_string if f.generated_by else ""
            if f.generated_by and any(m in text for m in drawn):
                text = text + "\0" + model.hex() if model else ""
            name = self.cache.name(f.src_uri, text) if text else None
            entry = self.cache.get(name) if name else None
            if name and entry:
                self.reused[f.src_uri] = (name, entry)
                f.is_modified = _unmodified  # type: ignore[method-assign]  # MkDocs skips it
            else:
                self.fresh[f.src_uri] = Fresh(name or "")
        self.mark = 0
        self.logs = LogCapture(config, self.fresh)
        logging.getLogger("mkdocs").addHandler(self.logs)

    def restore(self) -> None:
        """After the pages are read (on_env): reused pages look to the theme as if rendered."""
        for f in self.order:
            got = self.reused.get(f.src_uri)
            if got is None or f.page is None:
                continue
            page, entry = f.page, got[1]
            page.markdown = f.content_string
            page.meta = entry.meta
            page.content = ""
            page._title_from_render = entry.title
            replay(entry.logs)
        self.mark = len(self.index.entries) if self.index is not None else 0

    def rendered(self, page, output: str) -> None:
        """A page's final output (on_post_page): its search entries and bytes are kept."""
        item = self.fresh.get(page.file.src_uri)
        if item is None:
            return
        if self.index is not None:
            item.search = self.index.entries[self.mark:]
            self.mark = len(self.index.entries)
        if item.name and output.strip():
            data = output.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes it
            self.cache.put(item.name, data, Entry(page._title_from_render, page.meta,
                                                  item.search, item.logs, len(data)))

    def finish(self) -> None:
        """Before the search index is written (on_post_build): the reused pages' bytes in
        place, the index in the clean build's page order, the unused entries removed."""
        self.close()
        for f in self.order:
            got = self.reused.get(f.src_uri)
            if got is None:
                self._link_fresh(f)
            elif self.served is not None and self.cache.same(got[0], self.served / f.dest_uri):
                self.kept.add(f.dest_uri)  # the served file is this very entry: left alone
            else:
                self.cache.place(got[0], f.abs_dest_path)
        if self.index is not None:
            entries: list[dict] = []
            for f in self.order:
                got = self.reused.get(f.src_uri)
                entries += got[1].search if got else self.fresh[f.src_uri].search
            self.index.entries = entries
        self.cache.save()

    def _link_fresh(self, f) -> None:
        """A page rendered and stored this time becomes a link to its entry, so that the next
        build recognises the file as that entry (in the served folder, or in the spare site
        this output becomes: site/spare.py) and leaves it in place."""
        item = self.fresh[f.src_uri]
        if not item.name or item.name not in self.cache.used:
            return
        with contextlib.suppress(OSError):
            tmp = f"{f.abs_dest_path}.qms-link"
            os.link(self.cache.folder / f"{item.name}.html", tmp)
            os.replace(tmp, f.abs_dest_path)

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.logs)


def _unmodified() -> bool:
    return False
