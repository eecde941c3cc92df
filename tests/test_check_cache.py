"""The cache of `qms check` (qms_docs/cache.py): a cached run prints byte for byte what a cold
one prints, for every input it depends on, and is reused only when none changed."""

from __future__ import annotations

import marshal
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, git

import qms_docs.check
from qms_docs import cache as qcache
from qms_docs.cli import main

PS01 = "content/procedures/PS-01-controlul-documentelor.md"


@pytest.fixture(autouse=True)
def _own_secret(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QMS_CACHE_DIR", str(tmp_path_factory.mktemp("usercache")))
    monkeypatch.delenv("QMS_NO_CACHE", raising=False)


class Boom:
    def __reduce__(self):
        return (pytest.fail, ("a planted pickle was loaded",))


def run(repo: Path, *args: str, cache: bool = True) -> tuple[int, str]:
    fmt = [] if "--format" in args else ["--format", "json"]  # the text only where asked
    opts = ["check", str(repo), "--today", TODAY, *fmt, *args] + ([] if cache else
                                                                 ["--no-cache"])
    res = CliRunner().invoke(main, opts)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    return res.exit_code, res.output


def cold_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the cold runs from here on (run_check is what a cached answer skips)."""
    calls: list[int] = []
    real = qms_docs.check.run_check

    def counting(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(qms_docs.check, "run_check", counting)
    return calls


def same_as_cold(repo: Path, *args: str) -> tuple[int, str]:
    """The cached answer (stored now if not yet, then reused) equals a cold check's."""
    cold = run(repo, *args, cache=False)
    assert run(repo, *args) == cold
    assert run(repo, *args) == cold
    return cold


def _edit(repo: Path, rel: str, old: str, new: str) -> None:
    p = repo / rel
    text = p.read_text("utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), "utf-8")


def test_nothing_changed_is_answered_from_the_cache(demo_repo: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    cold = run(demo_repo, "--format", "text", cache=False)
    assert not (demo_repo / ".qms-cache").exists()  # --no-cache keeps nothing either
    assert run(demo_repo, "--format", "text") == cold
    for fmt in ("text", "json", "github"):  # every format prints the same, cached or cold
        assert run(demo_repo, "--format", fmt) == run(demo_repo, "--format", fmt, cache=False)
    calls = cold_calls(monkeypatch)
    assert run(demo_repo, "--format", "text") == cold and calls == []
    # git never sees the folder, whatever the repository's .gitignore says
    assert (demo_repo / ".qms-cache" / ".gitignore").read_text() == "*\n"
    (demo_repo / ".gitignore").unlink()
    assert ".qms-cache" not in git(demo_repo, "status", "--porcelain", "--untracked-files=all")
    monkeypatch.setenv("QMS_NO_CACHE", "1")
    assert run(demo_repo, "--format", "text") == cold and calls == [1]


def test_a_file_edited_back_and_forth(demo_repo: Path, monkeypatch: pytest.MonkeyPatch):
    clean = same_as_cold(demo_repo, "--no-history")
    _edit(demo_repo, PS01, "process: P-02", "process: P-99")
    broken = same_as_cold(demo_repo, "--no-history")
    assert broken[0] == 1 and "QMS201" in broken[1]
    calls = cold_calls(monkeypatch)
    _edit(demo_repo, PS01, "process: P-99", "process: P-02")
    assert run(demo_repo, "--no-history") == clean
    _edit(demo_repo, PS01, "process: P-02", "process: P-99")
    assert run(demo_repo, "--no-history") == broken
    assert calls == []  # both states were kept


def test_a_new_file_a_renamed_file_and_an_asset(demo_repo: Path):
    same_as_cold(demo_repo, "--no-history")
    forms = demo_repo / "content" / "forms"
    (forms / "F-99.md").write_text("fără front matter\n", "utf-8")
    assert "QMS005" in same_as_cold(demo_repo, "--no-history")[1]
    (forms / "F-99.md").rename(forms / "F-98.md")
    assert "F-98.md" in same_as_cold(demo_repo, "--no-history")[1]
    (forms / "F-98.md").unlink()
    (demo_repo / "content" / "poza.png").write_bytes(b"not a picture")
    assert "QMS016" in same_as_cold(demo_repo, "--no-history")[1]


def test_config_and_mkdocs_are_inputs(demo_repo: Path):
    base = same_as_cold(demo_repo, "--no-history")
    qms_yml = demo_repo / "qms.yml"
    original = qms_yml.read_text("utf-8")
    qms_yml.write_text(original.replace("review_interval_months: 12",
                                        "review_interval_months: 1"), "utf-8")
    assert same_as_cold(demo_repo, "--no-history") != base
    (demo_repo / "content" / "nota.html").write_text("<p>nota</p>", "utf-8")  # a warning
    assert same_as_cold(demo_repo, "--no-history")[0] == 0
    qms_yml.write_text(original.replace("strict: false", "strict: true"), "utf-8")
    assert same_as_cold(demo_repo, "--no-history")[0] == 1
    pem = demo_repo / "content" / "keys" / "demo-ca.pem"  # a trust root: an input too
    pem.write_text(pem.read_text("ascii").replace("A", "B", 1), "ascii")
    same_as_cold(demo_repo, "--no-history")
    mk = demo_repo / "mkdocs.yml"
    mk.write_text(mk.read_text("utf-8") + "\nhooks:\n  - hook.py\n", "utf-8")
    assert "QMS018" in same_as_cold(demo_repo, "--no-history")[1]


def test_the_date_is_an_input(demo_repo: Path):
    today = same_as_cold(demo_repo, "--no-history")
    later = same_as_cold(demo_repo, "--no-history", "--today", "2031-06-01")
    assert later != today  # reviews fall due: the date-dependent rules answer differently
    assert run(demo_repo, "--no-history") == today


def test_the_toolchain_is_an_input(demo_repo: Path):
    same_as_cold(demo_repo, "--no-history")
    before = qcache.toolchain()
    schema = Path(qcache.__file__).parent / "schemas" / "qms.schema.json"
    st = schema.stat()
    try:
        os.utime(schema, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        qcache.toolchain.cache_clear()
        assert qcache.toolchain() != before  # an edited schema (or any module) is a new key
    finally:
        os.utime(schema, ns=(st.st_atime_ns, st.st_mtime_ns))
        qcache.toolchain.cache_clear()
    assert qcache.toolchain() == before


def test_version_rules_follow_the_base(demo_repo: Path, monkeypatch: pytest.MonkeyPatch):
    git(demo_repo, "tag", "-a", "v1", "-m", "release 1")
    same_as_cold(demo_repo)
    text = (demo_repo / PS01).read_text("utf-8")
    (demo_repo / PS01).write_text(text + "\nText nou adăugat.\n", "utf-8")
    changed = same_as_cold(demo_repo)
    assert "QMS401" in changed[1]
    git(demo_repo, "commit", "-qam", "change")
    git(demo_repo, "tag", "-a", "v2", "-m", "release 2")
    calls = cold_calls(monkeypatch)
    assert run(demo_repo) != changed and calls == [1]  # a new base: the rules run again
    assert "QMS401" in same_as_cold(demo_repo, "--against", "v1")[1]
    (demo_repo / PS01).write_text(text, "utf-8")  # back to v1's text, now a change from v2
    assert "QMS401" in same_as_cold(demo_repo)[1]


def test_what_the_cache_cannot_pin_down_is_checked_cold(demo_repo: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    link = demo_repo / "content" / "forms" / "F-link.md"
    link.symlink_to(demo_repo / PS01)
    calls = cold_calls(monkeypatch)
    first = run(demo_repo, "--no-history")
    assert "QMS012" in first[1] and run(demo_repo, "--no-history") == first and calls == [1, 1]


def test_another_machine_cannot_plant_a_result(demo_repo: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch):
    """Entries are named under this machine's secret: a .qms-cache committed by someone else
    (or made under another secret) is never looked up."""
    _edit(demo_repo, PS01, "process: P-02", "process: P-99")
    broken = run(demo_repo, "--no-history")
    folder = demo_repo / ".qms-cache" / "check"
    for entry in folder.glob("check-*.json"):
        entry.write_text(entry.read_text("utf-8").replace('"error"', '"warning"'), "utf-8")
    # the parsed files: a pickle is unpickled only under this machine's HMAC (one that runs
    # code when loaded would otherwise run it)
    assert (folder / "files.pickle").is_file()
    (folder / "files.pickle").write_bytes(b"\0" * 32 + pickle.dumps(Boom()))
    monkeypatch.setenv("QMS_CACHE_DIR", str(tmp_path / "other-machine"))
    calls = cold_calls(monkeypatch)
    assert run(demo_repo, "--no-history") == broken and calls == [1]


def test_compiled_validators_are_reused_only_when_signed(tmp_path: Path):
    """The code of a schema validator is kept in the user's cache folder (check/validators.py);
    marshal runs what it loads, so a file not signed under this machine's secret is never
    loaded: it is compiled again (and the planted code never runs)."""
    from qms_docs.check.validators import compiled

    doc = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    check = compiled(doc, {"date": lambda _s: True})
    assert check({"n": 1}) == {"n": 1}
    folder = qcache._user_folder() / "validators"
    [entry] = list(folder.iterdir())
    planted = compile("import os\nos.environ['QMS_PLANTED'] = '1'\n", "x", "exec")
    entry.write_bytes(b"\0" * 32 + pickle.dumps(marshal.dumps(planted)))
    again = compiled(doc, {"date": lambda _s: True})
    assert "QMS_PLANTED" not in os.environ
    with pytest.raises(Exception, match="must contain"):
        again({})
    assert entry.read_bytes()[:32] != b"\0" * 32  # compiled again and signed
