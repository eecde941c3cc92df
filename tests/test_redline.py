"""Redlines: insertions and deletions marked inside the rendered Markdown (lists, tables,
headings, emphasis kept), the same on the site and in the change report, linear in size."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import git

from qms_docs.cli import main
from qms_docs.history.redline import MARKS, changed_blocks, word_diff
from qms_docs.history.redline_html import merged_markdown, render, site_markdown

ROOT = Path(__file__).parent.parent  # the project's own mkdocs.yml: the site's Markdown
PS01 = "content/procedures/PS-01-controlul-documentelor.md"


def redline(old: str, new: str, raw_html: bool = True) -> list[str]:
    md = site_markdown(ROOT, raw_html=raw_html)
    return [render(c, md) for c in changed_blocks(old, new)]


def test_word_in_a_numbered_list_item_is_marked_inside_the_item():
    old = ("1. **Inițierea.** Orice angajat poate propune\n   o modificare.\n"
           "2. **Codificarea.** RMC atribuie codul.\n")
    new = old.replace("angajat", "salariat")
    assert redline(old, new) == [
        "<ol>\n"
        "<li><strong>Inițierea.</strong> Orice <del>angajat</del><ins>salariat</ins> poate "
        "propune\n   o modificare.</li>\n"
        "<li><strong>Codificarea.</strong> RMC atribuie codul.</li>\n"
        "</ol>"]


def test_added_and_removed_list_items_keep_the_list():
    old = "- unu\n- doi\n- trei\n"
    new = "- unu\n- trei\n- patru nou\n"
    assert redline(old, new) == [
        "<ul>\n<li>unu</li>\n<li><del>doi</del></li>\n<li>trei</li>\n"
        "<li><ins>patru nou</ins></li>\n</ul>"]


def test_table_cell_change_is_marked_inside_its_cell():
    old = "| Funcția | Sarcina |\n|---|---|\n| Primar | Aprobă |\n| RMC | Codifică |\n"
    new = old.replace("| Aprobă |", "| Aprobă și semnează |")
    [html] = redline(old, new)
    assert "<td>Aprobă <ins>și semnează</ins></td>" in html
    assert "<td>RMC</td>\n<td>Codifică</td>" in html
    assert html.startswith("<table>") and "<th>Funcția</th>" in html


def test_added_table_row_is_a_row_of_insertions():
    old = "| A | B |\n|---|---|\n| 1 | 2 |\n"
    new = old + "| 3 | 4 |\n"
    [html] = redline(old, new)
    assert "<tr>\n<td><ins>3</ins></td>\n<td><ins>4</ins></td>\n</tr>" in html


def test_heading_text_is_marked_inside_the_heading():
    [html] = redline("## 8.2 Resurse\n", "## 8.2 Resurse și mijloace\n")
    assert html == "<h2>8.2 Resurse <ins>și mijloace</ins></h2>"


def test_bold_text_never_clashes_with_the_marks():
    # Words inside bold are marked inside <strong>; making a word bold is a change of
    # structure: the old line is shown deleted, the new one inserted, bold kept.
    [inside] = redline("Un text **foarte important** aici.\n",
                       "Un text **deosebit de important** aici.\n")
    assert inside == ("<p>Un text <strong><del>foarte</del><ins>deosebit de</ins> important"
                      "</strong> aici.</p>")
    [made_bold] = redline("Termenul este de cinci zile.\n",
                          "Termenul este de **cinci** zile.\n")
    assert made_bold == ("<p><del>Termenul este de cinci zile.</del>\n"
                         "<ins>Termenul este de</ins> <strong><ins>cinci</ins></strong> "
                         "<ins>zile.</ins></p>")


def test_deleted_paragraph_stays_a_paragraph_and_unchanged_blocks_are_left_out():
    old = "Primul.\n\nAl doilea, șters.\n\nAl treilea.\n"
    new = "Primul.\n\nAl treilea.\n"
    assert redline(old, new) == ["<p><del>Al doilea, șters.</del></p>"]


def test_raw_html_is_escaped_in_the_report_and_sanitised_on_the_site():
    old = "Text simplu.\n"
    new = "Text simplu <img src=x onerror=alert(1)> <script>alert(2)</script>.\n"
    [report] = redline(old, new, raw_html=False)
    assert report == ("<p>Text <del>simplu.</del><ins>simplu &lt;img src=x onerror=alert(1)"
                      "&gt; &lt;script&gt;alert(2)&lt;/script&gt;.</ins></p>")
    [site] = redline(old, new, raw_html=True)
    assert "<script" not in site and "onerror" not in site
    assert site.startswith("<p>Text <del>simplu.</del><ins>simplu <img src=\"x\">")


def test_a_document_cannot_forge_marks():
    old = "Text.\n"
    new = f"Text {MARKS[2]}fals{MARKS[3]}.\n"
    [html] = redline(old, new)
    assert "<del>fals" not in html and "\ufffdfals\ufffd" in html


def test_marks_never_land_inside_attributes():
    old = "![sigla veche](a.png) text\n"
    new = "![sigla nouă](a.png) text\n"
    [html] = redline(old, new)
    assert re.search(r'alt="[^"]*<', html) is None, html
    assert all(m not in html for m in MARKS)


def test_word_diff_rejoins_both_sides_exactly():
    old = "a b c\nd e f\n\ng h\n"
    new = "a x c\nd e f\n\ng h i\nj\n"
    segs = word_diff(old, new)
    assert "".join(s.text for s in segs if s.op != "+") == old
    assert "".join(s.text for s in segs if s.op != "-") == new
    assert [(s.op, s.text) for s in segs if s.op != "="] == [("-", "b"), ("+", "x"),
                                                             ("+", " i\nj")]


def test_a_rewrapped_paragraph_is_marked_word_by_word():
    old = "Unu doi trei patru\ncinci șase.\n"
    new = "Unu doi trei patru cinci\nșapte șase.\n"
    [html] = redline(old, new)
    assert html == "<p>Unu doi trei patru cinci\n<ins>șapte</ins> șase.</p>"


def test_a_large_rewrite_is_bounded_and_still_exact():
    """Two unrelated 20,000-word texts: the budget stops the word search, the result is still
    a correct (coarser) diff. No timing here: tools/bench measures the time."""
    import random

    rnd = random.Random(7)
    words = ["documentul", "procedura", "aprobare", "revizia", "și", "de", "la"]
    a = " ".join(rnd.choice(words) for _ in range(20000))
    b = " ".join(rnd.choice(words) for _ in range(20000))
    segs = word_diff(a, b)
    assert "".join(s.text for s in segs if s.op != "+") == a
    assert "".join(s.text for s in segs if s.op != "-") == b
    assert merged_markdown(changed_blocks(a, b)[0]).count(MARKS[0]) >= 1


def test_changes_report_reads_as_a_pull_request_comment(demo_repo: Path):
    """`qms changes`: the redline is one HTML block per changed run (no blank line inside,
    so GitHub and GitLab keep it whole) of tags both keep: ins, del, ol, li, strong, table."""
    p = demo_repo / PS01
    text = p.read_text("utf-8")
    p.write_text(text.replace("Orice angajat poate", "Orice salariat poate", 1)
                 .replace("| Primar | Aprobă", "| Primar | Semnează și aprobă", 1), "utf-8")
    res = CliRunner().invoke(main, ["changes", str(demo_repo), "--base", "HEAD"])
    assert res.exit_code == 0, res.output
    out = res.output
    assert out.startswith("## Modificări în documentele SMC (HEAD → work tree)\n\n"
                          "| Document | Titlu | Modificare | Ediția.Revizia |\n")
    assert "**Text** (<ins>text inserat</ins> · <del>text șters</del>):\n\n<blockquote>\n<ol>\n" \
        in out
    assert ("<li><strong>Inițierea.</strong> Orice <del>angajat</del><ins>salariat</ins> "
            "poate propune") in out
    assert "<td><del>Aprobă</del><ins>Semnează și aprobă</ins> Manualul calității" in out
    for block in re.findall(r"<blockquote>\n(.*?)\n</blockquote>", out, re.S):
        assert "\n\n" not in block
    tags = set(re.findall(r"</?([a-z0-9]+)", out.split("<blockquote>", 1)[1]))
    assert tags <= {"blockquote", "ol", "ul", "li", "strong", "em", "code", "ins", "del",
                    "table", "thead", "tbody", "tr", "th", "td", "p", "h2", "h3", "a"}


def test_changes_report_in_english(demo_repo: Path):
    (demo_repo / "qms.yml").write_text("language: en\n", "utf-8")
    git(demo_repo, "commit", "-qam", "en")
    p = demo_repo / PS01
    p.write_text(p.read_text("utf-8").replace("Orice angajat", "Orice salariat", 1), "utf-8")
    res = CliRunner().invoke(main, ["changes", str(demo_repo), "--base", "HEAD"])
    assert "**Text** (<ins>inserted text</ins> · <del>deleted text</del>):" in res.output
