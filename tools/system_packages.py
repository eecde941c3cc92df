"""Install the Debian / Ubuntu packages the test suite needs (tools/test-packages.txt).

Run by `make test` on every run, so it must be fast when nothing is missing: one dpkg query.
As root it installs what is missing (apt-get update first, non-interactive); otherwise it
prints the one command to run and exits 1. A package counts as present when it is installed
or provided by an installed package (NodeSource's nodejs provides npm, for instance).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

LIST = Path(__file__).with_name("test-packages.txt")


def wanted(path: Path = LIST) -> list[str]:
    names = []
    for line in path.read_text("utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name and name not in names:
            names.append(name)
    return names


def present() -> set[str]:
    """Installed package names and everything they provide."""
    out = subprocess.run(["dpkg-query", "-W", "-f", "${db:Status-Abbrev}|${Package}|${Provides}\n"],
                         capture_output=True, text=True).stdout
    have: set[str] = set()
    for line in out.splitlines():
        status, _, rest = line.partition("|")
        if not status.startswith("ii"):
            continue
        package, _, provides = rest.partition("|")
        have.add(package.split(":")[0])
        have.update(re.sub(r"\([^)]*\)", "", p).strip() for p in provides.split(","))
    return have


def main() -> int:
    names = wanted()
    if shutil.which("dpkg-query") is None:
        print(f"test packages: not a Debian/Ubuntu system; install these (or their equivalents) "
              f"yourself: {' '.join(names)}", file=sys.stderr)
        return 0
    missing = [n for n in names if n not in present()]
    if not missing:
        return 0
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(f"test packages missing: {' '.join(missing)}\n"
              f"install them with:\n  sudo apt-get update && sudo {' '.join(command)}",
              file=sys.stderr)
        return 1
    print(f"installing test packages: {' '.join(missing)}", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (["apt-get", "update", "-qq"], [*command, "-qq"]):
        if subprocess.run(step, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            print(f"failed: {' '.join(step)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
