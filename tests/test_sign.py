"""Signing and verification of the PDFs, end to end with the demo keys: the people's PAdES
approvals (PS-04 of the demo) and the institution's e-seal on every PDF; `qms verify` and
poppler's pdfsig (an independent implementation) check; tampering is always caught."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_demo, requires

from qms_docs.cli import main

EPOCH = "1767225600"
MANUAL = "MC-01-manualul-calitatii.pdf"
PS01 = "PS-01-controlul-documentelor.pdf"
PS04 = "PS-04-controlul-serviciului-neconform.pdf"
pdfsig = requires("pdfsig")


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env={"SOURCE_DATE_EPOCH": EPOCH,
                                                     "QMS_SIGN_PASSWORD": None, **(env or {})},
                              catch_exceptions=False)


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with demo keys; the manual and PS-01 sealed, PS-04 its PAdES approval (three
    people) and the seal."""
    repo = make_demo(tmp_path_factory.mktemp("sign") / "repo")
    r = run("keys", "demo", str(repo))
    assert r.exit_code == 0 and "DEMO" in r.output, r.output
    r = run("pdf", str(repo), "MC-01", "PS-01", "PS-04", "--sign", "--out", str(repo / "_pdf"))
    assert r.exit_code == 0, r.output
    return repo


def verify(repo: Path, *files: Path, trust: Path | None = None):
    return run("verify", *map(str, files), "--repo", str(repo), "--trust",
               str(trust or repo / "content/keys/demo-ca.pem"))


def pdfsig_text(pdf: Path) -> str:
    # pdfsig exits 0 even when a signature is broken: its text is what counts.
    p = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True)
    return p.stdout + p.stderr


def test_demo_keys_are_marked_and_reused(signed: Path):
    keys = signed / ".keys/demo"
    for name in ("sigiliu.p12", "gheorghe-stanciu.p12", "gheorghe-stanciu", "bogdan-neagu"):
        assert (keys / name).exists(), name
    from cryptography import x509

    cert = x509.load_pem_x509_certificate((signed / "content/keys/sigiliu.pem").read_bytes())
    assert "DEMO" in cert.subject.rfc4514_string() and "DEMO" in cert.issuer.rfc4514_string()
    assert "NO LEGAL VALUE" in (keys / "DEMO-KEYS.txt").read_text()
    r = run("keys", "demo", str(signed))
    assert r.exit_code == 0 and "already" in r.output


def test_people_sign_in_order_then_the_seal(signed: Path):
    pdfs = [signed / "_pdf" / MANUAL, signed / "_pdf" / PS01, signed / "_pdf" / PS04]
    r = verify(signed, *pdfs)
    assert r.exit_code == 0, r.output
    lines = {pdf: next(x for x in r.output.splitlines() if x.startswith(f"{pdf}: OK"))
             for pdf in pdfs}
    assert "1 signature(s): DEMO Primăria" in lines[pdfs[0]] and "MC-01 2.1" in lines[pdfs[0]]
    assert "1 signature(s): DEMO Primăria" in lines[pdfs[1]]
    line = lines[pdfs[2]]
    assert "4 signature(s)" in line
    assert line.index("Andreea") < line.index("Elena") < line.index("Gheorghe") < \
        line.index("sigiliu")


@pdfsig
def test_pdfsig_agrees(signed: Path):
    out = pdfsig_text(signed / "_pdf" / PS04)
    assert out.count("Signature is Valid") == 4, out
    assert "Semnatura-elaborated" in out and "Semnatura-approved" in out and "Sigiliu" in out
    assert "Total document signed" in out  # the last signature covers the whole file


def test_visible_stamps_sit_in_the_signature_column_of_table_1(signed: Path):
    import pikepdf

    with pikepdf.open(signed / "_pdf" / PS04) as p:
        # table 1 follows the cover page and the contents (OSGG 600/2018): the third page
        fields = {str(a.T): (i, [float(v) for v in a.Rect]) for i, page in enumerate(p.pages)
                  for a in page.obj.get("/Annots") or [] if a.get("/FT") == "/Sig"}
    # the e-seal is invisible (on the first page): it is not a row of table 1
    assert fields.pop("Sigiliu") == (0, [0, 0, 0, 0])
    assert {i for i, _ in fields.values()} == {2}, fields
    widgets = {name: rect for name, (_, rect) in fields.items()}
    assert list(widgets) == ["Semnatura-elaborated", "Semnatura-verified", "Semnatura-approved"]
    xs = {r[0] for r in widgets.values()}
    assert len(xs) == 1 and xs.pop() > 350  # one column, on the right: "Semnătura"
    tops = [r[3] for r in widgets.values()]
    assert tops == sorted(tops, reverse=True)  # elaborat above verificat above aprobat
    text = subprocess.run(["pdftotext", str(signed / "_pdf" / PS04), "-"], capture_output=True,
                          text=True).stdout if shutil.which("pdftotext") else ""
    if text:
        assert "Semnat digital de" in text and "DEMO Gheorghe Stanciu" in text


