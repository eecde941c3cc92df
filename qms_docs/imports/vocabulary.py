"""The words Romanian authorities use for the OSGG 600 parts, as matching keys (text.key):
one table per part, so a new variant is one line."""

from __future__ import annotations

# table 1 steps: front-matter step -> labels (the first word of the row)
STEPS = {
    "elaborated": ("elaborat", "elaborare", "intocmit", "redactat", "elaborator"),
    "verified": ("verificat", "verificare", "revizuit", "verificator"),
    "endorsed": ("avizat", "avizare", "vizat", "aviz"),
    "approved": ("aprobat", "aprobare", "aprob"),
}

# sections 4-10: the titles (and their usual variants), without their number
SECTIONS = {
    4: ("scopul procedurii", "scopul", "scop", "obiectul procedurii", "scopul si obiectivele",
        "obiectiv"),
    5: ("domeniul de aplicare", "domeniu de aplicare", "domeniul de aplicabilitate",
        "aria de aplicare", "domeniu de aplicabilitate", "aplicabilitate"),
    6: ("documente de referinta", "documentele de referinta", "documente de referinte",
        "referinte", "documente aplicabile", "cadrul legal", "legislatie aplicabila",
        "baza legala", "reglementari aplicabile", "acte normative"),
    7: ("definitii si abrevieri", "definitii si prescurtari", "definitiile si abrevierile",
        "definitii", "abrevieri", "terminologie", "termeni si definitii", "termeni si abrevieri",
        "glosar"),
    8: ("descrierea procedurii", "descrierea activitatii", "descrierea procesului",
        "descrierea activitatilor", "modul de lucru", "continutul procedurii",
        "desfasurarea activitatii", "procedura propriu zisa"),
    9: ("responsabilitati si raspunderi", "responsabilitati", "raspunderi",
        "responsabilitati si atributii"),
    10: ("anexe inregistrari arhivari", "anexe inregistrari si arhivari", "anexe",
         "inregistrari", "formulare", "anexe si formulare", "arhivare"),
}

# what every canonical title must contain for `qms check` (QMS307): the short OSGG title
CANONICAL = {4: "Scopul procedurii", 5: "Domeniul de aplicare", 6: "Documente de referință",
             7: "Definiții și abrevieri", 8: "Descrierea procedurii",
             9: "Responsabilități și răspunderi", 10: "Anexe, înregistrări, arhivări"}

# titles of tables 1-3 when written above them (or as the only sign of a paragraph layout)
TABLE_TITLES = {
    1: ("lista responsabililor", "lista persoanelor responsabile", "responsabili cu elaborarea",
        "elaborarea verificarea si aprobarea", "elemente privind responsabilii"),
    2: ("situatia editiilor", "situatia reviziilor", "evidenta editiilor", "editii si revizii",
        "evidenta modificarilor"),
    3: ("lista cuprinzand persoanele", "lista de difuzare", "difuzarea", "lista difuzare",
        "persoanele la care se difuzeaza", "distributia", "lista de distributie"),
}

# table 3 purposes, as the schema names them
PURPOSES = {"aplicare": "aplicare", "informare": "informare", "evidenta": "evidență",
            "arhivare": "arhivare", "alte scopuri": "alte scopuri", "altele": "alte scopuri",
            "alte": "alte scopuri", "control": "alte scopuri"}

# the three forms OSGG 600/2018 adds to every procedure (they are part of it, not annexes
# producing records)
STRUCTURAL_FORMS = {
    "formular de evidenta a modificarilor": "evidența modificărilor",
    "formular de analiza a procedurii": "analiza procedurii",
    "formular de distribuire": "distribuire / difuzare",
    "formular de difuzare": "distribuire / difuzare",
}

KINDS = {  # header wording -> kind
    "procedura operationala": "operational-procedure",
    "procedura de sistem": "system-procedure",
    "procedura generala": "system-procedure",
    "instructiune de lucru": "work-instruction",
    "instructiunea de lucru": "work-instruction",
    "formular": "form",
}
PREFIX_KIND = {"PS": "system-procedure", "PO": "operational-procedure", "IL": "work-instruction",
               "F": "form", "PG": "system-procedure", "PL": "operational-procedure"}

AUTHORITY_WORDS = ("primaria", "consiliul judetean", "consiliul local", "uat ",
                   "unitatea administrativ", "ministerul", "institutia prefectului", "judetul",
                   "municipiul", "orasul", "comuna", "sectorul", "agentia", "autoritatea")
DEPARTMENT_WORDS = ("compartiment", "serviciul", "biroul", "directia", "departament",
                    "structura", "oficiul", "sectia", "serviciu", "birou")
# words that mark a job function rather than a name (paragraph layouts of table 1)
FUNCTION_WORDS = ("inspector", "director", "sef", "primar", "viceprimar", "secretar",
                  "consilier", "referent", "responsabil", "arhitect", "manager", "membru",
                  "presedinte", "auditor", "expert", "contabil", "jurist", "coordonator",
                  "administrator", "informatician", "asistent", "specialist", "economist",
                  "casier", "arhivar", "functionar", "administratorul", "operator", "agent",
                  "politist", "medic", "inginer", "subinginer", "tehnician", "registrator")
