"""PAdES approvals: the PDF of a document version, its keywords (XMP and Info) naming the code,
edition, revision and source SHA-256 that its footer prints, signed in turn by each person: with
`qms approve CODE --as STEP --pdf`, or in any PDF tool (a desktop reader; poppler's pdfsig). It
lives at approvals/<CODE>/<E>.<R>/<CODE>-<E>.<R>.pdf with an empty signature field per table-1
row (Semnatura-<step>, Semnatura-verified-2, …) that a desktop reader offers to sign.

Each signature is validated with pyHanko (integrity, the chain to qms.yml approval.trust_roots,
nothing but signatures added after it), the revision it signed must carry this version's
keywords, and its certificate must be a person's of people.yml; the step is the field's, or,
for a field the tool named itself, the row whose function the signer held that day. The
institution's e-seal (field Sigiliu) is not a person and approves nothing. Results are cached
by the PDF's SHA-256 (cache.py), since a full validation takes a fraction of a second."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import __version__, clock
from ..model import QMS
from .evidence import Evidence, check_chain
from .registry import Registry, cert_fingerprint

FIELD_PREFIX = "Semnatura-"
SEAL_FIELD = "Sigiliu"
_KEYWORD = re.compile(r"qms-(code|edition|revision|source-sha256):([A-Za-z0-9._-]+)")


def keywords(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in _KEYWORD.finditer(text or "")}


def pdf_name(code: str, version: str) -> str:
    return f"{code}-{version}.pdf"


# ---- reading -------------------------------------------------------------------------------

def read_pdf(qms: QMS, reg: Registry, code: str, version: str, path: Path) -> list[Evidence]:
    rel = qms.config.rel(path)
    data = path.read_bytes()
    sigs = _validated(qms, reg, data)
    out: list[Evidence] = []
    if isinstance(sigs, str):
        ev = Evidence(rel, "pades", code, version)
        ev.error("QMS720", f"PDF approval cannot be read: {sigs}",
                 "a PDF of the version (qms approve CODE --as STEP --pdf), signed in turn")
        return [ev]
    for s in sigs:
        if s["field"] == SEAL_FIELD:
            continue
        ev = Evidence(rel, "pades", code, version, sha256=s["keywords"].get("source-sha256", ""))
        out.append(ev)
        if not s["ok"]:
            ev.error("QMS720", f"signature {s['field']} of the PDF approval: {s['problem']}",
                     "sign the version's PDF again; nothing but signatures may be added")
            continue
        kw = s["keywords"]
        if (kw.get("code"), f"{kw.get('edition')}.{kw.get('revision')}") != (code, version):
            ev.error("QMS719", f"signature {s['field']} signed "
                     f"{kw.get('code', '?')} {kw.get('edition', '?')}.{kw.get('revision', '?')}"
                     f", not {code} {version}", "the PDF of another document or version was "
                     "copied here: sign this version's PDF (qms approve --pdf)")
            continue
        from cryptography import x509

        cert = x509.load_der_x509_certificate(bytes.fromhex(s["cert"]))
        ev.fingerprint = cert_fingerprint(cert)
        ev.time = dt.datetime.fromisoformat(s["time"])
        ev.day = clock.local_day(ev.time, qms.config.timezone)
        holders = reg.certs.get(bytes.fromhex(s["cert"]), [])
        if not holders:
            ev.error("QMS703", f"signature {s['field']}: certificate {ev.fingerprint} is "
                     "registered to nobody in people.yml",
                     "add the signer's certificate to their entry in people.yml")
            continue
        h = holders[0]
        ev.person, ev.signer, ev.demo = h.person.id, h.person, h.demo
        ev.step, ev.function = _row(qms, code, s["field"], h.person, ev.day)
        if not h.ref.covers(ev.day):
            ev.error("QMS716", f"certificate of {h.person.id} used outside its period in "
                     "people.yml", "sign with the certificate valid that day")
            continue
        ev.valid = True
        if not check_chain(ev, reg, cert, [], ev.time):
            continue
    return out


def _row(qms: QMS, code: str, field: str, person, day: str) -> tuple[str, str]:
    """(step, function) of a signature: its field's row, else the row the signer held."""
    doc = qms.document(code)
    rows = doc.approvals if doc else []
    slot = field.removeprefix(FIELD_PREFIX)
    for a in rows:
        if a.slot == slot:
            return a.step, a.role
    for a in rows:
        if person.holds(a.role, day):
            return a.step, a.role
    return (rows[0].step, rows[0].role) if rows else ("", "")