def _signed_ranges(data: bytes) -> list[tuple[int, int]]:
    """Offsets inside the first signature's byte range (the original document), away from the
    /Contents hex string."""
    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert m
    a, b, c, d = map(int, m.groups())
    return [(a, a + b), (c, c + d)]


@pytest.mark.parametrize("where", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_flipped_byte_in_signed_range_is_caught(signed: Path, tmp_path: Path, where: float):
    data = bytearray((signed / "_pdf" / PS01).read_bytes())
    (start, end), _ = _signed_ranges(bytes(data))
    pos = start + 16 + int((end - start - 32) * where)
    data[pos] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    r = verify(signed, bad)
    assert r.exit_code == 1, r.output
    lines = [x for x in r.output.splitlines() if x.startswith(f"{bad}: ")]
    assert lines and not any(": OK" in x for x in lines)
    assert "Traceback" not in r.output


@pdfsig
def test_pdfsig_sees_the_tampering_too(signed: Path, tmp_path: Path):
    data = bytearray((signed / "_pdf" / PS01).read_bytes())
    (start, end), _ = _signed_ranges(bytes(data))
    # the middle of a long (compressed) stream: the file still parses, only the digest changes
    streams = [(m.end(), data.index(b"endstream", m.end()))
               for m in re.compile(rb"[^d]stream\r?\n").finditer(bytes(data), start, end)]
    s0, s1 = max(streams, key=lambda ab: ab[1] - ab[0])
    pos = (s0 + s1) // 2
    assert start < pos < end
    data[pos] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    out = pdfsig_text(bad)
    assert "Digest Mismatch" in out, out
    r = verify(signed, bad)
    assert r.exit_code == 1 and "digest mismatch" in r.output


def test_appended_bytes_and_wrong_trust_root(signed: Path, tmp_path: Path):
    good = signed / "_pdf" / PS01
    bad = tmp_path / "appended.pdf"
    bad.write_bytes(good.read_bytes() + b"\n% a quiet addition\n")
    r = verify(signed, bad)
    assert r.exit_code == 1 and f"{bad}: bytes appended" in r.output
    r = verify(signed, good, trust=_other_root(tmp_path))
    assert r.exit_code == 1 and "does not chain to the trust root" in r.output
    assert "Traceback" not in r.output and "Validation error" not in r.output


def _other_root(tmp_path: Path) -> Path:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Another CA")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
            .not_valid_after(dt.datetime(2045, 1, 1, tzinfo=dt.UTC))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    path = tmp_path / "other-ca.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def test_broken_or_unsigned_files_give_one_line_each(signed: Path, tmp_path: Path):
    text = tmp_path / "note.pdf"
    text.write_text("not a pdf at all")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes((signed / "_pdf" / PS01).read_bytes()[:3000])
    unsigned = tmp_path / "unsigned"
    assert run("pdf", str(signed), "PS-02", "--out", str(unsigned)).exit_code == 0
    plain = next(unsigned.glob("PS-02-*.pdf"))
    r = verify(signed, text, truncated, plain, tmp_path / "missing.pdf")
    assert r.exit_code == 1
    assert f"{text}: not a PDF file" in r.output
    assert f"{truncated}: damaged or altered PDF" in r.output
    assert f"{plain}: not signed" in r.output
    assert f"{tmp_path / 'missing.pdf'}: cannot read" in r.output
    assert "Traceback" not in r.output


def test_sign_command_applies_the_seal(signed: Path, tmp_path: Path):
    out = tmp_path / "pdf"
    assert run("pdf", str(signed), "PS-02", "--out", str(out)).exit_code == 0
    pdf = next(out.glob("PS-02-*.pdf"))
    r = run("sign", str(pdf), "--repo", str(signed))
    assert r.exit_code == 0 and "Sigiliu" in r.output, r.output
    r = verify(signed, pdf)
    assert r.exit_code == 0 and "1 signature(s): DEMO Primăria" in r.output, r.output
    r = run("sign", str(pdf), "--repo", str(signed))  # sealed already: nothing to add
    assert r.exit_code == 0 and "signed (Sigiliu)" in r.output


def test_wrong_password_is_a_clear_error(signed: Path, tmp_path: Path):
    r = run("pdf", str(signed), "PS-02", "--sign", "--out", str(tmp_path),
            env={"QMS_SIGN_PASSWORD": "wrong"})
    assert r.exit_code == 2  # the environment (a key, its password), not the content
    assert "wrong password" in r.output and "Traceback" not in r.output
    assert not list(tmp_path.glob("*.pdf"))


def test_b_lt_embeds_validation_data_and_stays_pdfa(signed: Path, tmp_path: Path):
    import pikepdf

    cfg = signed / "qms.yml"
    saved = cfg.read_text("utf-8")
    try:
        cfg.write_text(saved.replace("\nsigning:\n", "\nsigning:\n  level: B-LT\n"
                                     "  crls: [content/keys/demo-ca.crl]\n"), "utf-8")
        r = run("pdf", str(signed), "PS-01", "--sign", "--out", str(tmp_path))
        assert r.exit_code == 0, r.output
    finally:
        cfg.write_text(saved, "utf-8")
    pdf = tmp_path / PS01
    assert verify(signed, pdf).exit_code == 0
    with pikepdf.open(pdf) as p:
        assert "/CRLs" in p.Root.DSS and "/Certs" in p.Root.DSS
        meta = p.open_metadata()
        assert meta.get("{http://www.aiim.org/pdfa/ns/id/}part") == "2"


SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")


@requires(str(SOFTHSM), "softhsm2-util")
def test_pkcs11_token_holds_the_seal(signed: Path, tmp_path: Path):
    import pkcs11
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        pkcs12,
    )
    from pkcs11 import Attribute, CertificateType, ObjectClass

    conf = tmp_path / "softhsm2.conf"
    (tmp_path / "tokens").mkdir()
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\n")
    env = {"SOFTHSM2_CONF": str(conf)}
    key, cert, _ = pkcs12.load_key_and_certificates(
        (signed / ".keys/demo/sigiliu.p12").read_bytes(), b"demo")
    (tmp_path / "key.pem").write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                                         NoEncryption()))
    util = ["softhsm2-util", "--pin", "1234"]
    subprocess.run([*util, "--init-token", "--free", "--label", "QMS", "--so-pin", "5678"],
                   check=True, capture_output=True, env={**os.environ, **env})
    subprocess.run([*util, "--import", str(tmp_path / "key.pem"), "--token", "QMS", "--label",
                    "aprobat", "--id", "01"], check=True, capture_output=True,
                   env={**os.environ, **env})
    os.environ["SOFTHSM2_CONF"] = str(conf)  # the library reads it when loaded in-process
    try:
        token = pkcs11.lib(str(SOFTHSM)).get_token(token_label="QMS")
        with token.open(rw=True, user_pin="1234") as s:
            s.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,
                             Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                             Attribute.VALUE: cert.public_bytes(Encoding.DER),
                             Attribute.SUBJECT: cert.subject.public_bytes(),
                             Attribute.LABEL: "aprobat", Attribute.ID: b"\x01",
                             Attribute.TOKEN: True})
        cfg = signed / "qms.yml"
        saved = cfg.read_text("utf-8")
        try:
            cfg.write_text(re.sub(r"(?m)^  seal: .*$", (
                "  seal:\n"
                f"    pkcs11: {{module: {SOFTHSM}, token: QMS, key: aprobat}}\n"
                "    password_env: QMS_TOKEN_PIN"), saved), "utf-8")
            r = run("pdf", str(signed), "PS-01", "--sign", "--out", str(tmp_path / "out"),
                    env={"QMS_TOKEN_PIN": "1234", **env})
            assert r.exit_code == 0, r.output
        finally:
            cfg.write_text(saved, "utf-8")
    finally:
        del os.environ["SOFTHSM2_CONF"]
    r = verify(signed, tmp_path / "out" / PS01)
    assert r.exit_code == 0 and "1 signature(s): DEMO Primăria" in r.output, r.output


