"""`qms serve` as a person uses it: the address, the result of every build, the site served,
a broken edit refused (the previous site stays), the fix rebuilt; errors at start refused."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from conftest import make_demo

QMS = [str(Path(sys.executable).parent / "qms")]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, repo: Path, port: int) -> None:
        self.proc = subprocess.Popen([*QMS, "serve", str(repo), "--dev-addr", f"127.0.0.1:{port}"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 240) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} in:\n" + "\n".join(self.seen))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8")


def test_serve_prints_every_build_and_refuses_errors(tmp_path: Path):
    repo = make_demo(tmp_path / "repo")
    port = _port()
    served = Served(repo, port)
    try:
        assert "site built in" in served.wait_for("site built in")
        assert served.wait_for("serving ") == (
            f"serving http://127.0.0.1:{port}/ (rebuilt on every change to content/, qms.yml, "
            "mkdocs.yml; Ctrl+C stops)")
        assert "<title>" in _get(f"http://127.0.0.1:{port}/")
        risks = repo / "content" / "risks.yml"
        good = risks.read_text("utf-8")
        risks.write_text(good.replace("\n  - id: R-02", "\n\t- id: R-02", 1), "utf-8")
        served.wait_for("content/risks.yml:38:1: error QMS001 a tab character")
        assert served.wait_for("refused:").endswith(
            "refused: 1 error, 0 warnings (listed above); still serving the previous site")
        assert "<title>" in _get(f"http://127.0.0.1:{port}/smc/riscuri/")
        risks.write_text(good, "utf-8")
        served.wait_for("site built in")
    finally:
        served.stop()


def test_serve_refuses_to_start_on_errors(tmp_path: Path):
    repo = make_demo(tmp_path / "repo")
    (repo / "content" / "risks.yml").write_text("risks:\n\t- id: R-01\n", "utf-8")
    res = subprocess.run([*QMS, "serve", str(repo), "--dev-addr", f"127.0.0.1:{_port()}"],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 1
    assert "content/risks.yml:2:1: error QMS001 a tab character" in res.stderr
    assert "qms: refused: 1 error, 0 warnings; run 'qms check'" in res.stderr
    assert "serving" not in res.stdout


def test_a_text_edit_renders_only_its_pages(tmp_path: Path):
    """After the editor raised the revision (the navigation changes: every page once), each
    save of the text renders that procedure's pages; the rest come from .qms-cache/pages/."""
    import re

    from conftest import new_version

    repo = make_demo(tmp_path / "repo")
    rel = "content/procedures/PS-01-controlul-documentelor.md"
    new_version(repo, rel)
    port = _port()
    served = Served(repo, port)
    try:
        served.wait_for("serving ")
        assert "<title>" in _get(f"http://127.0.0.1:{port}/")  # the watcher is running
        time.sleep(1)
        p = repo / rel
        p.write_text(p.read_text("utf-8").replace(
            "## 5. Domeniul de aplicare\n", "## 5. Domeniul de aplicare\n\nText salvat acum.\n"),
            "utf-8")
        line = served.wait_for("site built in")
        m = re.search(r"\((\d+) pages rendered, (\d+) unchanged\)", line)
        assert m, line
        assert 1 <= int(m.group(1)) <= 3 and int(m.group(2)) > 100, line
        assert "Text salvat acum." in _get(f"http://127.0.0.1:{port}/proceduri/ps-01/")
    finally:
        served.stop()
