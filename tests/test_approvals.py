"""Approvals an auditor can trust, end to end in real repositories: statements signed with real
ssh-keygen, PKCS#12 and a SoftHSM2 token, PDFs signed by pyHanko and by poppler's pdfsig; one
golden test per forgery; the same table 1 whatever the merge style or the clone depth."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import git, make_demo, requires

from qms_docs.cli import main

PS02 = "content/procedures/PS-02-controlul-inregistrarilor.md"
PS01_DIR = "content/approvals/PS-01/2.1"
EPOCH = "1795000000"  # 2026-11-18: the demo's "now" for signing times
SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env={"SOURCE_DATE_EPOCH": EPOCH,
                                                     "QMS_SIGN_PASSWORD": None, **(env or {})})


def fresh(tmp_path: Path, name: str = "repo") -> Path:
    repo = make_demo(tmp_path / name)
    assert run("keys", "demo", str(repo)).exit_code == 0
    return repo


def bump(repo: Path, rel: str = PS02, effective: str = "2026-12-20") -> str:
    """A new revision of the document: one sentence changed, its table-2 row; returns E.R."""
    p = repo / rel
    t = p.read_text("utf-8")
    ed = int(re.search(r"^edition: (\d+)", t, re.M).group(1))
    rev = int(re.search(r"^revision: (\d+)", t, re.M).group(1)) + 1
    t = re.sub(r"^revision: \d+", f"revision: {rev}", t, count=1, flags=re.M)
    t = re.sub(r"^effective_date: .*$", f"effective_date: {effective}", t, count=1, flags=re.M)
    row = (f"  - edition: {ed}\n    revision: {rev}\n    component: Secțiunea 8.3\n"
           f"    description: Termen redus\n    date: {effective}\n")
    t = t.replace("\ndistribution:", "\n" + row.rstrip("\n") + "\ndistribution:", 1)
    head, body = t.split("\n---\n", 1)
    p.write_text(head + "\n---\n" + body.replace(".", ". Text nou.", 1), "utf-8")
    return f"{ed}.{rev}"


def approve_all(repo: Path, code: str = "PS-02", days=("2026-12-01", "2026-12-04",
                                                      "2026-12-08"), *extra: str) -> None:
    for step, day in zip(("elaborated", "verified", "approved"), days, strict=True):
        r = run("approve", code, "--as", step, "--repo", str(repo),
                "--time", f"{day}T10:00:00+02:00", *extra)
        assert r.exit_code == 0, r.output


def check(repo: Path, *args: str) -> list[str]:
    res = run("check", str(repo), *args)
    return res.output.splitlines()


def table1(repo: Path, code: str = "PS-02") -> list[tuple]:
    from qms_docs.approval.verify import approvals_of
    from qms_docs.config import load_config
    from qms_docs.load.repository import load_repository
    from qms_docs.model import build_qms

    cfg = load_config(repo)
    qms = build_qms(cfg, load_repository(cfg))
    approvals_of(qms)
    doc = qms.document(code)
    return [(a.slot, a.role, a.status, a.name, a.date, a.kind, a.fingerprint)
            for a in doc.approvals]


# ---- the statement and the demo evidence ----------------------------------------------------

def test_statement_is_canonical_and_parsed_strictly():
    from qms_docs.approval.statement import Statement, StatementError, parse

    st = Statement("version", "PS-01", 2, 1, "a" * 64, "approved", "primar", "gheorghe-stanciu",
                   "2026-02-26T10:00:00+02:00")
    data = st.render()
    assert data == (b"qms-approval/1\nobject: version\ndocument: PS-01\nedition: 2\nrevision: 1\n"
                    b"sha256: " + b"a" * 64 + b"\nstep: approved\nfunction: primar\n"
                    b"person: gheorghe-stanciu\ntime: 2026-02-26T10:00:00+02:00\n")
    assert parse(data) == st
    for bad, why in [(data.replace(b"\n", b"\r\n"), "LF"), (data + b"x: y\n", "lines"),
                     (data.replace(b"edition: 2", b"edition: 02"), "line 4"),
                     (data[:-1], "LF")]:
        with pytest.raises(StatementError, match=why):
            parse(bad)


def test_demo_evidence_verifies_on_a_fresh_clone(demo_repo_shared: Path):
    """Every demo document's version is signed by the people who held the functions; table 1
    shows them with the kind of evidence, never a front-matter name."""
    lines = check(demo_repo_shared, "--strict")
    assert lines[-1].startswith("0 errors, 0 warnings")
    rows = table1(demo_repo_shared, "PS-01")
    assert [r[:5] for r in rows] == [
        ("elaborated", "rmc", "signed", "Andreea Constantinescu", "2026-02-16"),
        ("verified", "secretar-general", "signed", "Elena Marinescu", "2026-02-20"),
        ("approved", "primar", "signed", "Gheorghe Stanciu", "2026-02-26")]
    assert {r[5] for r in rows} == {"cms"}
    assert {r[5] for r in table1(demo_repo_shared, "PO-ACH-01")} == {"ssh", "cms"}
    assert {r[5] for r in table1(demo_repo_shared, "PS-04")} == {"pades"}


@requires("ssh-keygen")
def test_a_third_party_verifies_by_hand_with_ssh_keygen(demo_repo_shared: Path, tmp_path: Path):
    import hashlib

    allowed = tmp_path / "allowed_signers"
    res = run("keys", "allowed-signers", str(demo_repo_shared))
    assert res.exit_code == 0
    allowed.write_text(res.output)
    folder = demo_repo_shared / "content/approvals/PO-ACH-01/1.1"
    stmt = folder / "elaborated-bogdan-neagu.txt"
    p = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I", "bogdan-neagu",
                        "-n", "qms-approval", "-s", f"{stmt}.sig"], input=stmt.read_bytes(),
                       capture_output=True)
    assert p.returncode == 0, p.stderr
    assert b'Good "qms-approval" signature for bogdan-neagu' in p.stdout
    source = next((demo_repo_shared / "content/procedures").glob("PO-ACH-01-*.md")).read_bytes()
    assert f"sha256: {hashlib.sha256(source).hexdigest()}\n".encode() in stmt.read_bytes()


@requires("openssl")
def test_a_third_party_verifies_cms_by_hand_with_openssl(demo_repo_shared: Path):
    stmt = demo_repo_shared / PS01_DIR / "approved-gheorghe-stanciu.txt"
    p = subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in",
                        f"{stmt}.p7s", "-content", str(stmt), "-CAfile",
                        str(demo_repo_shared / "content/keys/demo-ca.pem"), "-purpose", "any",
                        "-out", os.devnull], capture_output=True, text=True)
    assert p.returncode == 0 and "Verification successful" in p.stderr, p.stderr


# ---- one golden test per forgery ---------------------------------------------------------

SUMMARY = "in 125 files (30 documents, 14 processes, 21 job functions, 24 risks)"
NOT_SIGNED = ("content/procedures/PS-02-controlul-inregistrarilor.md:11:3: warning QMS713 PS-02 "
              "1.2 is not approved yet: elaborated, verified, approved not signed")
HINT_713 = "    hint: each signer runs 'qms approve PS-02 --as STEP' (README: Approvals)"


def test_forgery_a_trailer_alone_approves_nothing(tmp_path: Path):
    repo = fresh(tmp_path)
    bump(repo)
    git(repo, "commit", "-qam", "PS-02 rev. 2\n\nApproved-by: Gheorghe Stanciu "
        "<gheorghe.stanciu@dealumare.ro> [primar]")
    lines = check(repo, "--require-approval", "--against", "HEAD~1")
    base = git(repo, "rev-parse", "HEAD~1")[:12]
    assert lines == [
        NOT_SIGNED, HINT_713,
        "content/procedures/PS-02-controlul-inregistrarilor.md:17:3: error QMS405 PS-02 1.2 "
        "changed since HEAD~1 without complete approval evidence (elaborated, verified, approved "
        "not signed)",
        "    hint: each signer runs 'qms approve PS-02 --as STEP' and the evidence is committed "
        "(README: Approvals)",
        f"1 error, 1 warning {SUMMARY}; version rules against {base} (HEAD~1)"]
    assert [r[2:4] for r in table1(repo)] == [("unapproved", "")] * 3
    res = run("release", "2026.9", str(repo), "--no-pdf")
    assert res.exit_code == 1 and "error QMS405 PS-02 1.2" in res.output
    assert res.output.splitlines()[-1].startswith("qms: refused: ")


def test_forgery_another_persons_name_in_the_front_matter(tmp_path: Path):
    repo = fresh(tmp_path)
    bump(repo)
    p = repo / PS02
    p.write_text(p.read_text("utf-8").replace("approved_by:\n  role: primar\n",
                                              "approved_by:\n  role: primar\n  name: Ion Popescu\n",
                                              1), "utf-8")
    lines = check(repo, "--no-history")
    assert lines == [
        NOT_SIGNED, HINT_713,
        "content/procedures/PS-02-controlul-inregistrarilor.md:18:9: warning QMS718 'name: Ion "
        "Popescu' is ignored: table 1 shows who signed",
        "    hint: remove 'name'; the signer comes from the approval evidence (qms approve)",
        f"0 errors, 2 warnings {SUMMARY}"]
    assert all(r[3] != "Ion Popescu" for r in table1(repo))


def _statement(repo: Path, step: str, person: str, function: str, day: str,
               code: str = "PS-02") -> Path:
    """A canonical statement for the work tree's version of code, unsigned."""
    from qms_docs.approval.sources import source_sha256
    from qms_docs.approval.statement import Statement
    from qms_docs.config import load_config
    from qms_docs.load.repository import load_repository
    from qms_docs.model import build_qms

    cfg = load_config(repo)
    qms = build_qms(cfg, load_repository(cfg))
    doc = qms.document(code)
    st = Statement("version", code, doc.edition, doc.revision, source_sha256(qms, doc), step,
                   function, person, f"{day}T10:00:00+02:00")
    folder = repo / "content/approvals" / code / doc.version
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{step}-{person}.txt"
    path.write_bytes(st.render())
    return path


