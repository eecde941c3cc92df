"""The release stage's error."""

from __future__ import annotations

from ..exceptions import QmsError


class ReleaseError(QmsError):
    """The release was refused or failed; nothing was published."""
