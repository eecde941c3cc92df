"""The `signing:` section of qms.yml as SignSettings; without one, the demo keys in `.keys/`."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from .keys import SignerSpec
from .signer import SignSettings

DEFAULT_PASSWORD_ENV = "QMS_SIGN_PASSWORD"


def sign_settings(cfg: Config, level: str | None = None, tsa: str | None = None) -> SignSettings:
    """Settings from qms.yml (already schema-checked), CLI overrides applied. The only key the
    build signs with is the institution's e-seal (signing.seal); people sign their approvals
    themselves (qms approve), never the build."""
    s = cfg.signing or {}
    root = cfg.root
    env = s.get("password_env") or DEFAULT_PASSWORD_ENV
    signers = []
    c = s.get("seal")
    if c and "pkcs12" in c:
        signers.append(SignerSpec("seal", pkcs12=root / c["pkcs12"],
                                  password_env=c.get("password_env", env)))
    elif c:
        p = c["pkcs11"]
        signers.append(SignerSpec("seal", module=p["module"], token=p["token"], key=p["key"],
                                  cert=p.get("cert", ""), password_env=c.get("password_env", env)))
    return SignSettings(
        signers=signers, level=level or s.get("level") or "B-B", tsa=tsa or s.get("tsa"),
        trust=trust_roots(cfg), crls=[root / c for c in s.get("crls") or []],
        language=cfg.language, location=s.get("location") or "")


def trust_roots(cfg: Config) -> list[Path]:
    """The approval trust roots (qms.yml approval.trust_roots): for qms verify and B-LT."""
    return [p for p, _ in cfg.trust_roots()]