def _ssh_sign(path: Path, key: Path) -> None:
    sig = subprocess.run(["ssh-keygen", "-Y", "sign", "-f", str(key), "-n", "qms-approval",
                          "-q"], input=path.read_bytes(), capture_output=True, check=True).stdout
    Path(f"{path}.sig").write_bytes(sig)


@requires("ssh-keygen")
def test_forgery_an_unregistered_key(tmp_path: Path):
    repo = fresh(tmp_path)
    bump(repo)
    approve_all(repo, "PS-02", ("2026-12-01", "2026-12-04", "2026-12-08"))
    key = tmp_path / "mallory"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    stmt = repo / "content/approvals/PS-02/1.2/approved-gheorghe-stanciu.txt"
    Path(f"{stmt}.p7s").unlink()
    _ssh_sign(stmt, key)
    fp = subprocess.run(["ssh-keygen", "-lf", f"{key}.pub"], capture_output=True,
                        text=True).stdout.split()[1]
    lines = check(repo, "--no-history")
    assert lines[:2] == [
        f"content/approvals/PS-02/1.2/approved-gheorghe-stanciu.txt:9:1: error QMS703 SSH key "
        f"{fp} is not registered to anyone in people.yml",
        "    hint: add it to gheorghe-stanciu's ssh_keys / certificates in people.yml, or sign "
        "with a registered key"]
    assert table1(repo)[2][2] == "pending"


