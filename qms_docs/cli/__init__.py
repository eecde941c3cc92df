"""The `qms` command: parse arguments, call the library, print. Nothing else lives here.

One module per stage registers its commands on `main`.
"""

from __future__ import annotations

import gc
import sys

import click

from .. import __version__
from ..exceptions import BuildError, CheckFailed, QmsError, Refused
from ..findings import render, summary

# Exit statuses: 1 when the content has findings (or a build of it failed), 2 for usage and
# environment errors (a bad option, a missing folder, an unknown git revision, no key), as
# click does for its own usage errors. CI tells "fix the content" from "fix the job".
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Group(click.Group):
    """Turns the library's typed errors into one clear line and an exit status, never a
    traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CheckFailed as e:
            click.echo(render(e.findings, "text"), err=True)
            click.echo(f"qms: refused: {summary(e.findings)}; run 'qms check'", err=True)
            sys.exit(EXIT_FINDINGS)
        except (BuildError, Refused) as e:
            click.echo(f"qms: error: {e}", err=True)
            sys.exit(EXIT_FINDINGS)
        except QmsError as e:
            click.echo(f"qms: error: {e}", err=True)
            sys.exit(EXIT_USAGE)


# A run builds a model of hundreds of thousands of objects that live to its end and hold
# almost no cycles: the collector's default pace (every 700 allocations) traverses them over
# and over, a tenth of a cold `qms check`. Collected less often, as mypy does, not disabled
# (`qms serve` runs for hours).
GC_THRESHOLDS = (200_000, 30, 30)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="qms")
def main() -> None:
    """qms-docs: a quality management system kept as code."""
    gc.set_threshold(*GC_THRESHOLDS)


# register the commands
from . import (  # noqa: E402,F401
    approval,
    audit,
    caf,
    core,
    history,
    imports,
    pdf,
    release,
    scim,
    site,
)
