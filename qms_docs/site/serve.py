"""`qms serve`: the site as `qms build` makes it, rebuilt on every change, with live reload.

Each build is `qms build` itself (check first, then MkDocs, swapped in atomically) into a
private folder that MkDocs' live-reload server serves. Content with errors is refused as by
`qms build`: the first time nothing is served, later the previous site stays in the browser
while the findings say what to fix. The caller is told about every build (`report`).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import load_config
from ..exceptions import BuildError, CheckFailed, QmsError
from ..findings import Finding
from ..progress import Reused
from .build import build_site


@dataclass
class Build:
    """One build of the served site: whether it replaced the previous one, and why not."""

    ok: bool
    seconds: float
    findings: list[Finding] = field(default_factory=list)  # warnings, or what refused it
    error: str = ""  # a MkDocs failure
    rendered: int | None = None  # pages rendered; the others were reused (None: not known)
    reused: int = 0


def parse_address(dev_addr: str) -> tuple[str, int]:
    host, sep, port = dev_addr.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise QmsError(f"--dev-addr {dev_addr!r}: expected IP:PORT, e.g. 127.0.0.1:8000")
    return host.strip("[]"), int(port)


def serve_site(root: Path | str, dev_addr: str, report: Callable[[Build], None],
               started: Callable[[str, list[Path]], None]) -> None:
    """Build, then serve until interrupted. Raises CheckFailed / BuildError when the first
    build is refused (nothing to serve), QmsError when the address cannot be used."""
    from mkdocs.livereload import LiveReloadServer

    cfg = load_config(root)
    host, port = parse_address(dev_addr)
    with tempfile.TemporaryDirectory(prefix="qms-serve-") as tmp:
        site = Path(tmp) / "site"
        first = _build(cfg.root, site)
        if not first.ok:
            if first.error:
                raise BuildError(first.error)
            raise CheckFailed(first.findings)
        report(first)
        server = LiveReloadServer(builder=lambda: report(_build(cfg.root, site)), host=host,
                                  port=port, root=str(site))
        watched = [cfg.content, cfg.root / "qms.yml", cfg.root / "mkdocs.yml"]
        for path in watched:
            if path.exists():
                server.watch(str(path))
        try:
            server.server_bind()
            server.server_activate()  # listening before the address is printed
        except OSError as e:
            raise QmsError(f"cannot serve on {dev_addr}: {e.strerror or e}; try "
                           f"--dev-addr 127.0.0.1:{port + 1}") from e
        server.server_bind = lambda: None  # type: ignore[method-assign]  # done above
        server.server_activate = lambda: None  # type: ignore[method-assign]
        started(server.url, watched)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()


def _build(root: Path, site: Path) -> Build:
    start = time.perf_counter()
    warnings: list[Finding] = []
    counts: list[Reused] = []

    def progress(message: str) -> None:
        if isinstance(message, Reused):
            counts.append(message)

    try:
        build_site(root, site, warn=warnings.extend, serving=True, progress=progress)
    except CheckFailed as e:
        return Build(False, time.perf_counter() - start, e.findings)
    except BuildError as e:
        return Build(False, time.perf_counter() - start, error=str(e))
    done = Build(True, time.perf_counter() - start, warnings)
    if counts:
        done.rendered, done.reused = counts[-1].rendered, counts[-1].reused
    return done
