"""`qms approve CODE --as STEP`: write one person's approval evidence for the version of a
document in the work tree: the canonical statement and its signature (SSH with ssh-keygen, or
CMS with a PKCS#12 file / PKCS#11 token), or their PAdES signature in the version's PDF.

The person is the owner of the key (people.yml); they must hold, on the signing day, a function
the front matter names for the step, and the earlier steps must be signed. With the demo keys
installed (`qms keys demo`) and no key given, the demo key of that function's holder signs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import clock
from ..exceptions import QmsError, Refused
from ..model import QMS, Document
from . import cms, demo, sshsig
from .evidence import APPROVALS, WITHDRAWN, evidence_root
from .registry import Holder, registry_of
from .sources import source_sha256
from .statement import Statement, iso_time


class ApproveError(QmsError):
    """The approval could not be made (no key named, an unknown document); nothing was written."""


class ApprovalRefused(ApproveError, Refused):
    """The approval was refused by the content (who holds the function, the order of the steps,
    the registry); nothing was written."""


@dataclass
class KeySpec:
    """Where the signer's key is: exactly one of these (or none: the demo keys)."""

    ssh: Path | None = None  # private key file, or public key with ssh-agent
    pkcs12: Path | None = None
    password: str | None = None
    module: str = ""  # PKCS#11 library
    token: str = ""
    key: str = ""
    cert: str = ""
    pin: str | None = None


def target(qms: QMS, code: str) -> tuple[Document, str, str]:
    """(document or withdrawal record, version folder, statement object) for code."""
    doc = qms.document(code)
    if doc is not None:
        return doc, doc.version, "version"
    from .withdrawal import withdrawals_of

    w = withdrawals_of(qms).get(code)
    if w is not None:
        return w, WITHDRAWN, "withdrawal"
    known = ", ".join(sorted(d.code for d in qms.all_documents))
    raise ApproveError(f"unknown document '{code}' (known: {known})")


def approve(qms: QMS, code: str, step: str, key: KeySpec, person: str | None = None,
            moment: dt.datetime | None = None, function: str | None = None) -> list[Path]:
    doc, folder_name, obj = target(qms, code)
    tz = qms.config.timezone
    moment = (moment or clock.build_time(tz)).astimezone(clock.zone(tz)).replace(microsecond=0)
    day = moment.date().isoformat()
    rows = doc.step(step)
    if not rows:
        raise ApproveError(f"{code} has no step '{step}' (table 1 has "
                           f"{', '.join(dict.fromkeys(a.step for a in doc.approvals))})")
    use_demo = key == KeySpec()
    if use_demo:
        if demo.installed(qms.config.root) is None:
            raise ApproveError("name your key: --ssh-key FILE, --pkcs12 FILE or "
                               "--pkcs11-module LIB (for the demo, 'qms keys demo' first)")
        person, key = _demo_key(qms, doc, rows, day, person, function)
    holder = _owner(qms, key)
    if person and person != holder.person.id:
        raise ApprovalRefused(f"this key is {holder.person.id}'s, not {person}'s")
    who = holder.person
    if not holder.ref.covers(day):
        raise ApprovalRefused(f"the key of {who.id} is not valid on {day} (people.yml)")
    mine = [a for a in rows if who.holds(a.role, day) and (function in (None, a.role))]
    if not mine:
        named = ", ".join(a.role for a in rows)
        raise ApprovalRefused(f"{who.id} does not hold {named} on {day}: the {step} row of {code} "
                           "is signed by its holder (people.yml)")
    _earlier_signed(qms, doc, step)
    st = Statement(obj, doc.code, doc.edition, doc.revision, _sha(qms, doc, obj), step,
                   mine[0].role, who.id, iso_time(moment))
    folder = evidence_root(qms) / doc.code / folder_name
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{step}-{who.id}.txt"
    data = st.render()
    if key.ssh is not None:
        sig, ext = sshsig.sign_with_ssh_keygen(key.ssh, data), ".sig"
    else:
        sig, ext = cms.sign(_x509_signer(key), data, moment), ".p7s"
    saved = {p: p.read_bytes() for p in (Path(str(stem) + x) for x in ("", ".sig", ".p7s"))
             if p.exists()}
    for old in saved:
        old.unlink()
    stem.write_bytes(data)
    Path(str(stem) + ext).write_bytes(sig)
    _refuse_if_invalid(qms, doc, [stem, Path(str(stem) + ext)], saved)
    return [stem, Path(str(stem) + ext)]


