"""Typed exceptions raised by the library; only the CLI turns them into output and exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .findings import Finding


class QmsError(Exception):
    """Base class of every error the toolchain raises on purpose."""


class ConfigError(QmsError):
    """qms.yml is missing a value or has a wrong one."""


class CheckFailed(QmsError):
    """The content has error findings; the operation that needed clean content refused to run."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__(f"{sum(f.severity == 'error' for f in findings)} error(s) in the content")


class Refused(QmsError):
    """The content does not allow the operation (a signer who does not hold the function, a step
    before its predecessors): fixed in the content, so the CLI exits as for findings."""


class BuildError(QmsError):
    """A renderer (site, PDF) failed."""


class SignError(QmsError):
    """Signing or verification could not be carried out."""


class RecordExists(QmsError):
    """A record would be overwritten (records are written once: frozen review inputs)."""


class HistoryError(QmsError):
    """A git operation failed (unknown ref, not a repository)."""
