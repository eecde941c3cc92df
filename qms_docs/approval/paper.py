"""Paper approvals, for versions approved before the repository kept signatures: a record of the
signed paper (registration number and date, the scan, who signed which step on which day) bound
to the source hash of the version as transcribed. Accepted only for versions that took effect
before qms.yml approval.paper_until; shown in table 1 as "hârtie" with the registration number."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..model import QMS
from ..model.base import Where, items, text
from .evidence import Evidence

KIND = "approval-paper"


def read_paper(qms: QMS, code: str, version: str, rel: str) -> list[Evidence]:
    f = next((x for x in qms.files.of_kind(KIND) if x.rel == rel), None)
    if f is None or not isinstance(f.data, dict):
        return []  # unreadable: the loader / schema already reported it
    d = f.data
    w = Where(f)
    reg, when, scan, sha = text(d, "registration"), text(d, "date"), text(d, "scan"), \
        text(d, "sha256")
    scan_ok = bool(scan) and (qms.config.content / scan).is_file() and \
        qms.config.inside(qms.config.content / scan)
    out = []
    for i, s in items(d, "signatures"):
        ev = Evidence(rel, "paper", code, version, step=text(s, "step"),
                      function=text(s, "function"), person=text(s, "person"),
                      day=text(s, "date"), sha256=sha, reference=f"nr. {reg}")
        try:
            ev.time = dt.datetime.fromisoformat(ev.day + "T12:00:00").replace(
                tzinfo=clock.zone(qms.config.timezone))
        except ValueError:
            continue
        p = qms.person(ev.person)
        ev.signer, ev.fingerprint = p, f"nr. {reg}"
        line = w.loc("signatures", i)[1]
        if not scan_ok:
            ev.error("QMS714", f"paper approval without its scan ({scan or 'no scan'})",
                     "scan the signed paper and name the file in 'scan' "
                     "(content-relative)", w.loc("scan")[1])
        elif p is None:
            ev.error("QMS705", f"unknown person '{ev.person}'", "people.yml lists the signers",
                     line)
        else:
            ev.valid = True
        ev.paper_line = line  # type: ignore[attr-defined]
        ev.paper_date = when  # type: ignore[attr-defined]
        out.append(ev)
    return out
