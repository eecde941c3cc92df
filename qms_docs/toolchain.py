"""Where this toolchain was installed from, as a pip requirement a CI job can install again.

`qms init` writes it into the CI templates (QMS_DOCS), pinned to the exact commit, so the
pipeline runs the very toolchain that made the repository. pip records the source of a direct
install in the distribution's direct_url.json (PEP 610).
"""

from __future__ import annotations

import json
import re
import subprocess
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import __version__

_SCP = re.compile(r"^(?:[\w.-]+@)?([\w.-]+):(?!//)(.+)$")  # git@host:org/repo.git


def install_source() -> str | None:
    """The requirement (`git+URL@COMMIT`, `URL`, or `qms-docs==VERSION` from an index), or
    None when the toolchain came from a folder that CI cannot reach."""
    try:
        dist = metadata.distribution("qms-docs")
    except metadata.PackageNotFoundError:  # run from a source tree
        return _from_folder(Path(__file__).resolve().parent.parent)
    raw = dist.read_text("direct_url.json")
    if raw is None:
        return f"qms-docs=={__version__}"
    info = json.loads(raw)
    url = info.get("url", "")
    if "vcs_info" in info:
        vcs = info["vcs_info"]
        return f"{vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}".rstrip("@")
    if url.startswith("file:"):
        return _from_folder(Path(unquote(urlparse(url).path)))
    return url or None


def _from_folder(folder: Path) -> str | None:
    """A git checkout with a remote: that remote at the checked-out commit."""
    remote, commit = _git(folder, "remote", "get-url", "origin"), _git(folder, "rev-parse", "HEAD")
    return f"git+{https_url(remote)}@{commit}" if remote and commit else None


def https_url(remote: str) -> str:
    """CI runners have no SSH key: git@host:org/repo(.git) as https://host/org/repo(.git)."""
    m = _SCP.match(remote)
    if m and "://" not in remote:
        return f"https://{m.group(1)}/{m.group(2)}"
    return re.sub(r"^ssh://(?:[\w.-]+@)?", "https://", remote)


def _git(folder: Path, *args: str) -> str:
    try:
        p = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True)
    except OSError:
        return ""
    return p.stdout.strip() if p.returncode == 0 else ""
