"""`qms release VERSION`: a frozen, versioned release that is never overwritten.

Order matters for "nothing half-written": everything is built in a temp folder first (site, PDFs,
manifest); only then mike commits it to the pages branch in one commit, and only after that the
annotated tag is created. A failure at any step leaves the branch and the tags as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from .. import __version__
from ..check import run_check
from ..config import load_config
from ..exceptions import CheckFailed, QmsError
from ..history.gitlog import GitRepo
from .manifest import sha256, write_manifest

TAG_FIELD = "Manifest-SHA256"

Progress = Callable[[str], None]


class ReleaseError(QmsError):
    """The release was refused or failed; nothing was published."""


@dataclass
class ReleaseResult:
    version: str
    commit: str
    date: str
    branch: str
    files: int
    exported: Path | None


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)  # mike's git helpers work on the current directory
    try:
        yield
    finally:
        os.chdir(old)


def existing_versions(root: Path, branch: str) -> list[str]:
    from mike import commands

    with _cwd(root):
        return [str(v.version) for v in commands.list_versions(branch)]


def release(root: Path, version: str, branch: str = "gh-pages", out: Path | None = None,
            pdf: Callable[[Path, Path], int] | None = None,
            progress: Progress = lambda _: None, allow_demo_keys: bool = False) -> ReleaseResult:
    """pdf(root, folder) writes the (signed) PDFs into folder and returns how many. Refused:
    any document changed or withdrawn since the previous release without complete, valid
    approval evidence; any approval signed with a DEMO key unless allow_demo_keys (the site
    and the PDFs then say DEMO on every page). No key is ever made here."""
    cfg = load_config(root)
    repo = GitRepo(cfg.root)
    _refuse_if_exists(repo, cfg.root, version, branch, out)
    if repo.git("status", "--porcelain", "--untracked-files=normal").strip():
        raise ReleaseError("the work tree has uncommitted changes; commit or stash them first")
    progress("checking (version rules and approvals against the previous release)")
    result = run_check(cfg.root, cfg=cfg, require_approval=True)
    demo = [] if allow_demo_keys else _demo_findings(result.qms)
    if result.errors or demo:
        raise CheckFailed(sorted(result.findings + demo))
    commit = repo.resolve("HEAD")
    epoch = int(repo.git("log", "-1", "--format=%ct", "HEAD").strip())
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).date().isoformat()
    with tempfile.TemporaryDirectory(prefix="qms-release-") as tmp:
        site = Path(tmp) / "site"
        progress("building the site")
        _build_site(cfg.root, site, version, date, epoch)
        if pdf is not None:
            progress("building and signing the PDFs")
            pdf(cfg.root, site / "pdf")
        documents = {d.code: d.version for d in result.qms.all_documents}
        manifest_sha = sha256(write_manifest(site, version, commit, __version__, date,
                                             documents))
        files = sum(1 for p in site.rglob("*") if p.is_file())
        progress(f"publishing {files} files to branch {branch}")
        _deploy(cfg.root, site, version, branch, date, commit)
    # The tag pins the manifest, so a manifest edited together with the files is caught too.
    repo.git("tag", "-a", version, "-m",
             f"Release {version}\n\n{TAG_FIELD}: {manifest_sha}", commit)
    exported = export(cfg.root, branch, out) if out else None
    return ReleaseResult(version, commit, date, branch, files, exported)


def _demo_findings(qms) -> list:
    """QMS717 for each document version approved with a DEMO key."""
    from ..approval.verify import approvals_of
    from ..findings import Finding

    out = []
    for code, v in sorted(approvals_of(qms)[0].items()):
        demo = [e for e in v.evidence if e.demo]
        if demo:
            out.append(Finding(demo[0].path, 1, 1, "error", "QMS717",
                               f"{code} {v.version} is approved with DEMO keys "
                               f"({len(demo)} signature(s); no legal value)",
                               "real approvals are signed with the people's own keys; to "
                               "publish a demonstration anyway: qms release --allow-demo-keys "
                               "(every page then says DEMO)"))
    return out


def _refuse_if_exists(repo: GitRepo, root: Path, version: str, branch: str,
                      out: Path | None) -> None:
    if version in repo.tags():
        raise ReleaseError(f"tag {version} already exists; a release is never overwritten")
    if version in existing_versions(root, branch):
        raise ReleaseError(f"{version} is already published on {branch}; "
                           "a release is never overwritten")
    if out and (out / version).exists():
        raise ReleaseError(f"{out / version} already exists; a release is never overwritten")


def _build_site(root: Path, site: Path, version: str, date: str, epoch: int) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config

    env = {"SOURCE_DATE_EPOCH": str(epoch), "QMS_RELEASE": version, "QMS_RELEASE_DATE": date}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with _cwd(root):
            build(mkdocs_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site)))
    except Exception as e:  # MkDocs raises many kinds; the user needs the message, not the type
        raise ReleaseError(f"site build failed: {e}") from e
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _deploy(root: Path, site: Path, version: str, branch: str, date: str, commit: str) -> None:
    from mike import commands

    cfg = {"site_dir": str(site), "use_directory_urls": True}
    with _cwd(root):
        with commands.deploy(cfg, version, title=version, aliases=["latest"],
                             update_aliases=True, alias_type=commands.AliasType.redirect,
                             branch=branch, message=f"Release {version} of {commit[:12]}",
                             set_props=[("date", date), ("commit", commit)]):
            pass  # mike would let us build here; the site is already built and checked
        # The root redirect always points at 'latest'; only the first release changes it.
        commands.set_default("latest", branch=branch, message=f"Default: latest ({version})",
                             allow_undefined=False, allow_empty=True)


def export(root: Path, branch: str, out: Path) -> Path:
    """The pages branch as a folder for any static host (mike's layout: VERSION/, latest/,
    versions.json). Existing release folders are never replaced."""
    data = GitRepo(root).git_bytes("archive", "--format=tar", branch)
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        for m in tar.getmembers():
            dest = out / m.name
            top = m.name.split("/")[0]
            if dest.exists() and m.isfile() and top not in ("latest", "versions.json",
                                                           "index.html", ".nojekyll"):
                continue  # a frozen release already exported: keep it as it is
            tar.extract(m, out, filter="data")
    return out
