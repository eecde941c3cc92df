"""Rendered pages reused from .qms-cache/pages/ (qms_docs/site/pagecache.py): a cached build is
byte for byte a clean one, after any kind of edit, and only what an edit touches is rendered."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from conftest import new_version

from qms_docs.config import load_config
from qms_docs.exceptions import BuildError
from qms_docs.progress import Reused
from qms_docs.site.build import _checked, _mkdocs, build_site

EPOCH = "1767225600"
PS01 = "content/procedures/PS-01-controlul-documentelor.md"


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("QMS_CACHE_DIR", str(tmp_path / "user"))  # the HMAC secret
    monkeypatch.delenv("QMS_NO_CACHE", raising=False)


def site(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}


def build(repo: Path, out: Path, monkeypatch: pytest.MonkeyPatch,
          cache: bool = True, strict: bool = False) -> tuple[dict[str, bytes], Reused | None]:
    counts: list[Reused] = []
    with monkeypatch.context() as m:
        if not cache:
            m.setenv("QMS_NO_CACHE", "1")
        build_site(repo, out, strict=strict,
                   progress=lambda s: counts.append(s) if isinstance(s, Reused) else None)
    return site(out), (counts[-1] if counts else None)


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    p = repo / rel
    text = p.read_text("utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), "utf-8")


def test_a_cached_build_is_the_clean_build(demo_repo: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch):
    clean, none = build(demo_repo, tmp_path / "clean", monkeypatch, cache=False)
    assert none is None and not (demo_repo / ".qms-cache" / "pages").exists()
    first, filled = build(demo_repo, tmp_path / "a", monkeypatch)
    assert first == clean and filled is not None and filled.reused == 0
    again, counts = build(demo_repo, tmp_path / "b", monkeypatch)
    assert again == clean
    assert counts is not None and counts.reused > 100 and counts.rendered == 0


def test_a_body_edit_renders_only_what_shows_it(demo_repo: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch):
    """As under `qms serve`: the editor raises the revision (a new version page: the
    navigation changes, every page is rendered once), then edits the text, page by page."""
    new_version(demo_repo, PS01)
    _, counts = build(demo_repo, tmp_path / "a", monkeypatch)
    edit(demo_repo, PS01, "## 5. Domeniul de aplicare\n",
         "## 5. Domeniul de aplicare\n\nParagraf nou, cu **diacritice**: ș, ț.\n")
    clean, _ = build(demo_repo, tmp_path / "clean", monkeypatch, cache=False)
    cached, counts = build(demo_repo, tmp_path / "b", monkeypatch)
    assert cached == clean
    assert "Paragraf nou" in clean["proceduri/ps-01/index.html"].decode()
    assert counts is not None and counts.reused > 100 and counts.rendered < 15


def test_a_title_edit_renders_every_page_that_prints_the_navigation(
        demo_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    build(demo_repo, tmp_path / "a", monkeypatch)
    edit(demo_repo, PS01, "title: Controlul documentelor\n",
         "title: Controlul documentelor și al înregistrărilor\n")
    new_version(demo_repo, PS01)
    clean, _ = build(demo_repo, tmp_path / "clean", monkeypatch, cache=False)
    cached, counts = build(demo_repo, tmp_path / "b", monkeypatch)
    assert cached == clean and counts is not None and counts.reused == 0


def test_a_cache_entry_changed_behind_its_back_is_rendered_again(
        demo_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    clean, _ = build(demo_repo, tmp_path / "a", monkeypatch)
    pages = demo_repo / ".qms-cache" / "pages"
    html = sorted(pages.glob("*.html"))
    for p in html[:5]:
        p.chmod(0o644)
        p.write_bytes(p.read_bytes() + b"<!-- forged -->")
    (pages / html[5].name).unlink()
    again, counts = build(demo_repo, tmp_path / "b", monkeypatch)
    assert again == clean and counts is not None and counts.rendered >= 6


def test_a_committed_cache_is_never_read(demo_repo: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch):
    """Entry names are an HMAC under this machine's secret: another machine's (or a pull
    request's) .qms-cache/pages/ matches nothing here."""
    build(demo_repo, tmp_path / "a", monkeypatch)
    monkeypatch.setenv("QMS_CACHE_DIR", str(tmp_path / "another-user"))
    _, counts = build(demo_repo, tmp_path / "b", monkeypatch)
    assert counts is not None and counts.reused == 0


def test_warnings_of_reused_pages_fail_strict_as_a_clean_build(
        demo_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture):
    """MkDocs' warnings for a page are kept with it and logged again when it is reused."""
    edit(demo_repo, PS01, "## 5. Domeniul de aplicare\n",
         "## 5. Domeniul de aplicare\n\nVezi [ghidul](ghid-inexistent.md).\n")
    new_version(demo_repo, PS01)
    build(demo_repo, tmp_path / "a", monkeypatch)
    warned = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING
              and "ghid-inexistent" in r.getMessage()]
    assert warned
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        _, counts = build(demo_repo, tmp_path / "b", monkeypatch)
    assert counts is not None and counts.reused > 100
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING
            and "ghid-inexistent" in r.getMessage()] == warned
    # MkDocs --strict (the check's own strictness would refuse the unapproved version first)
    cfg = load_config(demo_repo)
    qms = _checked(cfg, False, None)
    with pytest.raises(BuildError, match="ghid-inexistent"):
        _mkdocs(cfg.root, tmp_path / "c", True, qms)


