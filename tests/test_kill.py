"""Kill tests: `qms build` and `qms pdf` killed with SIGKILL at several points (while rendering,
while carrying old files over, just before and just after the swap, between the two renames of
the fallback swap). The output folder is always the complete previous output or the complete
new one, never a mix; the next run cleans what the killed one left and succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from conftest import git, make_demo, new_version

EPOCH = "1767225600"
PS01 = "content/procedures/PS-01-controlul-documentelor.md"

# Runs the real CLI with one function replaced by a trap that SIGKILLs the process on its Nth
# call (optionally after calling the original): a failpoint set from outside, no test hook in
# the code.
RUNNER = """
import os, signal, sys, importlib
module, name, nth, after = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "after"
mod = importlib.import_module(module)
owner, attr = (getattr(mod, name.split(".")[0]), name.split(".")[1]) if "." in name \\
    else (mod, name)
original = getattr(owner, attr)
calls = [0]
def trap(*a, **k):
    calls[0] += 1
    if calls[0] == nth and not after:
        os.kill(os.getpid(), signal.SIGKILL)
    out = original(*a, **k)
    if calls[0] == nth and after:
        os.kill(os.getpid(), signal.SIGKILL)
    return out
setattr(owner, attr, trap)
if name == "os.rename":  # the fallback swap: no atomic exchange
    mod._exchange = lambda a, b: False
from qms_docs.cli import main
sys.argv = ["qms", *sys.argv[5:]]
main()
"""


def run(repo: Path, *args: str, kill: tuple[str, str, int, str] | None = None):
    # every run does the work where the kill points are (no reuse from the build cache)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "QMS_NO_CACHE": "1"}
    cmd = [sys.executable, "-c", RUNNER, *map(str, kill), *args] if kill else \
        [str(Path(sys.executable).parent / "qms"), *args]
    return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir()
                  if p.name.startswith(f".{folder.name}."))


def change(repo: Path) -> None:
    path = repo / PS01
    path.write_text(path.read_text("utf-8") + "\nText nou, adăugat după prima ieșire.\n",
                    "utf-8")
    new_version(repo, PS01)
    git(repo, "commit", "-qam", "PS-01: text nou")


SITE_POINTS = [  # (where, how, old or new output expected after the kill)
    (("qms_docs.site.plugin", "QmsPlugin.on_page_content", 5, "before"), "old"),
    (("qms_docs.swap", "swap_in", 1, "before"), "old"),
    (("qms_docs.swap", "_exchange", 1, "after"), "new"),
    (("qms_docs.swap", "os.rename", 2, "before"), None),  # between the fallback's renames
]


def test_killed_site_builds(tmp_path: Path):
    repo = make_demo(tmp_path / "repo")
    site = repo / "site"
    assert run(repo, "build").returncode == 0
    old = tree(site)
    change(repo)
    for kill, expected in SITE_POINTS:
        before = tree(site)
        proc = run(repo, "build", kill=kill)
        assert proc.returncode == -signal.SIGKILL, (kill, proc.stderr[-2000:])
        if expected == "old":
            assert tree(site) == before == old, kill
        elif expected == "new":
            new = tree(site)
            assert new != old and set(old) < set(new), kill  # + the new version's page
        else:  # killed between the renames: the previous site waits beside, complete
            assert not site.exists() and tree(next(repo.glob(".site.old-*"))) == before
    proc = run(repo, "build")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert leftovers(site) == []
    assert tree(site) != old and set(old) < set(tree(site))
    assert "Text nou" in (site / "proceduri" / "ps-01" / "index.html").read_text("utf-8")


PDF_POINTS = [
    (("qms_docs.pdf.build", "compile_pdf", 2, "before"), "old"),
    (("qms_docs.swap", "os.link", 1, "before"), "old"),  # carrying PS-03 over
    (("qms_docs.swap", "swap_in", 1, "before"), "old"),
    (("qms_docs.swap", "_exchange", 1, "after"), "new"),
    (("qms_docs.swap", "os.rename", 2, "before"), None),
]


def test_killed_pdf_builds(tmp_path: Path):
    repo = make_demo(tmp_path / "repo")
    out = repo / "_pdf"
    assert run(repo, "pdf", "PS-01", "PS-02", "PS-03").returncode == 0
    old = tree(out)
    change(repo)
    new = None
    for kill, expected in PDF_POINTS:
        before = tree(out)
        proc = run(repo, "pdf", "PS-01", "PS-02", kill=kill)
        assert proc.returncode == -signal.SIGKILL, (kill, proc.stderr[-2000:])
        if expected == "old":
            assert tree(out) == before == old, kill
        elif expected == "new":
            new = tree(out)
            assert set(new) == set(old) and new != old, kill
        else:
            assert not out.exists() and tree(next(repo.glob("._pdf.old-*"))) == before
    proc = run(repo, "pdf", "PS-01", "PS-02")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert leftovers(out) == []
    assert tree(out) == new  # the complete new output, byte for byte (reproducible)
    ps03 = next(n for n in old if n.startswith("PS-03"))
    assert tree(out)[ps03] == old[ps03]  # kept from the previous output
