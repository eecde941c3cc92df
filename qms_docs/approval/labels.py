"""How table 1 names the evidence of a row and the state of an unsigned one (site and PDF)."""

from __future__ import annotations

from ..model.documents import Approval

LABELS = {
    "ro": {"ssh": "semnătură SSH", "cms": "semnătură electronică",
           "pades": "semnătură electronică (PDF)", "qualified": "semnătură electronică calificată",
           "paper": "hârtie", "unapproved": "neaprobat", "pending": "în curs de aprobare",
           "demo": "DEMO, fără valoare juridică", "endorsed": "Avizat",
           "retired": "retras"},
    "en": {"ssh": "SSH signature", "cms": "electronic signature",
           "pades": "electronic signature (PDF)", "qualified": "qualified electronic signature",
           "paper": "paper", "unapproved": "not approved", "pending": "approval in progress",
           "demo": "DEMO, no legal value", "endorsed": "Endorsed", "retired": "withdrawn"},
}


def labels(lang: str) -> dict[str, str]:
    return LABELS["en" if lang == "en" else "ro"]


def evidence(a: Approval, lang: str) -> str:
    """'semnătură SSH · SHA256:abcd…' for a signed row, '' for an unsigned one."""
    if a.status != "signed":
        return ""
    t = labels(lang)
    kind = t["qualified"] if a.qualified and a.kind in ("cms", "pades") else t.get(a.kind, a.kind)
    fp = a.fingerprint if a.kind == "paper" else _short(a.fingerprint)
    return f"{kind} · {fp}" + (f" · {t['demo']}" if a.demo else "")


def status(a: Approval, lang: str) -> str:
    """'neaprobat' / 'în curs de aprobare' for an unsigned row."""
    return "" if a.status == "signed" else labels(lang)[a.status]


def _short(fp: str) -> str:
    """SSH fingerprints are long (SHA256: + 43 base64): the first 16 characters identify."""
    return fp[:19] + "…" if fp.startswith("SHA256:") and len(fp) > 19 else fp
