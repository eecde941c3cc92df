"""Frozen releases in a real repository: mike's versions.json, refused overwrite, manifest and
tag verification, reproducible rebuilds."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import git

from qms_docs.cli import main

PS01 = "content/procedures/PS-01-controlul-documentelor.md"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _new_revision(repo: Path) -> None:
    """PS-01: one sentence changed, revision raised, its table-2 row, signed by the holders of
    its three functions (the demo keys), the evidence committed."""
    p = repo / PS01
    text = p.read_text("utf-8")
    rev = int(re.search(r"^revision: (\d+)", text, re.M).group(1)) + 1
    text = re.sub(r"^revision: \d+", f"revision: {rev}", text, count=1, flags=re.M)
    row = (f"  - edition: 2\n    revision: {rev}\n    component: Secțiunea 4\n"
           "    description: Precizarea scopului\n    date: 2026-11-25\n")
    text = text.replace("\ndistribution:", "\n" + row.rstrip("\n") + "\ndistribution:", 1)
    text = re.sub(r"^effective_date: .*$", "effective_date: 2026-11-25", text, count=1,
                  flags=re.M)
    text = text.replace("Orice angajat poate", "Orice salariat poate", 1)  # a list item
    p.write_text(text.replace("sunt elaborate,", "sunt redactate,", 1), "utf-8")
    for step, day in (("elaborated", "2026-11-18"), ("verified", "2026-11-20"),
                      ("approved", "2026-11-23")):
        res = run("approve", "PS-01", "--as", step, "--repo", str(repo), "--time",
                  f"{day}T10:00:00+02:00")
        assert res.exit_code == 0, res.output
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"PS-01 rev. {rev}")


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_demo

    repo = make_demo(tmp_path_factory.mktemp("rel") / "repo")
    assert run("keys", "demo", str(repo)).exit_code == 0
    res = run("release", "2026.1", str(repo), "--no-pdf", "--allow-demo-keys")
    assert res.exit_code == 0, res.output
    _new_revision(repo)
    res = run("release", "2026.2", str(repo), "--no-pdf", "--allow-demo-keys", "--out",
              str(repo.parent / "www"))
    assert res.exit_code == 0, res.output
    return repo


def _show(repo: Path, path: str) -> str:
    return git(repo, "show", f"gh-pages:{path}")


def test_two_releases_on_the_pages_branch(released: Path):
    versions = json.loads(_show(released, "versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("2026.2", ["latest"]),
                                                                ("2026.1", [])]
    assert versions[0]["properties"]["commit"] == git(released, "rev-parse", "HEAD").strip()
    assert git(released, "tag", "-l").split() == ["2026.1", "2026.2"]
    assert "Manifest-SHA256: " in git(released, "tag", "-l", "--format=%(contents)", "2026.2")


def test_each_release_shows_the_versions_in_force_at_its_commit(released: Path):
    old = _show(released, "2026.1/control/in-vigoare/index.html")
    new = _show(released, "2026.2/control/in-vigoare/index.html")
    row = re.compile(r"PS-01</a></td>\s*<td[^>]*>Controlul documentelor</td>\s*"
                     r"<td[^>]*>a II-a</td>\s*<td[^>]*>(\d)</td>")  # editions in Roman numerals
    assert row.search(old).group(1) == "1" and row.search(new).group(1) == "2"
    assert "<del>elaborate,</del><ins>redactate,</ins>" in _show(
        released, "2026.2/control/istoric/ps-01/index.html")


def test_a_release_is_never_overwritten(released: Path):
    head = git(released, "rev-parse", "gh-pages").strip()
    res = run("release", "2026.2", str(released), "--no-pdf", "--allow-demo-keys")
    assert res.exit_code == 2  # refused before anything is done: not a finding
    assert res.output.splitlines()[-1] == (
        "qms: error: tag 2026.2 already exists; a release is never overwritten")
    assert git(released, "rev-parse", "gh-pages").strip() == head


def test_verify_release_catches_changed_missing_added(released: Path, tmp_path: Path):
    assert run("verify-release", "2026.1", "--repo", str(released)).output == "2026.1: OK\n"
    www = released.parent / "www"
    assert run("verify-release", str(www / "2026.2"), "--repo", str(released)).exit_code == 0
    folder = tmp_path / "2026.2"
    import shutil

    shutil.copytree(www / "2026.2", folder)
    (folder / "index.html").write_text("forged", "utf-8")
    (folder / "404.html").unlink()
    (folder / "extra.txt").write_text("x", "utf-8")
    res = run("verify-release", str(folder), "--repo", str(released))
    assert res.exit_code == 1
    assert res.output.splitlines()[:3] == [f"{folder}: 404.html: missing",
                                           f"{folder}: extra.txt: added",
                                           f"{folder}: index.html: changed"]


def test_a_manifest_rewritten_with_the_files_is_caught_by_the_tag(released: Path,
                                                                  tmp_path: Path):
    import shutil

    from qms_docs.release.manifest import write_manifest

    folder = tmp_path / "2026.2"
    shutil.copytree(released.parent / "www" / "2026.2", folder)
    (folder / "index.html").write_text("forged", "utf-8")
    write_manifest(folder, "2026.2", "0" * 40, "x", "2026-11-25")
    res = run("verify-release", str(folder), "--repo", str(released))
    assert res.exit_code == 1
    assert f"{folder}: manifest.json: changed (does not match tag 2026.2)" in res.output


def test_rebuilding_a_release_gives_the_same_site(released: Path, tmp_path: Path):
    from conftest import make_demo

    other = make_demo(tmp_path / "again")
    assert run("release", "2026.1", str(other), "--no-pdf", "--allow-demo-keys").exit_code == 0
    a = json.loads(_show(released, "2026.1/manifest.json"))["files"]
    b = json.loads(_show(other, "2026.1/manifest.json"))["files"]
    assert a == b


# ---- releases that cannot be bent ---------------------------------------------------------

def _copy(released: Path, tmp_path: Path) -> Path:
    """A private copy of the released repository (and its export), for tests that change it."""
    import shutil

    shutil.copytree(released, tmp_path / "repo", symlinks=True)
    shutil.copytree(released.parent / "www", tmp_path / "www", symlinks=True)
    return tmp_path / "repo"


def _state(repo: Path) -> tuple[str, list[str], list[str]]:
    """The pages branch, the tags and any staging branch left behind."""
    return (git(repo, "rev-parse", "gh-pages").strip(), git(repo, "tag", "-l").split(),
            git(repo, "branch", "--list", "qms-release/*").split())


def test_an_older_commit_is_released_only_as_maintenance(released: Path, tmp_path: Path):
    repo = _copy(released, tmp_path)
    git(repo, "checkout", "-q", "-b", "linia-2026.1", "2026.1")
    _new_revision(repo)  # a correction on the old line: PS-01 rev. 2 there
    git(repo, "commit", "-q", "--amend", "-m", "PS-01 rev. 2 pe linia 2026.1")
    head = git(repo, "rev-parse", "HEAD").strip()
    latest = git(repo, "rev-parse", "2026.2^{commit}").strip()
    before = _state(repo)
    res = run("release", "2026.3", str(repo), "--no-pdf", "--allow-demo-keys")
    assert res.exit_code == 2  # the job's choice of commit
    assert res.output.splitlines()[-1] == (
        f"qms: error: HEAD ({head[:12]}) does not descend from {latest[:12]}, the commit of the "
        "latest release 2026.2: releasing it would move 'latest' back to older content. Release "
        "2026.3 from a newer commit, or pass --maintenance to publish it as a labelled "
        "maintenance release that never becomes 'latest'")
    assert _state(repo) == before
    res = run("release", "2026.1.1", str(repo), "--no-pdf", "--maintenance",
              "--allow-demo-keys")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1].startswith("maintenance release 2026.1.1 (")
    versions = json.loads(_show(repo, "versions.json"))
    assert [(v["version"], v["title"], v["aliases"]) for v in versions] == [
        ("2026.2", "2026.2", ["latest"]), ("2026.1.1", "2026.1.1 (mentenanță)", []),
        ("2026.1", "2026.1", [])]
    assert versions[1]["properties"]["maintenance"] is True
    assert "../2026.2/" in _show(repo, "latest/index.html")
    assert '<meta name="qms:kind" content="maintenance">' in _show(repo, "2026.1.1/index.html")
    assert '<meta name="qms:kind" content="release">' in _show(repo, "2026.2/index.html")
    for v in ("2026.1.1", "2026.2"):
        assert run("verify-release", v, "--repo", str(repo)).output == f"{v}: OK\n"
    git(repo, "checkout", "-q", "main")
    res = run("release", "2026.4", str(repo), "--no-pdf", "--maintenance",
              "--allow-demo-keys")
    assert res.exit_code == 2
    assert "descends from the latest release 2026.2: release it without --maintenance" in \
        res.output


def test_two_releases_at_once_cannot_overwrite_each_other(released: Path, tmp_path: Path):
    import subprocess
    import sys

    repo = _copy(released, tmp_path)
    qms = [str(Path(sys.executable).parent / "qms")]
    procs = {v: subprocess.Popen([*qms, "release", v, str(repo), "--no-pdf",
                                  "--allow-demo-keys"], text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for v in ("2026.3", "2026.4")}
    done = {v: (p.wait(timeout=300), *p.communicate()) for v, p in procs.items()}
    winners = [v for v, (rc, _, _) in done.items() if rc == 0]
    assert len(winners) == 1, done
    [loser] = [v for v in done if v not in winners]
    pid = procs[winners[0]].pid
    assert done[loser][2].splitlines()[-1] == (
        f"qms: error: another release ({winners[0]}, process {pid}) is running on this "
        "repository; nothing was done. Run again when it has finished")
    pages, tags, staging = _state(repo)
    assert tags == ["2026.1", "2026.2", winners[0]] and staging == []
    assert [v["version"] for v in json.loads(_show(repo, "versions.json"))][0] == winners[0]
    assert not (repo / ".git" / "qms-release.lock").exists()
    assert run("verify-release", winners[0], "--repo", str(repo)).exit_code == 0


def test_a_deploy_that_moves_the_pages_branch_meanwhile_publishes_nothing(released: Path,
                                                                       tmp_path: Path):
    """The publishing update expects the pages branch where the release found it: a `mike
    deploy` (or another release) in between makes it fail, and nothing is published."""
    from qms_docs.exceptions import QmsError
    from qms_docs.release.build import release

    repo = _copy(released, tmp_path)

    def meddle(root: Path, folder: Path) -> int:  # runs between the build and the publish
        git(repo, "update-ref", "refs/heads/gh-pages", "gh-pages~1")
        return 0

    with pytest.raises(QmsError) as e:
        release(repo, "2026.3", pdf=meddle, allow_demo_keys=True)
    assert str(e.value).startswith("branch gh-pages or tag 2026.3 changed while 2026.3 was "
                                   "being released (another release or deploy?); nothing was "
                                   "published. Run again")
    pages, tags, staging = _state(repo)
    assert pages == git(released, "rev-parse", "gh-pages~1").strip()
    assert "2026.3" not in tags and staging == []


def test_a_killed_release_is_finished_or_rolled_back_by_the_next_run(released: Path,
                                                                    tmp_path: Path):
    """SIGKILL while building, at the publishing update, while exporting: after each kill the
    release is either published whole or not at all, and the next run rolls it back or
    finishes it (its export)."""
    import signal
    import subprocess
    import sys

    repo = _copy(released, tmp_path)
    www = tmp_path / "www"
    before = _state(repo)[0]
    cmd = [str(Path(sys.executable).parent / "qms"), "release", "2026.3", str(repo), "--no-pdf",
           "--allow-demo-keys", "--out", str(www)]

    env = os.environ | {"QMS_PROGRESS": "1"}  # the phases, though stderr is a pipe

    def run_until(stage: str) -> list[str]:
        """One run, killed when it reports `stage`; the stderr lines it printed."""
        proc = subprocess.Popen(cmd, text=True, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=env)
        assert proc.stderr is not None
        seen = []
        for line in proc.stderr:
            seen.append(line.rstrip("\n"))
            if line.startswith(f"… {stage}"):
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=300)
        assert proc.returncode == -signal.SIGKILL, seen
        pages, tags, _ = _state(repo)
        assert ("2026.3" in tags) == (pages != before)  # never half-made
        if "2026.3" not in tags:
            res = run("verify-release", "2026.3", "--repo", str(repo))
            assert res.exit_code == 2 and "no release '2026.3'" in res.output
        return seen

    assert run_until("building the site")[0].startswith("… checking")
    assert run_until("publishing")[0] == ("… rolled back the interrupted release 2026.3: "
                                         "nothing of it was published")
    if "2026.3" not in _state(repo)[1]:  # killed just before the update: once more
        run_until("exporting")
    again = subprocess.run(cmd, text=True, capture_output=True, env=env)
    assert again.stderr.splitlines()[0] == "… finished the interrupted release 2026.3"
    assert again.returncode == 2 and again.stderr.splitlines()[-1] == (
        "qms: error: tag 2026.3 already exists; a release is never overwritten")
    assert _state(repo)[1][-1] == "2026.3" and _state(repo)[2] == []
    assert not (repo / ".git" / "qms-release.lock").exists()
    assert list(www.glob(".qms-export-*")) == []
    assert run("verify-release", "2026.3", "--repo", str(repo)).output == "2026.3: OK\n"
    res = run("verify-release", str(www / "2026.3"), "--repo", str(repo))
    assert res.output == f"{www / '2026.3'}: OK\n", res.output


def test_the_working_site_says_so_and_releases_do_not(released: Path, tmp_path: Path):
    res = run("build", str(released), "--out", str(tmp_path / "site"))
    assert res.exit_code == 0, res.output
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert ('<p class="qms-working" role="note">Versiune de lucru (nepublicată): poate '
            "cuprinde modificări încă neaprobate. Pentru audit folosiți o versiune "
            "publicată.</p>") in page
    assert "Versiune învechită" not in page.split("<body", 1)[1].split("<script", 1)[0]
    release_page = _show(released, "2026.1/index.html")
    assert "qms-working" not in release_page and "Versiune de lucru" not in release_page
    body = release_page.split("<body", 1)[1].split("<script", 1)[0]
    assert "Versiune învechită" not in body  # the newest release (demo keys: DEMO)


# ---- verify-release: every way of bending a release is caught ----------------------------

def _retag(repo: Path, *args: str) -> None:
    git(repo, "tag", "-d", "2026.2")
    if args:
        git(repo, "tag", *args)


def test_verify_release_requires_the_annotated_tag_of_the_manifest(released: Path,
                                                                  tmp_path: Path):
    repo = _copy(released, tmp_path)
    commit = git(repo, "rev-parse", "2026.2^{commit}").strip()
    message = git(repo, "tag", "-l", "--format=%(contents)", "2026.2")
    _retag(repo)
    assert run("verify-release", "2026.2", "--repo", str(repo)).output == (
        "2026.2: tag 2026.2: missing (a release is published with its annotated tag)\n"
        "2026.2: FAILED, 1 problem(s)\n")
    git(repo, "tag", "2026.2", commit)
    res = run("verify-release", "2026.2", "--repo", str(repo))
    assert (res.exit_code, res.output) == (1, (
        "2026.2: tag 2026.2: not annotated (a lightweight tag records no manifest hash)\n"
        "2026.2: FAILED, 1 problem(s)\n"))
    older = git(repo, "rev-parse", "2026.1^{commit}").strip()
    _retag(repo, "-a", "2026.2", "-m", message, older)  # same message, another commit
    assert run("verify-release", "2026.2", "--repo", str(repo)).output == (
        f"2026.2: tag 2026.2: points at {older[:12]}, the manifest's commit is {commit[:12]}\n"
        "2026.2: FAILED, 1 problem(s)\n")
    www = tmp_path / "www" / "2026.2"  # the export is checked against the same tag
    assert run("verify-release", str(www), "--repo", str(repo)).output.splitlines()[0] == (
        f"{www}: tag 2026.2: points at {older[:12]}, the manifest's commit is {commit[:12]}")


def _tamper_pages(repo: Path, tmp_path: Path, edit) -> None:
    """Commit an edit of the pages branch, as someone with push rights could."""
    wt = tmp_path / "pages"
    git(repo, "worktree", "add", "-q", str(wt), "gh-pages")
    edit(wt)
    git(wt, "commit", "-qam", "tampered")
    git(repo, "worktree", "remove", "--force", str(wt))


def test_verify_release_checks_the_root_redirect(released: Path, tmp_path: Path):
    repo = _copy(released, tmp_path)

    def to_old(wt: Path) -> None:
        p = wt / "index.html"
        p.write_text(p.read_text("utf-8").replace("latest/", "2026.1/"), "utf-8")

    _tamper_pages(repo, tmp_path, to_old)
    assert run("verify-release", "2026.2", "--repo", str(repo)).output == (
        "2026.2: gh-pages:index.html: does not redirect to latest/ ('2026.1/')\n"
        "2026.2: FAILED, 1 problem(s)\n")


def test_verify_release_checks_that_latest_is_the_newest_commit(released: Path,
                                                                tmp_path: Path):
    repo = _copy(released, tmp_path)
    new = git(repo, "rev-parse", "2026.2^{commit}").strip()
    old = git(repo, "rev-parse", "2026.1^{commit}").strip()

    def latest_to_old(wt: Path) -> None:
        p = wt / "versions.json"
        data = json.loads(p.read_text("utf-8"))
        data[0]["aliases"], data[1]["aliases"] = [], ["latest"]
        p.write_text(json.dumps(data), "utf-8")

    _tamper_pages(repo, tmp_path, latest_to_old)
    lines = run("verify-release", "2026.1", "--repo", str(repo)).output.splitlines()
    assert lines[0] == (f"2026.1: gh-pages:versions.json: 'latest' is 2026.1 ({old[:12]}), but "
                        f"2026.2 ({new[:12]}) is not an ancestor of it")
    assert lines[1] == ("2026.1: gh-pages:latest/404.html: redirects to '../2026.2/404.html', "
                        "not into 2026.1/")
    assert lines[-1].startswith("2026.1: FAILED, ")


def test_verify_release_of_a_folder_says_what_it_could_not_check(released: Path,
                                                                 tmp_path: Path):
    import shutil

    www = released.parent / "www" / "2026.2"
    nowhere = tmp_path / "not-a-repository"
    nowhere.mkdir()
    res = run("verify-release", str(www), "--repo", str(nowhere))
    assert (res.exit_code, res.output) == (1, (
        f"{www}: not checked: PDF signature chains: no trust root (give --trust or set "
        "approval.trust_roots in qms.yml)\n"
        f"{www}: not checked: the tag 2026.2: no repository (pass --repo); the manifest itself "
        "could have been rewritten with the files\n"
        f"{www}: not checked: that 'latest' (2026.2) is the release of the newest commit: no "
        "repository (pass --repo)\n"
        f"{www}: NOT VERIFIED, 3 check(s) could not run (--allow-unverified accepts that)\n"))
    res = run("verify-release", str(www), "--repo", str(nowhere), "--allow-unverified")
    assert (res.exit_code, res.output.splitlines()[-1]) == (0, f"{www}: OK (3 check(s) not run)")
    alone = tmp_path / "2026.2"
    shutil.copytree(www, alone)
    res = run("verify-release", str(alone), "--repo", str(released))
    assert (res.exit_code, res.output) == (1, (
        f"{alone}: not checked: versions.json, latest/ and the root redirect: {alone} is not "
        "inside an exported site\n"
        f"{alone}: NOT VERIFIED, 1 check(s) could not run (--allow-unverified accepts that)\n"))


def _foreign_ca(folder: Path) -> None:
    """A CA (demo-ca.pem) and a signer under it (aprobat.p12, passphrase 'demo')."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    def cert(subject: str, key, issuer: str, signer, ca: bool) -> x509.Certificate:
        def name(cn: str) -> x509.Name:
            return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
        return (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
                .not_valid_after(dt.datetime(2045, 1, 1, tzinfo=dt.UTC))
                .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(not ca, not ca, False, False, False, ca, ca, False,
                                             False), critical=True)
                .sign(signer, hashes.SHA256()))

    folder.mkdir(parents=True)
    ca_key, key = (rsa.generate_private_key(public_exponent=65537, key_size=2048)
                   for _ in range(2))
    ca = cert("Alt CA", ca_key, "Alt CA", ca_key, True)
    leaf = cert("DEMO Aprobator SMC", key, "Alt CA", ca_key, False)
    (folder / "demo-ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "aprobat.p12").write_bytes(pkcs12.serialize_key_and_certificates(
        b"aprobat", key, leaf, [ca], serialization.BestAvailableEncryption(b"demo")))


