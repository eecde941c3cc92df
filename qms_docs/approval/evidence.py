"""Approval evidence files, found and cryptographically checked (who signed what, with which
key); verify.py then applies the document-control rules.

Layout (content-relative):
    approvals/<CODE>/<EDITION>.<REVISION>/<step>-<person>.txt       the statement (statement.py)
    approvals/<CODE>/<EDITION>.<REVISION>/<step>-<person>.txt.sig   its SSH signature
    approvals/<CODE>/<EDITION>.<REVISION>/<step>-<person>.txt.p7s   or its CMS signature (DER)
    approvals/<CODE>/<EDITION>.<REVISION>/<CODE>-<E>.<R>.pdf        the version's PDF, PAdES-signed
    approvals/<CODE>/<EDITION>.<REVISION>/paper.yml                 paper, before the cutover
    approvals/<CODE>/withdrawn/withdrawal.yml (+ statements)        a withdrawal and its approvals
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock
from ..findings import Finding
from ..model import QMS
from ..model.people import KeyRef, Person
from . import cms, sshsig
from .registry import Registry, chains_to, registry_of
from .statement import FIELDS, Statement, StatementError, parse

APPROVALS = "approvals"
WITHDRAWN = "withdrawn"
_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
LINE = {k: i + 2 for i, k in enumerate(FIELDS)}  # statement line of each field


@dataclass
class Evidence:
    """One signature of one person for one step, as found and checked."""

    path: str  # repository-relative: the statement, the PDF or paper.yml
    kind: str  # ssh | cms | pades | paper
    code: str  # from the folder
    version: str  # from the folder: E.R or 'withdrawn'
    step: str = ""
    function: str = ""
    person: str = ""
    time: dt.datetime | None = None
    day: str = ""
    sha256: str = ""
    statement: Statement | None = None
    signer: Person | None = None  # the registered owner of the key, when it is the person named
    fingerprint: str = ""
    demo: bool = False
    qualified: bool = False
    valid: bool = False  # signature, key and certificate all good
    reference: str = ""  # paper: registration number
    findings: list[Finding] = field(default_factory=list)

    def error(self, code: str, message: str, hint: str, line: int = 1) -> None:
        self.findings.append(Finding(self.path, line, 1, "error", code, message, hint))


def evidence_root(qms: QMS) -> Path:
    return qms.config.content / APPROVALS


def folders(qms: QMS) -> dict[tuple[str, str], Path]:
    """(code, version folder) -> folder, for every folder under approvals/."""
    out: dict[tuple[str, str], Path] = {}
    root = evidence_root(qms)
    if not root.is_dir():
        return out
    for code in os.scandir(root):
        if code.is_dir():
            for ver in os.scandir(code.path):
                if ver.is_dir():
                    out[(code.name, ver.name)] = Path(ver.path)
    return out


def read_folder(qms: QMS, code: str, version: str, folder: Path) -> list[Evidence]:
    """Every piece of evidence in one version folder, each checked cryptographically."""
    reg = registry_of(qms)
    out: list[Evidence] = []
    names = sorted(os.listdir(folder))
    base = str(folder)
    links = {n for n in names if os.path.islink(os.path.join(base, n))}
    present = set(names) - links  # a link is never read: it could lead out of the repository
    rel_base = qms.config.rel(folder)
    for name in names:
        rel = f"{rel_base}/{name}"
        if name in links:
            ev = Evidence(rel, "ssh", code, version)
            ev.error("QMS701", "approval evidence is a symbolic link",
                     "evidence files are plain files in the repository")
            out.append(ev)
            continue
        if name.endswith(".txt"):
            ev = Evidence(rel, "ssh", code, version)
            if name + ".sig" in present:
                _ssh(qms, reg, ev, _read(base, name), _read(base, name + ".sig"))
            elif name + ".p7s" in present:
                ev.kind = "cms"
                _cms(qms, reg, ev, _read(base, name), _read(base, name + ".p7s"))
            else:
                ev.error("QMS701", f"statement {name} has no signature beside it",
                         f"sign it: {name}.sig (ssh-keygen -Y sign -n qms-approval) or "
                         f"{name}.p7s (CMS), e.g. with 'qms approve'")
            out.append(ev)
        elif name.endswith((".sig", ".p7s")):
            if name.rsplit(".", 1)[0] not in present:
                ev = Evidence(rel, "ssh", code, version)
                ev.error("QMS701", f"signature {name} without its statement "
                         f"{name.rsplit('.', 1)[0]}", "keep the statement beside its signature")
                out.append(ev)
        elif name == "paper.yml":
            from .paper import read_paper

            out += read_paper(qms, code, version, rel)
        elif name.endswith(".pdf"):
            from .pades import read_pdf

            out += read_pdf(qms, reg, code, version, folder / name)
    return out


def _read(folder: str, name: str) -> bytes:
    with open(os.path.join(folder, name), "rb") as f:
        return f.read()


def _statement(ev: Evidence, data: bytes, tz: str) -> Statement | None:
    try:
        st = parse(data)
    except StatementError as e:
        ev.error("QMS701", f"not a canonical approval statement: {e}",
                 "statements are written by 'qms approve'; the format is in the README "
                 "(Approvals: for the auditor)")
        return None
    ev.statement = st
    ev.step, ev.function, ev.person, ev.sha256 = st.step, st.function, st.person, st.sha256
    ev.time = st.moment
    ev.day = clock.local_day(st.moment, tz)
    return st


def _ssh(qms: QMS, reg: Registry, ev: Evidence, data: bytes, sig_data: bytes) -> None:
    st = _statement(ev, data, qms.config.timezone)
    try:
        sig = sshsig.parse_armored(sig_data)
    except sshsig.SshSigError as e:
        ev.error("QMS701", f"{Path(ev.path).name}.sig: {e}",
                 "make it with ssh-keygen -Y sign -n qms-approval (or 'qms approve')")
        return
    ev.fingerprint = sshsig.fingerprint(sig.public_key)
    if st is None:
        return
    from .cache import Verdicts, verdicts

    cache = verdicts(qms, "ssh")
    key = Verdicts.key(sig_data, data)
    good = cache.get(key)
    if good is None:
        good = sig.namespace == sshsig.NAMESPACE and sshsig.verify(sig, data)
        cache.put(key, good)
    if not good:
        ev.error("QMS702", f"bad signature: {Path(ev.path).name}.sig does not verify "
                 f"{Path(ev.path).name}" + (f" (namespace {sig.namespace!r}, not "
                                           f"{sshsig.NAMESPACE!r})"
                                           if sig.namespace != sshsig.NAMESPACE else ""),
                 "the statement was changed after signing, or the signature is of another "
                 "file: sign again with 'qms approve'")
        return
    holders = reg.ssh.get(sig.public_key, [])
    _owner(ev, holders, f"SSH key {ev.fingerprint}")


def _cms(qms: QMS, reg: Registry, ev: Evidence, data: bytes, sig_data: bytes) -> None:
    from cryptography import x509

    st = _statement(ev, data, qms.config.timezone)
    try:
        got = _cms_cached(qms, sig_data, data)
    except cms.CmsError as e:
        ev.error("QMS701", f"{Path(ev.path).name}.p7s: {e}",
                 "make it with 'qms approve --pkcs12' (or --pkcs11-module)")
        return
    cert = x509.load_der_x509_certificate(got.signer_der)
    from .registry import cert_fingerprint

    ev.fingerprint = cert_fingerprint(cert)
    if st is None:
        return
    if not got.valid:
        ev.error("QMS702", f"bad signature: {Path(ev.path).name}.p7s does not verify "
                 f"{Path(ev.path).name}", "the statement was changed after signing: sign again")
        return
    if got.signing_time is not None and abs((got.signing_time - st.moment).total_seconds()) > 1:
        ev.error("QMS701", f"CMS signing time {got.signing_time.isoformat()} is not the "
                 f"statement's {st.time}", "sign again with 'qms approve'", LINE["time"])
        return
    holders = reg.certs.get(got.signer_der, [])
    if not _owner(ev, holders, f"certificate {ev.fingerprint} ({_cn(cert)})"):
        return
    check_chain(ev, reg, cert, got.extra, st.moment)


def _cms_cached(qms: QMS, sig_data: bytes, data: bytes) -> cms.CmsSignature:
    """cms.verify, its verdict cached (the certificates are parsed again: they are cheap)."""
    from cryptography import x509

    from .cache import Verdicts, verdicts

    cache = verdicts(qms, "cms")
    key = Verdicts.key(sig_data, data)
    hit = cache.get(key)
    if hit is None:
        got = cms.verify(sig_data, data)
        cache.put(key, {"signer": got.signer_der.hex(), "extra": [
            c.public_bytes(_der()).hex() for c in got.extra],
            "time": got.signing_time.isoformat() if got.signing_time else "",
            "valid": got.valid})
        return got
    return cms.CmsSignature(bytes.fromhex(hit["signer"]),
                            [x509.load_der_x509_certificate(bytes.fromhex(c))
                             for c in hit["extra"]],
                            dt.datetime.fromisoformat(hit["time"]) if hit["time"] else None,
                            hit["valid"])


def _der():
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def _cn(cert) -> str:
    from cryptography.x509.oid import NameOID

    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def check_chain(ev: Evidence, reg: Registry, cert, extra: list, moment: dt.datetime) -> bool:
    root = chains_to(cert, reg.roots, extra, moment)
    if root is None:
        ev.valid = False
        ev.error("QMS715", f"certificate {ev.fingerprint} ({_cn(cert)}) does not chain to a "
                 f"trust root, or was not valid on {moment.date().isoformat()}",
                 "list its certification authority in qms.yml approval.trust_roots"
                 if reg.roots else "qms.yml approval.trust_roots lists no CA certificate")
        return False
    ev.qualified = root.qualified
    return True


def _owner(ev: Evidence, holders: list, what: str) -> bool:
    """The key must be registered, to the person the statement names, valid on the day."""
    if not holders:
        ev.error("QMS703", f"{what} is not registered to anyone in people.yml",
                 f"add it to {ev.person}'s ssh_keys / certificates in people.yml, or sign with "
                 "a registered key", LINE["person"])
        return False
    mine = [h for h in holders if h.person.id == ev.person]
    if not mine:
        others = ", ".join(sorted({h.person.id for h in holders}))
        ev.error("QMS704", f"{what} belongs to {others}, not to {ev.person}",
                 "each person signs with their own key", LINE["person"])
        return False
    dated = [h for h in mine if _covers(h.ref, ev.day)]
    if not dated:
        ref = mine[0].ref
        ev.error("QMS716", f"{what} of {ev.person} was not valid on {ev.day} "
                 f"(people.yml: from {ref.start or '…'} to {ref.end or '…'})",
                 "sign with the key valid on that day", LINE["time"])
        return False
    h = dated[0]
    ev.signer, ev.demo, ev.valid = h.person, h.demo, True
    return True


def _covers(ref: KeyRef, day: str) -> bool:
    return ref.covers(day)
