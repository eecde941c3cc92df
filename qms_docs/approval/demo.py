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