def test_verify_release_uses_the_trust_roots_of_qms_yml(released: Path, tmp_path: Path):
    """A PDF signed under another CA fails against the configured trust root (the demo CA of
    qms.yml's default), and passes only when that other CA is given with --trust."""
    import pikepdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    from qms_docs.release.build import release

    repo = _copy(released, tmp_path)
    _foreign_ca(tmp_path / "other")  # another CA than the demo CA qms.yml trusts

    def foreign_pdf(root: Path, folder: Path) -> int:
        folder.mkdir(parents=True)
        blank = tmp_path / "blank.pdf"
        with pikepdf.new() as pdf:
            pdf.add_blank_page()
            pdf.save(blank)
        signer = signers.SimpleSigner.load_pkcs12_data(
            (tmp_path / "other" / "aprobat.p12").read_bytes(), other_certs=[], passphrase=b"demo")
        with blank.open("rb") as f, (folder / "PS-01.pdf").open("wb") as out:
            signers.sign_pdf(IncrementalPdfFileWriter(f),
                             signers.PdfSignatureMetadata(field_name="Aprobat"), signer,
                             output=out)
        return 1

    release(repo, "2026.3", pdf=foreign_pdf, allow_demo_keys=True)
    chain = ("2026.3: pdf/PS-01.pdf: signature Aprobat (DEMO Aprobator SMC): signer does not "
             "chain to the trust root")
    foreign = "2026.3: pdf/PS-01.pdf: not a qms-docs document PDF (no qms-code keyword)"
    res = run("verify-release", "2026.3", "--repo", str(repo))
    assert (res.exit_code, res.output.splitlines()) == (1, [
        chain, foreign, "2026.3: FAILED, 2 problem(s)"])
    # --trust replaces the trust roots: the other CA's signer chains (the demo's do not); the
    # PDF is still no document of the release
    res = run("verify-release", "2026.3", "--repo", str(repo), "--trust",
              str(tmp_path / "other" / "demo-ca.pem"))
    assert res.exit_code == 1
    assert [x for x in res.output.splitlines() if "pdf/PS-01.pdf" in x] == [foreign]
    assert "(DEMO Gheorghe Stanciu): signer does not chain to the trust root" in res.output
