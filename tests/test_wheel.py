"""The installed wheel carries what a new user needs: `qms init` in an empty folder, from the
wheel (not this checkout), gives a repository that checks clean and builds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, TODAY


def source_tree(dest: Path) -> Path:
    """The checkout's files as git knows them (committed or not, never ignored): a wheel built
    in place would also carry whatever a previous build left in build/."""
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, check=True, capture_output=True).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in names)):
        src, out = ROOT / name, dest / name
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the work tree
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, out, follow_symlinks=False)
    return dest


def test_init_from_the_wheel_checks_clean(tmp_path: Path):
    wheels, target = tmp_path / "wheels", tmp_path / "installed"
    pip = [sys.executable, "-m", "pip", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels),
                    str(source_tree(tmp_path / "src"))], check=True, capture_output=True)
    wheel = next(wheels.glob("qms_docs-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    run = ("import sys; sys.path.insert(0, sys.argv.pop(1)); import qms_docs; "
           "assert qms_docs.__file__.startswith(sys.argv[1]), qms_docs.__file__; "
           "sys.argv.pop(1); from qms_docs.cli import main; main()")
    repo = tmp_path / "new"

    def qms(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", run, str(target), str(target), *args],
                              capture_output=True, text=True, cwd=tmp_path)

    res = qms("init", str(repo))
    assert res.returncode == 0, res.stderr
    assert (repo / ".github" / "workflows" / "qms.yml").is_file()
    assert (repo / ".gitignore").is_file() and (repo / "mkdocs.yml").is_file()
    res = qms("check", str(repo), "--strict", "--today", TODAY)
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.startswith("0 errors, 0 warnings in ")
