"""Typeset PDFs reused from .qms-cache/pdf/ (qms_docs/pdf/pdfcache.py): a reused PDF is byte
for byte the one a fresh compilation makes, and only changed documents are typeset again."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import new_version

import qms_docs.pdf.build as build
from qms_docs.cli import main

EPOCH = "1767225600"
PS01 = "content/procedures/PS-01-controlul-documentelor.md"


def pdf(repo: Path, out: Path, cache: bool = True) -> dict[str, bytes]:
    env = {"SOURCE_DATE_EPOCH": EPOCH, "QMS_NO_CACHE": None if cache else "1"}
    r = CliRunner().invoke(main, ["pdf", str(repo), "PS-01", "PS-02", "--out", str(out)],
                           env=env, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.pdf"))}


def test_a_reused_pdf_is_the_typeset_one(demo_repo: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QMS_CACHE_DIR", str(tmp_path / "user"))
    cold = pdf(demo_repo, tmp_path / "cold", cache=False)
    assert len(cold) == 2 and not (demo_repo / ".qms-cache" / "pdf").exists()
    assert pdf(demo_repo, tmp_path / "a") == cold
    typeset: list[str] = []
    real = build.compile_pdf
    monkeypatch.setattr(build, "compile_pdf", lambda t, d, *a, **k: (
        typeset.append(k.get("what", "")), real(t, d, *a, **k))[1])
    assert pdf(demo_repo, tmp_path / "b") == cold and typeset == []
    p = demo_repo / PS01
    p.write_text(p.read_text("utf-8") + "\nText nou.\n", "utf-8")
    new_version(demo_repo, PS01)  # a new revision, not approved yet: the check lets it build
    edited = pdf(demo_repo, tmp_path / "c")
    assert typeset == ["PS-01"]  # PS-02 unchanged: reused
    monkeypatch.setattr(build, "compile_pdf", real)
    assert edited == pdf(demo_repo, tmp_path / "d", cache=False) != cold


def test_a_body_is_sent_to_pandoc_once_across_builds(demo_repo: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    """The conversions of a build are kept for the next one (.qms-cache/pdf/converted.pickle):
    a new process converts only the bodies that changed, and the PDFs are the fresh ones."""
    import qms_docs.pdf.markdown as md

    monkeypatch.setenv("QMS_CACHE_DIR", str(tmp_path / "user"))
    sent: list[str] = []
    real = md._run
    monkeypatch.setattr(md, "_run", lambda request, what: (
        sent.extend(b["ns"] for b in request["bodies"]), real(request, what))[1])
    md._converted.clear()  # as in a new process
    cold = pdf(demo_repo, tmp_path / "cold", cache=False)
    assert sent and not (demo_repo / ".qms-cache" / "pdf" / "converted.pickle").exists()
    md._converted.clear()
    assert pdf(demo_repo, tmp_path / "a") == cold
    assert (demo_repo / ".qms-cache" / "pdf" / "converted.pickle").is_file()
    sent.clear()
    md._converted.clear()
    p = demo_repo / PS01
    p.write_text(p.read_text("utf-8") + "\nText nou.\n", "utf-8")
    new_version(demo_repo, PS01)
    edited = pdf(demo_repo, tmp_path / "b")
    assert sent == [md.namespace("PS-01")]  # PS-02's body was converted by the last build
    md._converted.clear()
    assert edited == pdf(demo_repo, tmp_path / "c", cache=False) != cold
