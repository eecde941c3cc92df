"""Property-based tests: whatever the input, loading and checking report problems, never raise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import TODAY, make_demo
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qms_docs.check import run_check
from qms_docs.cli import main
from qms_docs.load import Loaded, LoadProblem, load_yaml_text, parse_markdown

RISKS = "content/risks.yml"
PS06 = "content/procedures/PS-06-managementul-riscurilor.md"
DAY = dt.date.fromisoformat(TODAY)

# One demo copy per module, rewritten by every example: @given does not mix with function-scoped
# fixtures, and a fresh copy per example would be slow. No example database: the repository stays clean
# (a failure prints its example; pin it with @example to replay it).
SLOW = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text that looks like YAML or Markdown reaches deeper into the parsers than uniform Unicode.
TOKENS = st.sampled_from(list("[]{}:,-?#&*!|>'\"%@`\\ \t\r\n\ufeff\x00\x85\u2028ab1.~")
                        + ["---", "...", "- ", ": ", "!!python/object ", "&a ", "*a", "\r\n",
                           "## ", "\n  ", "\n---\n"])
SYNTAX = st.lists(TOKENS, max_size=60).map("".join)
TEXT = st.one_of(st.text(), SYNTAX)

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                    st.dates().map(str))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=25)
RISK_KEYS = ["id", "process", "type", "description", "cause", "consequence", "probability",
             "impact", "strategy", "treatment", "owner", "review_date"]
FRONT_KEYS = ["code", "title", "kind", "edition", "revision", "effective_date", "process",
              "department", "elaborated_by", "verified_by", "approved_by", "revisions", "parent",
              "forms", "records", "references", "clauses"]
# Either anything at all, or plausible shapes with arbitrary values (to reach the domain rules).
RISKS_DATA = st.one_of(DATA, st.fixed_dictionaries({"risks": st.lists(
    st.dictionaries(st.sampled_from(RISK_KEYS), DATA, max_size=12), max_size=4)}))
FRONT_DATA = st.one_of(DATA, st.dictionaries(st.sampled_from(FRONT_KEYS), DATA, max_size=17))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("props") / "repo", commit=False)


@pytest.fixture
def restore(repo: Path):
    """Put back the files the examples rewrite, for the next test of the module."""
    saved = {rel: (repo / rel).read_bytes() for rel in (RISKS, PS06)}
    yield repo
    for rel, data in saved.items():
        (repo / rel).write_bytes(data)


def _well_formed(problems: list[LoadProblem]) -> None:
    for p in problems:
        assert p.code.startswith("QMS0") and p.line >= 1 and p.col >= 1 and p.message


@given(TEXT)
@example("0\r\x85&:")  # PyYAML counts \r and NEL as line breaks: the explanation must too
@settings(max_examples=300, deadline=None, database=None)
def test_load_yaml_text_never_raises(text: str):
    loaded, problems = load_yaml_text(text)
    assert loaded is None or isinstance(loaded, Loaded)
    assert loaded is not None or problems  # refusing a file always says why
    _well_formed(problems)


@given(TEXT, st.booleans())
@settings(max_examples=300, deadline=None, database=None)
def test_parse_markdown_never_raises(text: str, front: bool):
    doc, problems = parse_markdown(("---\n" if front else "") + text)
    assert doc.front is not None or problems
    _well_formed(problems)
    assert all(line >= 1 and 1 <= level <= 6 for line, level, _ in doc.headings)


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@given(RISKS_DATA)
@SLOW
def test_check_survives_any_yaml_data(restore: Path, data: object):
    (restore / RISKS).write_text(_dump(data), "utf-8")
    result = run_check(restore, today=DAY, history=False)
    assert all(f.path and f.line >= 1 and f.col >= 1 for f in result.findings)


@given(FRONT_DATA, st.text(max_size=200))
@SLOW
def test_check_survives_any_front_matter(restore: Path, data: object, body: str):
    (restore / PS06).write_text(f"---\n{_dump(data)}---\n{body}", "utf-8")
    result = run_check(restore, today=DAY, history=False)
    assert all(f.path and f.line >= 1 and f.col >= 1 for f in result.findings)


@given(st.sampled_from([RISKS, PS06]), st.one_of(st.binary(max_size=400),
                                                 TEXT.map(lambda t: t.encode("utf-8"))))
@SLOW
def test_cli_survives_any_bytes(restore: Path, rel: str, data: bytes):
    (restore / rel).write_bytes(data)
    res = CliRunner().invoke(main, ["check", str(restore), "--today", TODAY, "--no-history"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exc_info
    assert res.exit_code in (0, 1), res.output
    assert "Traceback" not in res.output


# --- the compiled fast path and jsonschema must agree on every verdict ---------------------
def _demo_files() -> list:
    from conftest import ROOT

    from qms_docs.config import load_config
    from qms_docs.load.repository import load_repository

    return [f for f in load_repository(load_config(ROOT)).files if f.data is not None]


DEMO_FILES = _demo_files()
# values that sit on the edges where two validators could differ
EDGES = st.one_of(SCALARS, st.sampled_from([True, False, 0, 1, 1.0, -1, 1e300, "", " ", "2027-13-01",
                                            "2026-02-30", "2026-1-1", "20261125", "P-01", "ș",
                                            [], {}, [None], {"": None}]))


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


def _replace(data, path, value):
    if not path:
        return value
    import copy

    out = copy.deepcopy(data)
    node = out
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return out


@settings(max_examples=400, deadline=None, database=None)
@given(st.data())
def test_fast_validator_agrees_with_jsonschema(data):
    from qms_docs.check.schema import _validator, is_valid

    f = data.draw(st.sampled_from(DEMO_FILES))
    paths = list(_paths(f.data))
    path = data.draw(st.sampled_from(paths))
    mutated = _replace(f.data, path, data.draw(EDGES))
    if data.draw(st.booleans()) and isinstance(mutated, dict):
        mutated = {**mutated, data.draw(st.text(max_size=8)): data.draw(EDGES)}
    full = not any(True for _ in _validator(f.kind).iter_errors(mutated))
    assert is_valid(f.kind, mutated) == full, (f.rel, path)


# Pieces of what the raw-HTML warning looks for, with the characters re.I takes for ASCII letters.
HTML_BITS = st.sampled_from(["<", " ", "\n", "=", ":", "on", "click", "script", "java", "vb",
                             "data", "iframe", "svg", "ſ", "K", "ı", "İ", "S", "ON", "\t", "x"])


@given(st.lists(HTML_BITS, max_size=12).map("".join))
@example("<ſcrıpt>")
@example(" oNKlİck =1")
def test_raw_html_prefilter_misses_nothing(text: str):
    from qms_docs.check.html import _UNSAFE, _maybe_unsafe

    if _UNSAFE.search(text):
        assert _maybe_unsafe(text)


PATH_PARTS = st.sampled_from(["a", "caf", "x.yml", "y.md", ".h", "p[1]", "sheets"])
GLOB_PARTS = st.one_of(PATH_PARTS, st.sampled_from(["*", "*.yml", "?", "[ab]", "*.*"]))


@given(st.lists(st.lists(PATH_PARTS, min_size=1, max_size=4).map("/".join), max_size=30),
       st.lists(GLOB_PARTS, min_size=1, max_size=4).map("/".join))
def test_tree_matching_walks_to_what_every_file_compared_would_give(files, pattern):
    from fnmatch import fnmatchcase

    from qms_docs.load.tree import Tree

    parts = pattern.split("/")
    every = sorted(p for p in set(files) if len(p.split("/")) == len(parts) and
                   all(fnmatchcase(a, b) for a, b in zip(p.split("/"), parts, strict=True)))
    assert Tree(dict.fromkeys(files, 1)).matching(pattern) == every
