"""The check stage: schema per file, then cross-references, then domain rules and ISO coverage.

All findings are collected; nothing stops at the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..approval import prefetch
from ..approval.verify import check_approvals
from ..audit.check import check as check_audit
from ..caf.check import check as check_caf
from ..config import Config, load_config
from ..findings import Finding
from ..load.dialect import FILE as MKDOCS_FILE
from ..load.dialect import read_mkdocs
from ..load.repository import load_repository
from ..model import QMS, build_qms
from ..scim.check import check as check_scim
from .coverage import check_coverage
from .html import check_html
from .people import check_people
from .references import check_references
from .rules import check_rules
from .schema import check_schema
from .text import text_findings


@dataclass
class CheckResult:
    qms: QMS
    findings: list[Finding]
    base: str = ""  # what the version rules compared with, for the summary line

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.findings))


def run_check(root: Path | str = ".", today: dt.date | None = None,
              cfg: Config | None = None, against: str | None = None, history: bool = True,
              require_approval: bool = False, memo=None) -> CheckResult:
    """Every finding of the repository at root. With history, the version rules run against
    `against` or, when not given, the last tag (if the repository has one). memo: parsed files
    and their schema findings kept between runs (cache.FileMemo)."""
    cfg = cfg or load_config(root)
    with prefetch.running(cfg) as early:  # signed PDFs validated beside the parsing
        loaded = load_repository(cfg, memo)
        findings = list(loaded.findings)
        findings += mkdocs_findings(cfg)
        for f in loaded.files:  # what a file alone decides, kept between runs
            for check in (check_schema, text_findings):
                findings += memo.findings(f, check) if memo is not None else check(f)
        qms = build_qms(cfg, loaded)
        if early is not None:
            qms.derived["pades-prefetch"] = early
        findings += check_references(qms)
        findings += check_rules(qms, today or dt.date.today())
        findings += check_coverage(qms)
        findings += check_people(qms)
        findings += check_html(qms)
        findings += check_caf(qms, today or dt.date.today())
        findings += check_audit(qms, today or dt.date.today())
        findings += check_scim(qms, today or dt.date.today())
        findings += check_approvals(qms)
        qms.derived.pop("pades-prefetch", None)  # a process: not part of the model
    # Version rules need readable files; other errors do not hide them.
    base = ""
    if history and not any(f.severity == "error" and f.code < "QMS200" for f in findings):
        more, base = _versions(qms, against, require_approval)
        findings += more
    return CheckResult(qms, sorted(set(_one_per_mistake(findings))), base)



# Findings that name an id nobody defines; they say more (the known ids, "did you mean") than
# the schema's "is not a valid value" for the same value, which is then left out.
UNKNOWN_ID = {"QMS201", "QMS202", "QMS203", "QMS204", "QMS205", "QMS206", "QMS207", "QMS208",
              "QMS503", "QMS509", "QMS602"}


def _one_per_mistake(findings: list[Finding]) -> list[Finding]:
    unknown = {(f.path, f.line, f.col) for f in findings if f.code in UNKNOWN_ID}
    return [f for f in findings if f.code != "QMS101" or (f.path, f.line, f.col) not in unknown]


def mkdocs_findings(cfg: Config) -> list[Finding]:
    """What mkdocs.yml enables that the toolchain refuses (QMS018, QMS019)."""
    return [Finding(MKDOCS_FILE, p.line, p.col, p.severity, p.code, p.message, p.hint)
            for p in read_mkdocs(cfg.root, cfg.content_dir).problems]


def load_qms(root: Path | str = ".", cfg: Config | None = None) -> QMS:
    """The model for renderers: refuses content with errors; table 1 completed from git."""
    from ..cache import run_check_memoized
    from ..exceptions import CheckFailed
    from ..history.approvals import resolve_approvals

    result = run_check_memoized(root, cfg=cfg)
    if result.errors:
        raise CheckFailed(result.findings)
    resolve_approvals(result.qms)
    return result.qms


def _versions(qms: QMS, against: str | None, require_approval: bool
              ) -> tuple[list[Finding], str]:
    from ..history.base import choose_base
    from ..history.gitlog import GitRepo
    from ..history.versions import check_versions

    if not GitRepo(qms.config.root).is_repo():
        if against:
            from ..exceptions import HistoryError
            raise HistoryError(f"{qms.config.root} is not a git repository")
        return [], "no version rules: not a git repository"
    base = choose_base(qms.config.root, qms.config.content_dir, against)
    if base is None:
        return [], "no version rules: nothing to compare with yet"
    label = against or base.why.split(";")[0].removeprefix("last tag ")
    return check_versions(qms, base.sha, label, require_approval), \
        f"version rules against {base.describe()}"