@requires("ssh-keygen")
def test_forgery_another_persons_key(tmp_path: Path):
    repo = fresh(tmp_path)
    bump(repo)
    approve_all(repo)
    stmt = repo / "content/approvals/PS-02/1.2/approved-gheorghe-stanciu.txt"
    Path(f"{stmt}.p7s").unlink()
    _ssh_sign(stmt, repo / ".keys/demo/andreea-constantinescu")
    lines = check(repo, "--no-history")
    assert lines[0].startswith("content/approvals/PS-02/1.2/approved-gheorghe-stanciu.txt:9:1: "
                               "error QMS704 SSH key SHA256:")
    assert lines[0].endswith(" belongs to andreea-constantinescu, not to gheorghe-stanciu")
    assert lines[1] == "    hint: each person signs with their own key"


@requires("ssh-keygen")
def test_forgery_a_person_who_did_not_hold_the_function_then(tmp_path: Path):
    repo = fresh(tmp_path)
    bump(repo)
    approve_all(repo)
    folder = repo / "content/approvals/PS-02/1.2"
    for f in folder.glob("approved-*"):
        f.unlink()
    # the deputy mayor, with her own registered key, signs as mayor
    stmt = _statement(repo, "approved", "ioana-dumitrescu", "primar", "2026-12-08")
    _ssh_sign(stmt, repo / ".keys/demo/ioana-dumitrescu")
    lines = check(repo, "--no-history")
    assert lines[:2] == [
        "content/approvals/PS-02/1.2/approved-ioana-dumitrescu.txt:9:1: error QMS705 "
        "ioana-dumitrescu did not hold 'primar' on 2026-12-08 (people.yml: viceprimar "
        "2020-10-26…)",
        "    hint: the holder of 'primar' on the signing date signs; see people.yml functions"]
    # and approve refuses to write such evidence in the first place
    res = run("approve", "PS-02", "--as", "approved", "--repo", str(repo), "--ssh-key",
              str(repo / ".keys/demo/ioana-dumitrescu"))
    assert res.exit_code == 1
    assert res.output.splitlines()[-1] == ("qms: error: ioana-dumitrescu does not hold primar "
                                           "on 2026-11-18: the approved row of PS-02 is signed "
                                           "by its holder (people.yml)")


def test_forgery_an_execution_level_approver(tmp_path: Path):
    repo = fresh(tmp_path)
    p = repo / PS02
    p.write_text(p.read_text("utf-8").replace("approved_by:\n  role: primar",
                                              "approved_by:\n  role: inspector-urbanism", 1),
                 "utf-8")
    lines = check(repo, "--no-history")
    assert "content/procedures/PS-02-controlul-inregistrarilor.md:17:3: error QMS313 " \
           "'inspector-urbanism' (Inspector urbanism) is not a management function" in lines
    assert any("error QMS709 PS-02 1.1 changed after its approval" in x for x in lines)


@requires("ssh-keygen")
def test_forgery_self_approval_one_person_two_steps(tmp_path: Path):
    repo = fresh(tmp_path)
    p = repo / "content/people.yml"
    # the secretary general also becomes deputy mayor, and PS-02 names the deputy as approver
    p.write_text(p.read_text("utf-8").replace(
        "      - role: secretar-general\n        from: 2019-01-02\n",
        "      - role: secretar-general\n        from: 2019-01-02\n"
        "      - role: viceprimar\n        from: 2026-01-01\n", 1), "utf-8")
    bump(repo)
    d = repo / PS02
    d.write_text(d.read_text("utf-8").replace("approved_by:\n  role: primar",
                                              "approved_by:\n  role: viceprimar", 1), "utf-8")
    for step, day in (("elaborated", "2026-12-01"), ("verified", "2026-12-04")):
        assert run("approve", "PS-02", "--as", step, "--repo", str(repo), "--time",
                   f"{day}T10:00:00+02:00").exit_code == 0
    stmt = _statement(repo, "approved", "elena-marinescu", "viceprimar", "2026-12-08")
    _ssh_sign(stmt, repo / ".keys/demo/elena-marinescu")
    lines = check(repo, "--no-history")
    assert lines[:2] == [
        "content/approvals/PS-02/1.2/verified-elena-marinescu.txt:9:1: error QMS707 "
        "elena-marinescu signs both approved and verified of PS-02 1.2",
        "    hint: elaboration, verification and approval are by different people"]


