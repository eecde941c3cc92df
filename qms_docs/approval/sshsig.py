"""SSH signatures (OpenSSH's SSHSIG format, `ssh-keygen -Y sign`), verified here in Python for
the common key types so that thousands of approvals cost milliseconds, and by `ssh-keygen -Y
verify` for the others (security keys). Signing with a person's own key runs ssh-keygen, so any
key it can use (a file, ssh-agent, a FIDO token) works.

Format (PROTOCOL.sshsig): armored "SSH SIGNATURE" around
    "SSHSIG" u32(1) string(publickey) string(namespace) string(reserved) string(hash) string(sig)
and the signature is over
    "SSHSIG" string(namespace) string(reserved) string(hash) string(H(message)).
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

NAMESPACE = "qms-approval"
BEGIN, END = "-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----"
_HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}


class SshSigError(ValueError):
    """Not an SSH signature, or one this module cannot read."""


@dataclass(frozen=True)
class SshSignature:
    public_key: bytes  # the key blob (as in an authorized_keys line, base64-decoded)
    namespace: str
    hash_algorithm: str
    signature: bytes  # string(algorithm) string(raw signature)

    @property
    def key_type(self) -> str:
        return _strings(self.public_key, 1)[0].decode("ascii", "replace")


def _strings(data: bytes, count: int) -> list[bytes]:
    out, pos = [], 0
    for _ in range(count):
        if pos + 4 > len(data):
            raise SshSigError("truncated")
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        if pos + 4 + n > len(data):
            raise SshSigError("truncated")
        out.append(data[pos + 4:pos + 4 + n])
        pos += 4 + n
    if pos != len(data) and count > 1:
        pass
    return out


def _string(b: bytes) -> bytes:
    return struct.pack(">I", len(b)) + b


def parse_armored(text: bytes) -> SshSignature:
    lines = [ln.strip() for ln in text.decode("ascii", "replace").strip().splitlines()]
    if len(lines) < 3 or lines[0] != BEGIN or lines[-1] != END:
        raise SshSigError("not an armored SSH signature (ssh-keygen -Y sign)")
    try:
        blob = base64.b64decode("".join(lines[1:-1]), validate=True)
    except ValueError as e:
        raise SshSigError("bad base64 in the signature") from e
    if blob[:6] != b"SSHSIG" or blob[6:10] != b"\x00\x00\x00\x01":
        raise SshSigError("not an SSHSIG version 1 signature")
    key, ns, _reserved, alg, sig = _strings(blob[10:], 5)
    return SshSignature(key, ns.decode("utf-8", "replace"), alg.decode("ascii", "replace"), sig)


def armor(sig: SshSignature) -> bytes:
    blob = (b"SSHSIG" + struct.pack(">I", 1) + _string(sig.public_key)
            + _string(sig.namespace.encode()) + _string(b"") + _string(sig.hash_algorithm.encode())
            + _string(sig.signature))
    b64 = base64.b64encode(blob).decode()
    body = "\n".join(b64[i:i + 70] for i in range(0, len(b64), 70))
    return f"{BEGIN}\n{body}\n{END}\n".encode()


def signed_data(message: bytes, namespace: str, hash_algorithm: str) -> bytes:
    digest = _HASHES[hash_algorithm](message).digest()
    return (b"SSHSIG" + _string(namespace.encode()) + _string(b"")
            + _string(hash_algorithm.encode()) + _string(digest))


def key_blob(line: str) -> bytes:
    """The key blob of an OpenSSH public key line ('ssh-ed25519 AAAA… comment')."""
    parts = line.split()
    if len(parts) < 2:
        raise SshSigError("not an OpenSSH public key line")
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except ValueError as e:
        raise SshSigError("bad base64 in the public key") from e
    if _strings(blob, 1)[0].decode("ascii", "replace") != parts[0]:
        raise SshSigError(f"key type {parts[0]!r} does not match the key")
    return blob


def fingerprint(blob: bytes) -> str:
    """OpenSSH's SHA256 fingerprint (as `ssh-keygen -lf` prints it)."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def verify(sig: SshSignature, message: bytes, namespace: str = NAMESPACE) -> bool:
    """Whether sig is a valid signature of message in namespace by the key it carries (the
    caller checks that this key is the person's)."""
    if sig.namespace != namespace or sig.hash_algorithm not in _HASHES:
        return False
    data = signed_data(message, namespace, sig.hash_algorithm)
    try:
        return _verify_fast(sig, data)
    except NotImplementedError:
        return _verify_with_ssh_keygen(sig, message, namespace)


