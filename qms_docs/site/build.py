"""`qms build`: check first, then build the site atomically.

The site is built into a temporary folder next to the target and swapped in only when the
build succeeded, so a failed build (content errors, a MkDocs error, --strict warnings) leaves
the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..check import run_check
from ..config import Config, load_config
from ..exceptions import BuildError, CheckFailed
from ..findings import Finding
from ..history.approvals import resolve_approvals
from ..model import QMS
from ..progress import reporting
from . import preload
from .reproducible import normalise


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
    try:
        yield seen
    finally:
        logger.removeHandler(handler)


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
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        with reporting(progress):  # the plugin counts the pages it renders
            _mkdocs(cfg.root, tmp, strict, qms, serving)
        normalise(tmp)
        _swap(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _checked(cfg: Config, strict: bool,
             warn: Callable[[list[Finding]], None] | None) -> QMS:
    """The model, refused (CheckFailed with every finding) on errors, or warnings if strict."""
    result = run_check(cfg.root, cfg=cfg)
    if result.failed(strict):
        raise CheckFailed(result.findings)
    if warn and result.findings:
        warn(result.findings)
    resolve_approvals(result.qms)
    return result.qms


def _mkdocs(root: Path, site_dir: Path, strict: bool, qms: QMS, serving: bool = False) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import Abort, MkDocsException

    preload.put(root, qms, serving)
    try:
        with _cwd(root), _warnings_counted() as warned:
            config = mkdocs_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir),
                                   strict=strict)
            build(config)
    except (Abort, MkDocsException) as e:
        detail = "; ".join(warned[:5])
        raise BuildError(f"site build failed: {e}" + (f" ({detail})" if detail else "")) from e
    except OSError as e:
        raise BuildError(f"site build failed: {e}") from e
    finally:
        preload.clear()


def _swap(new: Path, target: Path) -> None:
    """Replace target by new with renames only (same folder, same file system)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
