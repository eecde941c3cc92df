"""Make the DEMO keys of the demo authority once (run by a maintainer, output committed).

Every person of content/people.yml gets an Ed25519 SSH key; the management functions and the
RMC also get an RSA-2048 X.509 certificate from a DEMO CA (the stand-in for a qualified
certificate on a token), and the authority gets a DEMO e-seal certificate. Private keys go to
qms_docs/demo/keys/ (shipped in the package, installed by `qms keys demo`, NO LEGAL VALUE);
certificates to content/keys/; the public SSH keys and certificate paths into people.yml.
Committed evidence then verifies on any fresh clone, and `qms approve` can sign new demo
approvals with the very keys the registry names.

    .venv/bin/python tools/make_demo_keys.py
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "qms_docs/demo/keys"
PUBLIC = ROOT / "content/keys"
PEOPLE = ROOT / "content/people.yml"
X509_ROLES = {"primar", "viceprimar", "secretar-general", "rmc"}
PASSWORD = b"demo"
NOT_BEFORE = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
NOT_AFTER = dt.datetime(2045, 12, 31, tzinfo=dt.UTC)


def name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "RO"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "DEMO qms-docs"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def main() -> None:
    KEYS.mkdir(parents=True, exist_ok=True)
    PUBLIC.mkdir(parents=True, exist_ok=True)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = name("DEMO qms-docs Root CA")
    ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(NOT_BEFORE).not_valid_after(NOT_AFTER)
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                       False), critical=True)
          .add_extension(ski, critical=False)
          .sign(ca_key, hashes.SHA256()))
    (PUBLIC / "demo-ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    crl = (x509.CertificateRevocationListBuilder().issuer_name(ca_name)
           .last_update(now).next_update(NOT_AFTER)
           .add_extension(x509.CRLNumber(1), critical=False)
           .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
                          critical=False)
           .sign(ca_key, hashes.SHA256()))
    (PUBLIC / "demo-ca.crl").write_bytes(crl.public_bytes(serialization.Encoding.DER))

    def issue(stem: str, cn: str, email: str | None, eku) -> None:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        b = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(ca_name)
             .public_key(key.public_key()).serial_number(x509.random_serial_number())
             .not_valid_before(NOT_BEFORE).not_valid_after(NOT_AFTER)
             .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
             .add_extension(x509.KeyUsage(True, True, False, False, False, False, False,
                                          False, False), critical=True)
             .add_extension(x509.ExtendedKeyUsage(eku), critical=False)
             .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                 ski), critical=False))
        if email:
            b = b.add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]),
                                critical=False)
        cert = b.sign(ca_key, hashes.SHA256())
        enc = serialization.BestAvailableEncryption(PASSWORD)
        (KEYS / f"{stem}.p12").write_bytes(
            pkcs12.serialize_key_and_certificates(cn.encode(), key, cert, [ca], enc))
        (PUBLIC / f"{stem}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))

    people = yaml.safe_load(PEOPLE.read_text("utf-8"))["people"]
    text = PEOPLE.read_text("utf-8")
    for p in people:
        key = ed25519.Ed25519PrivateKey.generate()
        (KEYS / p["id"]).write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption()))
        pub = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                            serialization.PublicFormat.OpenSSH).decode()
        (KEYS / f"{p['id']}.pub").write_text(f"{pub} {p['id']} DEMO\n", "utf-8")
        lines = [f"    ssh_keys:\n      - {pub} {p['id']} DEMO\n"]
        if any(f["role"] in X509_ROLES for f in p.get("functions", [])):
            issue(p["id"], f"DEMO {p['name']}", p.get("email"),
                  [ExtendedKeyUsageOID.EMAIL_PROTECTION])
            lines.append(f"    certificates:\n      - keys/{p['id']}.pem\n")
        block = re.compile(rf"(  - id: {re.escape(p['id'])}\n(?:    .*\n|      .*\n)*?)"
                           r"(?=  - id: |\Z)")
        m = block.search(text)
        body = re.sub(r"    (ssh_keys|certificates):\n(      - .*\n)+", "", m.group(1))
        text = text[:m.start()] + body + "".join(lines) + text[m.end():]
    issue("sigiliu", "DEMO Primăria Comunei Dealu Mare (sigiliu electronic)", None,
          [ExtendedKeyUsageOID.EMAIL_PROTECTION])
    PEOPLE.write_text(text, "utf-8")
    (KEYS / "DEMO-KEYS.txt").write_text(
        "DEMO keys of the qms-docs demo authority. NO LEGAL VALUE: the private keys are public.\n"
        "Installed by `qms keys demo` into .keys/demo/; PKCS#12 password: demo.\n", "utf-8")


if __name__ == "__main__":
    main()
