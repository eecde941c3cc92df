"""Where every value came from: a file path and a map from JSON-pointer paths to line:column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path_ = tuple[str | int, ...]


@dataclass
class Positions:
    """1-based line:column of each value; a mapping key is under its path + ('<key>',)."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: Path_) -> tuple[int, int]:
        # Walk up to the nearest ancestor we know: a missing property points at its mapping.
        while path and path not in self.values:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key(self, path: Path_) -> tuple[int, int]:
        return self.values.get(path + ("<key>",)) or self.at(path)

    def shifted(self, lines: int) -> Positions:
        return Positions({p: (ln + lines, c) for p, (ln, c) in self.values.items()})


@dataclass
class LoadProblem(Exception):
    """A YAML problem at a position, to be turned into a finding by the caller."""

    code: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: str = "error"


@dataclass
class Loaded:
    """A parsed YAML document: plain data plus positions."""

    data: Any
    positions: Positions


@dataclass
class SourceFile:
    """A file of the repository as loaded: relative path, data, positions, kind."""

    rel: str
    kind: str
    data: Any
    positions: Positions
    body: str = ""
    body_line: int = 1
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # (line, level, text)
    sha256: str = ""  # of the bytes read from the work tree ("" when not read from there)
    front_sha256: str = ""  # of a Markdown file's text before its body (its front matter)

    def loc(self, *path: str | int) -> tuple[str, int, int]:
        line, col = self.positions.at(tuple(path))
        return self.rel, line, col
