"""Loading a signer from a PKCS#12 file or a PKCS#11 token (pyHanko signers). The DEMO keys are
qms_docs/approval/demo.py's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..exceptions import SignError

DEMO_PASSWORD = "demo"


def is_demo_key(path: Path) -> bool:
    """A key of `qms keys demo` (.keys/demo/): its password is public."""
    return path.parent.name == "demo" and path.parent.parent.name == ".keys"


@dataclass(frozen=True)
class SignerSpec:
    """Where one approval step's key lives: a PKCS#12 file or a PKCS#11 token."""

    step: str
    pkcs12: Path | None = None
    module: str = ""  # PKCS#11 library
    token: str = ""
    key: str = ""
    cert: str = ""
    password_env: str = "QMS_SIGN_PASSWORD"

    @property
    def describe(self) -> str:
        return str(self.pkcs12) if self.pkcs12 else f"pkcs11:{self.token}/{self.key}"


def load_signer(spec: SignerSpec, password: str | None):
    """A pyHanko signer for the spec; the caller supplies the password or PIN (never argv)."""
    from pyhanko.sign import signers

    if spec.pkcs12 is not None:
        try:
            data = spec.pkcs12.read_bytes()
        except OSError as e:
            hint = "; run 'qms keys demo' for the demo keys" if is_demo_key(spec.pkcs12) \
                else ""
            raise SignError(f"{spec.pkcs12}: {e.strerror or e}{hint}") from e
        try:
            return signers.SimpleSigner.load_pkcs12_data(
                data, other_certs=[], passphrase=password.encode() if password else None)
        except (ValueError, TypeError) as e:
            raise SignError(f"{spec.pkcs12}: cannot open the PKCS#12 file "
                            "(wrong password or not a PKCS#12 file)") from e
    return _pkcs11_signer(spec, password)


def _pkcs11_signer(spec: SignerSpec, pin: str | None):
    try:
        from pyhanko.sign import pkcs11
    except ImportError as e:  # pragma: no cover - python-pkcs11 is a dependency
        raise SignError("PKCS#11 signing needs python-pkcs11 (pip install python-pkcs11)") from e
    if not spec.module or not spec.token or not spec.key:
        raise SignError(f"signer {spec.step}: pkcs11 needs module, token and key")
    try:
        from pyhanko.config.pkcs11 import TokenCriteria

        session = pkcs11.open_pkcs11_session(spec.module, token_criteria=TokenCriteria(
            label=spec.token), user_pin=pin)
        # raw mechanism: hash here, sign on the token (many tokens lack hash-then-sign ECDSA)
        return pkcs11.PKCS11Signer(session, cert_label=spec.cert or spec.key,
                                   key_label=spec.key, use_raw_mechanism=True)
    except Exception as e:  # noqa: BLE001 - PKCS#11 libraries raise many unrelated types
        raise SignError(f"signer {spec.step}: PKCS#11 token {spec.token!r}: "
                        f"{str(e) or type(e).__name__}") from e