@pytest.fixture
def local_tsa(tmp_path: Path):
    """An RFC 3161 timestamp authority on localhost (pyHanko's test TSA behind http.server)."""
    import datetime as dt
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from asn1crypto import keys as akeys
    from asn1crypto import tsp
    from asn1crypto import x509 as ax509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # test TSA: RSA only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "DEMO test TSA")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
            .not_valid_after(dt.datetime(2045, 1, 1, tzinfo=dt.UTC))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                           critical=True)
            .sign(key, hashes.SHA256()))
    pem = tmp_path / "tsa.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    stamper = DummyTimeStamper(
        tsa_cert=ax509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=akeys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            req = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(req).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", pem
    server.shutdown()


def test_b_t_with_a_timestamp_authority(signed: Path, tmp_path: Path, local_tsa):
    url, tsa_root = local_tsa
    r = run("pdf", str(signed), "PS-01", "--sign", "--level", "B-T", "--tsa", url,
            "--out", str(tmp_path / "out"))
    assert r.exit_code == 0, r.output
    pdf = tmp_path / "out" / PS01
    r = run("verify", str(pdf), "--repo", str(signed), "--trust",
            str(signed / "content/keys/demo-ca.pem"),
            "--trust", str(tsa_root))
    assert r.exit_code == 0, r.output
    assert r.output.count("(timestamp)") == 1
    # without the TSA's root the timestamp is reported, not silently accepted
    r = verify(signed, pdf)
    assert r.exit_code == 1 and "timestamp authority does not chain" in r.output