def _validated(qms: QMS, reg: Registry, data: bytes) -> list[dict] | str:
    from cryptography.hazmat.primitives.serialization import Encoding

    from .cache import verdicts

    roots = [r.cert.public_bytes(Encoding.DER) for r in reg.roots]
    key = verdict_key(data, roots)
    cache = verdicts(qms, "pades")
    hit = cache.get(key)
    if hit is not None:
        return hit
    early = qms.derived.get("pades-prefetch")  # started by run_check (prefetch.py)
    result = early.get(key) if early is not None else None
    if result is None:
        from .cms import off_loop

        result = off_loop(validate_bytes, data, roots)
    cache.put(key, result)
    return result


def verdict_key(data: bytes, roots_der: list[bytes]) -> str:
    """A PDF's verdict depends on its bytes, the trust roots and this version of ours."""
    roots = b"".join(sorted(hashlib.sha256(d).digest() for d in roots_der))
    return hashlib.sha256(data + roots + __version__.encode()).hexdigest()


def roots_der_of_files(paths: list[Path]) -> list[bytes]:
    from cryptography.hazmat.primitives.serialization import Encoding

    from .registry import load_cert

    return [load_cert(p).public_bytes(Encoding.DER) for p in paths]


def validate_bytes(data: bytes, roots_der: list[bytes]) -> list[dict] | str:
    """Every signature of the PDF validated (a list of JSON-able verdicts), or why the PDF
    cannot be read at all."""
    try:
        return _validate(data, roots_der)
    except Exception as e:  # noqa: BLE001 - a damaged PDF fails anywhere in the parser
        return f"{type(e).__name__}: {e}"


def _validate(data: bytes, roots_der: list[bytes]) -> list[dict]:
    from asn1crypto import x509 as ax509
    from pyhanko.keys import load_cert_from_pemder  # noqa: F401 - imports pyhanko's loaders
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from .cms import asn1_cms

    asn1_cms()
    roots = [ax509.Certificate.load(der) for der in roots_der]
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    out = []
    for sig in reader.embedded_signatures:
        vc = ValidationContext(trust_roots=roots, allow_fetching=False,
                               revocation_mode="soft-fail")
        item = {"field": sig.field_name or "", "ok": False, "problem": "", "keywords": {},
                "cert": "", "time": ""}
        out.append(item)
        try:
            st = validate_pdf_signature(sig, vc)
        except Exception as e:  # noqa: BLE001
            item["problem"] = f"cannot be validated ({e})"
            continue
        br = list(sig.byte_range)
        signed = data[:br[2] + br[3]]
        item["keywords"] = keywords(_info_keywords(signed))
        item["cert"] = st.signing_cert.dump().hex()
        ts = st.timestamp_validity
        # a timestamp counts only from a trusted authority; else the signer's own time
        when = ts.timestamp if ts is not None and ts.intact and ts.valid and ts.trusted else \
            st.signer_reported_dt
        item["time"] = when.isoformat() if when else ""
        if not st.intact or not st.valid:
            item["problem"] = "the signed content was altered" if not st.intact else \
                "cryptographic signature invalid"
        elif st.docmdp_ok is False or st.modification_level not in (
                None, ModificationLevel.NONE, ModificationLevel.LTA_UPDATES,
                ModificationLevel.FORM_FILLING):
            item["problem"] = "the PDF was changed after this signature"
        elif not when:
            item["problem"] = "no signing time"
        else:
            item["ok"] = True
    return out


def _info_keywords(revision: bytes) -> str:
    from pyhanko.pdf_utils.reader import PdfFileReader

    r = PdfFileReader(io.BytesIO(revision), strict=False)
    info = r.trailer_view.get("/Info")
    info = info.get_object() if info is not None else None
    kw = info.get("/Keywords") if info is not None else None
    return str(kw) if kw is not None else ""


# ---- signing -------------------------------------------------------------------------------