def test_forgery_a_change_after_approval(demo_repo: Path):
    p = demo_repo / PS02
    p.write_text(p.read_text("utf-8").replace("## 4.", "Adăugat după aprobare.\n\n## 4.", 1),
                 "utf-8")
    lines = check(demo_repo, "--no-history")
    assert lines[0].startswith("content/procedures/PS-02-controlul-inregistrarilor.md:6:11: "
                               "error QMS709 PS-02 1.1 changed after its approval (3 signature(s)"
                               " of ")
    assert "…, the source is now " in lines[0]
    assert lines[0].endswith("…): 1.1 is neaprobat")
    assert [r[2] for r in table1(demo_repo)] == ["unapproved"] * 3


def test_forgery_evidence_copied_from_another_document(demo_repo: Path):
    dest = demo_repo / "content/approvals/PS-02/1.1"
    shutil.rmtree(dest)
    shutil.copytree(demo_repo / PS01_DIR, dest)
    lines = check(demo_repo, "--no-history")
    assert lines[:2] == [
        "content/approvals/PS-02/1.1/approved-gheorghe-stanciu.txt:3:1: error QMS710 evidence of "
        "PS-01 2.1 (version) filed under PS-02 1.1",
        "    hint: evidence is bound to one document version: it cannot be copied to another; "
        "sign PS-02 1.1 itself with 'qms approve'"]
    assert [r[2] for r in table1(demo_repo)] == ["unapproved"] * 3


def test_forgery_evidence_of_an_earlier_version_reused(demo_repo: Path):
    v = bump(demo_repo)
    old = demo_repo / "content/approvals/PS-02/1.1"
    shutil.copytree(old, demo_repo / f"content/approvals/PS-02/{v}")
    lines = check(demo_repo, "--no-history")
    assert lines[0] == ("content/approvals/PS-02/1.2/approved-gheorghe-stanciu.txt:3:1: error "
                        "QMS710 evidence of PS-02 1.1 (version) filed under PS-02 1.2")


def test_forgery_a_changed_statement_breaks_its_signature(demo_repo: Path):
    stmt = demo_repo / PS01_DIR / "approved-gheorghe-stanciu.txt"
    stmt.write_bytes(stmt.read_bytes().replace(b"T10:00:00", b"T09:00:00"))
    lines = check(demo_repo, "--no-history")
    assert lines[:2] == [
        f"{PS01_DIR}/approved-gheorghe-stanciu.txt:1:1: error QMS702 bad signature: "
        "approved-gheorghe-stanciu.txt.p7s does not verify approved-gheorghe-stanciu.txt",
        "    hint: the statement was changed after signing: sign again"]


@requires("ssh-keygen")
def test_steps_in_order_and_before_the_effective_date(tmp_path: Path):
    repo = fresh(tmp_path)
    bump(repo, effective="2026-12-05")
    for step, day in (("elaborated", "2026-12-01"), ("verified", "2026-12-04")):
        assert run("approve", "PS-02", "--as", step, "--repo", str(repo), "--time",
                   f"{day}T10:00:00+02:00").exit_code == 0
    # qms approve never writes evidence that would not verify ...
    res = run("approve", "PS-02", "--as", "approved", "--repo", str(repo), "--time",
              "2026-12-08T10:00:00+02:00")
    assert res.exit_code == 1 and "QMS711 signed on 2026-12-08, after PS-02 took effect " \
        "(2026-12-05)" in res.output
    res = run("approve", "PS-02", "--as", "approved", "--repo", str(repo), "--time",
              "2026-12-03T10:00:00+02:00")
    assert res.exit_code == 1 and "QMS708 approved signed at 2026-12-03T10:00:00+02:00, before " \
        "verified (2026-12-04T10:00:00+02:00)" in res.output
    assert not list((repo / "content/approvals/PS-02/1.2").glob("approved-*"))
    # ... and check finds the same in evidence made by other means
    stmt = _statement(repo, "approved", "gheorghe-stanciu", "primar", "2026-12-08")
    _ssh_sign(stmt, repo / ".keys/demo/gheorghe-stanciu")
    lines = check(repo, "--no-history")
    assert lines[:2] == [
        "content/approvals/PS-02/1.2/approved-gheorghe-stanciu.txt:10:1: error QMS711 signed on "
        "2026-12-08, after PS-02 took effect (2026-12-05)",
        "    hint: approve before the effective date, or move the effective date (a new "
        "version) after the signatures"]


def test_approve_refuses_steps_out_of_order(tmp_path: Path):
    repo = fresh(tmp_path)
    bump(repo)
    res = run("approve", "PS-02", "--as", "approved", "--repo", str(repo))
    assert res.exit_code == 1
    assert res.output.splitlines()[-1] == ("qms: error: PS-02 1.2: elaborated, verified must be "
                                           "signed before approved")


# ---- real keys: ssh-keygen, PKCS#12, SoftHSM2, pdfsig -----------------------------------