def test_b_t_needs_a_tsa(signed: Path, tmp_path: Path):
    r = run("pdf", str(signed), "PS-01", "--sign", "--level", "B-T", "--out", str(tmp_path))
    assert r.exit_code == 2 and "needs a timestamp authority" in r.output


def test_signed_pdf_is_still_pdfa_with_every_font_embedded(signed: Path):
    import pikepdf

    with pikepdf.open(signed / "_pdf" / PS04) as p:  # its visible stamps use our font
        meta = p.open_metadata()
        assert meta.get("{http://www.aiim.org/pdfa/ns/id/}part") == "2"
        assert not p.is_encrypted and p.Root.get("/OutputIntents")
        # the signing updates kept document info and XMP in step (a PDF/A rule)
        mod = str(p.trailer.Info["/ModDate"])[2:16]
        assert meta.get("xmp:ModifyDate").replace("-", "").replace(":", "").replace("T", "")[
            :14] == mod
        streams = [page.obj for page in p.pages]
        streams += [a.AP.N for page in p.pages for a in page.get("/Annots") or []
                    if "/AP" in a]
        fonts, seen = [], set()
        while streams:
            obj = streams.pop()
            res = obj.get("/Resources")
            if not isinstance(res, pikepdf.Dictionary):
                continue
            fonts += [f for f in (res.get("/Font") or {}).values()]
            for x in (res.get("/XObject") or {}).values():
                if x.objgen not in seen:
                    seen.add(x.objgen)
                    streams.append(x)
        assert any("QMSStampSans" in str(f.get("/BaseFont")) for f in fonts)
        for f in fonts:
            fd = f.get("/FontDescriptor") or f.DescendantFonts[0].get("/FontDescriptor")
            assert any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")), f


def test_incremental_update_after_signing_is_caught(signed: Path, tmp_path: Path):
    """A well-formed incremental update that rewrites page 1 keeps every signed byte range
    intact: only the modification analysis can tell, and it must."""
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO((signed / "_pdf" / PS01).read_bytes()))
    page = w.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (APROBAT FALS) Tj ET")
    page["/Contents"] = w.add_object(stream)
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    bad = tmp_path / "updated.pdf"
    bad.write_bytes(out.getvalue())
    r = verify(signed, bad)
    assert r.exit_code == 1 and "changed after this signature" in r.output, r.output
    assert "Traceback" not in r.output


def test_signed_pdfs_stay_pdf_1_7_for_pdfa(signed: Path):
    """PDF/A-2b allows PDF 1.x only: the signatures must not raise the declared version (an
    ECDSA key would: pyHanko then registers ISO 32002 and declares PDF 2.0)."""
    import pikepdf

    for name in (MANUAL, PS01, PS04):
        with pikepdf.open(signed / "_pdf" / name) as pdf:
            assert pdf.pdf_version == "1.7", name
            assert str(pdf.Root.get("/Version", "1.7")).lstrip("/") == "1.7", name
            meta = pdf.open_metadata()
            assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "B"


def test_a_pdf_approval_dated_by_a_timestamp_authority(tmp_path: Path, local_tsa):
    """qms approve --pdf --tsa: each person's signature carries the TSA's time, which becomes
    the signing date of table 1."""
    from conftest import new_version

    url, tsa_root = local_tsa
    repo = make_demo(tmp_path / "repo")
    assert run("keys", "demo", str(repo)).exit_code == 0
    rel = "content/procedures/PS-02-controlul-inregistrarilor.md"
    p = repo / rel
    p.write_text(re.sub(r"(?m)^effective_date: .*$", "effective_date: 2030-01-01",
                        p.read_text("utf-8")).replace("## 4.", "Text nou.\n\n## 4.", 1),
                 "utf-8")
    v = new_version(repo, rel)
    for step in ("elaborated", "verified", "approved"):
        r = run("approve", "PS-02", "--as", step, "--pdf", "--tsa", url, "--repo", str(repo))
        assert r.exit_code == 0, r.output
    pdf = repo / f"content/approvals/PS-02/{v}/PS-02-{v}.pdf"
    r = run("verify", str(pdf), "--repo", str(repo), "--trust",
            str(repo / "content/keys/demo-ca.pem"), "--trust", str(tsa_root))
    assert r.exit_code == 0, r.output
    assert r.output.count("(timestamp)") == 3
