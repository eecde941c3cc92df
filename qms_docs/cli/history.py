"""Commands of the document-control stage: changes, in-force, review-status, ack-status."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import main
from .core import _date, date_option


@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--base", required=True,
              help="Git revision the change is compared with (e.g. main): from its merge-base "
                   "with HEAD, as git diff BASE...HEAD.")
@click.option("--head", default=None, help="Git revision it ends at (default: the work tree).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True, help="markdown for a pull-request comment, json for tools.")
def changes(path: Path, base: str, head: str | None, fmt: str) -> None:
    """Report what changed in the QMS between two revisions, with a redline. Files that the
    head holds and that are refused (symbolic links, FIFOs) are findings, in the report and on
    stderr; exit 1 when there is one."""
    from ..config import load_config
    from ..findings import render
    from ..history.base import refuse_incomplete
    from ..history.changes import compare, to_markdown
    from ..history.gitlog import GitRepo

    cfg = load_config(path)
    repo = GitRepo(cfg.root)
    refuse_incomplete(repo, "qms changes")
    # Like `git diff BASE...HEAD`: from the merge-base, so a branch behind BASE is not charged
    # with BASE's own changes.
    tip = repo.resolve(head) if head else repo.resolve("HEAD")
    start = repo.git("merge-base", repo.resolve(base), tip).strip()
    report = compare(cfg.root, cfg.content_dir, start, repo.resolve(head) if head else None)
    report.base, report.head = base, head or "work tree"
    click.echo(report.to_json() if fmt == "json"
               else to_markdown(report, cfg.language, cfg.root))
    if report.findings:
        click.echo(render(report.findings, "text"), err=True)
        sys.exit(1)


@main.command("review-status")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--within", default=30, show_default=True, help="Days ahead that count as due.")
@date_option
@click.option("--fail-overdue", is_flag=True, help="Exit 1 when a review is overdue.")
def review_status_cmd(path: Path, within: int, today: dt.date | None, fail_overdue: bool) -> None:
    """List documents whose periodic review is overdue, due soon, or fine."""
    from ..check import load_qms
    from ..history.review import review_status

    rows = review_status(load_qms(path), today or dt.date.today(), within)
    for r in rows:
        when = f"{-r.days} days overdue" if r.days < 0 else f"in {r.days} days"
        click.echo(f"{r.status:<8} {r.code:<12} due {r.due} ({when})  last {r.last_review}  "
                   f"owner: {r.owner}  {r.title}")
    counts = {s: sum(r.status == s for r in rows) for s in ("overdue", "due", "ok")}
    click.echo(f"{counts['overdue']} overdue, {counts['due']} due within {within} days, "
               f"{counts['ok']} fine")
    sys.exit(1 if fail_overdue and counts["overdue"] else 0)


@main.command("ack-status")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@date_option
@click.option("--within", default=30, show_default=True,
              help="Notice window: a version taking effect within this many days is asked "
                   "for already (instead of the one it replaces).")
def ack_status_cmd(path: Path, today: dt.date | None, within: int) -> None:
    """List who has not yet acknowledged the version of each document that applies: the one
    in force, or the next one when it takes effect within --within days. Obsolete versions and
    versions further ahead are never asked for."""
    from ..check import load_qms
    from ..history.review import ack_status

    rows = ack_status(load_qms(path), today or dt.date.today(), within)
    for r in rows:
        ahead = f"  takes effect {r.effective}" if r.upcoming else ""
        click.echo(f"{r.code:<12} {r.version:<6} {r.role:<22} {r.name or '-':<24} "
                   f"({r.purpose}){ahead}")
    click.echo(f"{len(rows)} acknowledgement(s) pending")


@main.command("in-force")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--date", "day", callback=_date, metavar="YYYY-MM-DD", required=True,
              help="The day asked about (e.g. an audit date).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for tools.")
@click.option("--all", "every", is_flag=True,
              help="Every version of every document with its status on that day, not only "
                   "the one that applied.")
def in_force_cmd(path: Path, day: dt.date, fmt: str, every: bool) -> None:
    """List, for every document, the version in force on --date, with its effective dates and
    status (în vigoare, perimat, retras, intră în vigoare la ...; English with language: en).

    Boundary-day rule: a version is in force from its effective date inclusive; the version it
    replaces is in force until the day before, inclusive. A withdrawn document's last version
    applies until the day before the withdrawal date, and is 'retras' from that day. A document
    whose first version is dated after --date is listed as not yet in force.

    Needs the whole git history (a shallow or partial clone, or a folder outside git, is
    refused: the answer would look right and be wrong)."""
    import json

    from ..check import load_qms
    from ..history.inforce import in_force, require_history

    qms = load_qms(path)
    require_history(qms)
    lang = qms.config.language
    rows = in_force(qms, day.isoformat(), lang, every)
    if fmt == "json":
        click.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return
    width = max((len(r.status) for r in rows), default=0)  # the titles line up
    for r in rows:
        until = r.end or "…"
        click.echo(f"{r.code:<12} {r.edition}.{r.revision:<4} {r.start} → {until:<10}  "
                   f"{r.status:<{width}}  {r.title}")
