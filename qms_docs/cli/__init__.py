"""The `qms` command: parse arguments, call the library, print. Nothing else lives here.

One module per stage registers its commands on `main`.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..exceptions import CheckFailed, QmsError
from ..findings import render, summary


class _Group(click.Group):
    """Turns the library's typed errors into one clear line and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CheckFailed as e:
            click.echo(render(e.findings, "text"), err=True)
            click.echo(f"qms: refused: {summary(e.findings)}; run 'qms check'", err=True)
            sys.exit(1)
        except QmsError as e:
            click.echo(f"qms: error: {e}", err=True)
            sys.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="qms")
def main() -> None:
    """qms-docs: a quality management system kept as code."""


from . import approval, audit, caf, core, history, pdf, release, site  # noqa: E402,F401  (register the commands)
