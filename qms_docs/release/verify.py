"""`qms verify-release VERSION|DIR`: everything a release is made of, or a plain statement of
what could not be checked.

- every file against the manifest (changed, missing, added), every PDF signature;
- the manifest against its annotated tag: the tag exists, is annotated, is named for the
  version, points at the manifest's commit and records the manifest's SHA-256;
- the published site: versions.json lists the version with that commit, `latest` names the
  release of the newest commit (never a maintenance release), latest/ redirects into it and
  the root redirects to latest/.

A VERSION is read from the pages branch of the repository. A folder (an export) is checked
against the repository's tag when the repository is given; without it, and without the
site around the folder, those checks cannot run and are listed as not checked.
"""

from __future__ import annotations

import json
import posixpath
import re
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from ..exceptions import HistoryError
from ..history.gitlog import GitRepo
from .build import TAG_FIELD
from .errors import ReleaseError
from .manifest import MANIFEST, sha256, verify_manifest
from .site import LATEST, VERSIONS, Published, latest, parse_versions, redirect_target

# verify_pdf(path) -> list of problems (empty when every signature is valid)
PdfVerifier = Callable[[Path], list[str]]


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)  # what could not be checked, and why


def verify_release(target: str, root: Path | None, branch: str = "gh-pages",
                   verify_pdf: PdfVerifier | None = None, chains: bool = True) -> Verdict:
    """chains: verify_pdf checks certificate chains against trust roots (else that check is
    listed as not run, when the release has PDFs)."""
    repo = GitRepo(root) if root is not None else None
    if repo is not None and not repo.is_repo():
        repo = None
    folder = Path(target)
    if folder.is_dir():
        return _verify_export(folder, repo, verify_pdf, chains)
    if repo is None:
        raise ReleaseError(f"no folder {target!r}, and no repository to read the release from "
                           "(pass --repo)")
    with tempfile.TemporaryDirectory(prefix="qms-verify-") as tmp:
        site = Path(tmp)
        try:
            data = repo.git_bytes("archive", "--format=tar", f"refs/heads/{branch}")
        except HistoryError as e:
            raise ReleaseError(f"no branch {branch} in {repo.root}") from e
        with tarfile.open(fileobj=BytesIO(data)) as tar:
            tar.extractall(site, filter="data")
        if not (site / target / MANIFEST).is_file():
            raise ReleaseError(f"no release {target!r} on branch {branch} and no such folder")
        v = Verdict()
        _check_folder(site / target, verify_pdf, chains, v)
        _check_tag(repo, site / target, v)
        _check_site(site, target, repo, v, f"{branch}:")
        return v


def _verify_export(folder: Path, repo: GitRepo | None, verify_pdf: PdfVerifier | None,
                   chains: bool) -> Verdict:
    v = Verdict()
    _check_folder(folder, verify_pdf, chains, v)
    version = _manifest(folder).get("version", folder.name)
    if repo is not None:
        _check_tag(repo, folder, v)
    else:
        v.unchecked.append(f"the tag {version}: no repository (pass --repo); the manifest "
                           "itself could have been rewritten with the files")
    site = folder.parent
    if (site / VERSIONS).is_file():
        _check_site(site, str(version), repo, v, "")
    else:
        v.unchecked.append(f"{VERSIONS}, {LATEST}/ and the root redirect: {folder} is not "
                           "inside an exported site")
    return v


def _manifest(folder: Path) -> dict:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _check_folder(folder: Path, verify_pdf: PdfVerifier | None, chains: bool,
                  v: Verdict) -> None:
    if not (folder / MANIFEST).exists():
        raise ReleaseError(f"{folder}: no {MANIFEST}; is this a release folder?")
    v.problems += [str(p) for p in verify_manifest(folder)]
    pdfs = sorted(folder.rglob("*.pdf"))
    if pdfs and (verify_pdf is None or not chains):
        v.unchecked.append("PDF signature chains: no trust root (give --trust or set "
                           "approval.trust_roots in qms.yml)" if verify_pdf else "PDF signatures")
    if verify_pdf is None:
        return
    for pdf in pdfs:
        rel = pdf.relative_to(folder).as_posix()
        v.problems += [f"{rel}: {p}" for p in verify_pdf(pdf)]


