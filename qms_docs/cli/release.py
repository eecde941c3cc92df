"""Commands of the release stage: release, verify-release."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import main


@main.command()
@click.argument("version")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--branch", default="gh-pages", show_default=True,
              help="Branch that holds the versioned site (mike's layout).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Also export the versioned site to this folder (any static host).")
@click.option("--no-pdf", is_flag=True, help="Publish the site without PDFs.")
@click.option("--allow-demo-keys", is_flag=True,
              help="Publish approvals signed with DEMO keys (a demonstration: every page of the "
                   "site and the PDFs says DEMO).")
def release(version: str, path: Path, branch: str, out: Path | None, no_pdf: bool,
            allow_demo_keys: bool) -> None:
    """Publish VERSION: check (every changed or withdrawn document approved, no DEMO key),
    build the site and the PDFs (people's PAdES signatures, the institution's e-seal),
    manifest, tag. Never overwrites, never makes a key."""
    from ..config import load_config
    from ..release.build import release as do_release
    from .pdf import _signing, release_pdfs

    if not no_pdf:
        _signing(load_config(path), None, None)  # a missing e-seal key fails before any work

    res = do_release(path, version, branch=branch, out=out,
                     pdf=None if no_pdf else release_pdfs,
                     progress=lambda m: click.echo(f"… {m}", err=True),
                     allow_demo_keys=allow_demo_keys)
    click.echo(f"released {res.version} ({res.commit[:12]}, {res.date}): {res.files} files on "
               f"branch {res.branch}, tag {res.version}")
    if res.exported:
        click.echo(f"exported to {res.exported}")


@main.command("verify-release")
@click.argument("target")
@click.option("--repo", "root", default=".", type=click.Path(file_okay=False, path_type=Path),
              help="Repository whose pages branch holds the release.")
@click.option("--branch", default="gh-pages", show_default=True)
@click.option("--trust", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Trust root (PEM) for the PDF signatures.")
def verify_release_cmd(target: str, root: Path, branch: str, trust: Path | None) -> None:
    """Check every file of a release (VERSION on the branch, or a folder) against its manifest
    and every PDF signature. Exit 1 and one line per problem."""
    from ..release.verify import verify_release
    from .pdf import release_pdf_verifier

    problems = verify_release(target, root, branch, release_pdf_verifier(trust))
    for p in problems:
        click.echo(f"{target}: {p}")
    click.echo(f"{target}: {'FAILED, ' + str(len(problems)) + ' problem(s)' if problems else 'OK'}")
    sys.exit(1 if problems else 0)
