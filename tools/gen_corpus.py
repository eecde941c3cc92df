#!/usr/bin/env python3
"""Synthetic QMS repository for benchmarks: the demo authority plus N generated operational
procedures (with processes, job functions, RACI rows, risks, forms and records in proportion) and,
optionally, a git history of M commits. Deterministic for a given seed.

    python tools/gen_corpus.py OUT --docs 1000 [--commits 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("cerere dosar termen verificare aprobare registru cetățean solicitant document aviz "
         "autorizație certificat impozit taxă petiție arhivă compartiment inspector responsabil "
         "evidență control calitate raport analiză decizie dispoziție consiliu procedură "
         "formular înregistrare semnătură ștampilă conformitate îmbunătățire").split()
SECTIONS = ("4. Scopul procedurii", "5. Domeniul de aplicare", "6. Documente de referință",
            "7. Definiții și abrevieri", "8. Descrierea procedurii",
            "9. Responsabilități și răspunderi", "10. Anexe, înregistrări, arhivări")


def sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def procedure(rng: random.Random, i: int, proc: str, role: str, form: str | None,
              record: str | None, revision: int = 0) -> str:
    code = f"PO-GEN-{i:04d}"
    rows = "\n".join(f"  - edition: 1\n    revision: {r}\n    description: "
                     f"{'Elaborare' if r == 0 else 'Revizie'}\n    date: '2026-0{1 + r % 9}-15'"
                     for r in range(revision + 1))
    front = f"""---
code: {code}
title: Procedura generată {i}
kind: operational-procedure
edition: 1
revision: {revision}
effective_date: '2026-0{1 + revision % 9}-20'
department: SMC
process: {proc}
elaborated_by: {role}
verified_by: secretar-general
approved_by: primar
revisions:
{rows}
distribution:
  - purpose: aplicare
    role: {role}
    copy: 1
clauses: ['8.1', '8.5']
forms: [{form or ''}]
records: [{record or ''}]
---
"""
    body = []
    for s in SECTIONS:
        body.append(f"## {s}\n")
        body += [sentence(rng, rng.randint(10, 30)) for _ in range(rng.randint(2, 5))]
        body.append("")
    return front + "\n".join(body) + "\n"


def form(i: int, parent: str, proc: str) -> str:
    return f"""---
code: F-GEN-{i:04d}
title: Formular generat {i}
kind: form
edition: 1
revision: 0
effective_date: '2026-01-20'
process: {proc}
parent: {parent}
elaborated_by: rmc
verified_by: secretar-general
approved_by: primar
revisions:
  - edition: 1
    revision: 0
    description: Elaborare
    date: '2026-01-15'
---

