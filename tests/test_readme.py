"""The README documents what the code does: its code table is `qms codes --markdown`, and every
command it lists exists."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import ROOT

from qms_docs.cli import main

README = (ROOT / "README.md").read_text("utf-8")


def test_code_table_matches_the_registry():
    table = re.search(r"<!-- codes:start -->\n(.*?)<!-- codes:end -->", README, re.S).group(1)
    assert table == CliRunner().invoke(main, ["codes", "--markdown"]).output, \
        "run tools/readme_sync.py"


def test_every_listed_command_exists():
    listed = set(re.findall(r"^\| `qms ([a-z-]+)", README, re.M))
    assert {"check", "build", "pdf", "release", "changes"} <= listed
    for name in listed:
        res = CliRunner().invoke(main, [name, "--help"])
        assert res.exit_code == 0, f"qms {name}: {res.output}"
