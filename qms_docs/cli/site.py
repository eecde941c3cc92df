"""Commands of the site stage: build, serve."""

from __future__ import annotations

import click  # noqa: F401

from . import main  # noqa: F401
