"""Commands of the audit module: audit checklist, audit new, review-inputs, actions."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import main
from .core import date_option

PATH = click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))


def _qms(path: Path):
    from ..config import load_config
    from ..load.repository import load_repository
    from ..model import build_qms

    cfg = load_config(path)
    return build_qms(cfg, load_repository(cfg))


@main.group()
def audit() -> None:
    """Internal and diagnostic audits: new audit from the programme, checklist from the model."""


@audit.command("checklist")
@click.argument("audit_id")
@PATH
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of the audit's checklist.yml.")
@click.option("--force", is_flag=True, help="Refresh the checklist of a completed audit too.")
def checklist(audit_id: str, path: Path, out: Path | None, force: bool) -> None:
    """Write or refresh the checklist of AUDIT_ID from the model, keeping the auditor's
    statuses, evidence and notes."""
    from ..audit.scaffold import write_checklist

    qms = _qms(path)
    target, n = write_checklist(qms, audit_id, out, force)
    click.echo(f"wrote {target} ({n} clauses)")


@audit.command("new")
@click.argument("audit_id")
@PATH
def new(audit_id: str, path: Path) -> None:
    """Create audits/<year>/AUDIT_ID/audit.yml from the audit programme."""
    from ..audit.scaffold import new_audit

    qms = _qms(path)
    created = new_audit(qms, audit_id)
    click.echo(f"created {qms.config.rel(created)}")
    click.echo(f"next: complete the dates and plan, then run 'qms audit checklist {audit_id}'")


@main.command("review-inputs")
@PATH
@click.option("--year", type=click.IntRange(2000, 2100),
              help="Year of the management review (default: the current year).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the Markdown here instead of printing it.")
@click.option("--lang", type=click.Choice(["ro", "en"]), help="Language (default: qms.yml).")
@click.option("--freeze", is_flag=True,
              help="Record the inputs as of today in content/audits/YEAR/review-inputs.yml: the "
                   "review's own record, never recomputed later (refuses to overwrite one).")
@date_option
def review_inputs(path: Path, year: int | None, out: Path | None, lang: str | None,
                  freeze: bool, today: dt.date | None) -> None:
    """The inputs of the management review (ISO 9001 9.3.2), assembled from the repository,
    and a minutes template (9.3.3), as Markdown."""
    from ..audit.review import freeze_inputs
    from ..audit.review import review_inputs as build_inputs
    from ..exceptions import RecordExists

    qms = _qms(path)
    year = year or (today or dt.date.today()).year
    if freeze:
        try:
            written = freeze_inputs(qms, year, (today or dt.date.today()).isoformat(),
                                    lang or qms.config.language)
        except RecordExists as e:
            raise click.UsageError(f"{e}: frozen inputs are a record and are never rewritten "
                                   "(delete the file only if the review has not taken place)") \
                from e
        click.echo(f"wrote {qms.config.rel(written)}")
        return
    text = build_inputs(qms, year, lang or qms.config.language)
    if out:
        out.write_text(text, "utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)


@main.command("actions")
@PATH
@click.option("--overdue", "only_overdue", is_flag=True, help="Only actions past their deadline.")
@date_option
def actions(path: Path, only_overdue: bool, today: dt.date | None) -> None:
    """Open corrective actions and management-review actions, soonest deadline first."""
    from ..audit.actions import open_actions, overdue
    from ..audit.model import build

    qms = _qms(path)
    today = today or dt.date.today()
    rows = open_actions(build(qms))
    if only_overdue:
        rows = overdue(rows, today)
    for r in rows:
        late = r.overdue_days(today)
        flag = f"  OVERDUE {late} day(s)" if late else ""
        click.echo(f"{r.deadline or '----------'}  {r.id:<11} {r.status:<11} "
                   f"{r.owner or '(no owner)':<20} {r.description}{flag}")
    click.echo(f"{len(rows)} {'overdue' if only_overdue else 'open'} action(s)")
    sys.exit(1 if only_overdue and rows else 0)