@requires("ssh-keygen")
def test_a_persons_own_ssh_key_registered_in_people_yml(tmp_path: Path):
    repo = fresh(tmp_path)
    key = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "elena@laptop", "-f",
                    str(key)], check=True)
    people = repo / "content/people.yml"
    pub = Path(f"{key}.pub").read_text().strip()
    res = run("approve", "PS-02", "--as", "elaborated", "--repo", str(repo), "--ssh-key",
              str(key))
    assert res.exit_code == 1 and "is not registered to anyone: add to your entry in " \
        "people.yml: ssh-ed25519 " in res.output
    text = people.read_text("utf-8")
    people.write_text(text.replace("    ssh_keys:\n      - ssh-ed25519",
                                   f"    ssh_keys:\n      - {pub}\n      - ssh-ed25519", 1)
                      .replace("  - id: gheorghe-stanciu", "  - id: gheorghe-stanciu", 1), "utf-8")
    # the first ssh_keys list is the mayor's: his second key now
    bump(repo)
    approve_all(repo, "PS-02", ("2026-12-01", "2026-12-04", "2026-12-08"))
    folder = repo / "content/approvals/PS-02/1.2"
    (folder / "approved-gheorghe-stanciu.txt.p7s").unlink()
    (folder / "approved-gheorghe-stanciu.txt").unlink()
    res = run("approve", "PS-02", "--as", "approved", "--repo", str(repo), "--ssh-key", str(key),
              "--time", "2026-12-08T10:00:00+02:00")
    assert res.exit_code == 0, res.output
    assert (folder / "approved-gheorghe-stanciu.txt.sig").is_file()
    assert check(repo, "--no-history", "--strict")[-1].startswith("0 errors, 0 warnings")
    assert table1(repo)[2][5] == "ssh"


@requires("openssl")
def test_pkcs12_cms_approval(tmp_path: Path):
    repo = fresh(tmp_path)
    bump(repo)
    for step, who, day in (("elaborated", "andreea-constantinescu", "2026-12-01"),
                           ("verified", "elena-marinescu", "2026-12-04"),
                           ("approved", "gheorghe-stanciu", "2026-12-08")):
        res = run("approve", "PS-02", "--as", step, "--repo", str(repo), "--pkcs12",
                  str(repo / f".keys/demo/{who}.p12"), "--time", f"{day}T10:00:00+02:00",
                  env={"QMS_SIGN_PASSWORD": "demo"})
        assert res.exit_code == 0, res.output
    assert check(repo, "--no-history", "--strict")[-1].startswith("0 errors, 0 warnings")
    assert {r[5] for r in table1(repo)} == {"cms"}


@requires(str(SOFTHSM), "softhsm2-util")
def test_pkcs11_token_approval_with_softhsm(tmp_path: Path):
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        pkcs12,
    )

    repo = fresh(tmp_path)
    conf = tmp_path / "softhsm2.conf"
    (tmp_path / "tokens").mkdir()
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    key, cert, _ = pkcs12.load_key_and_certificates(
        (repo / ".keys/demo/gheorghe-stanciu.p12").read_bytes(), b"demo")
    (tmp_path / "key.pem").write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                                         NoEncryption()))
    (tmp_path / "cert.der").write_bytes(cert.public_bytes(Encoding.DER))
    util = ["softhsm2-util", "--pin", "1234"]
    subprocess.run([*util, "--init-token", "--free", "--label", "PRIMAR", "--so-pin", "5678"],
                   check=True, capture_output=True, env=env)
    subprocess.run([*util, "--import", str(tmp_path / "key.pem"), "--token", "PRIMAR",
                    "--label", "semnatura", "--id", "01"], check=True, capture_output=True,
                   env=env)
    # The token is used from child processes: SoftHSM reads SOFTHSM2_CONF once per process,
    # and another test of the session loads the library in-process with its own tokens.
    import sys

    store_cert = (
        "import sys, pkcs11; from pkcs11 import Attribute, CertificateType, ObjectClass\n"
        "from cryptography import x509\n"
        "cert = x509.load_der_x509_certificate(open(sys.argv[2], 'rb').read())\n"
        "t = pkcs11.lib(sys.argv[1]).get_token(token_label='PRIMAR')\n"
        "with t.open(rw=True, user_pin='1234') as s:\n"
        "    s.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,\n"
        "        Attribute.CERTIFICATE_TYPE: CertificateType.X_509,\n"
        "        Attribute.VALUE: cert.public_bytes(__import__('cryptography.hazmat.primitives"
        ".serialization', fromlist=['Encoding']).Encoding.DER),\n"
        "        Attribute.SUBJECT: cert.subject.public_bytes(), Attribute.LABEL: 'semnatura',\n"
        "        Attribute.ID: b'\\x01', Attribute.TOKEN: True})\n")
    subprocess.run([sys.executable, "-c", store_cert, str(SOFTHSM), str(tmp_path / "cert.der")],
                   check=True, env=env)
    bump(repo)
    for step, day in (("elaborated", "2026-12-01"), ("verified", "2026-12-04")):
        assert run("approve", "PS-02", "--as", step, "--repo", str(repo), "--time",
                   f"{day}T10:00:00+02:00").exit_code == 0
    qms_bin = Path(sys.executable).parent / "qms"
    p = subprocess.run([str(qms_bin), "approve", "PS-02", "--as", "approved", "--repo",
                        str(repo), "--pkcs11-module", str(SOFTHSM), "--token", "PRIMAR",
                        "--key", "semnatura", "--time", "2026-12-08T10:00:00+02:00"],
                       env={**env, "QMS_SIGN_PASSWORD": "1234", "SOURCE_DATE_EPOCH": EPOCH},
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    assert check(repo, "--no-history", "--strict")[-1].startswith("0 errors, 0 warnings")
    assert table1(repo)[2][:6] == ("approved", "primar", "signed", "Gheorghe Stanciu",
                                   "2026-12-08", "cms")


@requires("pdfsig", "pk12util", "certutil")
def test_a_pdf_signed_by_pdfsig_like_a_desktop_reader_is_accepted(tmp_path: Path):
    """Elaborated and verified sign the version's PDF with qms approve --pdf; the mayor signs
    it in another tool (poppler's pdfsig with his certificate in an NSS database)."""
    repo = fresh(tmp_path)
    v = bump(repo, effective="2030-01-01")  # pdfsig signs now: any day before that
    for step, day in (("elaborated", "2026-11-02"), ("verified", "2026-11-05")):
        res = run("approve", "PS-02", "--as", step, "--pdf", "--repo", str(repo), "--time",
                  f"{day}T10:00:00+02:00")
        assert res.exit_code == 0, res.output
    pdf = repo / f"content/approvals/PS-02/{v}/PS-02-{v}.pdf"
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(["pk12util", "-i", str(repo / ".keys/demo/gheorghe-stanciu.p12"), "-d",
                    f"sql:{nss}", "-W", "demo"], check=True, capture_output=True)
    out = tmp_path / "signed.pdf"
    subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", "-add-signature", "-nick",
                    "DEMO Gheorghe Stanciu", "-new-signature-field-name", "Aprobare-primar",
                    str(pdf), str(out)], check=True, capture_output=True)
    shutil.copy(out, pdf)
    assert check(repo, "--no-history", "--strict")[-1].startswith("0 errors, 0 warnings")
    rows = table1(repo)
    assert [(r[0], r[3], r[5]) for r in rows] == [
        ("elaborated", "Andreea Constantinescu", "pades"),
        ("verified", "Elena Marinescu", "pades"), ("approved", "Gheorghe Stanciu", "pades")]
    text = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert text.count("Signature is Valid") == 3, text