| Câmp | Valoare |
|---|---|
| Nr. înregistrare | |
| Data | |
"""


def generate(out: Path, docs: int, seed: int, approvals: bool = False) -> list[str]:
    """Write the corpus; returns the paths of the generated procedures (for the history).
    approvals: every generated document's version signed (SSH statements: the elaborator's
    generated key, the DEMO keys of the secretary general and the mayor), as a real
    repository's evidence would be."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "content", out / "content")
    for name in ("mkdocs.yml", "qms.yml"):
        shutil.copy2(ROOT / name, out / name)
    c = out / "content"
    n_proc = max(1, docs // 10)
    procs = [f"P-{100 + k}" for k in range(n_proc)]
    roles = [f"gen-rol-{k:03d}" for k in range(max(1, docs // 5))]
    _append(c / "processes.yml", "".join(
        f"  - id: {p}\n    name: Proces generat {p}\n    type: core\n    owner: primar\n"
        f"    indicators:\n      - name: Termen mediu\n        target: 10 zile\n"
        f"    clauses: ['8.5']\n" for p in procs))
    _plan_audits(c, procs)
    _append(c / "roles.yml", "".join(
        f"  - id: {r}\n    name: Inspector {r}\n    level: execuție\n    department: SMC\n"
        f"    holder: Persoană {r}\n" for r in roles))
    _append(c / "risks.yml", "".join(_risk(rng, k, p) for k, p in enumerate(procs)))
    paths = []
    forms_dir, proc_dir = c / "forms", c / "procedures"
    forms_dir.mkdir(parents=True, exist_ok=True)
    records, activities = [], []
    for i in range(1, docs + 1):
        proc, role = procs[i % n_proc], roles[i % len(roles)]
        f_code = f"F-GEN-{i:04d}" if i % 3 == 0 else None
        r_id = f"INR-{1000 + i}" if f_code else None
        code = f"PO-GEN-{i:04d}"
        path = proc_dir / f"{code}-procedura-generata.md"
        path.write_text(procedure(rng, i, proc, role, f_code, r_id), "utf-8")
        paths.append(path.relative_to(out).as_posix())
        if f_code:
            (forms_dir / f"{f_code}-formular.md").write_text(form(i, code, proc), "utf-8")
            records.append(f"  - id: {r_id}\n    name: Înregistrare {i}\n"
                           f"    produced_by: {f_code}\n    kept_by: {role}\n"
                           "    location: Arhivă\n    retention: 5 ani\n")
        if i % 2 == 0:
            activities.append(f"  - id: A-{1000 + i}\n    activity: Activitate {i}\n"
                              f"    document: {code}\n    raci:\n      primar: A\n      {role}: R\n"
                              f"      rmc: I\n")
    _append(c / "records.yml", "".join(records))
    _append(c / "responsibilities.yml", "".join(activities))
    if (c / "scim" / "procedural-activities.yml").exists():  # each procedure covers one
        _append(c / "scim" / "procedural-activities.yml", "".join(
            f"  - id: AP-{1000 + i}\n    activity: Activitate procedurală {i}\n"
            f"    department: SMC\n    procedure: PO-GEN-{i:04d}\n" for i in range(1, docs + 1)))
    if approvals:
        _approve_all(out, roles)
    return paths


def _risk(rng: random.Random, k: int, proc: str) -> str:
    """A register row with the OSGG columns: residual risk, last review, a control measure."""
    p, i = rng.randint(1, 5), rng.randint(1, 5)
    return (f"  - id: R-{1000 + k}\n    process: {proc}\n    description: {sentence(rng, 8)}\n"
            f"    probability: {p}\n    impact: {i}\n"
            f"    residual: {{probability: {max(1, p - 1)}, impact: {i}}}\n"
            f"    strategy: tratare\n    treatment: {sentence(rng, 6)}\n    owner: primar\n"
            f"    review_date: '2027-06-30'\n    last_review: '2026-01-15'\n"
            f"    measures:\n      - measure: {sentence(rng, 5)}\n        owner: primar\n"
            f"        deadline: '2027-06-30'\n        status: in-progress\n")


def _approve_all(out: Path, roles: list[str]) -> None:
    """A person with an Ed25519 key for every generated function, and the evidence of every
    generated document (signed here in Python: the same bytes ssh-keygen makes)."""
    import hashlib

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        PublicFormat,
        load_ssh_private_key,
    )

    from qms_docs.approval import sshsig
    from qms_docs.approval.statement import Statement

    c = out / "content"
    keys = {}
    people = []
    for r in roles:
        k = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(r.encode()).digest())
        keys[r] = (f"p-{r}", k)
        pub = k.public_key().public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode()
        people.append(f"  - id: p-{r}\n    name: Persoană {r}\n    functions:\n"
                      f"      - role: {r}\n        from: 2019-01-02\n"
                      f"    ssh_keys:\n      - {pub} p-{r}\n")
    _append(c / "people.yml", "".join(people))
    demo = ROOT / "qms_docs/demo/keys"
    for role, pid in (("secretar-general", "elena-marinescu"), ("primar", "gheorghe-stanciu"),
                      ("rmc", "andreea-constantinescu")):
        keys[role] = (pid, load_ssh_private_key((demo / pid).read_bytes(), None))
    for path in sorted((c / "procedures").glob("PO-GEN-*.md")) + \
            sorted((c / "forms").glob("F-GEN-*.md")):
        data = path.read_bytes()
        head = data.split(b"\n---", 1)[0].decode()
        code = head.split("code: ", 1)[1].split("\n", 1)[0]
        rev = head.split("\nrevision: ", 1)[1].split("\n", 1)[0]
        eff = head.split("effective_date: '", 1)[1][:10]
        folder = c / "approvals" / code / f"1.{rev}"
        folder.mkdir(parents=True)
        steps = (("elaborated", head.split("elaborated_by: ", 1)[1].split("\n", 1)[0], 9),
                 ("verified", "secretar-general", 6), ("approved", "primar", 3))
        for step, role, before in steps:
            pid, key = keys[role]
            st = Statement("version", code, 1, int(rev), hashlib.sha256(data).hexdigest(),
                           step, role, pid, f"{eff[:8]}{int(eff[8:]) - before:02d}T10:00:00+02:00")
            stmt = folder / f"{step}-{pid}.txt"
            stmt.write_bytes(st.render())
            (folder / f"{step}-{pid}.txt.sig").write_bytes(sshsig.sign_with_key(key, st.render()))


def _plan_audits(c: Path, procs: list[str]) -> None:
    """Every generated process in each year's audit programme (one more audit per year)."""
    import yaml

    for path in sorted(c.glob("audits/*/programme.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        year = data["year"]
        data["audits"].append({"id": f"AI-{year}-99", "type": "internal",
                               "month": f"{year}-12", "processes": procs,
                               "auditors": ["auditor-intern", "rmc"]})
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + text, "utf-8")


def history(out: Path, paths: list[str], commits: int, seed: int) -> None:
    """A git history of `commits` commits through one `git fast-import` stream (seconds, not
    minutes): the corpus first, then one procedure revised per commit."""
    rng = random.Random(seed + 1)
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    stream, when = [], 1_735_689_600
    files = sorted(p for p in out.rglob("*") if p.is_file() and ".git" not in p.parts)
    stream.append(_commit(when, "Corpus inițial",
                          [(f.relative_to(out).as_posix(), f.read_bytes()) for f in files]))
    revs = dict.fromkeys(paths, 0)
    for k in range(commits - 1):
        when += 3600
        path = rng.choice(paths)
        revs[path] += 1
        i = int(path.split("PO-GEN-")[1][:4])
        proc = f"P-{100 + i % max(1, len(paths) // 10)}"
        text = procedure(random.Random(i * 7919 + revs[path]), i, proc, "rmc", None, None,
                         revs[path])
        trailer = "\n\nApproved-by: Primar <primar@dealumare.ro> [primar]" if k % 3 == 0 else ""
        stream.append(_commit(when, f"Revizia {revs[path]} pentru {path}{trailer}",
                              [(path, text.encode())]))
    data = b"".join(stream)
    subprocess.run(["git", "-C", str(out), "fast-import", "--quiet"], input=data, check=True)
    subprocess.run(["git", "-C", str(out), "checkout", "-q", "-f", "main"], check=True)


def _commit(when: int, message: str, files: list[tuple[str, bytes]]) -> bytes:
    msg = message.encode()
    out = [b"commit refs/heads/main\n",
           f"author Bench <bench@example.ro> {when} +0000\n".encode(),
           f"committer Bench <bench@example.ro> {when} +0000\n".encode(),
           f"data {len(msg)}\n".encode(), msg, b"\n"]
    for path, data in files:
        out += [f"M 100644 inline {path}\n".encode(), f"data {len(data)}\n".encode(), data,
                b"\n"]
    return b"".join(out) + b"\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=100, help="generated procedures (default 100)")
    ap.add_argument("--commits", type=int, default=0, help="git history length (default none)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    t = time.perf_counter()
    paths = generate(a.out, a.docs, a.seed)
    if a.commits:
        history(a.out, paths, a.commits, a.seed)
    print(f"{a.out}: {a.docs} procedures, {a.commits} commits in {time.perf_counter() - t:.1f}s")


if __name__ == "__main__":
    main()
