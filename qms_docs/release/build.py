"""`qms release VERSION`: a frozen, versioned release that is never overwritten or bent.

Order matters for "nothing half-written": everything is built in a temporary folder first
(site, PDFs, manifest); mike then commits it to a staging branch (qms-release/VERSION) made
from the pages branch; the annotated tag object is written; and one atomic ref update moves
the pages branch from the value it had when the release started, creates the tag and deletes
the staging branch: all three or none. A release running beside it, or a `mike deploy` that
moved the pages branch meanwhile, makes that update fail, and nothing is published. A lock
keeps releases of one repository one at a time, and the next run finishes (export) or rolls
back (staging branch) a release that was killed.

`latest` always names the release of the newest commit: a release whose commit does not
descend from the latest release's commit is refused, unless it is a maintenance release
(`maintenance=True`), which is labelled so on every page and never becomes `latest`.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..check import run_check
from ..config import load_config
from ..exceptions import CheckFailed, HistoryError
from ..history.gitlog import GitRepo
from ..progress import reporting
from ..site.i18n import labels
from .errors import ReleaseError
from .export import export
from .lock import STAGING, ReleaseLock
from .manifest import sha256, write_manifest
from .site import LATEST, Published, latest, parse_versions

__all__ = ["ReleaseError", "ReleaseResult", "export", "release", "existing_versions"]

TAG_FIELD = "Manifest-SHA256"

Progress = Callable[[str], None]


@dataclass
class ReleaseResult:
    version: str
    commit: str
    date: str
    branch: str
    files: int
    exported: Path | None
    maintenance: bool = False


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


def published_versions(repo: GitRepo, branch: str) -> list[Published]:
    try:
        text = repo.git("show", f"refs/heads/{branch}:versions.json")
    except HistoryError:
        return []
    try:
        return parse_versions(text)
    except (ValueError, KeyError, TypeError) as e:
        raise ReleaseError(f"{branch}:versions.json is not mike's list of versions ({e}); "
                           "repair the pages branch first") from e


def release(root: Path, version: str, branch: str = "gh-pages", out: Path | None = None,
            pdf: Callable[[Path, Path], int] | None = None,
            progress: Progress = lambda _: None, maintenance: bool = False,
            allow_demo_keys: bool = False) -> ReleaseResult:
    """pdf(root, folder) writes the (signed) PDFs into folder and returns how many. Refused:
    any document changed or withdrawn since the previous release without complete, valid
    approval evidence; any approval signed with a DEMO key unless allow_demo_keys (the site
    and the PDFs then say DEMO on every page). No key is ever made here."""
    cfg = load_config(root)
    repo = GitRepo(cfg.root)
    if not repo.is_repo():
        raise ReleaseError(f"{cfg.root} is not a git repository")
    info = {"version": version, "branch": branch, "out": str(out) if out else ""}

    def finish(held: dict) -> None:  # an interrupted release that was published: its export
        if held.get("out"):
            export(cfg.root, str(held.get("branch") or branch), Path(held["out"]))

    with ReleaseLock(repo, info, progress, finish):
        return _release(cfg.root, repo, version, branch, out, pdf, progress, maintenance,
                        allow_demo_keys)


def _release(root: Path, repo: GitRepo, version: str, branch: str, out: Path | None,
             pdf: Callable[[Path, Path], int] | None, progress: Progress,
             maintenance: bool, allow_demo_keys: bool) -> ReleaseResult:
    cfg = load_config(root)
    _refuse_if_exists(repo, root, version, branch, out)
    if repo.git("status", "--porcelain", "--untracked-files=normal").strip():
        raise ReleaseError("the work tree has uncommitted changes; commit or stash them first")
    commit = repo.resolve("HEAD")
    _check_lineage(repo, commit, published_versions(repo, branch), version, maintenance)
    progress("checking (version rules and approvals against the previous release)")
    result = run_check(root, cfg=cfg, require_approval=True)
    demo = [] if allow_demo_keys else _demo_findings(result.qms)
    if result.errors or demo:
        raise CheckFailed(sorted(result.findings + demo))
    epoch = int(repo.git("log", "-1", "--format=%ct", "HEAD").strip())
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).date().isoformat()
    old = _ref(repo, f"refs/heads/{branch}")
    staging = f"{STAGING}{version}"
    with tempfile.TemporaryDirectory(prefix="qms-release-") as tmp:
        site = Path(tmp) / "site"
        progress("building the site")
        with reporting(progress):  # the plugin counts the pages it renders
            _build_site(root, site, version, date, epoch, maintenance)
        if pdf is not None:
            progress("building and signing the PDFs")
            pdf(root, site / "pdf")
        documents = {d.code: d.version for d in result.qms.all_documents}
        manifest_sha = sha256(write_manifest(site, version, commit, __version__, date,
                                             documents))
        files = sum(1 for p in site.rglob("*") if p.is_file())
        progress(f"staging {files} files on branch {staging}")
        if old:
            repo.git("update-ref", f"refs/heads/{staging}", old, "")
        try:
            _deploy(root, site, version, staging, date, commit, maintenance, cfg.language)
            new = repo.resolve(f"refs/heads/{staging}")
            tag = _tag_object(repo, version, commit, manifest_sha)
            progress(f"publishing: tag {version} and branch {branch} in one update")
            _publish(repo, branch, old, new, staging, version, tag)
        except BaseException:
            _drop(repo, f"refs/heads/{staging}")
            raise
    exported = None
    if out:
        progress(f"exporting to {out}")
        exported = export(root, branch, out)
    return ReleaseResult(version, commit, date, branch, files, exported, maintenance)


def _ref(repo: GitRepo, ref: str) -> str:
    try:
        return repo.git("rev-parse", "--verify", "--quiet", ref).strip()
    except HistoryError:
        return ""


def _drop(repo: GitRepo, ref: str) -> None:
    with suppress(HistoryError):
        repo.git("update-ref", "-d", ref)


def _is_ancestor(repo: GitRepo, old: str, new: str) -> bool:
    try:
        repo.git("merge-base", "--is-ancestor", old, new)
    except HistoryError:
        return False
    return True


def _check_lineage(repo: GitRepo, commit: str, versions: list[Published], version: str,
                   maintenance: bool) -> None:
    """`latest` must stay the release of the newest commit."""
    cur = latest(versions)
    newer = cur is None or not cur.commit or _is_ancestor(repo, cur.commit, commit)
    if newer and maintenance:
        what = f"descends from the latest release {cur.version}" if cur else \
            "is the first release"
        raise ReleaseError(f"HEAD ({commit[:12]}) {what}: release it without --maintenance "
                           "(a maintenance release is for an older line of the documents)")
    if not newer and not maintenance:
        assert cur is not None
        raise ReleaseError(
            f"HEAD ({commit[:12]}) does not descend from {cur.commit[:12]}, the commit of the "
            f"latest release {cur.version}: releasing it would move '{LATEST}' back to older "
            f"content. Release {version} from a newer commit, or pass --maintenance to publish "
            f"it as a labelled maintenance release that never becomes '{LATEST}'")


def _tag_object(repo: GitRepo, version: str, commit: str, manifest_sha: str) -> str:
    """An annotated tag object, not yet referenced: the ref comes with the publishing
    update. It pins the manifest, so a manifest edited together with the files is caught."""
    ident = repo.git("var", "GIT_COMMITTER_IDENT").strip()
    body = (f"object {commit}\ntype commit\ntag {version}\ntagger {ident}\n\n"
            f"Release {version}\n\n{TAG_FIELD}: {manifest_sha}\n")
    return repo.git("mktag", input=body).strip()


def _publish(repo: GitRepo, branch: str, old: str, new: str, staging: str, version: str,
             tag: str) -> None:
    """One atomic update: the pages branch from its old value, the tag, the staging branch
    gone. Any ref not as expected (another release, a mike deploy) and nothing changes."""
    zero = "0" * 40
    lines = [f"update refs/heads/{branch} {new} {old or zero}",
             f"create refs/tags/{version} {tag}",
             f"delete refs/heads/{staging} {new}"]
    try:
        repo.git("update-ref", "--stdin", input="\n".join(lines) + "\n")
    except HistoryError as e:
        raise ReleaseError(f"branch {branch} or tag {version} changed while {version} was "
                           f"being released (another release or deploy?); nothing was "
                           f"published. Run again ({e})") from e


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


def _build_site(root: Path, site: Path, version: str, date: str, epoch: int,
                maintenance: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config

    env = {"SOURCE_DATE_EPOCH": str(epoch), "QMS_RELEASE": version, "QMS_RELEASE_DATE": date,
           "QMS_RELEASE_MAINTENANCE": "1" if maintenance else ""}
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


def _deploy(root: Path, site: Path, version: str, branch: str, date: str, commit: str,
            maintenance: bool, lang: str) -> None:
    from mike import commands

    cfg = {"site_dir": str(site), "use_directory_urls": True}
    props = [("date", date), ("commit", commit)]
    title = version
    if maintenance:
        props.append(("maintenance", True))
        title = f"{version} ({labels(lang)['maintenance_label']})"
    with _cwd(root):
        with commands.deploy(cfg, version, title=title,
                             aliases=[] if maintenance else [LATEST],
                             update_aliases=not maintenance,
                             alias_type=commands.AliasType.redirect,
                             branch=branch, message=f"Release {version} of {commit[:12]}",
                             set_props=props):
            pass  # mike would let us build here; the site is already built and checked
        if not maintenance:  # the root redirect always points at 'latest'
            commands.set_default(LATEST, branch=branch, message=f"Default: latest ({version})",
                                 allow_undefined=False, allow_empty=True)
