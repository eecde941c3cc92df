"""Verification of the PDF signatures: integrity, signer, signing time, chain to a trust root, and
no change after the last signature. Returns findings; never raises on a broken file."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import SignError


@dataclass
class SignatureInfo:
    field: str
    signer: str
    time: str
    ok: bool
    timestamped: bool = False


@dataclass
class VerifyResult:
    path: Path
    signatures: list[SignatureInfo] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_trust(paths: list[Path]) -> list:
    from pyhanko.keys import load_certs_from_pemder

    try:
        return list(load_certs_from_pemder([str(p) for p in paths]))
    except (OSError, ValueError) as e:
        raise SignError(f"trust root: {e}") from e


def verify_pdf(path: Path, trust: list | None = None) -> VerifyResult:
    """Check every signature of the PDF at path. `trust`: certificates (from load_trust); when
    None, the chain is not checked (integrity and signer only)."""
    res = VerifyResult(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        res.problems.append(f"cannot read: {e.strerror or e}")
        return res
    if not data.startswith(b"%PDF-"):
        res.problems.append("not a PDF file")
        return res
    try:
        _check(data, trust, res)
    except Exception as e:  # noqa: BLE001 - a damaged file may fail anywhere in the parser
        res.problems.append(f"damaged or altered PDF ({type(e).__name__}: {e})")
    return res


def _check(data: bytes, trust: list | None, res: VerifyResult) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    sigs = reader.embedded_signatures
    if not sigs:
        res.problems.append("not signed")
        return
    if not data.rstrip(b"\r\n\t\x00 ").endswith(b"%%EOF"):
        res.problems.append("bytes appended after the last revision of the file")
    for i, sig in enumerate(sigs):
        vc = ValidationContext(trust_roots=trust or [], allow_fetching=False,
                               revocation_mode="soft-fail")
        name = sig.field_name or f"#{i + 1}"
        # The diff analysis (what changed after a signature) is the slow part on a large PDF.
        # Whatever was added after a later signature was also added after the first one, so it
        # runs for the first signature, and for the last one only when it does not cover the
        # whole file (validation data added after it must be nothing else).
        skip = i > 0 and (i < len(sigs) - 1 or sig.evaluate_signature_coverage()
                          == SignatureCoverageLevel.ENTIRE_FILE)
        try:
            st = validate_pdf_signature(sig, vc, skip_diff=skip)
        except (SignatureValidationError, ValueError) as e:
            res.problems.append(f"signature {name}: cannot be validated: {e}")
            continue
        subject = st.signing_cert.subject
        signer = subject.native.get("common_name") or subject.human_friendly
        when = st.timestamp_validity.timestamp if st.timestamp_validity else \
            st.signer_reported_dt
        label = f"signature {name} ({signer})"
        ok = True
        if not st.intact:
            res.problems.append(f"{label}: digest mismatch, the signed content was altered")
            ok = False
        elif not st.valid:
            res.problems.append(f"{label}: cryptographic signature invalid")
            ok = False
        else:
            if trust is not None and not st.trusted:
                res.problems.append(f"{label}: signer does not chain to the trust root")
                ok = False
            level = st.modification_level
            if st.docmdp_ok is False or (not skip and
                    st.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
                        level is None or level == ModificationLevel.OTHER
                        or (i == len(sigs) - 1 and level != ModificationLevel.LTA_UPDATES))):
                # Later signatures (form filling) and validation data (DSS) are the only
                # changes allowed after a signature; anything else was added by someone else.
                res.problems.append(f"{label}: the file was changed after this signature")
                ok = False
            elif i == len(sigs) - 1 and st.coverage == SignatureCoverageLevel.ENTIRE_FILE:
                br = list(sig.byte_range)
                if br[2] + br[3] < len(data.rstrip(b"\r\n ")):
                    res.problems.append(f"{label}: bytes appended after the last signature")
                    ok = False
        ts = st.timestamp_validity
        if ts is not None and not (ts.intact and ts.valid):
            res.problems.append(f"{label}: the timestamp token is invalid")
            ok = False
        elif ts is not None and trust is not None and not ts.trusted:
            res.problems.append(f"{label}: the timestamp authority does not chain to the "
                                "trust root")
            ok = False
        if when is None:
            res.problems.append(f"{label}: no signing time")
        res.signatures.append(SignatureInfo(name, signer,
                                            when.strftime("%Y-%m-%d %H:%M:%S %Z") if when
                                            else "?", ok, ts is not None))