def test_a_release_and_no_cache_render_everything(demo_repo: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch):
    build(demo_repo, tmp_path / "a", monkeypatch)
    with monkeypatch.context() as m:
        m.setenv("QMS_RELEASE", "2026.1")
        _, counts = build(demo_repo, tmp_path / "b", monkeypatch)
    assert counts is None  # the frozen site is built from nothing
    _, counts = build(demo_repo, tmp_path / "c", monkeypatch, cache=False)
    assert counts is None


def test_serve_updates_its_folder_in_place_to_the_clean_build(
        demo_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`qms serve` moves only what changed into the folder it serves (served files that are
    the very cache entries stay); the folder then holds exactly a clean build."""
    served = tmp_path / "served"
    new_version(demo_repo, PS01)
    build_site(demo_repo, served, serving=True)
    build_site(demo_repo, served, serving=True)  # every served file is now a cache entry
    (served / "stale.html").write_text("left by nobody", "utf-8")
    edit(demo_repo, PS01, "## 5. Domeniul de aplicare\n",
         "## 5. Domeniul de aplicare\n\nText salvat.\n")
    build_site(demo_repo, served, serving=True)
    with monkeypatch.context() as m:
        m.setenv("QMS_NO_CACHE", "1")
        build_site(demo_repo, tmp_path / "clean", serving=True)
    assert site(served) == site(tmp_path / "clean")


def test_a_serve_build_leaves_nothing_to_the_next_build(demo_repo: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    """MkDocs keeps our plugin's instance for the process: a `qms serve` build before a
    `qms build` in the same process must not take the Content-Security-Policy away."""
    build_site(demo_repo, tmp_path / "served", serving=True)
    pages, _ = build(demo_repo, tmp_path / "built", monkeypatch)
    assert 'http-equiv="Content-Security-Policy"' in pages["index.html"].decode()
    assert 'http-equiv="Content-Security-Policy"' not in \
        (tmp_path / "served" / "index.html").read_text("utf-8")


def times(out: Path) -> set[int]:
    return {int(p.lstat().st_mtime) for p in out.rglob("*")}


def test_the_same_output_rebuilt_is_the_clean_build_each_time(
        demo_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """qms build into the same folder keeps the site it swaps out as the next build's spare
    (site/spare.py) and updates that tree in place: after each edit, the output is still
    byte for byte a clean build, with no file left over and every time SOURCE_DATE_EPOCH."""
    out = tmp_path / "site"
    build(demo_repo, out, monkeypatch)
    (out / "left-over.html").write_text("from the previous build", "utf-8")
    build(demo_repo, out, monkeypatch)  # the first site becomes the spare
    spares = demo_repo / ".qms-cache" / "spare"
    assert [p for p in spares.iterdir() if p.is_dir()]
    new_version(demo_repo, PS01)
    edits = [("## 5. Domeniul de aplicare\n", "## 5. Domeniul de aplicare\n\nParagraf nou.\n"),
             ("title: Controlul documentelor\n", "title: Controlul documentelor (editat)\n")]
    for old, new in edits:
        edit(demo_repo, PS01, old, new)
        clean, _ = build(demo_repo, tmp_path / f"clean-{len(old)}", monkeypatch, cache=False)
        cached, counts = build(demo_repo, out, monkeypatch)
        assert cached == clean and counts is not None
        assert times(out) == {int(EPOCH)}
    assert not any(p.name.startswith(".site") for p in tmp_path.iterdir())


def test_a_spare_never_writes_through_a_link_nor_keeps_a_foreign_file(
        demo_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "site"
    for _ in range(3):
        build(demo_repo, out, monkeypatch)
    tree = next(p for p in (demo_repo / ".qms-cache" / "spare").iterdir() if p.is_dir())
    for child in ("assets", "proceduri"):
        shutil.rmtree(tree / child)
        (tree / child).symlink_to(outside, target_is_directory=True)
    (tree / "planted.html").write_text("not ours", "utf-8")
    clean, _ = build(demo_repo, tmp_path / "clean", monkeypatch, cache=False)
    again, _ = build(demo_repo, out, monkeypatch)
    assert again == clean and list(outside.iterdir()) == []
    assert not any(p.is_symlink() for p in out.rglob("*"))


def test_a_site_folder_built_elsewhere_is_removed_not_reused(
        demo_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Only the folder this toolchain swapped in becomes a spare: a site/ from a checkout or
    another tool is replaced (and removed) as before."""
    out = tmp_path / "site"
    (out / "assets").mkdir(parents=True)
    (out / "assets" / "planted.js").write_text("alert(1)", "utf-8")
    clean, _ = build(demo_repo, tmp_path / "clean", monkeypatch, cache=False)
    first, _ = build(demo_repo, out, monkeypatch)
    assert first == clean
    spares = demo_repo / ".qms-cache" / "spare"
    assert not [p for p in spares.iterdir() if p.is_dir()]
