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
@click.option("--maintenance", is_flag=True,
              help="Release a commit that does not descend from the latest release (an older "
                   "line of the documents): labelled as maintenance, never 'latest'.")
@click.option("--allow-demo-keys", is_flag=True,
              help="Publish approvals signed with DEMO keys (a demonstration: every page of the "
                   "site and the PDFs says DEMO).")
def release(version: str, path: Path, branch: str, out: Path | None, no_pdf: bool,
            maintenance: bool, allow_demo_keys: bool) -> None:
    """Publish VERSION: check (every changed or withdrawn document approved, no DEMO key),
    build the site and the PDFs (people's PAdES signatures, the institution's e-seal),
    manifest, tag. Never overwrites, never makes a key; 'latest' always stays the release of
    the newest commit."""
    from ..config import load_config
    from ..release.build import release as do_release
    from .pdf import _signing, release_pdfs
    from .progress import progress_bar

    if not no_pdf:
        _signing(load_config(path), None, None)  # a missing e-seal key fails before any work
    with progress_bar() as say:
        res = do_release(path, version, branch=branch, out=out,
                         pdf=None if no_pdf else lambda r, f: release_pdfs(r, f, say),
                         progress=say, maintenance=maintenance,
                         allow_demo_keys=allow_demo_keys)
    kind = "maintenance release" if res.maintenance else "released"
    click.echo(f"{kind} {res.version} ({res.commit[:12]}, {res.date}): {res.files} files on "
               f"branch {res.branch}, tag {res.version}")
    if res.exported:
        click.echo(f"exported to {res.exported}")


@main.command("verify-release")
@click.argument("target")
@click.option("--repo", "root", default=".", type=click.Path(file_okay=False, path_type=Path),
              help="Repository with the release's tag (and its pages branch).")
@click.option("--branch", default="gh-pages", show_default=True)
@click.option("--trust", multiple=True, type=click.Path(exists=True, dir_okay=False,
                                                        path_type=Path),
              help="Trust root (PEM) for the PDF signatures; repeatable. Default: qms.yml "
                   "approval.trust_roots of the repository.")
@click.option("--allow-unverified", is_flag=True,
              help="Exit 0 when nothing failed even if some checks could not run.")
def verify_release_cmd(target: str, root: Path, branch: str, trust: tuple[Path, ...],
                       allow_unverified: bool) -> None:
    """Check a release (VERSION on the branch, or an exported folder): every file against its
    manifest, the manifest against its annotated tag, every PDF signature against the trust
    roots, and versions.json, latest/ and the root redirect. One line per problem and per
    check that could not run; exit 1 unless everything was checked and is intact."""
    from ..release.verify import verify_release
    from .pdf import release_pdf_verifier

    roots = list(trust) or _configured_trust(root)
    verdict = verify_release(target, root, branch, release_pdf_verifier(roots),
                             chains=bool(roots))
    for p in verdict.problems:
        click.echo(f"{target}: {p}")
    for u in verdict.unchecked:
        click.echo(f"{target}: not checked: {u}")
    unchecked = len(verdict.unchecked)
    if verdict.problems:
        click.echo(f"{target}: FAILED, {len(verdict.problems)} problem(s)")
        sys.exit(1)
    if unchecked and not allow_unverified:
        click.echo(f"{target}: NOT VERIFIED, {unchecked} check(s) could not run "
                   "(--allow-unverified accepts that)")
        sys.exit(1)
    click.echo(f"{target}: OK" + (f" ({unchecked} check(s) not run)" if unchecked else ""))


def _configured_trust(root: Path) -> list[Path]:
    """The trust roots of the repository's qms.yml (none when it has no configuration)."""
    from ..config import load_config
    from ..exceptions import QmsError
    from ..sign.settings import trust_roots

    try:
        return trust_roots(load_config(root))
    except QmsError:
        return []
