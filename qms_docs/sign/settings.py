"""The `signing:` section of qms.yml as SignSettings; without one, the demo keys in `.keys/`."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from .keys import DEMO_CA, DEMO_DIR, DEMO_SIGNERS, SignerSpec
from .signer import STEPS, SignSettings

DEFAULT_PASSWORD_ENV = "QMS_SIGN_PASSWORD"


def sign_settings(cfg: Config, level: str | None = None, tsa: str | None = None) -> SignSettings:
    """Settings from qms.yml (already schema-checked), CLI overrides applied."""
    s = cfg.signing or {}
    root = cfg.root
    env = s.get("password_env") or DEFAULT_PASSWORD_ENV
    signers = []
    conf = s.get("signers") or {step: {"pkcs12": f"{DEMO_DIR}/{stem}.p12"}
                                for step, (stem, _) in DEMO_SIGNERS.items()}
    for step in STEPS:
        c = conf.get(step)
        if not c:
            continue
        if "pkcs12" in c:
            signers.append(SignerSpec(step, pkcs12=root / c["pkcs12"],
                                      password_env=c.get("password_env", env)))
        else:
            p = c["pkcs11"]
            signers.append(SignerSpec(step, module=p["module"], token=p["token"], key=p["key"],
                                      cert=p.get("cert", ""),
                                      password_env=c.get("password_env", env)))
    return SignSettings(
        signers=signers, level=level or s.get("level") or "B-B", tsa=tsa or s.get("tsa"),
        trust=trust_roots(cfg), crls=[root / c for c in s.get("crls") or []],
        language=cfg.language, location=s.get("location") or "")


def trust_roots(cfg: Config) -> list[Path]:
    s = cfg.signing or {}
    if s.get("trust"):
        return [cfg.root / t for t in s["trust"]]
    demo = cfg.root / DEMO_DIR / DEMO_CA
    return [demo] if demo.exists() else []
