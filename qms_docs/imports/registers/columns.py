"""Column tables of the registers: which usual (Romanian) header goes to which field.

One table per register, one line per field: a new header wording is one more alias. The risk
register's table is the one to adapt when risks.yml changes format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    field: str
    aliases: tuple[str, ...]      # header keys (text.key): equal, or the header starts with it
    convert: str = "text"         # text | int | score | date | list | process | role | ...
    required: bool = False


@dataclass(frozen=True)
class Register:
    name: str                     # risks | processes | responsibilities
    file: str                     # content-relative YAML file
    key: str                      # its top-level list key
    id_prefix: str                # R- / P- / A-
    columns: tuple[Column, ...]
    matrix: bool = False          # other columns are job functions (R / A / C / I)
    post: Callable[[dict], dict] | None = None


RISKS = Register("risks", "risks.yml", "risks", "R-", (
    Column("id", ("cod risc", "id risc", "id", "cod", "nr crt", "nr", "numar"), "id"),
    Column("process", ("proces", "procesul", "activitatea procedurala", "activitate",
                       "obiectiv activitate", "obiectivul"), "process", True),
    Column("type", ("tip", "risc oportunitate"), "risk_type"),
    Column("description", ("risc", "riscul", "descrierea riscului", "riscul identificat",
                           "denumire risc", "descriere"), "text", True),
    Column("cause", ("cauze", "cauza", "cauzele"), "text"),
    Column("consequence", ("consecinte", "consecinta", "efecte", "efect", "impactul asupra"),
           "text"),
    Column("probability", ("probabilitate", "probabilitatea", "p"), "score", True),
    Column("impact", ("impact", "impactul", "i"), "score", True),
    Column("strategy", ("strategie", "strategia", "raspuns", "strategia adoptata"), "strategy"),
    Column("treatment", ("masuri", "masuri de control", "tratare", "tratarea", "actiuni",
                         "masuri de tratare", "plan de tratare"), "text", True),
    Column("owner", ("responsabil", "proprietar", "responsabilul", "proprietarul riscului"),
           "role", True),
    Column("review_date", ("termen", "data revizuirii", "data ultimei revizuiri", "revizuire",
                           "data reanalizarii", "termen de revizuire"), "date", True),
))

PROCESSES = Register("processes", "processes.yml", "processes", "P-", (
    Column("id", ("cod proces", "cod", "id", "nr crt", "nr"), "id"),
    Column("name", ("denumirea procesului", "denumire", "proces", "procesul", "denumire proces"),
           "text", True),
    Column("type", ("tip", "tipul procesului", "categorie", "tip proces"), "process_type", True),
    Column("owner", ("proprietar", "responsabil", "proprietarul procesului",
                     "responsabil de proces"), "role", True),
    Column("department", ("compartiment", "structura", "departament"), "department"),
    Column("purpose", ("scop", "scopul"), "text"),
    Column("inputs", ("intrari", "date de intrare"), "list"),
    Column("outputs", ("iesiri", "date de iesire", "rezultate"), "list"),
    Column("customers", ("beneficiari", "clienti"), "list"),
    Column("indicators", ("indicatori", "indicatori de performanta"), "indicators"),
    Column("clauses", ("clauze iso", "clauze", "cerinte iso", "cerinte iso 9001"), "clauses"),
))

RESPONSIBILITIES = Register("responsibilities", "responsibilities.yml", "activities", "A-", (
    Column("id", ("cod", "id", "nr crt", "nr"), "id"),
    Column("activity", ("activitatea", "activitate", "activitati", "activitatea smc"), "text",
           True),
    Column("document", ("document", "procedura", "documentul"), "code"),
    Column("clauses", ("clauze iso", "clauze", "cerinta iso", "cerinte"), "clauses"),
), matrix=True)

REGISTERS = {r.name: r for r in (RISKS, PROCESSES, RESPONSIBILITIES)}

# cell values of the matrix and of enumerations, as keys
RACI = {"r": "R", "a": "A", "c": "C", "i": "I"}
RISK_TYPES = {"risc": "risk", "risk": "risk", "oportunitate": "opportunity",
              "opportunity": "opportunity"}
STRATEGIES = {"acceptare": "acceptare", "acceptarea": "acceptare", "tolerare": "acceptare",
              "tratare": "tratare", "tratarea": "tratare", "reducere": "tratare",
              "evitare": "evitare", "evitarea": "evitare", "terminare": "evitare",
              "transfer": "transfer", "transferare": "transfer", "externalizare": "transfer"}
PROCESS_TYPES = {"management": "management", "de management": "management",
                 "operational": "core", "de baza": "core", "principal": "core", "core": "core",
                 "suport": "support", "de suport": "support", "sprijin": "support",
                 "support": "support"}