def _refuse_if_invalid(qms: QMS, doc, written: list[Path], saved: dict[Path, bytes]) -> None:
    """Never leave evidence that `qms check` would reject: verify what was written, and put
    back what was there before when it fails."""
    from .verify import verify_document

    _forget(qms)
    _, findings = verify_document(qms, doc)
    rels = {qms.config.rel(p) for p in written}
    bad = [f for f in findings if f.path in rels and f.severity == "error"]
    if bad:
        for p in written:
            p.unlink(missing_ok=True)
        for p, data in saved.items():
            p.write_bytes(data)
        _forget(qms)
        raise ApprovalRefused("refused, the evidence would not verify: "
                           + "; ".join(f"{f.code} {f.message} (hint: {f.hint})" for f in bad))


def _sha(qms: QMS, doc, obj: str) -> str:
    if obj == "withdrawal":
        import hashlib

        return hashlib.sha256((qms.config.root / doc.where.file.rel).read_bytes()).hexdigest()
    return source_sha256(qms, doc)


def _forget(qms: QMS) -> None:
    qms.derived.pop("approvals", None)


def _earlier_signed(qms: QMS, doc, step: str) -> None:
    from .verify import verify_document

    verify_document(qms, doc)
    order = list(dict.fromkeys(a.step for a in doc.approvals))
    before = order[:order.index(step)]
    missing = [a.slot for a in doc.approvals if a.step in before and a.status != "signed"]
    if missing:
        raise ApprovalRefused(f"{doc.code} {doc.version}: {', '.join(missing)} must be signed "
                           f"before {step}")


def _demo_key(qms: QMS, doc, rows, day: str, person: str | None,
              function: str | None) -> tuple[str, KeySpec]:
    root = qms.config.root
    for a in rows:
        if function not in (None, a.role):
            continue
        holders = [p for p in qms.holders(a.role, day) if person in (None, p.id)]
        for p in holders:
            if demo.pkcs12(root, p.id):
                return p.id, KeySpec(pkcs12=demo.pkcs12(root, p.id), password=demo.PASSWORD)
            if demo.ssh_key(root, p.id):
                return p.id, KeySpec(ssh=demo.ssh_key(root, p.id))
    named = ", ".join(a.role for a in rows)
    raise ApproveError(f"no demo key for a holder of {named} on {day} "
                       f"(people.yml; 'qms keys demo' installs the demo people's keys)")


def _owner(qms: QMS, key: KeySpec) -> Holder:
    reg = registry_of(qms)
    if key.ssh is not None:
        pub = key.ssh if key.ssh.suffix == ".pub" else Path(str(key.ssh) + ".pub")
        try:
            blob = sshsig.key_blob(pub.read_text("utf-8"))
        except (OSError, sshsig.SshSigError) as e:
            raise ApproveError(f"{pub}: cannot read the public key ({e})") from e
        holders = reg.ssh.get(blob, [])
        what = f"SSH key {sshsig.fingerprint(blob)}"
        line = sshsig.public_line(blob)
    else:
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import Encoding

        signer = _x509_signer(key)
        cert = x509.load_der_x509_certificate(signer.signing_cert.dump())
        holders = reg.certs.get(cert.public_bytes(Encoding.DER), [])
        what = f"certificate {cert.subject.rfc4514_string()}"
        line = "its certificate file (PEM) under certificates:"
    if not holders:
        raise ApprovalRefused(f"{what} is not registered to anyone: add to your entry in "
                           f"people.yml: {line}")
    return holders[0]


_SIGNERS: dict = {}


def _x509_signer(key: KeySpec):
    """A pyHanko signer for the PKCS#12 file or PKCS#11 token (opened once per process)."""
    ident = (key.pkcs12, key.module, key.token, key.key)
    if ident in _SIGNERS:
        return _SIGNERS[ident]
    from ..sign.keys import SignerSpec, load_signer

    spec = SignerSpec("approval", pkcs12=key.pkcs12, module=key.module, token=key.token,
                      key=key.key, cert=key.cert)
    signer = load_signer(spec, key.password if key.pkcs12 else key.pin)
    _SIGNERS[ident] = signer
    return signer


__all__ = ["APPROVALS", "ApproveError", "KeySpec", "approve"]
