"""Sign every document of the demo (content/) with the DEMO keys, as the people who held the
functions on the planned dates: the committed demo evidence. Run after changing a demo document
(its old evidence no longer matches: QMS709):

    .venv/bin/python tools/demo_approvals.py [CODE...]

Existing evidence of the current versions is replaced; older versions' folders are kept."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(codes: list[str]) -> None:
    from qms_docs.approval import demo
    from qms_docs.approval.evidence import evidence_root
    from qms_docs.config import load_config
    from qms_docs.load.repository import load_repository
    from qms_docs.model import build_qms

    demo.install(ROOT)
    cfg = load_config(ROOT)
    qms = build_qms(cfg, load_repository(cfg))
    for doc in qms.all_documents:
        if codes and doc.code not in codes:
            continue
        folder = evidence_root(qms) / doc.code / doc.version
        if folder.is_dir():
            shutil.rmtree(folder)
        qms.derived.clear()
        demo.sign_version(qms, doc.code)
        print(f"{doc.code} {doc.version}: signed")


if __name__ == "__main__":
    main(sys.argv[1:])
