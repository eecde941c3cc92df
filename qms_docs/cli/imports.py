"""Commands of the import and Word stage: import, docx."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import main

KINDS = ["system-procedure", "operational-procedure", "work-instruction", "form", "risks",
         "processes", "responsibilities"]
REGISTER_KINDS = ("risks", "processes", "responsibilities")


def _say(message: str) -> None:
    click.echo(f"… {message}", err=True)


@main.command(name="import")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--repo", "root", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The QMS repository.")
@click.option("--kind", type=click.Choice(KINDS),
              help="Kind of the documents (default: from the code prefix) or of the register "
                   "(default: from the column headers).")
@click.option("--code", help="Code of the document (one .docx only).")
@click.option("--process", metavar="P-xx", help="Process the documents belong to.")
@click.option("--replace", is_flag=True,
              help="A document whose code is already in content/ is replaced in its file (a "
                   "Word copy brought back); a register is rewritten instead of extended.")
@click.option("--dry-run", is_flag=True, help="Report and check, write nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def import_(paths: tuple[Path, ...], root: Path, kind: str | None, code: str | None,
            process: str | None, replace: bool, dry_run: bool, fmt: str) -> None:
    """Bring Word documents (.docx, or folders of them) and spreadsheet registers (.xlsx, .csv)
    into content/, then check what was written."""
    from ..imports import Options, run_import
    from ..imports.report import as_json, summary_table

    if code and len(paths) > 1:
        raise click.UsageError("--code names one document: give one .docx")
    doc_kind = kind if kind not in REGISTER_KINDS else None
    register = kind if kind in REGISTER_KINDS else None
    report = run_import(root, list(paths), Options(code, doc_kind, process), dry_run=dry_run,
                        replace=replace, register=register,
                        progress=_say if fmt == "text" else None)
    if fmt == "json":
        click.echo(as_json(report))
    else:
        click.echo(summary_table(report))
    sys.exit(1 if report.failed else 0)


@main.command()
@click.argument("codes", nargs=-1)
@click.option("--repo", "root", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The QMS repository.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("_docx"),
              show_default=True, help="Folder of the Word copies.")
@click.option("--save-reference", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the default reference document (to restyle, then name it in "
                   "qms.yml 'docx.reference') and stop.")
def docx(codes: tuple[str, ...], root: Path, out: Path, save_reference: Path | None) -> None:
    """Editable Word copies of documents (all of them without CODE) in the OSGG 600 layout."""
    from ..docx import export_docx, save_default_reference

    if save_reference:
        save_default_reference(save_reference)
        click.echo(f"wrote {save_reference}")
        return
    written = export_docx(root, list(codes), out, progress=_say)
    for path in written:
        click.echo(str(path))
    click.echo(f"{len(written)} Word cop{'y' if len(written) == 1 else 'ies'} in {out} "
               "(uncontrolled: the controlled version is the one in the repository)")
