"""Bringing existing Word procedures and spreadsheet registers into content/.

    run_import(root, paths, Options(...), dry_run=False, replace=False, progress=...) -> Report

Word documents: wordml.py (the XML), pandoc.py (pandoc's reader and writer), recognise.py (the
OSGG 600 parts), mapping.py (to the front matter), people.py (the registry), body.py (the
Markdown), documents.py (the run). Spreadsheets: registers/. Every finding is located in the
source (findings.py documents the form); the written files then go through `qms check`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..config import load_config
from ..exceptions import QmsError
from .documents import Outcome, Progress, Written, copy_repository, import_documents, write_files
from .findings import ImportFinding
from .mapping import Options

__all__ = ["Options", "Report", "run_import", "ImportFinding"]
DOCX = (".docx", ".docm")
SHEETS = (".xlsx", ".xlsm", ".csv")


class ImportUsageError(QmsError):
    """A path given to the import does not exist or is not a kind it reads."""


@dataclass
class Report:
    outcomes: list[Outcome]
    written: list[Written]
    check: list = field(default_factory=list)   # check findings on the written files
    dry_run: bool = False

    @property
    def findings(self) -> list[ImportFinding]:
        return [f for o in self.outcomes for f in o.findings.items]

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings) or \
            any(f.severity == "error" for f in self.check)


def expand(paths: list[Path]) -> list[tuple[str, Path]]:
    """(name as shown, path) of every .docx / spreadsheet given or inside a given folder."""
    out: list[tuple[str, Path]] = []
    for p in paths:
        if p.is_dir():
            found = sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in
                           DOCX + SHEETS and not x.name.startswith(("~$", ".")))
            out += [(str(x), x) for x in found]
        elif p.is_file():
            if p.suffix.lower() not in DOCX + SHEETS:
                raise ImportUsageError(f"{p}: not a .docx, .xlsx or .csv file")
            out.append((str(p), p))
        else:
            raise ImportUsageError(f"{p}: no such file or folder")
    return out


def run_import(root: Path | str, paths: list[Path], opts: Options, dry_run: bool = False,
               replace: bool = False, register: str | None = None,
               progress: Progress | None = None) -> Report:
    from ..load.repository import load_repository
    from ..model import build_qms
    from .registers import import_registers

    cfg = load_config(root)
    sources = expand(paths)
    docs = [s for s in sources if s[1].suffix.lower() in DOCX]
    sheets = [s for s in sources if s[1].suffix.lower() in SHEETS]
    qms = build_qms(cfg, load_repository(cfg))
    with tempfile.TemporaryDirectory(prefix="qms-import-") as tmp:
        work = Path(tmp)
        outcomes, files, assets = import_documents(cfg, qms, docs, opts, work, replace,
                                                   progress) if docs else ([], [], {})
        if sheets:
            o2, f2 = import_registers(cfg, qms, sheets, register, replace, progress)
            outcomes += o2
            files += f2
        target = cfg.root
        if dry_run:
            target = copy_repository(cfg, work / "repo")
        write_files(target, files, assets)
        if progress:
            progress("checking the imported files")
        check = _check(target, files)
    return Report(outcomes, files, check, dry_run)


def _check(root: Path, files: list[Written]) -> list:
    from ..check import run_check

    result = run_check(root, history=False)
    mine = {w.path for w in files}
    return [f for f in result.findings if f.path in mine]
