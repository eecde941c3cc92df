"""PAdES signatures with pyHanko: B-B, B-T (RFC 3161 timestamp from a TSA) and B-LT (plus the
validation data, from local CRLs or fetched), each as its own incremental update so every
earlier signature stays valid. The build signs only with the institution's e-seal (step "seal",
an invisible signature in the field Sigiliu, labelled as a seal); people sign their approvals
themselves (qms_docs/approval: statements, or the version's PDF in their row of table 1)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import SignError
from .keys import SignerSpec, load_signer
from .stamp import stamp_style

LEVELS = ("B-B", "B-T", "B-LT")
STEPS = ("elaborated", "verified", "endorsed", "approved", "seal")
STEP_LABEL = {"ro": {"elaborated": "Elaborat", "verified": "Verificat", "endorsed": "Avizat",
                     "approved": "Aprobat", "seal": "Sigiliu electronic al instituției"},
              "en": {"elaborated": "Prepared", "verified": "Reviewed", "endorsed": "Endorsed",
                     "approved": "Approved", "seal": "Electronic seal of the institution"}}
SEAL_FIELD = "Sigiliu"
FIELD_PREFIX = "Semnatura-"  # + step: Semnatura-elaborated

# (step, page 0-based, (x1, y1, x2, y2)) of a visible signature; None page: first page fallback.
Slot = tuple[str, int, tuple[int, int, int, int]]
FALLBACK_BOXES = {"elaborated": (60, 40, 200, 80), "verified": (225, 40, 365, 80),
                  "approved": (390, 40, 530, 80)}


@dataclass
class SignSettings:
    signers: list[SignerSpec]
    level: str = "B-B"
    tsa: str | None = None
    trust: list[Path] = field(default_factory=list)  # roots for B-LT validation data
    crls: list[Path] = field(default_factory=list)  # local CRLs for B-LT
    language: str = "ro"
    location: str = ""


class Signing:
    """Signs PDFs with every configured signer in order; keys are opened once."""

    def __init__(self, settings: SignSettings, password: Callable[[SignerSpec], str | None]):
        if settings.level not in LEVELS:
            raise SignError(f"unknown signature level {settings.level!r}; use "
                            + ", ".join(LEVELS))
        if settings.level in ("B-T",) and not settings.tsa:
            raise SignError(f"level {settings.level} needs a timestamp authority (--tsa URL)")
        order = {s: i for i, s in enumerate(STEPS)}
        self.settings = settings
        self.specs = sorted(settings.signers, key=lambda s: order.get(s.step, 9))
        for s in self.specs:  # a missing key file is reported before any password is asked
            if s.pkcs12 is not None and not s.pkcs12.is_file():
                hint = "; run 'qms keys demo' for the demo keys" \
                    if s.pkcs12.parent.name == "demo" else ""
                raise SignError(f"{s.pkcs12}: no such key file{hint}")
        self.signers = [(s, load_signer(s, password(s))) for s in self.specs]
        self.timestamper = None
        if settings.tsa:
            from pyhanko.sign.timestamps import HTTPTimeStamper

            self.timestamper = HTTPTimeStamper(settings.tsa)
        self.validation_context = self._validation_context() if settings.level == "B-LT" \
            else None

    def _validation_context(self):
        from asn1crypto import crl as asn1_crl
        from pyhanko.keys import load_certs_from_pemder
        from pyhanko_certvalidator import ValidationContext

        try:
            roots = list(load_certs_from_pemder([str(p) for p in self.settings.trust]))
            crls = [asn1_crl.CertificateList.load(_der(p.read_bytes()))
                    for p in self.settings.crls]
        except (OSError, ValueError) as e:
            raise SignError(f"B-LT validation data: {e}") from e
        return ValidationContext(trust_roots=roots or None, crls=crls,
                                 allow_fetching=not crls, revocation_mode="soft-fail")

    def sign(self, pdf: bytes, slots: list[Slot] | None = None, reason_prefix: str = "",
             only: list[str] | None = None) -> bytes:
        """Every signer in order (or only the given steps), each as an incremental update of the
        previous result; a step whose field is already signed is skipped."""
        where = {s[0]: (s[1], s[2]) for s in slots or []}
        done = signed_fields(pdf)
        for spec, signer in self.signers:
            if (only and spec.step not in only) or field_name(spec.step) in done:
                continue
            page, box = where.get(spec.step, (0, FALLBACK_BOXES.get(spec.step, (60, 90, 200,
                                                                                   130))))
            pdf = self._sign_one(pdf, spec, signer, page, box, reason_prefix)
        return pdf

    def sign_file(self, path: Path, slots: list[Slot] | None = None,
                  only: list[str] | None = None) -> str:
        """Sign a PDF file in place (written atomically); returns the signed fields."""
        try:
            pdf = path.read_bytes()
        except OSError as e:
            raise SignError(f"{path}: {e.strerror or e}") from e
        if not pdf.startswith(b"%PDF-"):
            raise SignError(f"{path}: not a PDF file")
        out = self.sign(pdf, slots, only=only)
        tmp = path.with_name(f".{path.name}.signing")
        try:
            tmp.write_bytes(out)
            tmp.replace(path)
        except OSError as e:
            raise SignError(f"{path}: {e.strerror or e}") from e
        return ", ".join(sorted(signed_fields(out))) or "nothing to sign"

    def _sign_one(self, pdf: bytes, spec: SignerSpec, signer, page: int,
                  box: tuple[int, int, int, int], reason_prefix: str) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        from ..approval.cms import asn1_cms
        asn1_cms()
        label = STEP_LABEL.get(self.settings.language, STEP_LABEL["ro"]).get(spec.step,
                                                                              spec.step)
        lt = self.settings.level == "B-LT"
        meta = signers.PdfSignatureMetadata(
            field_name=field_name(spec.step), md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=f"{reason_prefix}{label}", location=self.settings.location or None,
            embed_validation_info=lt, validation_context=self.validation_context,
        )
        try:
            w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            pdf_signer = signers.PdfSigner(
                meta, signer=signer, timestamper=self.timestamper,
                stamp_style=stamp_style(self.settings.language),
                new_field_spec=fields.SigFieldSpec(
                    sig_field_name=field_name(spec.step), on_page=page,
                    box=None if spec.step == "seal" else box))
            out = io.BytesIO()
            # A fixed reservation skips pyHanko's dry-run signature for size estimation.
            reserve = 8192 if self.timestamper is None else 16384
            pdf_signer.sign_pdf(w, output=out, appearance_text_params={"step": label},
                                bytes_reserved=reserve)
            return out.getvalue()
        except SignError:
            raise
        except Exception as e:  # noqa: BLE001 - pyHanko/network/token errors of many kinds
            raise SignError(f"signing as {label} with {spec.describe}: "
                            f"{str(e) or type(e).__name__}") from e


def field_name(step: str) -> str:
    return SEAL_FIELD if step == "seal" else FIELD_PREFIX + step


def signed_fields(pdf: bytes) -> set[str]:
    """Names of the signature fields of a PDF that already hold a signature."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return {s.field_name for s in
                PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures}
    except Exception as e:  # noqa: BLE001 - a damaged PDF fails anywhere in the parser
        raise SignError(f"cannot read the PDF: {e}") from e


def _der(data: bytes) -> bytes:
    if data.lstrip().startswith(b"-----BEGIN"):
        from asn1crypto import pem

        _, _, der = pem.unarmor(data)
        return der
    return data
