"""`qms verify-release VERSION|DIR`: every hash of the manifest, every PDF signature."""

from __future__ import annotations

import re
import tarfile
import tempfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from ..history.gitlog import GitRepo
from .build import TAG_FIELD, ReleaseError
from .manifest import MANIFEST, sha256, verify_manifest

# verify_pdf(path) -> list of problems (empty when every signature is valid)
PdfVerifier = Callable[[Path], list[str]]


def verify_release(target: str, root: Path, branch: str = "gh-pages",
                   verify_pdf: PdfVerifier | None = None) -> list[str]:
    """Problems as 'path: what'; empty means the release is intact."""
    folder = Path(target)
    if folder.is_dir():
        return _verify_folder(folder, verify_pdf) + _verify_tag(root, folder.name, folder)
    with tempfile.TemporaryDirectory(prefix="qms-verify-") as tmp:
        out = Path(tmp)
        try:
            data = GitRepo(root).git_bytes("archive", "--format=tar", branch, target)
        except Exception as e:
            raise ReleaseError(f"no release {target!r} on branch {branch} "
                               f"and no such folder") from e
        with tarfile.open(fileobj=BytesIO(data)) as tar:
            tar.extractall(out, filter="data")
        return _verify_folder(out / target, verify_pdf) + _verify_tag(root, target, out / target)


def _verify_tag(root: Path, version: str, folder: Path) -> list[str]:
    """The manifest against the hash its release tag recorded (when the repository has it)."""
    repo = GitRepo(root)
    if not repo.is_repo() or version not in repo.tags():
        return []
    message = repo.git("tag", "-l", "--format=%(contents)", version)
    m = re.search(rf"^{TAG_FIELD}: ([0-9a-f]{{64}})$", message, re.M)
    if m and sha256(folder / MANIFEST) != m.group(1):
        return [f"{MANIFEST}: changed (does not match tag {version})"]
    return []


def _verify_folder(folder: Path, verify_pdf: PdfVerifier | None) -> list[str]:
    if not (folder / MANIFEST).exists():
        raise ReleaseError(f"{folder}: no {MANIFEST}; is this a release folder?")
    problems = [str(p) for p in verify_manifest(folder)]
    if verify_pdf is not None:
        for pdf in sorted(folder.rglob("*.pdf")):
            rel = pdf.relative_to(folder).as_posix()
            problems += [f"{rel}: {p}" for p in verify_pdf(pdf)]
    return problems
