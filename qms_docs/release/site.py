"""The published site as mike lays it out: versions.json, VERSION/ folders, alias folders of
redirects (latest/), the root redirect. Read from an exported folder or the pages branch."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

VERSIONS = "versions.json"
LATEST = "latest"
_HREF = re.compile(r'window\.location\.replace\(\s*"([^"]*)"')


@dataclass(frozen=True)
class Published:
    version: str
    title: str
    aliases: list[str] = field(default_factory=list)
    commit: str = ""  # set by qms release; empty for a working version (mike deploy main)
    maintenance: bool = False

    @property
    def frozen(self) -> bool:
        return bool(self.commit)


def parse_versions(text: str) -> list[Published]:
    """versions.json; raises ValueError when it is not mike's list of versions."""
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError("not a list")
    out = []
    for v in data:
        props = v.get("properties") or {}
        if not isinstance(props, dict):
            props = {}
        out.append(Published(str(v["version"]), str(v.get("title", v["version"])),
                             [str(a) for a in v.get("aliases") or []],
                             str(props.get("commit") or ""), bool(props.get("maintenance"))))
    return out


def read_versions(site: Path) -> list[Published]:
    path = site / VERSIONS
    return parse_versions(path.read_text("utf-8")) if path.exists() else []


def latest(versions: list[Published]) -> Published | None:
    return next((v for v in versions if LATEST in v.aliases), None)


def redirect_target(page: Path) -> str | None:
    """Where one of mike's redirect pages sends the reader (None: not a redirect page)."""
    try:
        m = _HREF.search(page.read_text("utf-8", errors="replace"))
    except OSError:
        return None
    return m.group(1) if m else None
