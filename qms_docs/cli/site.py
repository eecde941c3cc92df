"""Commands of the site stage: build, serve."""

from __future__ import annotations

import time
from pathlib import Path

import click

from . import main


@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: site/ in PATH).")
@click.option("--strict", is_flag=True,
              help="Check warnings and MkDocs warnings (broken links...) fail the build too.")
def build(path: Path, out: Path | None, strict: bool) -> None:
    """Check the QMS in PATH, then build the site; on any error the previous site stays."""
    from ..findings import render
    from ..site.build import build_site
    from .progress import progress_bar

    start = time.perf_counter()
    with progress_bar() as say:
        target = build_site(path, out, strict=strict,
                            warn=lambda found: click.echo(render(found, "text"), err=True),
                            progress=say)
    click.echo(f"site built in {target} ({time.perf_counter() - start:.1f} s)")


@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT",
              help="Address to serve on.")
def serve(path: Path, dev_addr: str) -> None:
    """Serve the site as `qms build` makes it, rebuilt with live reload on every change under
    content/ (YAML included), qms.yml and mkdocs.yml. Content with errors is refused: at start
    nothing is served; later the previous site stays and the findings say what to fix."""
    from ..findings import render, summary
    from ..site.serve import serve_site

    def report(b) -> None:
        if b.findings:
            click.echo(render(b.findings, "text"), err=True)
        stamp = time.strftime("%H:%M:%S")
        if b.ok:
            pages = "" if b.rendered is None else \
                f" ({b.rendered} pages rendered, {b.reused} unchanged)"
            click.echo(f"[{stamp}] site built in {b.seconds:.1f} s{pages}: "
                       f"{summary(b.findings)}")
        else:
            why = b.error or f"{summary(b.findings)} (listed above)"
            click.echo(f"[{stamp}] refused: {why}; still serving the previous site")

    def started(url: str, watched: list[Path]) -> None:
        names = ", ".join(p.name + ("/" if p.is_dir() else "") for p in watched)
        click.echo(f"serving {url} (rebuilt on every change to {names}; Ctrl+C stops)")

    serve_site(path, dev_addr, report, started)
