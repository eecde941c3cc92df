"""Commands of the scim module: scim new, scim situation."""

from __future__ import annotations

from pathlib import Path

import click

from . import main


@main.group()
def scim() -> None:
    """Internal managerial control (OSGG 600/2018): questionnaires, synthetic situation."""


def _qms(path: Path):
    from ..config import load_config
    from ..load.repository import load_repository
    from ..model import build_qms

    cfg = load_config(path)
    return build_qms(cfg, load_repository(cfg))


@scim.command("new")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
def new(year: int, path: Path) -> None:
    """Scaffold content/scim/YEAR/questionnaires/: one questionnaire per department."""
    from ..scim.scaffold import new_questionnaires

    qms = _qms(path)
    created = new_questionnaires(qms, year)
    for p in created:
        click.echo(f"created {qms.config.rel(p)}")
    if not created:
        click.echo("nothing to do: every department has a questionnaire")


@scim.command("situation")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
def situation(year: int, path: Path) -> None:
    """The synthetic situation of YEAR computed from the questionnaires, and the grade."""
    from ..exceptions import QmsError
    from ..scim.model import build
    from ..scim.situation import synthesis

    qms = _qms(path)
    y = build(qms).year(year)
    if y is None or not y.questionnaires:
        raise QmsError(f"no questionnaires for {year} in "
                       f"{qms.config.content_dir}/scim/{year}/questionnaires/")
    s = synthesis(y)
    click.echo(f"SCIM {year}: {len(s.departments)} departments answered")
    click.echo(f"{'standard':<58} {'appl':>4} {'I':>3} {'PI':>3} {'NI':>3}  state")
    for row in s.rows:
        label = f"{row.standard.id:>2} {row.standard.title}"[:58]
        click.echo(f"{label:<58} {row.applicable:>4} {row.implemented:>3} {row.partial:>3} "
                   f"{row.not_implemented:>3}  {row.state or '-'}")
    click.echo(f"grade: {s.grade} ({s.implemented} of {len(s.rows)} standards implemented)")
