"""`qms caf new YEAR`: the assessment folder and one blank scoring sheet per evaluator.

Never overwrites: existing files are kept, so it can be re-run after the group changes.
"""

from __future__ import annotations

from pathlib import Path

from ..editor import modeline, with_modeline
from ..model import QMS
from .model import Assessment, build
from .reference import CafModel
from .reference import model as caf_model


def _q(s: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_assessment(qms: QMS, year: int) -> tuple[list[Path], bool]:
    """Create what is missing under content/caf/YEAR/. Returns (created files, group_ready):
    group_ready is False when assessment.yml was just written without a group to score."""
    folder = qms.config.content / "caf" / str(year)
    created: list[Path] = []
    data = build(qms)
    current = data.year(year)
    if current is None:
        previous = [a for a in data.assessments if a.year < year]
        path = folder / "assessment.yml"
        if path.exists():  # there, but unreadable: leave it to 'qms check'
            return created, False
        folder.mkdir(parents=True, exist_ok=True)
        text = _assessment(qms, year, previous[-1] if previous else None)
        path.write_text(_with_schema(qms, path, "caf-assessment", text), "utf-8")
        created.append(path)
        if not previous:
            return created, False
        current = previous[-1]
    ref = caf_model()
    scoring = current.scoring if current.year == year else "classical"
    (folder / "sheets").mkdir(parents=True, exist_ok=True)
    for e in current.group:
        path = folder / "sheets" / f"{e.id}.yml"
        if e.id and not path.exists():
            text = _sheet(qms, year, e.id, e.name, e.function, scoring, ref)
            path.write_text(_with_schema(qms, path, "caf-sheet", text), "utf-8")
            created.append(path)
    return created, True


def _with_schema(qms: QMS, path: Path, kind: str, text: str) -> str:
    return with_modeline(text, modeline(qms.config.root, path, kind))


def _assessment(qms: QMS, year: int, previous: Assessment | None) -> str:
    source = (f"# Grupul este preluat din CAF {previous.year}: actualizați-l, apoi rulați"
              if previous and previous.group else "# Completați grupul, apoi rulați")
    lines = [f"# Autoevaluarea CAF {year}.", f"{source} 'qms caf new {year}' pentru fișele "
             "de punctaj care lipsesc.", f"year: {year}",
             f"title: {_q(f'Autoevaluarea CAF {year}')}",
             "scoring: classical  # classical | fine-tuned", "status: planned",
             f'start: "{year}-02-01"', f'end: "{year}-05-29"  # data raportului']
    if previous and previous.group:
        lines.append(f"leader: {previous.leader or previous.group[0].id}")
        if previous.sponsor:
            lines.append(f"sponsor: {previous.sponsor}")
        lines.append("group:")
        for e in previous.group:
            lines += [f"  - id: {e.id}", f"    name: {_q(e.name)}", f"    function: {e.function}"]
    else:
        # the group is people of the registry: start from the quality manager in post
        day = f"{year}-02-01"
        person = qms.holder("rmc", day) or (qms.people[0] if qms.people else None)
        if person is not None:
            held = [t.role for t in person.functions if t.covers(day)] or \
                [t.role for t in person.functions]
            pid, name, function = person.id, person.name, held[0] if held else ""
        else:
            pid, name = "evaluator-1", "Nume Prenume"
            function = qms.roles[0].id if qms.roles else "rmc"
        lines += [f"leader: {pid}", "group:", f"  - id: {pid}", f"    name: {_q(name)}",
                  f"    function: {function}"]
    lines += ["training: []"]
    return "\n".join(lines) + "\n"


def _sheet(qms: QMS, year: int, eid: str, name: str, function: str, scoring: str,
           ref: CafModel) -> str:
    how = ("alegeți nivelul din panou (band: 1..6), apoi punctajul 0..100 din banda lui"
           if scoring == "classical" else
           "punctați plan/do/check/act (factori) sau trends/targets (rezultate), 0..100")
    lines = [f"# Fișa de punctaj CAF {year}: {name} ({qms.role_name(function)})",
             f"# Pentru fiecare subcriteriu: {how};",
             "# dovezi, puncte tari și zone de îmbunătățire; sau 'abstain: <motiv>'.",
             f"evaluator: {eid}", "# date: AAAA-LL-ZZ", "scores:"]
    for sid, sub in ref.subcriteria.items():
        lines.append(f'  "{sid}":  # {sub.title_ro}')
        if scoring == "classical":
            lines.append("    score: null")
        else:
            parts = ("plan", "do", "check", "act") if sub.type == "enabler" else ("trends",
                                                                                   "targets")
            lines += [f"    {p}: null" for p in parts]
        lines += ['    evidence: ""', "    strengths: []", "    improvements: []"]
    return "\n".join(lines) + "\n"
