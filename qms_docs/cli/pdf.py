"""Commands of the PDF and signing stages: pdf, sign, verify, keys."""

from __future__ import annotations

import click  # noqa: F401

from . import main  # noqa: F401
