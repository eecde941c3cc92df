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


def _sign_fn(signing, qms) -> Callable:
    """A document whose approvals are all in its PAdES-signed PDF is published as that PDF
    (the people's own signatures); every PDF then gets the institution's e-seal, when one is
    configured (signing.seal). Nothing else signs: never a key per step."""
    from ..approval.pades import evidence_pdf

    def sign(pdf: bytes, doc, slots) -> bytes:
        signed = evidence_pdf(qms, doc)
        if signed is not None:
            pdf = signed.read_bytes()
        return signing.sign(pdf, []) if signing.signers else pdf
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
              help="Publish the people's PAdES-signed PDF where a version was approved that "
                   "way, and seal every PDF with the institution's e-seal (signing.seal).")
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
    from .progress import progress_bar

    with progress_bar() as say:
        say("checking the content")
        qms = load_qms(root)
        sign = _sign_fn(_signing(qms.config, level, tsa), qms) if do_sign else None
        res = build_pdfs(qms, out or root / "_pdf", codes=codes or None,
                         manual_only=manual_only, reports_only=reports_only, copy=copy_no,
                         sign=sign, progress=say)
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
              help="Repository whose qms.yml names the e-seal.")
@click.option("--level", type=LEVEL, help="PAdES level (default: qms.yml or B-B).")
@click.option("--tsa", metavar="URL", help="RFC 3161 timestamp authority (PAdES B-T).")
def sign_cmd(files: tuple[Path, ...], root: Path, level: str | None, tsa: str | None) -> None:
    """Seal PDFs in place with the institution's e-seal (qms.yml signing.seal), as an
    incremental update: earlier signatures stay valid. A person signs a version with
    `qms approve CODE --as STEP --pdf`."""
    from ..config import load_config
    from ..exceptions import SignError

    cfg = load_config(root)
    signing = _signing(cfg, level, tsa)
    if not signing.signers:
        raise SignError("no e-seal configured (qms.yml signing.seal); people sign with "
                        "'qms approve CODE --as STEP --pdf'")
    for f in files:
        data = signing.sign_file(f, [])
        click.echo(f"{f}: signed ({data})")


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--trust", multiple=True, type=click.Path(exists=True, dir_okay=False,
                                                        path_type=Path),
              help="Trust root certificate (PEM/DER; repeatable). Default: qms.yml "
                   "approval.trust_roots of --repo.")
@click.option("--repo", "root", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Repository whose table 1 the PDFs' signers must match (when it is one).")
def verify(files: tuple[Path, ...], trust: tuple[Path, ...], root: Path) -> None:
    """Check PDFs: every signature (integrity, signer, time, chain), which document version the
    PDF is (its keywords) against its file name and the repository, and its people's
    signatures against table 1. Exit 1 on any problem."""
    from ..config import load_config
    from ..exceptions import ConfigError
    from ..sign.identity import check_identity
    from ..sign.settings import trust_roots
    from ..sign.verify import load_trust, verify_pdf

    _quiet_libraries()
    roots = list(trust)
    qms = None
    try:
        cfg = load_config(root)
        roots = roots or trust_roots(cfg)
        if (cfg.root / "qms.yml").exists() or cfg.content.is_dir():
            from ..load.repository import load_repository
            from ..model import build_qms

            qms = build_qms(cfg, load_repository(cfg))
    except ConfigError:
        pass
    certs = load_trust(roots) if roots else None
    bad = 0
    for f in files:
        res = verify_pdf(f, certs)
        desc = ""
        if f.is_file() and not any("not a PDF" in p or "cannot read" in p for p in res.problems):
            more, desc = check_identity(f, f.read_bytes(), qms)
            res.problems += more
        for p in res.problems:
            click.echo(f"{f}: {p}")
        if res.ok:
            who = "; ".join(f"{s.signer} at {s.time}{' (timestamp)' if s.timestamped else ''}"
                            for s in res.signatures)
            chain = "" if certs is not None else " (chain not checked: no trust root)"
            click.echo(f"{f}: OK, {desc}, {len(res.signatures)} signature(s): {who}{chain}")
        else:
            bad += 1
    if bad:
        click.echo(f"{bad} of {len(files)} file(s) FAILED verification", err=True)
    sys.exit(1 if bad else 0)


# ---- used by `qms release` / `qms verify-release` --------------------------------------------

def release_pdfs(root: Path, folder: Path, progress: Callable[[str], None] = _say) -> int:
    """Every PDF of the repository at root into folder: a version approved in its PDF as that
    PDF, every document and the manual sealed with the configured e-seal (never a key made
    here: a missing key file is an error), the report PDFs (folder/rapoarte/) unsigned."""
    from ..check import load_qms
    from ..pdf import build_pdfs

    qms = load_qms(root)
    res = build_pdfs(qms, folder, sign=_sign_fn(_signing(qms.config, None, None), qms),
                     progress=progress, reuse=False)  # a release typesets afresh
    return len(res.files)


def release_pdf_verifier(trust: Path | list[Path] | None) -> Callable[[Path], list[str]]:
    """A function giving the problems of one PDF of a release (empty list: valid), chained to
    the trust roots if any are given: its signatures, and which document version it is against
    its file name and the versions the release's manifest (pinned by the tag) lists."""
    import json

    from ..pdf.reports import FOLDER
    from ..sign.identity import check_identity
    from ..sign.verify import load_trust, verify_pdf

    _quiet_libraries()
    roots = trust if isinstance(trust, list) else [trust] if trust else []
    certs = load_trust(roots) if roots else None

    def problems(path: Path) -> list[str]:
        found = verify_pdf(path, certs).problems
        # Report PDFs and documents approved outside their PDF (statements) are published
        # unsigned when no e-seal is configured; the manifest, pinned by the tag, covers their
        # bytes. A signature they do carry must still be valid.
        found = [p for p in found if p != "not signed"]
        if path.parent.name == FOLDER:
            return found
        try:
            manifest = json.loads((path.parent.parent / "manifest.json").read_text("utf-8"))
        except (OSError, ValueError):
            manifest = {}
        more, _ = check_identity(path, path.read_bytes(), None, manifest.get("documents"))
        return found + more
    return problems
