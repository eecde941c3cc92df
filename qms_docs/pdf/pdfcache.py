"""Typeset PDFs kept in `.qms-cache/pdf/` and reused when the same template, data and timestamp
come again with the same toolchain (Typst, the templates, the fonts): an unchanged document is
not typeset again. Typst is deterministic for these inputs (the reproducible-build rule), so a
reused PDF is byte for byte the one a fresh compilation makes. Named, like the check cache, by
an HMAC under the secret outside the repository: a committed `.qms-cache/` cannot plant a PDF.
QMS_NO_CACHE=1 turns it off."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..cache import FOLDER, _name_under, _secret, subfolder, toolchain
from .compile import SigSlot

_FORMAT = b"pdf-v1"


class PdfCache:
    def __init__(self, root: Path, enabled: bool = True):
        self.secret = _secret() if enabled and not os.environ.get("QMS_NO_CACHE") else None
        self.folder = Path(root) / FOLDER / "pdf"
        self.used = 0

    def key(self, template: str, data: dict, epoch: int, slots_of: str | None,
            large: bool) -> str | None:
        if self.secret is None:
            return None
        return _name_under(self.secret, _FORMAT, toolchain(), template.encode(),
                           json.dumps(data, ensure_ascii=False).encode(),
                           str(epoch).encode(), (slots_of or "").encode(),
                           b"L" if large else b"")

    def get(self, key: str | None) -> tuple[bytes, list[SigSlot]] | None:
        if key is None:
            return None
        try:
            pdf = (self.folder / f"{key}.pdf").read_bytes()
            meta = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            if hashlib.sha256(pdf).hexdigest() != meta["sha256"]:
                return None  # a torn write
            os.utime(self.folder / f"{key}.json")
            self.used += 1
            return pdf, [SigSlot(s["step"], s["page"], tuple(s["box"])) for s in meta["slots"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str | None, pdf: bytes, slots: list[SigSlot]) -> None:
        if key is None:
            return
        try:
            subfolder(self.folder.parent.parent, self.folder.name)
            for suffix, data in ((".pdf", pdf), (".json", json.dumps({
                    "sha256": hashlib.sha256(pdf).hexdigest(),
                    "slots": [{"step": s.step, "page": s.page, "box": list(s.box)}
                              for s in slots]}).encode())):
                tmp = self.folder / f".{key}{suffix}.{os.getpid()}.{id(pdf)}"
                tmp.write_bytes(data)
                tmp.replace(self.folder / f"{key}{suffix}")
        except OSError:
            pass

    def prune(self, keep: int) -> None:
        """The entries of the last builds: at most keep (twice a full build's documents)."""
        try:
            metas = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
            for m in metas[:-keep]:
                m.with_suffix(".pdf").unlink(missing_ok=True)
                m.unlink()
        except OSError:
            pass
