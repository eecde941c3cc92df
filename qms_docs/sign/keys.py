"""Key material: the demo CA and signers (`qms keys demo`), and loading a signer from a PKCS#12
file or a PKCS#11 token.

The demo keys are for trying the toolchain only: every name carries DEMO, the password is public
("demo"), and they live in the git-ignored `.keys/` folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import SignError

DEMO_PASSWORD = "demo"
DEMO_DIR = ".keys"
DEMO_CA = "demo-ca.pem"
DEMO_CRL = "demo-ca.crl"
DEMO_MARKER = "DEMO-KEYS.txt"
# step -> (file stem, common name)
DEMO_SIGNERS = {
    "elaborated": ("elaborat", "DEMO Elaborator SMC"),
    "verified": ("verificat", "DEMO Verificator SMC"),
    "approved": ("aprobat", "DEMO Aprobator SMC"),
}
_NOT_BEFORE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
_NOT_AFTER = dt.datetime(2045, 12, 31, tzinfo=dt.UTC)


def create_demo_keys(keys_dir: Path, force: bool = False) -> list[Path]:
    """A demo CA (certificate + empty CRL) and one PKCS#12 per approval step, RSA 2048 keys:
    an ECDSA signature makes pyHanko declare PDF 2.0 (ISO 32002), which PDF/A-2b does not allow,
    and Romanian qualified certificates are RSA. Existing demo keys are kept unless force;
    returns the files written (empty when nothing was needed)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    wanted = [keys_dir / DEMO_CA] + [keys_dir / f"{s}.p12" for s, _ in DEMO_SIGNERS.values()]
    if not force and all(p.exists() for p in wanted):
        return []
    try:
        keys_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SignError(f"{keys_dir}: {e}") from e

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "RO"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "DEMO qms-docs"),
                          x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = name("DEMO qms-docs Root CA")
    ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(_NOT_BEFORE).not_valid_after(_NOT_AFTER)
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                       False), critical=True)
          .add_extension(ski, critical=False)
          .sign(ca_key, hashes.SHA256()))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    crl = (x509.CertificateRevocationListBuilder().issuer_name(ca_name)
           .last_update(now - dt.timedelta(days=1)).next_update(now + dt.timedelta(days=3650))
           .add_extension(x509.CRLNumber(1), critical=False)
           .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
                          critical=False)
           .sign(ca_key, hashes.SHA256()))
    written = [keys_dir / DEMO_CA, keys_dir / DEMO_CRL]
    (keys_dir / DEMO_CA).write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (keys_dir / DEMO_CRL).write_bytes(crl.public_bytes(serialization.Encoding.DER))
    for stem, cn in DEMO_SIGNERS.values():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(ca_name)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(_NOT_BEFORE).not_valid_after(_NOT_AFTER)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(True, True, False, False, False, False, False,
                                             False, False), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                               critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                    ski), critical=False)
                .sign(ca_key, hashes.SHA256()))
        enc = serialization.BestAvailableEncryption(DEMO_PASSWORD.encode())
        p12 = pkcs12.serialize_key_and_certificates(cn.encode(), key, cert, [ca], enc)
        (keys_dir / f"{stem}.p12").write_bytes(p12)
        (keys_dir / f"{stem}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        written += [keys_dir / f"{stem}.p12", keys_dir / f"{stem}.pem"]
    (keys_dir / DEMO_MARKER).write_text(
        "DEMO keys made by `qms keys demo`. NOT FOR REAL SIGNATURES.\n"
        f"PKCS#12 password: {DEMO_PASSWORD} (or set QMS_SIGN_PASSWORD)\n"
        f"Trust root for `qms verify --trust`: {DEMO_CA}; empty CRL for B-LT: {DEMO_CRL}\n",
        "utf-8")
    return written + [keys_dir / DEMO_MARKER]


def is_demo_key(path: Path) -> bool:
    return (path.parent / DEMO_MARKER).exists()


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
            hint = "; run 'qms keys demo' for demo keys" if spec.pkcs12.parent.name == DEMO_DIR \
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