def approve_pdf(qms: QMS, code: str, step: str, key, person: str | None = None,
                moment: dt.datetime | None = None, function: str | None = None,
                say: Callable[[str], None] = lambda _m: None, tsa: str | None = None
                ) -> list[Path]:
    """Sign the version's PDF (built with its empty signature fields when there is none yet)
    in the row of `step` as the key's owner."""
    from . import approve as A
    from .evidence import evidence_root

    doc, folder_name, obj = A.target(qms, code)
    if obj != "version":
        raise A.ApproveError("a withdrawal is approved with statements, not a PDF")
    tz = qms.config.timezone
    moment = (moment or clock.build_time(tz)).astimezone(clock.zone(tz)).replace(microsecond=0)
    day = moment.date().isoformat()
    rows = doc.step(step)
    if not rows:
        raise A.ApproveError(f"{code} has no step '{step}'")
    if key == A.KeySpec():
        if A.demo.installed(qms.config.root) is None:
            raise A.ApproveError("name your key: --pkcs12 FILE or --pkcs11-module LIB (for the "
                                 "demo, 'qms keys demo' first)")
        person, key = A._demo_key(qms, doc, rows, day, person, function)
        if key.pkcs12 is None:
            raise A.ApproveError(f"{person} has no demo certificate: a PDF is signed with an "
                                 "X.509 certificate (sign the statement instead)")
    if key.ssh is not None:
        raise A.ApproveError("a PDF is signed with a certificate (--pkcs12 or --pkcs11-module)")
    holder = A._owner(qms, key)
    who = holder.person
    if person and person != who.id:
        raise A.ApprovalRefused(f"this key is {who.id}'s, not {person}'s")
    mine = [a for a in rows if who.holds(a.role, day) and function in (None, a.role)]
    if not mine:
        raise A.ApprovalRefused(f"{who.id} does not hold {', '.join(a.role for a in rows)} on "
                             f"{day}")
    A._earlier_signed(qms, doc, step)
    folder = evidence_root(qms) / doc.code / folder_name
    path = folder / pdf_name(doc.code, doc.version)
    if path.exists():
        pdf = path.read_bytes()
    else:
        say(f"building the PDF of {doc.code} {doc.version} for signing")
        pdf = _pdf_for_signing(qms, doc)
    from .cms import off_loop

    signed = off_loop(sign_field, pdf, A._x509_signer(key), FIELD_PREFIX + mine[0].slot,
                      qms.config.language, None if tsa else moment, _label(qms, step), None,
                      tsa)
    saved = path.read_bytes() if path.exists() else None
    folder.mkdir(parents=True, exist_ok=True)
    path.write_bytes(signed)
    try:
        A._refuse_if_invalid(qms, doc, [path], {})
    except A.ApproveError:
        if saved is not None:
            path.write_bytes(saved)
        raise
    return [path]


def _label(qms: QMS, step: str) -> str:
    from ..pdf.strings import strings

    return strings(qms.config.language).get(step, step)


def _pdf_for_signing(qms: QMS, doc) -> bytes:
    """The version's PDF with an empty signature field in every row of table 1."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    from ..pdf import build_pdfs

    got: dict = {}

    def capture(pdf: bytes, d, slots) -> bytes:
        got["slots"] = slots
        return pdf

    with tempfile.TemporaryDirectory(prefix="qms-approve-") as tmp:
        res = build_pdfs(qms, Path(tmp), codes=[doc.code], sign=capture, with_reports=False)
        pdf = res.files[0].read_bytes()
    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    for s in got.get("slots", []):
        fields.append_signature_field(w, fields.SigFieldSpec(
            sig_field_name=FIELD_PREFIX + s.step, on_page=s.page, box=s.box))
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def sign_field(pdf: bytes, signer, field: str, language: str, moment: dt.datetime | None,
               reason: str = "", box: tuple | None = None, tsa: str | None = None,
               location: str = "") -> bytes:
    """One PAdES signature in `field` (an existing empty field, or a new one at box / invisible)
    as an incremental update; the signing time is moment (default now)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from ..sign.stamp import stamp_style

    class _Timed(signers.PdfSigner):
        def init_signing_session(self, *args, **kwargs):  # type: ignore[override]
            session = super().init_signing_session(*args, **kwargs)
            if moment is not None:
                session.system_time = moment
            return session

    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES,
                                        reason=reason or None, location=location or None)
    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    timestamper = None
    if tsa:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(tsa)
    spec = fields.SigFieldSpec(sig_field_name=field, box=box) if box else \
        (fields.SigFieldSpec(sig_field_name=field) if field == SEAL_FIELD else None)
    s = _Timed(meta, signer=signer, timestamper=timestamper,
               stamp_style=stamp_style(language), new_field_spec=spec)
    out = io.BytesIO()
    s.sign_pdf(w, output=out, bytes_reserved=16384 if tsa else 8192)
    return out.getvalue()


def evidence_pdf(qms: QMS, doc) -> Path | None:
    """The PAdES approval of doc's version, when its approvals are complete and all in it."""
    from .evidence import evidence_root
    from .verify import approvals_of

    path = evidence_root(qms) / doc.code / doc.version / pdf_name(doc.code, doc.version)
    verdict = approvals_of(qms)[0].get(doc.code)
    if not path.is_file() or verdict is None or not verdict.complete:
        return None
    if not all(e.kind == "pades" for e in verdict.evidence):
        return None
    return path
