"""`qms init`: a new repository from the demo authority shipped with the package.

It gets the content, the site and tool settings, the CI templates (with the toolchain pinned to
where this one was installed from), a pre-commit configuration, the JSON Schemas that every
YAML file's modeline points at, and, unless asked not to, a git repository with a first commit.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from .editor import copy_schemas
from .exceptions import QmsError

# skeleton name -> name in the new repository (package data drops leading dots)
FILES = {"content": "content", "mkdocs.yml": "mkdocs.yml", "qms.yml": "qms.yml",
         "github": ".github", "gitlab-ci.yml": ".gitlab-ci.yml",
         "pre-commit-config.yaml": ".pre-commit-config.yaml", "vscode": ".vscode"}
GITIGNORE = "gitignore"
# The CI files that name the toolchain, in the one variable QMS_DOCS.
CI_FILES = (".github/workflows/qms.yml", ".gitlab-ci.yml")
_QMS_DOCS = re.compile(r"(?m)^(\s*QMS_DOCS:\s*).*$")
UNKNOWN_SOURCE = "unknown: set QMS_DOCS to where CI installs qms-docs from (qms init --toolchain)"
_FALLBACK_IDENTITY = ("-c", "user.name=qms init", "-c", "user.email=qms-init@example.invalid")


@dataclass
class InitResult:
    created: list[Path] = field(default_factory=list)
    toolchain: str | None = None  # what QMS_DOCS says; None: unknown (placeholder written)
    commit: str | None = None  # the first commit, when a git repository was made or used
    identity_fallback: bool = False  # git had no user.name / user.email


def init_repository(target: Path, toolchain: str | None = None, git: bool = True) -> InitResult:
    target = Path(target)
    base = resources.files("qms_docs").joinpath("skeleton")
    clashes = [dest for dest in FILES.values() if (target / dest).exists()]
    if clashes:
        raise QmsError(f"{target}: {', '.join(clashes)} already exist; refusing to overwrite")
    result = InitResult(toolchain=toolchain)
    for name, dest in FILES.items():
        _copy(base.joinpath(name), target / dest, result.created)
    result.created.append(_gitignore(base.joinpath(GITIGNORE), target / ".gitignore"))
    result.created += copy_schemas(target)
    for rel in CI_FILES:
        _pin_toolchain(target / rel, toolchain or UNKNOWN_SOURCE)
    if git:
        result.commit, result.identity_fallback = _first_commit(target)
    return result


def _copy(src: Traversable, dest: Path, created: list[Path]) -> None:
    if src.is_dir():
        for child in sorted(src.iterdir(), key=lambda c: c.name):
            if child.name != "__pycache__":
                _copy(child, dest / child.name, created)
    elif src.is_file():
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(src.read_bytes())
        created.append(dest)


def _gitignore(src: Traversable, dest: Path) -> Path:
    """Ours, or ours appended to one already there (a project created with a .gitignore)."""
    ours = src.read_text("utf-8")
    if dest.exists():
        have = dest.read_text("utf-8")
        missing = [x for x in ours.splitlines() if x and x not in have.splitlines()]
        ours = have.rstrip("\n") + "\n" + "\n".join(missing) + "\n" if missing else have
    dest.write_text(ours, "utf-8")
    return dest


def _pin_toolchain(path: Path, source: str) -> None:
    text = path.read_text("utf-8")
    path.write_text(_QMS_DOCS.sub(lambda m: m.group(1) + json.dumps(source), text, count=1),
                    "utf-8")


def _first_commit(target: Path) -> tuple[str, bool]:
    """A new repository (or the one target already is, e.g. a clone of an empty project) with
    everything committed. Without a git identity the commit says it was made by qms init."""
    top = _git(target, "rev-parse", "--show-toplevel", check=False)
    if not top or Path(top).resolve() != target.resolve():  # not one's own: never a parent's
        _git(target, "init", "-q", "-b", "main")
    _git(target, "add", "-A", ".")
    fallback = not (_git(target, "config", "user.name", check=False)
                    and _git(target, "config", "user.email", check=False))
    _git(target, *(_FALLBACK_IDENTITY if fallback else ()), "-c", "commit.gpgsign=false",
         "commit", "-q", "-m", "QMS repository created by qms init")
    return _git(target, "rev-parse", "HEAD"), fallback


def _git(root: Path, *args: str, check: bool = True) -> str:
    try:
        p = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                           env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    except OSError as e:
        raise QmsError(f"git is needed to make the repository ({e}); or use --no-git") from e
    if check and p.returncode:
        raise QmsError(f"git {args[0]} failed in {root}: {p.stderr.strip()}")
    return p.stdout.strip()
