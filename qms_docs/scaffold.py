"""`qms init`: a new repository from the demo authority shipped with the package."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from .exceptions import QmsError

# What a new repository gets; the package carries these under qms_docs/skeleton/.
FILES = ("content", "mkdocs.yml", "qms.yml", "gitignore", "github", "gitlab-ci.yml",
         "pre-commit-hooks.yaml")
# Stored without their leading dot, which package data would drop.
_DOTTED = {"gitignore", "github", "gitlab-ci.yml", "pre-commit-hooks.yaml"}


def init_repository(target: Path) -> list[Path]:
    target = Path(target)
    base = resources.files("qms_docs").joinpath("skeleton")
    clashes = [n for n in ("content", "mkdocs.yml", "qms.yml") if (target / n).exists()]
    if clashes:
        raise QmsError(f"{target}: {', '.join(clashes)} already exist; refusing to overwrite")
    created: list[Path] = []
    for name in FILES:
        dest = target / (f".{name}" if name in _DOTTED else name)
        _copy(base.joinpath(name), dest, created)
    return created


def _copy(src: Traversable, dest: Path, created: list[Path]) -> None:
    if src.is_dir():
        for child in sorted(src.iterdir(), key=lambda c: c.name):
            if child.name != "__pycache__":
                _copy(child, dest / child.name, created)
    elif src.is_file():
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(src.read_bytes())
        created.append(dest)
