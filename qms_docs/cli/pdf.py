"""Commands of the PDF and signing stages: pdf, sign, verify, keys."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from . import main

LEVEL = click.Choice(["B-B", "B-T", "B-LT"])


def _quiet_libraries() -> None:
    """pyHanko logs each failed check with a traceback (no handler configured: Python prints
    it); the verdict is ours to print, one line per problem."""
    for name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _say(message: str) -> None:
    click.echo(f"… {message}", err=True)


def _password(spec) -> str | None:
    """Password / PIN of a signer: its environment variable, the public demo password for demo
    keys, else a hidden prompt when there is a terminal. Never from the command line."""
    from ..exceptions import SignError
    from ..sign.keys import DEMO_PASSWORD, is_demo_key

    value = os.environ.get(spec.password_env)
    if value is not None:
        return value
    if spec.pkcs12 is not None and is_demo_key(spec.pkcs12):
        return DEMO_PASSWORD
    if sys.stdin.isatty():
        return click.prompt(f"password for {spec.describe} ({spec.step})", hide_input=True,
                            err=True)
    raise SignError(f"no password for {spec.describe}: set {spec.password_env}")


def _signing(cfg, level: str | None, tsa: str | None):
    from ..sign.settings import sign_settings
    from ..sign.signer import Signing

    _quiet_libraries()
    return Signing(sign_settings(cfg, level=level, tsa=tsa), _password)


def _sign_fn(signing) -> Callable:
    def sign(pdf: bytes, doc, slots) -> bytes:
        return signing.sign(pdf, [(s.step, s.page, s.box) for s in slots])
    return sign


def _split_args(args: tuple[str, ...]) -> tuple[Path, list[str]]:
    """[PATH] [CODE]...: a first argument that is a folder is the repository."""
    if args and Path(args[0]).is_dir():
        return Path(args[0]), list(args[1:])
    return Path("."), list(args)


@main.command()
@click.argument("args", nargs=-1, metavar="[PATH] [CODE]...")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: PATH/_pdf).")
@click.option("--manual-only", is_flag=True, help="Only the complete quality manual.")
@click.option("--reports-only", is_flag=True,
              help="Only the report PDFs (CAF, audits, registers, management review inputs, "
                   "training) into OUT/rapoarte/; a full build writes them too.")
@click.option("--sign", "do_sign", is_flag=True,
              help="Sign every PDF (elaborat → verificat → aprobat) with the configured keys.")
@click.option("--level", type=LEVEL, help="PAdES level when signing (default: qms.yml or B-B).")
@click.option("--tsa", metavar="URL", help="RFC 3161 timestamp authority (PAdES B-T).")
@click.option("--copy", "copy_no", default="1", show_default=True,
              help="Copy number printed in the header (Exemplar nr.).")
def pdf(args: tuple[str, ...], out: Path | None, manual_only: bool, reports_only: bool,
        do_sign: bool, level: str | None, tsa: str | None, copy_no: str) -> None:
    """PDF/A-2b of every controlled document, the complete quality manual and the reports (CAF,
    audits, registers) in OUT/rapoarte/ (or only CODEs: no reports).

    All or nothing: a failed build leaves the previous PDFs in place. --sign signs the documents
    and the manual; report PDFs have no table 1 and stay unsigned."""
    from ..check import load_qms
    from ..pdf import build_pdfs

    root, codes = _split_args(args)
    if reports_only and (codes or manual_only or do_sign):
        raise click.UsageError("--reports-only takes no CODEs, --manual-only or --sign (report "
                               "PDFs have no table 1 and are not signed)")
    _say("checking the content")
    qms = load_qms(root)
    sign = _sign_fn(_signing(qms.config, level, tsa)) if do_sign else None
    res = build_pdfs(qms, out or root / "_pdf", codes=codes or None, manual_only=manual_only,
                     reports_only=reports_only, copy=copy_no, sign=sign, progress=_say)
    for f in res.files:
        click.echo(str(f))
    reports = sum(1 for f in res.files if f.parent.name == "rapoarte")
    docs = len(res.files) - reports
    parts = [f"{docs} PDF(s){' signed' if sign else ''}"] if docs or not reports else []
    parts += [f"{reports} report PDF(s) in rapoarte/{' (unsigned)' if sign else ''}"] \
        if reports else []
    click.echo(f"{' and '.join(parts)} in {res.seconds:.1f} s", err=True)


@main.command("sign")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--repo", "root", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Repository whose qms.yml names the keys and whose documents the PDFs are.")
@click.option("--as", "steps", multiple=True,
              type=click.Choice(["elaborated", "verified", "approved"]),
              help="Sign only as these steps (repeatable); default all, skipping steps "
                   "already signed.")
@click.option("--level", type=LEVEL, help="PAdES level (default: qms.yml or B-B).")
@click.option("--tsa", metavar="URL", help="RFC 3161 timestamp authority (PAdES B-T).")
def sign_cmd(files: tuple[Path, ...], root: Path, steps: tuple[str, ...], level: str | None,
             tsa: str | None) -> None:
    """Sign PDFs in place (incremental updates: earlier signatures stay valid)."""
    from ..config import load_config
    from ..sign.placement import slots_for

    cfg = load_config(root)
    signing = _signing(cfg, level, tsa)
    for f in files:
        slots = slots_for(cfg, f, _say)
        data = signing.sign_file(f, slots, only=list(steps) or None)
        click.echo(f"{f}: signed ({data})")


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--trust", multiple=True, type=click.Path(exists=True, dir_okay=False,
                                                        path_type=Path),
              help="Trust root certificate (PEM/DER; repeatable). Default: qms.yml "
                   "signing.trust, else .keys/demo-ca.pem when present.")
def verify(files: tuple[Path, ...], trust: tuple[Path, ...]) -> None:
    """Check the signatures of PDFs: integrity, signer, time, chain. Exit 1 on any problem."""
    from ..config import load_config
    from ..exceptions import ConfigError
    from ..sign.settings import trust_roots
    from ..sign.verify import load_trust, verify_pdf

    _quiet_libraries()
    roots = list(trust)
    if not roots:
        try:
            roots = trust_roots(load_config("."))
        except ConfigError:
            roots = []
    certs = load_trust(roots) if roots else None
    bad = 0
    for f in files:
        res = verify_pdf(f, certs)
        for p in res.problems:
            click.echo(f"{f}: {p}")
        if res.ok:
            who = "; ".join(f"{s.signer} at {s.time}{' (timestamp)' if s.timestamped else ''}"
                            for s in res.signatures)
            chain = "" if certs is not None else " (chain not checked: no trust root)"
            click.echo(f"{f}: OK, {len(res.signatures)} signature(s): {who}{chain}")
        else:
            bad += 1
    if bad:
        click.echo(f"{bad} of {len(files)} file(s) FAILED verification", err=True)
    sys.exit(1 if bad else 0)


# ---- used by `qms release` / `qms verify-release` --------------------------------------------

def release_pdfs(root: Path, folder: Path) -> int:
    """Every PDF of the repository at root into folder: the documents and the manual signed with
    the configured keys (the demo keys when nothing is configured; they are created when
    missing), the report PDFs (folder/rapoarte/) unsigned."""
    from ..check import load_qms
    from ..pdf import build_pdfs
    from ..sign.keys import DEMO_DIR, create_demo_keys

    qms = load_qms(root)
    if not (qms.config.signing or {}).get("signers"):
        create_demo_keys(qms.config.root / DEMO_DIR)
    res = build_pdfs(qms, folder, sign=_sign_fn(_signing(qms.config, None, None)),
                     progress=_say)
    return len(res.files)


def release_pdf_verifier(trust: Path | None) -> Callable[[Path], list[str]]:
    """A function giving the problems of one PDF (empty list: valid), chained to trust if given."""
    from ..pdf.reports import FOLDER
    from ..sign.verify import load_trust, verify_pdf

    _quiet_libraries()
    certs = load_trust([trust]) if trust else None

    def problems(path: Path) -> list[str]:
        found = verify_pdf(path, certs).problems
        # Report PDFs are published unsigned (no table 1); the release manifest, pinned by the
        # tag, covers their bytes. A signature they do carry must still be valid.
        if path.parent.name == FOLDER:
            found = [p for p in found if p != "not signed"]
        return found
    return problems
