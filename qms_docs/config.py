"""Settings, in one place: qms.yml at the repository root (every key optional).

Defaults:
    content_dir: content          # where the QMS lives
    language: ro                  # ro | en: UI strings of site and PDFs
    edition_numerals: roman       # roman ("Ediția a II-a") | arabic ("Ediția 2")
    review_interval_months: 12    # periodic review when a document does not set its own
    max_file_bytes: 2000000       # larger files are refused (QMS002)
    strict: false                 # warnings count as errors
    site_url: null                # where the site is published: sitemap.xml, canonical links
    approval:                     # approval evidence (qms approve, qms check): qms_docs/approval
      steps: [elaborated, verified, approved]   # table-1 steps in signing order (+ endorsed)
      trust_roots: []             # CA certificates for CMS / PAdES approvals, the seal, qms verify
                                  #   (a path, or {path, qualified: true} for a qualified CA)
      paper_until: null           # paper approvals accepted for versions effective before this
      timezone: Europe/Bucharest  # signing dates and in-force dates are days of this zone
    signing:                      # PDF signatures (qms pdf --sign, qms sign); see qms_docs/sign
      level: B-B                  # B-B | B-T (needs tsa) | B-LT (adds validation data)
      tsa: null                   # RFC 3161 timestamp authority URL
      password_env: QMS_SIGN_PASSWORD   # env variable with the PKCS#12 password / token PIN
      crls: []                    # local CRL files embedded for B-LT
      location: ""                # /Location of the signatures
      seal: null                  # the institution's e-seal: {pkcs12: FILE} or
                                  #   {pkcs11: {module: LIB, token: LABEL, key: LABEL, cert: LABEL}}
    docx:                         # editable Word copies (qms docx)
      reference: null             # a restyled reference .docx in the repository (default: the
                                  # shipped one; `qms docx --save-reference FILE` writes it)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .exceptions import ConfigError
from .load.tree import regular_file
from .load.yamlpos import load_yaml_text

CONFIG_FILE = "qms.yml"


@dataclass(frozen=True)
class Config:
    root: Path
    content_dir: str = "content"
    language: str = "ro"
    edition_numerals: str = "roman"
    review_interval_months: int = 12
    max_file_bytes: int = 2_000_000
    strict: bool = False
    site_url: str | None = None
    signing: dict | None = field(default=None, hash=False, compare=False)
    docx: dict | None = field(default=None, hash=False, compare=False)
    approval: dict | None = field(default=None, hash=False, compare=False)

    @property
    def approval_steps(self) -> tuple[str, ...]:
        steps = (self.approval or {}).get("steps")
        return tuple(steps) if steps else ("elaborated", "verified", "approved")

    @property
    def timezone(self) -> str:
        return (self.approval or {}).get("timezone") or "Europe/Bucharest"

    @property
    def paper_until(self) -> str:
        return (self.approval or {}).get("paper_until") or ""

    def trust_roots(self) -> list[tuple[Path, bool]]:
        """(certificate file, qualified) of every configured trust root."""
        out = []
        for r in (self.approval or {}).get("trust_roots") or []:
            path, qualified = (r, False) if isinstance(r, str) else (r["path"], r.get("qualified",
                                                                                 False))
            out.append((self.root / path, bool(qualified)))
        return out

    @property
    def content(self) -> Path:
        return self.root / self.content_dir

    def rel(self, path: Path) -> str:
        """Path relative to the repository root, with forward slashes (as findings print it).
        root is already resolved and content paths are built from it: no syscall needed."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.resolve().relative_to(self.root).as_posix()

    def inside(self, path: Path) -> bool:
        """Whether path, links followed, stays in the repository (a symlink may point out)."""
        return path.resolve().is_relative_to(self.root)


def schema(name: str) -> dict:
    """A shipped JSON Schema by kind, e.g. schema('roles')."""
    text = resources.files("qms_docs").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def load_config(root: Path | str = ".") -> Config:
    root = Path(root).resolve()
    if not root.is_dir():
        raise ConfigError(f"{root}: not a directory")
    path = root / CONFIG_FILE
    if not os.path.lexists(path):
        return Config(root=root)
    if not regular_file(path):  # a link to /proc/self/environ, a FIFO that never answers
        raise ConfigError(f"{CONFIG_FILE}: must be a regular file, not a symbolic link or a "
                          "FIFO")
    loaded, problems = load_yaml_text(path.read_text("utf-8"))
    if problems or loaded is None:
        p = problems[0]
        raise ConfigError(f"{CONFIG_FILE}:{p.line}:{p.col}: {p.message}")
    data = loaded.data or {}
    from .check.schema import first_error

    err = first_error("qms", data)
    if err is not None:
        line, col = loaded.positions.at(tuple(err.absolute_path))
        raise ConfigError(f"{CONFIG_FILE}:{line}:{col}: {err.message}")
    cfg = Config(root=root, **data)
    _check_approval(cfg, loaded.positions)
    content = (root / cfg.content_dir).resolve()
    if not content.is_relative_to(root):
        raise ConfigError(f"{CONFIG_FILE}: content_dir must stay inside the repository")
    return cfg


def _check_approval(cfg: Config, positions) -> None:
    """What the schema cannot say: the three OSGG steps in their order, a known time zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    steps = cfg.approval_steps
    core = [s for s in steps if s in ("elaborated", "verified", "approved")]
    if core != ["elaborated", "verified", "approved"] or steps[-1] != "approved":
        line, col = positions.at(("approval", "steps"))
        raise ConfigError(f"{CONFIG_FILE}:{line}:{col}: approval.steps must hold elaborated, "
                          "verified and approved in this order, approved last (endorsed may "
                          "come between)")
    try:
        ZoneInfo(cfg.timezone)
    except (ZoneInfoNotFoundError, ValueError) as e:
        line, col = positions.at(("approval", "timezone"))
        raise ConfigError(f"{CONFIG_FILE}:{line}:{col}: unknown time zone "
                          f"{cfg.timezone!r} (e.g. Europe/Bucharest)") from e
