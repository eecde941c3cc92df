"""The DEMO keys: every demo person's Ed25519 SSH key, RSA certificates for the management
functions and the RMC, and the authority's DEMO e-seal. They ship in the package
(qms_docs/demo/keys/, made once by tools/make_demo_keys.py) because committed demo approvals
must verify on any clone (their public halves are in content/people.yml and content/keys/) and
`qms approve` must be able to sign new ones with the very keys the registry names; RSA keys
cannot be derived from a seed with the standard libraries. The private keys are public: NO
LEGAL VALUE. `qms keys demo` copies them into .keys/demo/ (git-ignored); anything signed with
them is refused by `qms release` unless --allow-demo-keys, and marked DEMO on every page."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

DEMO_DIR = Path(".keys") / "demo"
PASSWORD = "demo"
SEAL = "sigiliu"


def shipped() -> Path:
    return Path(str(resources.files("qms_docs").joinpath("demo", "keys")))


def install(root: Path, force: bool = False) -> list[Path]:
    """Copy the shipped demo keys into root/.keys/demo; returns the files written."""
    dest = root / DEMO_DIR
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sorted(shipped().iterdir()):
        if not src.is_file():
            continue
        target = dest / src.name
        if target.exists() and not force:
            continue
        target.write_bytes(src.read_bytes())
        if "." not in src.name or src.suffix == ".p12":
            os.chmod(target, 0o600)  # ssh-keygen refuses a private key others can read
        written.append(target)
    return written


def installed(root: Path) -> Path | None:
    d = root / DEMO_DIR
    return d if d.is_dir() else None


def ssh_key(root: Path, person: str) -> Path | None:
    d = installed(root)
    p = d / person if d else None
    return p if p and p.is_file() else None


def pkcs12(root: Path, person: str) -> Path | None:
    d = installed(root)
    p = d / f"{person}.p12" if d else None
    return p if p and p.is_file() else None


def signing_days(doc) -> dict[str, str]:
    """The demo's signing day of each step of doc's version: the front matter's planned date,
    else counted back from the effective date (a week per step)."""
    import datetime as dt

    steps = list(dict.fromkeys(a.step for a in doc.approvals))
    out = {}
    start = dt.date.fromisoformat(doc.effective_date) if doc.effective_date else dt.date.today()
    for i, step in enumerate(steps):
        planned = next((a.declared_date for a in doc.step(step) if a.declared_date), "")
        out[step] = planned or (start - dt.timedelta(days=7 * (len(steps) - i))).isoformat()
    return out


# The demo documents whose approvals are PAdES signatures in the version's PDF (all their
# signers have a certificate); the others are signed statements (SSH, or CMS for those with one).
PDF_SIGNED = ("PS-04",)


def sign_version(qms, code: str, days: dict[str, str] | None = None,
                 pdf: bool | None = None) -> list[Path]:
    """Every row of code's version in the work tree signed with the demo keys of the people
    who held the functions on the signing days (10:00 local time)."""
    import datetime as dt

    from . import clock_of
    from .approve import KeySpec, approve, target

    doc, _, _ = target(qms, code)
    days = days or signing_days(doc)
    as_pdf = code in PDF_SIGNED if pdf is None else pdf
    written: list[Path] = []
    for step in dict.fromkeys(a.step for a in doc.approvals):
        for a in doc.step(step):
            moment = dt.datetime.fromisoformat(f"{days[step]}T10:00:00").replace(
                tzinfo=clock_of(qms))
            if as_pdf:
                from .pades import approve_pdf

                written += approve_pdf(qms, code, step, KeySpec(), moment=moment,
                                       function=a.role)
            else:
                written += approve(qms, code, step, KeySpec(), moment=moment, function=a.role)
    return written
