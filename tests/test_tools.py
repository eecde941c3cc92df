"""Developer tools: the synthetic corpus is a valid QMS (its history too), deterministic by seed;
the README's generated tables come from the code. No timing assertions here: speed is measured
by tools/bench."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, TODAY

from qms_docs.cli import main
from qms_docs.history import document_histories

sys.path.insert(0, str(ROOT / "tools"))
import gen_corpus  # noqa: E402


def test_generated_corpus_passes_strict_check(tmp_path: Path):
    paths = gen_corpus.generate(tmp_path / "c", 40, seed=3, approvals=True)
    assert len(paths) == 40
    res = CliRunner().invoke(main, ["check", str(tmp_path / "c"), "--strict", "--today", TODAY,
                                    "--no-history"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("0 errors, 0 warnings in ")


def test_generated_corpus_is_deterministic(tmp_path: Path):
    a = gen_corpus.generate(tmp_path / "a", 12, seed=7)
    b = gen_corpus.generate(tmp_path / "b", 12, seed=7)
    assert a == b
    for rel in a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_generated_history_reads_back(tmp_path: Path):
    out = tmp_path / "h"
    paths = gen_corpus.generate(out, 10, seed=2)
    gen_corpus.history(out, paths, 50, seed=2)
    count = subprocess.run(["git", "-C", str(out), "rev-list", "--count", "HEAD"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert count == "50"
    code = Path(paths[0]).name.split("-procedura")[0]
    hist = document_histories(out, {paths[0]: code})[code]
    assert hist.revisions and all(r.sha for r in hist.revisions)
