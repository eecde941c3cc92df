"""Commands of the check stage: check, init."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..findings import render, summary
from . import main

FORMATS = click.Choice(["text", "json", "github"])


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter("use YYYY-MM-DD") from e


date_option = click.option("--today", callback=_date, metavar="YYYY-MM-DD",
                           help="Date used for due-date rules (default: today).")


@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@date_option
@click.option("--against", metavar="REF",
              help="Apply the version rules against the merge-base of REF and HEAD (default: "
                   "the last tag, else the merge-base with the default branch, else the "
                   "previous commit).")
@click.option("--no-history", is_flag=True, help="Skip the version rules (no git needed).")
@click.option("--require-approval", is_flag=True,
              help="Every document changed or withdrawn since the base needs complete, valid "
                   "approval evidence (releases; main-branch CI).")
@click.option("--no-cache", is_flag=True,
              help="Check cold: neither reuse nor keep a result in .qms-cache/ (also "
                   "QMS_NO_CACHE=1).")
def check(path: Path, fmt: str, strict: bool, today: dt.date | None, against: str | None,
          no_history: bool, require_approval: bool, no_cache: bool) -> None:
    """Validate the QMS in PATH: schemas, references, rules, ISO 9001 coverage, versions."""
    from ..cache import CheckCache

    cache = None if no_cache else CheckCache.open(path, today, against, not no_history,
                                                   require_approval)
    res = cache.lookup() if cache else None
    if res is None:
        res = _check_cold(path, today, against, no_history, require_approval, cache)
    out = render(res.findings, fmt)
    if out:
        click.echo(out)
    if fmt == "text":
        click.echo(f"{summary(res.findings)} in {res.files} files "
                   f"({res.documents} documents, {res.processes} processes, "
                   f"{res.roles} job functions, {res.risks} risks)"
                   + (f"; {res.base}" if res.base else ""))
    sys.exit(1 if res.failed(strict) else 0)


def _check_cold(path: Path, today: dt.date | None, against: str | None, no_history: bool,
                require_approval: bool, cache):
    from ..cache import Cached
    from ..check import run_check
    from ..config import load_config

    cfg = load_config(path)
    if cache:
        cache.prepare(cfg)
    result = run_check(path, today=today, cfg=cfg, against=against,
                       history=not no_history, require_approval=require_approval,
                       memo=cache.memo() if cache else None)
    if cache:
        cache.store(result)
    q = result.qms
    return Cached(result.findings, len(q.files.files), len(q.all_documents), len(q.processes),
                  len(q.roles), len(q.risks), result.base, cfg.strict)


@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--history", is_flag=True,
              help="Also make PATH a git repository whose commits replay the demo's editions "
                   "and revisions, each with its own text, table rows and approval evidence "
                   "(signed with the DEMO keys of the people who held the functions).")
@click.option("--no-git", is_flag=True, help="Make no git repository and no first commit.")
@click.option("--toolchain", metavar="REQUIREMENT",
              help="What the CI templates install (QMS_DOCS), e.g. "
                   "git+https://host/org/qms-docs@COMMIT (default: where this qms was "
                   "installed from, at its exact commit).")
def init(path: Path, history: bool, no_git: bool, toolchain: str | None) -> None:
    """Create a new QMS repository in PATH from the demo authority: content, settings, CI
    templates, pre-commit configuration, JSON Schemas for editors, and a git repository."""
    from ..scaffold import init_repository
    from ..toolchain import install_source

    if history and no_git:
        raise click.UsageError("--history makes a git history; it cannot go with --no-git")
    source = toolchain or install_source()
    res = init_repository(path, toolchain=source, git=not (no_git or history))
    click.echo(f"created {len(res.created)} files in {path}")
    click.echo(f"CI installs the toolchain from: {source}" if source else
               "warning: this qms was installed from a folder that CI cannot reach: set "
               "QMS_DOCS in .github/workflows/qms.yml and .gitlab-ci.yml (or run qms init "
               "with --toolchain git+https://…/qms-docs@COMMIT)", err=not source)
    if history:
        from ..config import load_config
        from ..history.replay import replay
        from ..load.repository import load_repository
        from ..model import build_qms

        cfg = load_config(path)
        commits = replay(build_qms(cfg, load_repository(cfg)))
        click.echo(f"git history: {commits} commits replaying every edition and revision")
    elif res.commit:
        click.echo(f"git: first commit {res.commit[:12]} on branch main")
        if res.identity_fallback:
            click.echo("warning: git has no user.name / user.email: the first commit is "
                       "signed 'qms init'; set them with git config --global", err=True)
    click.echo("next: edit content/organization.yml, then run 'qms check' and 'qms build'; "
               "'pre-commit install' checks every commit")


@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
def schemas(path: Path) -> None:
    """Copy this toolchain's JSON Schemas into PATH/schemas/, where the modeline of every YAML
    file points (editors: completion, hover help, errors as you type). Run after upgrading."""
    from ..editor import copy_schemas

    if not path.is_dir():
        raise click.UsageError(f"{path}: not a directory")
    written = copy_schemas(path)
    click.echo(f"wrote {len(written)} schemas to {path / 'schemas'}")


@main.command()
@click.option("--markdown", is_flag=True, help="As the Markdown table the README shows.")
def codes(markdown: bool) -> None:
    """List every finding code with its meaning."""
    from ..findings import CODES

    if markdown:
        click.echo("| code | meaning |\n|---|---|")
    for code, meaning in CODES.items():
        click.echo(f"| {code} | {meaning} |" if markdown else f"{code}  {meaning}")
