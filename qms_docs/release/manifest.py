"""Release manifest: SHA-256 of every file of a release, the commit, the toolchain version.
Verification reports every changed, missing and added file by name."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)


def write_manifest(folder: Path, version: str, commit: str, tool_version: str,
                   created: str, documents: dict[str, str] | None = None) -> Path:
    """documents: code -> 'E.R' of every document in the release (qms verify-release checks
    each PDF's own keywords against it)."""
    data = {
        "version": version, "commit": commit, "toolchain": f"qms-docs {tool_version}",
        "created": created, "algorithm": "sha256", "documents": documents or {},
        "files": {p.relative_to(folder).as_posix(): sha256(p) for p in _files(folder)},
    }
    path = folder / MANIFEST
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                    "utf-8")
    return path


@dataclass(frozen=True)
class ManifestProblem:
    path: str
    problem: str  # changed | missing | added | unreadable

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def verify_manifest(folder: Path) -> list[ManifestProblem]:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text("utf-8"))
        expected: dict[str, str] = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return [ManifestProblem(MANIFEST, "unreadable")]
    actual = {p.relative_to(folder).as_posix(): p for p in _files(folder)}
    problems = [ManifestProblem(rel, "missing") for rel in expected if rel not in actual]
    problems += [ManifestProblem(rel, "added") for rel in actual if rel not in expected]
    problems += [ManifestProblem(rel, "changed") for rel, p in actual.items()
                 if rel in expected and sha256(p) != expected[rel]]
    return sorted(problems, key=lambda p: p.path)
