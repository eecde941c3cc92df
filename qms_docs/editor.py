"""Editor help for YAML files: the yaml-language-server modeline that points a file at its JSON
Schema, and the copy of the schemas a repository carries (`qms init`, `qms schemas`)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

SCHEMA_DIR = "schemas"  # at the repository root, beside qms.yml
_PREFIX = "# yaml-language-server: $schema="


def modeline(root: Path, path: Path, kind: str) -> str:
    """The first line of a YAML file at path: its schema, relative to the file's folder."""
    target = Path(root) / SCHEMA_DIR / f"{kind}.schema.json"
    return _PREFIX + Path(os.path.relpath(target, Path(path).parent)).as_posix()


def with_modeline(text: str, line: str) -> str:
    """text with line as its first line, replacing a modeline already there."""
    rest = text.split("\n", 1)[1] if text.startswith(_PREFIX) else text
    return line + "\n" + rest


def copy_schemas(root: Path) -> list[Path]:
    """The installed toolchain's schemas into root/schemas/ (replacing older copies)."""
    dest = Path(root) / SCHEMA_DIR
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sorted(resources.files("qms_docs").joinpath("schemas").iterdir(),
                      key=lambda s: s.name):
        if src.name.endswith(".schema.json"):
            (dest / src.name).write_bytes(src.read_bytes())
            written.append(dest / src.name)
    return written