def _verify_fast(sig: SshSignature, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils

    ktype = sig.key_type
    alg, raw = _strings(sig.signature, 2)
    alg_name = alg.decode("ascii", "replace")
    parts = _strings(sig.public_key, {"ssh-ed25519": 2, "ssh-rsa": 3}.get(ktype, 3))
    try:
        if ktype == "ssh-ed25519" and alg_name == "ssh-ed25519":
            ed25519.Ed25519PublicKey.from_public_bytes(parts[1]).verify(raw, data)
            return True
        if ktype == "ssh-rsa" and alg_name in ("rsa-sha2-256", "rsa-sha2-512"):
            e, n = (int.from_bytes(x, "big") for x in parts[1:3])
            h = hashes.SHA256() if alg_name == "rsa-sha2-256" else hashes.SHA512()
            rsa.RSAPublicNumbers(e, n).public_key().verify(raw, data, padding.PKCS1v15(), h)
            return True
        curves = {"ecdsa-sha2-nistp256": (ec.SECP256R1(), hashes.SHA256()),
                  "ecdsa-sha2-nistp384": (ec.SECP384R1(), hashes.SHA384()),
                  "ecdsa-sha2-nistp521": (ec.SECP521R1(), hashes.SHA512())}
        if ktype in curves and alg_name == ktype:
            curve, h = curves[ktype]
            key = ec.EllipticCurvePublicKey.from_encoded_point(curve, parts[2])
            r, s = (int.from_bytes(x, "big") for x in _strings(raw, 2))
            key.verify(utils.encode_dss_signature(r, s), data, ec.ECDSA(h))
            return True
    except (InvalidSignature, ValueError, SshSigError):
        return False
    if ktype.startswith("sk-"):
        raise NotImplementedError  # FIDO security keys: ssh-keygen knows the format
    return False


def _verify_with_ssh_keygen(sig: SshSignature, message: bytes, namespace: str) -> bool:
    exe = shutil.which("ssh-keygen")
    if exe is None:
        return False
    with tempfile.TemporaryDirectory(prefix="qms-sshsig-") as tmp:
        allowed, sigfile = Path(tmp) / "allowed", Path(tmp) / "sig"
        key = f"{sig.key_type} {base64.b64encode(sig.public_key).decode()}"
        allowed.write_text(f'signer namespaces="{namespace}" {key}\n')
        sigfile.write_bytes(armor(sig))
        p = subprocess.run([exe, "-Y", "verify", "-f", str(allowed), "-I", "signer", "-n",
                            namespace, "-s", str(sigfile)], input=message, capture_output=True)
        return p.returncode == 0


def sign_with_key(private_key, message: bytes, namespace: str = NAMESPACE) -> bytes:
    """An armored signature made here with a `cryptography` Ed25519 private key (demo keys and
    the benchmark corpus; the same bytes ssh-keygen makes: Ed25519 is deterministic)."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    pub = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    blob = _string(b"ssh-ed25519") + _string(pub)
    raw = private_key.sign(signed_data(message, namespace, "sha512"))
    return armor(SshSignature(blob, namespace, "sha512", _string(b"ssh-ed25519") + _string(raw)))


def sign_with_ssh_keygen(key_file: Path, message: bytes, namespace: str = NAMESPACE) -> bytes:
    """`ssh-keygen -Y sign -f KEY -n qms-approval` over message: KEY is a private key file, or
    a public key whose private half ssh-agent holds."""
    exe = shutil.which("ssh-keygen")
    if exe is None:
        raise SshSigError("ssh-keygen is not installed (apt-get install openssh-client)")
    p = subprocess.run([exe, "-Y", "sign", "-f", str(key_file), "-n", namespace, "-q"],
                       input=message, capture_output=True)
    if p.returncode != 0 or not p.stdout.startswith(BEGIN.encode()):
        raise SshSigError(f"ssh-keygen -Y sign: {p.stderr.decode(errors='replace').strip()}")
    return p.stdout


def key_type_of(blob: bytes) -> str:
    return _strings(blob, 1)[0].decode("ascii", "replace")


def public_line(blob: bytes, comment: str = "") -> str:
    line = f"{key_type_of(blob)} {base64.b64encode(blob).decode()}"
    return f"{line} {comment}" if comment else line