def _check_tag(repo: GitRepo, folder: Path, v: Verdict) -> None:
    """The manifest against the annotated tag that released it."""
    m = _manifest(folder)
    version, commit = str(m.get("version", folder.name)), str(m.get("commit", ""))
    ref = f"refs/tags/{version}"
    try:
        kind = repo.git("cat-file", "-t", ref).strip()
    except HistoryError:
        v.problems.append(f"tag {version}: missing (a release is published with its annotated "
                          "tag)")
        return
    if kind != "tag":
        v.problems.append(f"tag {version}: not annotated (a lightweight tag records no "
                          "manifest hash)")
        return
    text = repo.git("cat-file", "tag", ref)
    head, _, message = text.partition("\n\n")
    name = re.search(r"^tag (.*)$", head, re.M)
    if not name or name.group(1) != version:
        v.problems.append(f"tag {version}: its object names another tag "
                          f"({name.group(1) if name else '?'})")
    target = repo.git("rev-parse", f"{ref}^{{commit}}").strip()
    if target != commit:
        v.problems.append(f"tag {version}: points at {target[:12]}, the manifest's commit is "
                          f"{commit[:12] or '(none)'}")
    recorded = re.search(rf"^{TAG_FIELD}: ([0-9a-f]{{64}})$", message, re.M)
    if not recorded:
        v.problems.append(f"tag {version}: records no {TAG_FIELD}")
    elif sha256(folder / MANIFEST) != recorded.group(1):
        v.problems.append(f"{MANIFEST}: changed (does not match tag {version})")


def _check_site(site: Path, version: str, repo: GitRepo | None, v: Verdict, where: str) -> None:
    """versions.json, latest/ and the root redirect of the whole published site."""
    try:
        versions = parse_versions((site / VERSIONS).read_text("utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        v.problems.append(f"{where}{VERSIONS}: unreadable")
        return
    here = next((p for p in versions if p.version == version), None)
    commit = str(_manifest(site / version).get("commit", ""))
    if here is None:
        v.problems.append(f"{where}{VERSIONS}: does not list {version}")
    elif here.commit != commit:
        v.problems.append(f"{where}{VERSIONS}: gives {version} commit "
                          f"{here.commit[:12] or '(none)'}, the manifest {commit[:12]}")
    cur = latest(versions)
    if cur is None:
        v.problems.append(f"{where}{VERSIONS}: no version is '{LATEST}'")
        return
    if cur.maintenance:
        v.problems.append(f"{where}{VERSIONS}: '{LATEST}' is the maintenance release "
                          f"{cur.version}")
    _check_newest(cur, versions, repo, v, where)
    _check_redirects(site, cur.version, v, where)


def _check_newest(cur: Published, versions: list[Published], repo: GitRepo | None, v: Verdict,
                  where: str) -> None:
    others = [p for p in versions if p.frozen and not p.maintenance and p is not cur]
    if not others:
        return
    if repo is None:
        v.unchecked.append(f"that '{LATEST}' ({cur.version}) is the release of the newest "
                           "commit: no repository (pass --repo)")
        return
    for p in others:
        try:
            repo.git("merge-base", "--is-ancestor", p.commit, cur.commit)
        except HistoryError:
            v.problems.append(f"{where}{VERSIONS}: '{LATEST}' is {cur.version} "
                              f"({cur.commit[:12]}), but {p.version} ({p.commit[:12]}) is not "
                              "an ancestor of it")


def _check_redirects(site: Path, version: str, v: Verdict, where: str) -> None:
    alias = site / LATEST
    pages = sorted(alias.rglob("*.html")) if alias.is_dir() else []
    if not pages:
        v.problems.append(f"{where}{LATEST}/: missing")
    wrong = 0
    for page in pages:
        rel = page.relative_to(alias).as_posix()
        expected = posixpath.normpath(posixpath.join(version, rel))
        href = redirect_target(page)
        got = posixpath.normpath(posixpath.join(posixpath.dirname(f"{LATEST}/{rel}"),
                                                href or "?"))
        if href is not None and href.endswith("/"):
            got = posixpath.join(got, "index.html")
        if got != expected:
            wrong += 1
            if wrong <= 5:
                v.problems.append(f"{where}{LATEST}/{rel}: redirects to {href!r}, not into "
                                  f"{version}/")
    if wrong > 5:
        v.problems.append(f"{where}{LATEST}/: {wrong - 5} more wrong redirect(s)")
    href = redirect_target(site / "index.html")
    if href is None or posixpath.normpath(href) != LATEST:
        v.problems.append(f"{where}index.html: does not redirect to {LATEST}/ "
                          f"({href!r})")
