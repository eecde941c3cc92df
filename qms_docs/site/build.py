"""`qms build`: check first, then build the site atomically.

The site is built into a temporary folder next to the target and swapped in (one atomic rename,
qms_docs/swap.py) only when the build succeeded, so a failed or killed build (content errors, a
MkDocs error, --strict warnings, SIGKILL) leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..cache import run_check_memoized
from ..config import Config, load_config
from ..exceptions import BuildError, CheckFailed
from ..findings import Finding
from ..history.approvals import resolve_approvals
from ..model import QMS
from ..progress import reporting
from ..swap import overlay, staged, swap_in
from . import genmemo, pagecache, preload
from .ctx import build_date
from .reproducible import normalise
from .spare import spare_for


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)  # MkDocs resolves some relative paths against the working directory
    try:
        yield
    finally:
        os.chdir(old)


@contextmanager
def _warnings_counted() -> Iterator[list[str]]:
    """MkDocs warnings, to report them when --strict aborts the build."""
    seen: list[str] = []

    class _Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                seen.append(record.getMessage())

    handler = _Catch()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    quiet = logging.getLogger("mkdocs.commands.build")
    quiet.addFilter(_not_dirty_warning)
    try:
        yield seen
    finally:
        logger.removeHandler(handler)
        quiet.removeFilter(_not_dirty_warning)


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may be stale; ours builds into an empty folder and the
    page cache (pagecache.py) reuses only pages whose every input is unchanged."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def build_site(root: Path | str = ".", out: Path | str | None = None,
               strict: bool = False,
               warn: Callable[[list[Finding]], None] | None = None,
               progress: Callable[[str], None] = lambda _: None,
               serving: bool = False) -> Path:
    """Check the QMS (raises CheckFailed on errors), build it, swap the result into `out`.
    warn receives the check's warnings of a build that goes ahead. serving: for the live-reload
    server (`qms serve`), whose inline reload script a Content-Security-Policy would block."""
    cfg = load_config(root)
    target = Path(out) if out else cfg.root / "site"
    target = target if target.is_absolute() else (Path.cwd() / target)
    progress("checking the content")
    qms = _checked(cfg, strict or cfg.strict, warn)
    progress(f"rendering the site of {len(qms.all_documents)} documents with MkDocs")
    memo = genmemo.attach(qms, cfg.language, build_date(cfg.timezone).isoformat())
    if serving:  # `qms serve` updates its private folder in place: only what changed moves
        served = target if target.is_dir() else None
        with staged(target) as tmp:
            kept = _render(cfg.root, tmp, strict, qms, memo, serving, served, progress)
            normalise(tmp)
            progress(f"swapping the new site into {target}")
            if served is not None:
                overlay(tmp, target, kept)
            else:
                swap_in(tmp, target)
        return target
    spare = spare_for(cfg.root, target) if pagecache.allowed() else None
    ours = spare is not None and spare.ours(target)
    if spare is not None and not ours:
        spare.drop()  # the target is not the site swapped in with it: start over
    base = spare.tree if spare is not None and ours and spare.tree.is_dir() else None
    with staged(target) as tmp:
        kept = _render(cfg.root, tmp, strict, qms, memo, False, base, progress)
        out = tmp
        if base is not None:  # the spare becomes the new site: what changed is moved in
            overlay(tmp, base, kept)
            out = base
        normalise(out)
        progress(f"swapping the new site into {target}")
        swap_in(out, target, keep_previous=ours)
        if spare is not None:
            if ours and out == tmp and tmp.is_dir():
                os.rename(tmp, spare.tree)  # the site swapped out: the next build's spare
            spare.record(target)
    return target


def _render(root: Path, tmp: Path, strict: bool, qms: QMS, memo, serving: bool,
            served: Path | None, progress: Callable[[str], None]) -> set[str]:
    """MkDocs into tmp (see _mkdocs), then the generated-Markdown memo saved."""
    with reporting(progress):  # the plugin counts the pages it renders
        kept = _mkdocs(root, tmp, strict, qms, serving, served)
    if memo is not None:
        memo.save()
    return kept


def _checked(cfg: Config, strict: bool,
             warn: Callable[[list[Finding]], None] | None) -> QMS:
    """The model, refused (CheckFailed with every finding) on errors, or warnings if strict."""
    result = run_check_memoized(cfg.root, cfg=cfg)  # parses edited files only
    if result.failed(strict):
        raise CheckFailed(result.findings)
    if warn and result.findings:
        warn(result.findings)
    resolve_approvals(result.qms)
    return result.qms


def _mkdocs(root: Path, site_dir: Path, strict: bool, qms: QMS, serving: bool = False,
            served: Path | None = None) -> set[str]:
    """MkDocs into site_dir; returns the files of `served` the page cache left in place."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import Abort, MkDocsException

    handoff = preload.put(root, qms, serving, served)
    config = None
    try:
        with _cwd(root), _warnings_counted() as warned:
            config = mkdocs_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir),
                                   strict=strict)
            build(config, dirty=True)  # into an empty folder: only the page cache skips pages
    except RecursionError as e:  # the loader's limits should have refused the content first
        page = getattr(config and config.plugins.get("qms"), "rendering", "") or "a page"
        raise BuildError(f"site build failed: {page}: nested too deeply to render") from e
    except (Abort, MkDocsException) as e:
        detail = "; ".join(warned[:5])
        raise BuildError(f"site build failed: {e}" + (f" ({detail})" if detail else "")) from e
    except OSError as e:
        raise BuildError(f"site build failed: {e}") from e
    finally:
        plugin = config.plugins.get("qms") if config is not None else None
        if plugin is not None:
            plugin.disarm()
        preload.clear()
    return handoff.kept
