"""Approval evidence: who approved which exact text, with which key, verified offline.

statement.py (the signed bytes) · sshsig.py / cms.py / pades.py / paper.py (the kinds) ·
registry.py (whose key is whose) · evidence.py (the files) · verify.py (the rules, table 1) ·
approve.py (qms approve) · demo.py (the DEMO keys)."""


def clock_of(qms):
    """The authority's time zone (a ZoneInfo)."""
    from .. import clock

    return clock.zone(qms.config.timezone)
