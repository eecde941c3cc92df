"""`qms serve`: MkDocs' live-reloading server on the repository (content/ is the docs_dir)."""

from __future__ import annotations

from pathlib import Path

from ..config import load_config
from ..exceptions import BuildError


def serve_site(root: Path | str, dev_addr: str = "127.0.0.1:8000") -> None:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, MkDocsException

    cfg = load_config(root)
    try:
        # Content errors are logged on every rebuild but do not stop the server.
        serve(config_file=str(cfg.root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True,
              watch=[str(cfg.root / "qms.yml")])
    except (Abort, MkDocsException) as e:
        raise BuildError(f"serve failed: {e}") from e
