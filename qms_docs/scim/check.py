"""Checks of the scim module (OSGG 600/2018): decisions and appointments, the Comisia de
monitorizare and its meetings, the development programmes, the OSGG columns of the risk register,
procedural activities, sensitive functions and the annual self-assessment."""

from __future__ import annotations

import datetime as dt

from ..findings import Finding
from ..model import QMS
from .checks_acts import Refs, check_acts, check_approvals
from .checks_assessment import check_year
from .checks_controls import check_activities, check_risks, check_sensitive
from .checks_programme import check_programme
from .model import build


def check(qms: QMS, today: dt.date) -> list[Finding]:
    data = build(qms)
    if not data.active:
        return []  # a repository without a SCIM: nothing to hold it to
    refs = Refs(qms, data)
    out = list(check_acts(qms, data, refs))
    out += check_approvals(qms, data)
    for p in data.programmes:
        out += check_programme(qms, p, refs, today)
    out += check_risks(qms, today)
    out += check_activities(qms, data)
    out += check_sensitive(qms, data, refs, today)
    for y in data.years():
        out += check_year(qms, data, y, refs)
    return out
