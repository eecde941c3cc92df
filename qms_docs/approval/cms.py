"""CMS (PKCS#7) detached signatures over a statement: made with pyHanko's signers (a PKCS#12
file or a PKCS#11 token), verified here with asn1crypto and cryptography (fast, offline): the
digest, the signature over the signed attributes, and the signing time; the caller checks the
certificate (the person's, chaining to a trust root). Same check as
`openssl cms -verify -binary -inform DER -in S.p7s -content S.txt -CAfile ROOT.pem -purpose any`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass


class CmsError(ValueError):
    """Not a CMS signature this module can read."""


@dataclass
class CmsSignature:
    signer_der: bytes  # the signer's certificate (DER)
    extra: list  # other certificates the signature carries (cryptography objects)
    signing_time: dt.datetime | None
    valid: bool  # digest and signature correct


_DIGESTS = {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}


def off_loop(fn, *args):
    """fn(*args), in a worker thread when this thread already runs an asyncio loop (pyHanko's
    synchronous calls start one of their own, which a running loop forbids)."""
    import asyncio  # here: a check that verifies no signature need not load it

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


def asn1_cms():
    """asn1crypto.cms with every attribute type registered and resolvable by name.

    asn1crypto builds CMSAttributeType's name -> OID map once, on first use; types that
    asn1crypto.tsp or pyHanko register later are then unknown by name ("invalid literal for
    int(): 'signing_certificate_v2'"). Import tsp first and rebuild a stale map."""
    from asn1crypto import cms, tsp  # noqa: F401  (tsp registers the signing-certificate types)

    kind = cms.CMSAttributeType
    if kind._reverse_map is not None and len(kind._reverse_map) != len(set(kind._map.values())):
        kind._reverse_map = {name: oid for oid, name in kind._map.items()}  # as _setup builds it
    return cms


def sign(signer, message: bytes, moment: dt.datetime) -> bytes:
    """A detached CMS signature (DER) of message by a pyHanko signer, signingTime = moment."""
    import asyncio

    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    asn1_cms()

    def run() -> bytes:
        return asyncio.run(signer.async_sign_general_data(
            message, "sha256", detached=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=moment))).dump()
    return off_loop(run)


def verify(data: bytes, message: bytes) -> CmsSignature:
    from cryptography import x509

    cms = asn1_cms()

    try:
        ci = cms.ContentInfo.load(data)
        if ci["content_type"].native != "signed_data":
            raise CmsError("not a CMS SignedData")
        sd = ci["content"]
        infos = sd["signer_infos"]
        if len(infos) != 1:
            raise CmsError(f"{len(infos)} signers; one is expected")
        si = infos[0]
        certs = [c.chosen for c in sd["certificates"] if c.name == "certificate"] \
            if sd["certificates"].contents is not None else []
        signer = _signer_cert(si, certs)
        attrs = si["signed_attrs"]
        if attrs.contents is None:
            raise CmsError("no signed attributes")
        found = {a["type"].native: a["values"][0] for a in attrs}
        alg = si["digest_algorithm"]["algorithm"].native
        if alg not in _DIGESTS:
            raise CmsError(f"digest {alg} not supported")
        digest_ok = found.get("message_digest") is not None and \
            found["message_digest"].native == _DIGESTS[alg](message).digest()
        when = found.get("signing_time")
        moment = when.native if when is not None else None
        signed = b"\x31" + attrs.dump()[1:]  # the SET OF the signature covers, not [0] IMPLICIT
        extra = [x509.load_der_x509_certificate(c.dump()) for c in certs if c is not signer]
        valid = digest_ok and _check_signature(signer, si, signed, alg)
        return CmsSignature(signer.dump(), extra, moment, valid)
    except CmsError:
        raise
    except Exception as e:  # noqa: BLE001 - a malformed DER fails anywhere in asn1crypto
        raise CmsError(f"cannot read the CMS signature ({type(e).__name__})") from e


def _signer_cert(si, certs):
    sid = si["sid"]
    for c in certs:
        if sid.name == "issuer_and_serial_number":
            want = sid.chosen
            if c["tbs_certificate"]["serial_number"].contents == want["serial_number"].contents \
                    and c["tbs_certificate"]["issuer"].dump() == want["issuer"].dump():
                return c
        elif c.key_identifier == sid.chosen.native:
            return c
    raise CmsError("the signer's certificate is not in the signature")


def _check_signature(cert, si, signed: bytes, digest: str) -> bool:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    key = x509.load_der_x509_certificate(cert.dump()).public_key()
    h = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[digest]
    algo = si["signature_algorithm"]["algorithm"].native
    sig = si["signature"].native
    try:
        if isinstance(key, rsa.RSAPublicKey):
            pad = padding.PSS(padding.MGF1(h), padding.PSS.AUTO) if algo == "rsassa_pss" \
                else padding.PKCS1v15()
            key.verify(sig, signed, pad, h)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(sig, signed, ec.ECDSA(h))
        else:
            return False
    except InvalidSignature:
        return False
    return True