def test_qms_verify_checks_a_pdf_against_table_1_and_its_name(demo_repo_shared: Path,
                                                              tmp_path: Path):
    pdf = demo_repo_shared / "content/approvals/PS-04/1.0/PS-04-1.0.pdf"
    res = run("verify", str(pdf), "--repo", str(demo_repo_shared))
    assert res.exit_code == 0, res.output
    assert res.output.startswith(f"{pdf}: OK, PS-04 1.0 (source ")
    assert "3 signature(s): DEMO Andreea Constantinescu at 2025-02-24" in res.output
    forged = tmp_path / "PS-05-actiuni-corective.pdf"
    shutil.copy(pdf, forged)
    res = run("verify", str(forged), "--repo", str(demo_repo_shared))
    assert res.exit_code == 1
    assert res.output.splitlines()[0].startswith(
        f"{forged}: the file name is not PS-04's but the PDF is PS-04 1.0 (source ")
    assert res.output.splitlines()[0].endswith("…): a PDF copied over another document's")


# ---- history that never guesses ---------------------------------------------------------

def _approved_branch(tmp_path: Path) -> Path:
    """main with a tag, and branch pr-7: PS-02 rev. 2, approved in three evidence commits."""
    repo = fresh(tmp_path, "origin")
    git(repo, "tag", "-a", "2026.1", "-m", "release")
    git(repo, "checkout", "-q", "-b", "pr-7")
    bump(repo)
    git(repo, "commit", "-qam", "PS-02: termen redus")
    for step, day in (("elaborated", "2026-12-01"), ("verified", "2026-12-04"),
                      ("approved", "2026-12-08")):
        assert run("approve", "PS-02", "--as", step, "--repo", str(repo), "--time",
                   f"{day}T10:00:00+02:00").exit_code == 0
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", f"PS-02: {step}")
    git(repo, "checkout", "-q", "main")
    return repo


@pytest.mark.parametrize("style", ["merge", "squash", "rebase", "ff"])
def test_the_same_table_1_whatever_the_merge_style(tmp_path: Path, style: str):
    repo = _approved_branch(tmp_path)
    expected = None
    clone = tmp_path / style
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    git(clone, "checkout", "-q", "pr-7")
    expected = table1(clone)
    git(clone, "checkout", "-q", "main")
    # main moves on meanwhile (another document), so merge / rebase are real ones
    if style != "ff":
        p = clone / "content/risks.yml"
        p.write_text(p.read_text("utf-8") + "\n", "utf-8")
        git(clone, "commit", "-qam", "main: registru")
    if style == "merge":
        git(clone, "merge", "-q", "--no-ff", "pr-7", "-m", "Merge PR 7")
    elif style == "squash":
        git(clone, "merge", "-q", "--squash", "pr-7")
        git(clone, "commit", "-qm", "PS-02 rev. 2 (squash)")
    elif style == "rebase":
        git(clone, "checkout", "-q", "pr-7")
        git(clone, "rebase", "-q", "main")
        git(clone, "checkout", "-q", "main")
        git(clone, "merge", "-q", "--ff-only", "pr-7")
    else:
        git(clone, "merge", "-q", "--ff-only", "pr-7")
    assert table1(clone) == expected
    assert [r[2] for r in expected] == ["signed"] * 3
    lines = check(clone, "--require-approval", "--strict")
    assert lines[-1].startswith("0 errors, 0 warnings") and "(last tag 2026.1)" in lines[-1]


