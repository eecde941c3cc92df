"""Commands of the approval stage: approve, withdraw, approvals, keys."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from . import main

STEP = click.Choice(["elaborated", "verified", "endorsed", "approved"])


def _moment(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter("use ISO 8601, e.g. 2026-02-26T10:00:00+02:00") from e
    if moment.tzinfo is None:
        raise click.BadParameter("give the UTC offset, e.g. 2026-02-26T10:00:00+02:00")
    return moment


@main.command()
@click.argument("code")
@click.option("--as", "step", type=STEP, required=True, help="The table-1 step you sign.")
@click.option("--repo", "root", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.option("--ssh-key", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Your SSH key (private key file, or the .pub of a key in ssh-agent).")
@click.option("--pkcs12", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Your certificate and key as a PKCS#12 file (CMS signature).")
@click.option("--pkcs11-module", metavar="LIB", help="PKCS#11 library of your token.")
@click.option("--token", metavar="LABEL", help="Token label (PKCS#11).")
@click.option("--key", "key_label", metavar="LABEL", help="Private key label (PKCS#11).")
@click.option("--cert", "cert_label", metavar="LABEL", default="",
              help="Certificate label (PKCS#11; default: the key label).")
@click.option("--pdf", "as_pdf", is_flag=True,
              help="Sign the version's PDF (PAdES) instead of the statement (with --pkcs12, "
                   "--pkcs11-module or the demo keys).")
@click.option("--tsa", metavar="URL",
              help="With --pdf: an RFC 3161 timestamp authority dates the signature (B-T).")
@click.option("--person", help="Your person id (people.yml); default: the key's owner.")
@click.option("--function", help="The function you sign as, when the step names several.")
@click.option("--time", "moment", callback=_moment, metavar="ISO",
              help="The signing time you state (default: now, or SOURCE_DATE_EPOCH).")
def approve(code: str, step: str, root: Path, ssh_key: Path | None, pkcs12: Path | None,
            pkcs11_module: str | None, token: str | None, key_label: str | None,
            cert_label: str, as_pdf: bool, tsa: str | None, person: str | None,
            function: str | None, moment: dt.datetime | None) -> None:
    """Sign STEP of document CODE as it is in the work tree: writes the evidence under
    content/approvals/CODE/EDITION.REVISION/ (commit it). The password or PIN comes from
    QMS_SIGN_PASSWORD, else a prompt."""
    from ..approval.approve import KeySpec
    from ..approval.approve import approve as do_approve
    from ..config import load_config
    from ..load.repository import load_repository
    from ..model import build_qms

    given = [x for x in (ssh_key, pkcs12, pkcs11_module) if x]
    if len(given) > 1:
        raise click.UsageError("give one key: --ssh-key, --pkcs12 or --pkcs11-module")
    from ..sign.keys import DEMO_PASSWORD, is_demo_key

    secret = os.environ.get("QMS_SIGN_PASSWORD")
    if secret is None and pkcs12 is not None and is_demo_key(pkcs12.resolve()):
        secret = DEMO_PASSWORD  # the demo keys' password is public
    if (pkcs12 or pkcs11_module) and secret is None:
        secret = click.prompt("password / PIN", hide_input=True, err=True) \
            if sys.stdin.isatty() else None
    key = KeySpec(ssh=ssh_key, pkcs12=pkcs12, password=secret, module=pkcs11_module or "",
                  token=token or "", key=key_label or "", cert=cert_label, pin=secret)
    cfg = load_config(root)
    qms = build_qms(cfg, load_repository(cfg))
    if tsa and not as_pdf:
        raise click.UsageError("--tsa timestamps a PDF signature: use it with --pdf")
    if as_pdf:
        from ..approval.pades import approve_pdf

        written = approve_pdf(qms, code, step, key, person=person, moment=moment,
                              function=function, say=lambda m: click.echo(f"… {m}", err=True),
                              tsa=tsa)
    else:
        written = do_approve(qms, code, step, key, person=person, moment=moment,
                             function=function)
    for p in written:
        click.echo(cfg.rel(p))
    click.echo(f"signed {step} of {code}; commit the evidence: "
               f"git add {cfg.rel(written[0].parent)}", err=True)


@main.command()
@click.argument("code")
@click.option("--repo", "root", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.option("--date", "day", required=True, metavar="YYYY-MM-DD",
              help="The day from which the document no longer applies.")
@click.option("--reason", required=True, help="Why it is withdrawn.")
def withdraw(code: str, root: Path, day: str, reason: str) -> None:
    """Withdraw document CODE: writes its withdrawal record and deletes its file; the record is
    then approved like a version (qms approve CODE --as STEP)."""
    from ..approval.withdrawal import write_withdrawal
    from ..config import load_config
    from ..load.repository import load_repository
    from ..model import build_qms

    try:
        dt.date.fromisoformat(day)
    except ValueError as e:
        raise click.BadParameter("use YYYY-MM-DD", param_hint="--date") from e
    cfg = load_config(root)
    path = write_withdrawal(build_qms(cfg, load_repository(cfg)), code, day, reason)
    click.echo(cfg.rel(path))
    click.echo(f"next: qms approve {code} --as elaborated (then verified, approved), commit",
               err=True)


@main.group()
def keys() -> None:
    """Signing keys: the demo keys, the allowed-signers file of the registry."""


@keys.command("demo")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite demo keys already installed.")
def keys_demo(path: Path, force: bool) -> None:
    """Install the DEMO keys of the demo people (and the DEMO e-seal) into PATH/.keys/demo.
    NO LEGAL VALUE: their private keys ship with qms-docs."""
    from ..approval.demo import DEMO_DIR, PASSWORD, install

    written = install(path, force=force)
    where = path / DEMO_DIR
    if written:
        click.echo(f"installed {len(written)} DEMO key files in {where} (PKCS#12 password "
                   f"'{PASSWORD}'); NO LEGAL VALUE")
    else:
        click.echo(f"demo keys already in {where} (use --force to reinstall them)")


@keys.command("seal-path")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
def keys_seal_path(path: Path) -> None:
    """Print where qms.yml's signing.seal expects the e-seal's PKCS#12 file (repository-
    relative): CI writes the secret there before `qms release`."""
    from ..config import load_config
    from ..exceptions import ConfigError

    seal = (load_config(path).signing or {}).get("seal") or {}
    if not seal.get("pkcs12"):
        raise ConfigError("qms.yml names no PKCS#12 e-seal (signing.seal.pkcs12): set it, or "
                          "keep the seal on a token (signing.seal.pkcs11) and skip this step")
    click.echo(seal["pkcs12"])


@keys.command("allowed-signers")
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
def keys_allowed_signers(path: Path) -> None:
    """Print the allowed-signers file of the people registry (for ssh-keygen -Y verify)."""
    from ..approval.registry import registry_of
    from ..config import load_config
    from ..load.repository import load_repository
    from ..model import build_qms

    cfg = load_config(path)
    click.echo(registry_of(build_qms(cfg, load_repository(cfg))).allowed_signers(), nl=False)
