"""Editions in Roman numerals by default ("Ediția I", "Ediția a II-a"), Arabic on request
(qms.yml `edition_numerals: arabic`), in the PDFs' data and the site's pages alike."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from qms_docs.check import load_qms
from qms_docs.model.editions import edition_label, edition_number, roman, version_label
from qms_docs.pdf import data as D
from qms_docs.site.ctx import Ctx
from qms_docs.site.pages.osgg import tables


@pytest.mark.parametrize(("n", "want"), [(1, "I"), (2, "II"), (4, "IV"), (9, "IX"), (14, "XIV"),
                                         (40, "XL"), (1999, "MCMXCIX"), (0, "0")])
def test_roman(n: int, want: str):
    assert roman(n) == want


def test_romanian_ordinals_and_arabic():
    assert edition_label(1) == "Ediția I"
    assert edition_label(2) == "Ediția a II-a"
    assert edition_label(3, "arabic") == "Ediția 3"
    assert edition_label(2, lang="en") == "Edition II"
    assert edition_number(12) == "a XII-a"
    assert version_label(2, 1) == "Ediția a II-a, revizia 1"


def test_setting_switches_pdf_and_site(demo_repo: Path):
    cfg = demo_repo / "qms.yml"  # the demo's own settings (approvals, people) kept
    cfg.write_text(cfg.read_text("utf-8").replace("edition_numerals: roman",
                                                  "edition_numerals: arabic"), "utf-8")
    qms = load_qms(demo_repo)
    assert qms.config.edition_numerals == "arabic"
    doc = qms.document("PS-01")
    data = D.document(qms, doc)
    assert data["edition"] == "2" and data["revisions"][2]["label"] == "Ediția 2, revizia 1"
    assert data["effective-date"] == "02.03.2026"
    html = tables(doc, Ctx(qms, "ro"))
    assert "<td>Ediția 2, revizia 1</td>" in html and "a II-a" not in html
    roman_qms = dataclasses.replace(qms, config=dataclasses.replace(qms.config,
                                                                    edition_numerals="roman"))
    assert D.document(roman_qms, doc)["edition"] == "a II-a"