def test_a_shallow_clone_gives_the_same_table_1_or_refuses_with_the_fix(tmp_path: Path):
    repo = _approved_branch(tmp_path)
    git(repo, "merge", "-q", "--no-ff", "pr-7", "-m", "Merge PR 7")
    full = table1(repo)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
                   check=True)
    assert table1(shallow) == full  # evidence lives in the tree: any depth has it
    res = run("check", str(shallow))
    assert res.exit_code == 2  # the clone is the job's to fix
    assert res.output == (
        "qms: error: this clone is shallow (git clone --depth): the version rules need the "
        "whole history; fetch the whole history: git fetch --unshallow --tags (in GitHub "
        "Actions: actions/checkout with fetch-depth: 0; in GitLab CI: GIT_DEPTH: 0)\n")
    assert run("check", str(shallow), "--no-history").exit_code == 0
    res = run("changes", str(shallow), "--base", "HEAD")
    assert res.exit_code == 2 and "shallow" in res.output


def test_a_branch_behind_main_is_compared_with_the_merge_base(tmp_path: Path):
    repo = fresh(tmp_path)
    git(repo, "checkout", "-q", "-b", "pr-8")
    p = repo / "content/risks.yml"
    p.write_text(p.read_text("utf-8") + "\n", "utf-8")
    git(repo, "commit", "-qam", "pr-8: registru")
    git(repo, "checkout", "-q", "main")
    bump(repo)
    approve_all(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "main: PS-02 rev. 2 approved")
    git(repo, "checkout", "-q", "pr-8")
    lines = check(repo, "--against", "main")
    assert not any("QMS403" in x or "QMS401" in x for x in lines), lines
    assert lines[-1].endswith("(merge-base with main)")
    res = run("changes", str(repo), "--base", "main", "--format", "json")
    assert res.exit_code == 0 and '"PS-02"' not in res.output


def test_a_fresh_repository_checks_its_uncommitted_edit(tmp_path: Path):
    """One commit, no tag, an edit staged or not: the version rules compare with the last
    commit (what a pre-commit hook needs), and the summary says so."""
    repo = fresh(tmp_path)
    p = repo / PS02
    p.write_text(p.read_text("utf-8").replace("## 4.", "Text nou.\n\n## 4.", 1), "utf-8")
    lines = check(repo)
    head = git(repo, "rev-parse", "HEAD")[:12]
    assert any("error QMS401 PS-02 changed since last commit" in x for x in lines), lines
    assert lines[-1].endswith(f"; version rules against {head} (last commit; no tag yet)")
    git(repo, "add", "-A")
    assert any("QMS401" in x for x in check(repo))
    git(repo, "checkout", "-q", "--", ".")
    git(repo, "reset", "-q", "--hard")
    assert check(repo)[-1].endswith("; no version rules: nothing to compare with yet")


def test_a_withdrawal_is_a_version_that_needs_its_approvals(tmp_path: Path):
    repo = fresh(tmp_path)
    git(repo, "tag", "-a", "2026.1", "-m", "release")
    git(repo, "rm", "-q", "content/forms/F-05-fisa-de-neconformitate.md")
    lines = check(repo, "--require-approval")
    own = [i for i, x in enumerate(lines) if x.startswith(("content/approvals/F-05/",
                                                           "content/forms/F-05-"))]
    lines = [y for i in own for y in lines[i:i + 2]]  # each finding of F-05 with its hint
    assert lines[:4] == [
        "content/approvals/F-05/1.0:1:1: error QMS722 approval evidence for 'F-05', which is no "
        "document",
        "    hint: a deleted document is withdrawn with a record: qms withdraw F-05 --date D "
        "--reason R (evidence lives under approvals/<CODE>/<E>.<R>/)",
        "content/forms/F-05-fisa-de-neconformitate.md:1:1: error QMS405 F-05 was removed since "
        "2026.1 without an approved withdrawal",
        "    hint: a withdrawal is a version: qms withdraw F-05 --date D --reason R, then qms "
        "approve F-05 --as STEP"]
    git(repo, "checkout", "-q", "HEAD", "--", "content/forms")
    res = run("withdraw", "F-05", "--repo", str(repo), "--date", "2026-11-15", "--reason",
              "Înlocuit de F-06")
    assert res.exit_code == 0, res.output
    assert any("QMS405 the withdrawal of F-05 is not approved" in x
               for x in check(repo, "--require-approval"))
    for step, day in (("elaborated", "2026-11-02"), ("verified", "2026-11-04"),
                      ("approved", "2026-11-08")):
        r = run("approve", "F-05", "--as", step, "--repo", str(repo), "--time",
                f"{day}T10:00:00+02:00")
        assert r.exit_code == 0, r.output
    # approved; what still cites F-05 (its procedure, the records) is for the editor to update
    errors = [x for x in check(repo, "--require-approval") if " error " in x]
    assert {x.split(" error ")[1][:6] for x in errors} == {"QMS203"}
    # it stays in the registers, as withdrawn from its day
    from qms_docs.config import load_config
    from qms_docs.history.pages import pages
    from qms_docs.load.repository import load_repository
    from qms_docs.model import build_qms
    from qms_docs.site.generate import generate

    cfg = load_config(repo)
    qms = build_qms(cfg, load_repository(cfg))
    register = generate(qms).pages["documente/index.md"]
    assert "F-05 | Fișa de neconformitate |" in register and "**retras**" in register
    assert "**RETRAS**" in pages(qms)["control/in-vigoare.md"].split("F-05", 1)[1].split("\n")[0]


