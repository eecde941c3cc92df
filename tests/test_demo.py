"""The demo authority does not contradict itself: one set of people across every file, dates that
fit (nothing before the QMS existed, nothing cited before it happened), an audit cycle that
follows its own procedure PS-03, CAF sheets written by their evaluators."""

from __future__ import annotations

import collections
import re

import pytest
from conftest import ROOT

from qms_docs.audit.model import build as audits_of
from qms_docs.caf.evidence import later_years
from qms_docs.caf.model import build as caf_of
from qms_docs.check import load_qms
from qms_docs.model import QMS


@pytest.fixture(scope="module")
def qms() -> QMS:
    return load_qms(ROOT)


def _issued(qms: QMS, code: str, edition: int, revision: int) -> str:
    doc = qms.document(code)
    assert doc is not None, code
    day = next((r.date for r in doc.revisions if (r.edition, r.revision) == (edition, revision)),
               "")
    assert day, (code, edition, revision)
    return day


def test_everyone_named_is_a_person_in_post_on_the_date(qms: QMS):
    data = audits_of(qms)
    named: list[tuple[str, str, str]] = []  # (reference, date, where)
    for p in data.programmes:
        named += [(p.approved_by, p.approved, f"programme {p.year}")]
        named += [(x, f"{a.month}-01", a.id) for a in p.audits for x in a.auditors]
    for a in data.audits:
        named += [(x, a.start, a.id) for x in ([a.lead] if a.lead else []) + a.auditors]
        named += [(s.auditor, s.date, a.id) for s in a.plan]
        named += [(x, s.date, a.id) for s in a.plan for x in s.auditees]
    for f in data.findings:
        if f.action and f.action.verification:
            named.append((f.action.verification.by, f.action.verification.date, f.id))
    for r in data.reviews:
        named += [(x, r.date, f"review {r.year}") for x in [r.chair, *r.participants]]
    for s in data.sessions:
        named += [(x, s.date, s.id) for x in [s.trainer, *s.attendees]]
    assert len(named) > 250
    missing = [(ref, day, where) for ref, day, where in named if qms.who(ref, day) is None]
    assert not missing, missing[:10]
    # auditors are people of the registry, not job titles
    assert all(qms.person(x) for a in data.audits if a.type == "internal" for x in a.auditors)


def test_caf_groups_and_names_come_from_the_registry(qms: QMS):
    caf = caf_of(qms)
    assert len(caf.assessments) == 2
    for a in caf.assessments:
        for e in a.group:
            person = qms.person(e.id)
            assert person is not None, e.id
            assert e.name == person.name
            assert person.holds(e.function, a.start), (e.id, e.function, a.start)
    for ack in qms.acknowledgements:
        holders = {p.name for p in qms.holders(ack.role, ack.date)}
        assert ack.name in holders, (ack.document, ack.role, ack.name)


def test_no_evidence_before_the_system_existed(qms: QMS):
    since = qms.system_since
    assert since == "2024-04-15"
    data = audits_of(qms)
    for a in data.audits:
        if a.type != "diagnostic":
            assert a.start >= since, a.id
    for r in data.reviews:
        assert r.date >= since, r.year
    diagnostic = {a.id for a in data.audits if a.type == "diagnostic"}
    for f in data.findings:
        if f.audit not in diagnostic:
            assert f.date >= since, f.id
    for s in data.sessions:
        for p in s.documents:
            assert s.date >= _issued(qms, p.code, p.edition, p.revision), (s.id, p.code)


def test_the_audit_cycle_follows_its_order_and_ps03(qms: QMS):
    data = audits_of(qms)
    by_type = collections.defaultdict(list)
    for a in data.audits:
        by_type[a.type].append(a)
    diagnostic, = by_type["diagnostic"]
    certification, = by_type["certification"]
    first_review = min(data.reviews, key=lambda r: r.date)
    first_internal = min(by_type["internal"], key=lambda a: a.start)
    # diagnostic, then the system, then an internal audit and a review, then certification
    assert diagnostic.end < qms.system_since < first_internal.start
    assert first_internal.end < first_review.date < certification.start
    assert certification.certificate["issued"] > certification.end
    surveillances = sorted(a.start for a in by_type["surveillance"])
    assert surveillances and surveillances[0] > certification.certificate["issued"]
    # PS-03: every process audited each year, by at least 6 appointed auditors
    everyone = {p.id for p in qms.processes}
    for prog in data.programmes:
        internal = [p for p in prog.audits if p.type == "internal"]
        assert {x for p in internal for x in p.processes} == everyone, prog.year
        assert len({x for p in internal for x in p.auditors}) >= 6, prog.year
    for a in by_type["internal"]:
        assert a.checklist is not None and a.report.get("conclusions"), a.id


def test_no_record_cites_what_came_after_it(qms: QMS):
    data = audits_of(qms)
    when = {a.id: a.start for a in data.audits}
    when.update({f.id: f.date for f in data.findings})
    when.update({s.id: s.date for s in data.sessions})
    when.update({x.id: r.date for r in data.reviews for x in r.actions})
    ids = re.compile(r"\b(?:A[CDIS]|NC|OBS|AM|S)-20[0-9]{2}-[0-9]{2}\b")
    assert len(data.frozen) == len(data.reviews) == 3
    for x in data.frozen:
        review = data.review(x.year)
        assert review is not None and x.frozen_on <= review.date, x.year
        for found in ids.findall(x.markdown):
            assert found in when, (x.year, found)
            assert when[found] <= x.frozen_on, (x.year, found, when[found])
    for f in data.findings:  # a finding is of its audit, not of a later one
        audit = data.audit(f.audit)
        assert audit is not None and audit.start <= f.date <= audit.end, f.id
        if f.action and f.action.verification:
            assert f.action.verification.date >= f.date, f.id
    for ack in qms.acknowledgements:
        assert ack.date >= _issued(qms, ack.document, ack.edition, ack.revision), ack.document
    for a in caf_of(qms).assessments:
        for sheet in a.sheets:
            assert a.start <= sheet.date <= a.end, sheet.evaluator
            for sid, entry in sheet.entries.items():
                assert not later_years(entry.evidence, sheet.date), (sheet.evaluator, sid)


SENTENCE = re.compile(r"(?<=[^\s.]{2})\.\s+(?=[A-ZĂÂÎȘȚ])")


def test_caf_sheets_share_no_sentence(qms: QMS):
    seen: dict[str, str] = {}
    for a in caf_of(qms).assessments:
        for sheet in a.sheets:
            for sid, e in sheet.entries.items():
                for text in [e.evidence, *e.strengths, *e.improvements]:
                    for sentence in SENTENCE.split(text):
                        key = " ".join(sentence.split())
                        if not key:  # an abstention has no evidence
                            continue
                        where = f"{a.year}/{sheet.evaluator}/{sid}"
                        assert key not in seen, (key, seen.get(key), where)
                        seen[key] = where
    assert len(seen) > 1000


def test_demo_text_uses_comma_below_and_current_law():
    text = "\n".join(p.read_text("utf-8") for p in (ROOT / "content").rglob("*")
                     if p.suffix in (".md", ".yml"))
    for cedilla in "şţŞŢ":
        assert cedilla not in text
    for repealed in ("Legea nr. 455/2001", "MDRT", "Legii nr. 416/2001",
                     "Regulamentului de recepție a lucrărilor"):
        assert repealed not in text, repealed
    assert "Legea nr. 214/2024" in text and "HG nr. 1154/2022" in text
