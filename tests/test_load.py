"""The loader: positions of every value, safe loading, front matter and headings."""

from __future__ import annotations

from qms_docs.load import load_yaml_text, parse_markdown


def test_positions_of_values_and_keys():
    loaded, problems = load_yaml_text("a: 1\nlist:\n  - id: x\n    owner: primar\n")
    assert problems == []
    assert loaded.data == {"a": 1, "list": [{"id": "x", "owner": "primar"}]}
    assert loaded.positions.at(("list", 0, "owner")) == (4, 12)
    assert loaded.positions.key(("list", 0, "owner")) == (4, 5)
    # A path that does not exist points at its nearest existing ancestor.
    assert loaded.positions.at(("list", 0, "missing")) == (3, 5)


def test_dates_stay_strings():
    loaded, _ = load_yaml_text("d: 2026-01-15\n")
    assert loaded.data == {"d": "2026-01-15"}


def test_alias_refused_with_position():
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n'
    loaded, problems = load_yaml_text(bomb)
    assert loaded is None
    assert [(p.code, p.line, p.col) for p in problems] == [("QMS003", 2, 8)]


def test_python_tag_refused():
    loaded, problems = load_yaml_text("x: !!python/object/apply:os.system ['true']\n")
    assert loaded is None
    assert problems[0].code == "QMS004"
    assert problems[0].line == 1


def test_syntax_error_has_position_and_hint():
    _, problems = load_yaml_text("a: [1, 2\nb: 3\n")
    assert problems[0].code == "QMS001"
    assert (problems[0].line, problems[0].col) == (1, 4)  # where the '[' opens
    assert problems[0].hint


def test_duplicate_key_reported():
    loaded, problems = load_yaml_text("a: 1\na: 2\n")
    assert loaded.data == {"a": 2}
    assert [(p.code, p.line, p.col) for p in problems] == [("QMS006", 2, 1)]


def test_front_matter_positions_are_file_lines():
    text = "---\ncode: PS-01\ntitle: T\n---\n# Titlu\n\n## 4. Scopul procedurii\n```\n## not\n```\n"
    doc, problems = parse_markdown(text)
    assert problems == []
    assert doc.front.positions.at(("title",)) == (3, 8)
    assert doc.body_line == 5
    assert doc.headings == [(5, 1, "Titlu"), (7, 2, "4. Scopul procedurii")]


def test_missing_front_matter():
    _, problems = parse_markdown("# Titlu\n")
    assert problems[0].code == "QMS005"
