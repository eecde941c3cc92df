#!/usr/bin/env python3
"""Refresh the generated parts of README.md: the finding-code table (from `qms codes
--markdown`) and the performance table (from bench-results/latest.md when present)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def replace(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    return pattern.sub(lambda m: m.group(1) + body.rstrip("\n") + "\n" + m.group(2), text)


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text("utf-8")
    qms = Path(sys.executable).parent / "qms"
    codes = subprocess.run([str(qms), "codes", "--markdown"], check=True, capture_output=True,
                           text=True).stdout
    text = replace(text, "codes", codes)
    bench = ROOT / "bench-results" / "latest.md"
    if bench.exists():
        text = replace(text, "bench", bench.read_text("utf-8"))
    readme.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
