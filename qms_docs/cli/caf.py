"""Commands of the caf module: caf new, caf consensus."""

from __future__ import annotations

from pathlib import Path

import click

from . import main


@main.group()
def caf() -> None:
    """CAF 2020 self-assessment: scaffold sheets, prepare the consensus meeting."""


def _qms(path: Path):
    from ..config import load_config
    from ..load.repository import load_repository
    from ..model import build_qms

    cfg = load_config(path)
    return build_qms(cfg, load_repository(cfg))


@caf.command("new")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
def new(year: int, path: Path) -> None:
    """Scaffold content/caf/YEAR/: assessment.yml and one scoring sheet per evaluator."""
    from ..caf.scaffold import new_assessment

    qms = _qms(path)
    created, ready = new_assessment(qms, year)
    for p in created:
        click.echo(f"created {qms.config.rel(p)}")
    if not ready:
        click.echo(f"next: list the group in {qms.config.content_dir}/caf/{year}/assessment.yml, "
                   f"then run 'qms caf new {year}' again")
    elif not created:
        click.echo("nothing to do: every evaluator has a sheet")


@caf.command("consensus")
@click.argument("year", type=int)
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(1), default=10, show_default=True,
              help="How many sub-criteria to list.")
@click.option("--scores", "show_scores", is_flag=True,
              help="Also list each evaluator's score.")
def consensus(year: int, path: Path, top: int, show_scores: bool) -> None:
    """Sub-criteria with the widest disagreement, to discuss first at the consensus meeting."""
    from ..caf.model import build
    from ..caf.reference import model as caf_model
    from ..caf.stats import disagreement, fmt
    from ..exceptions import QmsError

    qms = _qms(path)
    a = build(qms).year(year)
    if a is None:
        raise QmsError(f"no CAF assessment for {year} in {qms.config.content_dir}/caf/")
    ref = caf_model()
    ranked = disagreement(a, ref)[:top]
    if not ranked:
        click.echo(f"CAF {year}: no individual scores yet")
        return
    click.echo(f"CAF {year}: sub-criteria by disagreement (discuss the first ones first)")
    click.echo(f"{'#':>2}  {'sub':<4} {'range':>5} {'min':>4} {'max':>4} {'mean':>5} "
               f"{'std':>5} {'N':>3}  title")
    for i, (sid, sp) in enumerate(ranked, 1):
        click.echo(f"{i:>2}  {sid:<4} {fmt(sp.width, 'en', 0):>5} {fmt(sp.low, 'en', 0):>4} "
                   f"{fmt(sp.high, 'en', 0):>4} {fmt(sp.mean, 'en'):>5} {fmt(sp.std, 'en'):>5} "
                   f"{sp.n:>3}  {ref.subcriteria[sid].title_ro}")
        if show_scores:
            click.echo("      " + ", ".join(f"{e}: {fmt(v, 'en', 0)}" for e, v in sp.scores))