# ---- the release -------------------------------------------------------------------------

def test_release_refuses_demo_keys_unless_allowed_and_then_says_demo(tmp_path: Path):
    repo = fresh(tmp_path)
    res = run("release", "2026.1", str(repo), "--no-pdf")
    assert res.exit_code == 1
    assert "error QMS717 PS-01 2.1 is approved with DEMO keys (3 signature(s); no legal value)" \
        in res.output
    assert not (repo / ".git/refs/tags/2026.1").exists()
    res = run("release", "2026.1", str(repo), "--no-pdf", "--allow-demo-keys")
    assert res.exit_code == 0, res.output
    page = git(repo, "show", "gh-pages:2026.1/proceduri/ps-01/index.html")
    assert "DEMO: aprobări semnate cu chei demonstrative, fără valoare juridică" in page
    assert "Gheorghe Stanciu" in page and "semnătură electronică · " in page


def test_release_never_makes_keys(tmp_path: Path):
    repo = make_demo(tmp_path / "repo")  # no `qms keys demo`: the e-seal key is missing
    res = run("release", "2026.1", str(repo), "--allow-demo-keys")
    assert res.exit_code == 2  # a missing key is the job's to fix, not the content's
    assert "qms: error: " in res.output and "sigiliu.p12: no such key file; run 'qms keys " \
        "demo' for the demo keys" in res.output
    assert not (repo / ".keys").exists()


# ---- qms init --history ------------------------------------------------------------------

@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("replay") / "primaria"
    res = run("init", "--history", str(target))
    assert res.exit_code == 0, res.output
    return target


def test_init_history_is_clean_at_every_commit(replayed: Path, tmp_path: Path):
    from qms_docs.check import run_check

    commits = git(replayed, "rev-list", "--reverse", "HEAD").split()
    assert len(commits) > 30
    wt = tmp_path / "wt"
    git(replayed, "worktree", "add", "-q", "--detach", str(wt), commits[0])
    for c in commits:
        git(wt, "checkout", "-q", c)
        result = run_check(wt)
        assert not result.errors, (c, [f.format_text() for f in result.errors])
        # drafts awaiting approval; an older version's periodic review has fallen due by today
        assert {f.code for f in result.findings} <= {"QMS713", "QMS323"}, c
    assert git(replayed, "status", "--porcelain") == ""


def test_init_history_old_versions_have_their_own_text_and_signers(replayed: Path):
    log = git(replayed, "log", "--format=%H %s", "--",
              "content/procedures/PS-01-controlul-documentelor.md").splitlines()
    first = log[-1].split()[0]
    old = git(replayed, "show", f"{first}:content/procedures/PS-01-controlul-documentelor.md")
    assert "semnătură olografă în tabelul 1" in old and "edition: 1\nrevision: 0\n" in old
    assert "2.0" not in old.split("distribution:")[0].split("revisions:")[1]
    paper = (replayed / "content/approvals/PS-01/1.0/paper.yml").read_text("utf-8")
    assert "person: gheorghe-stanciu" in paper and "scan: approvals/scanari/" in paper
    assert table1(replayed, "PS-01") == table1(Path(__file__).parent.parent, "PS-01")


def test_signing_after_a_bare_cms_verification(demo_repo_shared: Path, tmp_path: Path):
    """asn1crypto builds its attribute-name map on first use; a CMS verification before any
    pyHanko import must not leave the signing-certificate types unknown to the next signing."""
    script = """
import datetime as dt, pathlib, sys
from qms_docs.approval import cms
from qms_docs.sign.keys import SignerSpec, load_signer
ev = pathlib.Path(sys.argv[1])
cms.verify(ev.read_bytes(), ev.with_suffix('').read_bytes())
signer = load_signer(SignerSpec('approved', pkcs12=pathlib.Path(sys.argv[2])), 'demo')
der = cms.sign(signer, b'x', dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))
print(cms.verify(der, b"x").valid)
"""
    assert run("keys", "demo", str(tmp_path)).exit_code == 0
    ev = demo_repo_shared / "content/approvals/F-01/2.0/approved-gheorghe-stanciu.txt.p7s"
    p = subprocess.run([sys.executable, "-c", script, str(ev),
                        str(tmp_path / ".keys/demo/gheorghe-stanciu.p12")],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "True"
