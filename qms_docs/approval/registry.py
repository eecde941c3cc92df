"""Whose key is whose: the SSH public keys and X.509 certificates of people.yml, the trust roots
of qms.yml, and which of them are the shipped DEMO keys. Built once per model."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..model import QMS
from ..model.people import KeyRef, Person
from . import sshsig

DEMO_MARK = "DEMO"  # in the subject of every demo certificate and the comment of every demo key


@dataclass
class Holder:
    person: Person
    ref: KeyRef
    fingerprint: str
    demo: bool
    cert: object = None  # cryptography x509.Certificate for certificates


@dataclass
class TrustRoot:
    cert: object
    qualified: bool
    path: str


@dataclass
class Registry:
    ssh: dict[bytes, list[Holder]] = field(default_factory=dict)  # key blob -> holders
    certs: dict[bytes, list[Holder]] = field(default_factory=dict)  # DER -> holders
    roots: list[TrustRoot] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_demo(self) -> bool:
        """Whether any registered key is a DEMO key: everything built is then marked DEMO."""
        return any(h.demo for hs in (*self.ssh.values(), *self.certs.values()) for h in hs)

    def allowed_signers(self) -> str:
        """The allowed-signers file of ssh-keygen -Y verify: one line per person and key,
        principal = person id, namespace qms-approval, the registry's validity period."""
        lines = []
        for blob, holders in self.ssh.items():
            for h in holders:
                opts = [f'namespaces="{sshsig.NAMESPACE}"']
                if h.ref.start:
                    opts.append(f'valid-after="{h.ref.start.replace("-", "")}"')
                if h.ref.end:
                    opts.append(f'valid-before="{_day_after(h.ref.end)}"')
                key = f"{sshsig.key_type_of(blob)} {base64.b64encode(blob).decode()}"
                lines.append(f"{h.person.id} {','.join(opts)} {key}")
        return "".join(sorted(line + "\n" for line in lines))


def _day_after(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).strftime("%Y%m%d")


def registry_of(qms: QMS) -> Registry:
    if "registry" not in qms.derived:
        qms.derived["registry"] = _build(qms)
    return qms.derived["registry"]


def load_cert(path: Path):
    from cryptography import x509

    data = path.read_bytes()
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificate(data)
    return x509.load_der_x509_certificate(data)


def cert_fingerprint(cert) -> str:
    """Short SHA-256 fingerprint of a certificate, as table 1 prints it."""
    from cryptography.hazmat.primitives.serialization import Encoding

    h = hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest().upper()
    return ":".join(h[i:i + 2] for i in range(0, 16, 2))


def is_demo_cert(cert) -> bool:
    return DEMO_MARK in cert.subject.rfc4514_string() or DEMO_MARK in cert.issuer.rfc4514_string()


def _build(qms: QMS) -> Registry:
    from cryptography.hazmat.primitives.serialization import Encoding

    reg = Registry()
    content = qms.config.content
    for p in qms.people:
        for ref in p.ssh_keys:
            try:
                blob = sshsig.key_blob(ref.value)
            except sshsig.SshSigError as e:
                reg.findings.append(Finding(*ref.where.loc(), "error", "QMS725",
                                            f"SSH key of {p.id} cannot be read: {e}",
                                            "paste the whole line of the .pub file"))
                continue
            demo = blob in _shipped_demo_keys() or (
                ref.value.count(" ") >= 2 and DEMO_MARK in ref.value.split(" ", 2)[-1])
            reg.ssh.setdefault(blob, []).append(Holder(p, ref, sshsig.fingerprint(blob), demo))
        for ref in p.certificates:
            path = content / ref.value
            try:
                if not qms.config.inside(path):
                    raise ValueError("outside the repository")
                cert = load_cert(path)
            except (OSError, ValueError) as e:
                reg.findings.append(Finding(*ref.where.loc(), "error", "QMS725",
                                            f"certificate of {p.id} cannot be read: "
                                            f"{getattr(e, 'strerror', None) or e}",
                                            f"a PEM or DER certificate file under "
                                            f"{qms.config.content_dir}/"))
                continue
            der = cert.public_bytes(Encoding.DER)
            reg.certs.setdefault(der, []).append(Holder(p, ref, cert_fingerprint(cert),
                                                        is_demo_cert(cert), cert))
    for path, qualified in qms.config.trust_roots():
        try:
            reg.roots.append(TrustRoot(load_cert(path), qualified, qms.config.rel(path)))
        except (OSError, ValueError) as e:
            reg.findings.append(Finding("qms.yml", 1, 1, "error", "QMS725",
                                        f"trust root {path.name} cannot be read: "
                                        f"{getattr(e, 'strerror', None) or e}",
                                        "approval.trust_roots lists CA certificate files"))
    return reg


def _shipped_demo_keys() -> frozenset:
    """The public halves of the DEMO SSH keys shipped in the package: a DEMO key stays one
    whatever comment people.yml gives it."""
    global _DEMO_BLOBS
    if _DEMO_BLOBS is None:
        from .demo import shipped

        blobs = set()
        for pub in shipped().glob("*.pub"):
            try:
                blobs.add(sshsig.key_blob(pub.read_text("utf-8")))
            except (OSError, sshsig.SshSigError):
                continue
        _DEMO_BLOBS = frozenset(blobs)
    return _DEMO_BLOBS


_DEMO_BLOBS: frozenset | None = None


def chains_to(cert, roots: list[TrustRoot], extra: list, when) -> TrustRoot | None:
    """The trust root cert chains to (through the extra certificates), with every certificate
    valid at `when`; None when it does not."""
    current, seen = cert, 0
    while seen < 5:
        if not (current.not_valid_before_utc <= when <= current.not_valid_after_utc):
            return None
        for root in roots:
            if _issued_by(current, root.cert):
                ok = root.cert.not_valid_before_utc <= when <= root.cert.not_valid_after_utc
                return root if ok else None
        parent = next((c for c in extra if c != current and _issued_by(current, c)), None)
        if parent is None:
            return None
        current, seen = parent, seen + 1
    return None


def _issued_by(cert, issuer) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
        return True
    except (ValueError, TypeError, Exception):  # noqa: BLE001 - InvalidSignature and friends
        return False
