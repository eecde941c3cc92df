"""Every UI string of the site, in Romanian (default) and English, in one place."""

from __future__ import annotations

_RO: dict[str, str] = {
    "home": "Acasă", "manual": "Manualul calității", "chapters": "Capitolele manualului",
    "processes": "Procese", "process_list": "Lista proceselor", "process_map": "Harta proceselor",
    "documents": "Documente", "register": "Lista documentelor în vigoare",
    "system-procedure": "Proceduri de sistem", "operational-procedure": "Proceduri operaționale",
    "work-instruction": "Instrucțiuni de lucru", "form": "Formulare",
    "kind.manual": "manual", "kind.system-procedure": "procedură de sistem",
    "kind.operational-procedure": "procedură operațională",
    "kind.work-instruction": "instrucțiune de lucru", "kind.form": "formular",
    "smc": "Sistemul de management", "context": "Contextul organizației",
    "parties": "Părțile interesate", "raci": "Responsabilități în domeniul SMC",
    "risks": "Registrul riscurilor", "objectives": "Obiectivele calității",
    "records": "Lista înregistrărilor", "clauses": "Matricea cerințelor ISO 9001",
    "glossary": "Glosar", "other": "Alte pagini",
    # home
    "authority": "Autoritatea", "address": "Adresa", "scope": "Domeniul de aplicare al SMC",
    "sites": "Locații", "exclusions": "Cerințe neaplicabile", "clause": "Cerința",
    "justification": "Justificare", "policy": "Politica în domeniul calității",
    "policy_approved": "Aprobată la",
    "how_to_read": "Cum se citește acest manual",
    "how_to_read_text": (
        "Manualul calității descrie sistemul de management al calității (SMC) conform "
        "SR EN ISO 9001:2015 și Ordinului SGG nr. 600/2018. Procesele sunt prezentate în "
        "harta și lista proceselor; fiecare proces trimite la procedurile, riscurile, "
        "obiectivele și indicatorii săi. Procedurile au, înaintea secțiunilor, tabelele "
        "prevăzute de OSGG 600 (responsabili, ediții și revizii, difuzare). Codurile de "
        "documente (de exemplu PS-01) și de procese (de exemplu P-01) sunt legături. "
        "Căutarea găsește cuvintele scrise cu sau fără diacritice."),
    "sections": "Conținut", "in_numbers": "SMC în cifre",
    # OSGG tables
    "t1": "1. Lista responsabililor cu elaborarea, verificarea și aprobarea ediției sau, "
          "după caz, a reviziei în cadrul ediției",
    "t2": "2. Situația edițiilor și a reviziilor în cadrul edițiilor",
    "t3": "3. Lista cuprinzând persoanele la care se difuzează ediția sau, după caz, revizia "
          "din cadrul ediției",
    "operation": "Operațiunea", "operations": "Elemente privind responsabilii/operațiunea",
    "name": "Numele și prenumele", "function": "Funcția",
    "date": "Data", "signature": "Semnătura",
    "elaborated": "Elaborat", "verified": "Verificat", "endorsed": "Avizat", "approved": "Aprobat",
    "edition_revision": "Ediția / revizia", "component": "Componenta revizuită",
    "how_revised": "Modalitatea reviziei", "applies_from": "Data de la care se aplică",
    "purpose": "Scopul difuzării", "copy": "Exemplar nr.", "department": "Compartiment",
    "received": "Data primirii", "nr": "Nr. crt.", "copy_no": "Ex. nr.",
    "copies": "Nr. exemplare", "toc": "Cuprins",
    "form_changes": "Formular de evidență a modificărilor",
    "form_analysis": "Formular de analiză a procedurii",
    "form_distribution": "Formular de distribuire/difuzare",
    "change": "Descrierea modificării",
    "head_signature": "Semnătura conducătorului compartimentului",
    "consulted": "Compartimentul consultat", "name_function": "Numele și prenumele, funcția",
    "opinion": "Aviz", "observations": "Observații", "accepted": "Acceptat",
    "yes": "da", "no": "nu", "opinion.favorabil": "favorabil",
    "opinion.nefavorabil": "nefavorabil", "withdrawn": "Data retragerii ex. înlocuit",
    "analysis_none": "Nu au fost consultate alte compartimente pentru această ediție sau revizie.",
    "edition": "Ediția", "revision": "Revizia", "effective": "În vigoare de la",
    "process": "Proces", "parent": "Document părinte", "code": "Cod", "title": "Titlu",
    "kind": "Tip", "owner": "Responsabil", "status": "Stare",
    "status.in_force": "în vigoare", "status.pending": "aprobat, intră în vigoare",
    "forms_of": "Formulare", "records_of": "Înregistrări", "iso": "Cerințe ISO 9001",
    "osgg": "Standarde OSGG 600", "children": "Documente subordonate",
    "status.unapproved": "neaprobat", "status.in_approval": "în curs de aprobare",
    "status.retired": "retras",
    "not_yet": "Nu este încă în vigoare", "not_yet_body": "Această versiune intră în vigoare "
    "la {d}. Până atunci se aplică versiunea anterioară: {link}.",
    "not_yet_none": "Această versiune intră în vigoare la {d}; până atunci documentul nu se "
                    "aplică.",
    # processes
    "type": "Tip", "type.management": "Procese de management", "type.core": "Procese operaționale",
    "type.support": "Procese-suport", "purpose_p": "Scopul procesului", "inputs": "Intrări",
    "outputs": "Ieșiri", "customers": "Beneficiari", "indicators": "Indicatori",
    "indicator": "Indicator", "target": "Țintă", "frequency": "Frecvență",
    "feeds": "Furnizează ieșiri către", "fed_by": "Primește intrări de la",
    "procedures": "Proceduri și documente", "holder": "Titular", "map_title":
    "Harta proceselor: procese de management, operaționale și suport și interacțiunile lor",
    "map_help": "Fiecare casetă este o legătură către pagina procesului; săgețile arată "
                "ce procese primesc ieșirile fiecărui proces.",
    "none": "–",
    # registers
    "internal": "intern", "external": "extern", "category": "Categorie",
    "cat.strength": "punct tare", "cat.weakness": "punct slab", "cat.opportunity": "oportunitate",
    "cat.threat": "amenințare", "cat.political": "politic", "cat.economic": "economic",
    "cat.social": "social", "cat.technological": "tehnologic", "cat.legal": "legal",
    "cat.environmental": "de mediu",
    "description": "Descriere", "risks_short": "Riscuri",
    "needs": "Nevoi", "expectations": "Așteptări", "monitoring": "Monitorizare",
    "activity": "Activitate", "document": "Document", "level.conducere": "Conducere",
    "level.execuție": "Execuție",
    "raci_legend": "R = realizează; A = aprobă și răspunde; C = consultat; I = informat",
    "risk": "Risc", "p": "P", "i": "I", "score": "Scor", "strategy": "Strategie",
    "treatment": "Tratament", "review": "Revizuire", "cause": "Cauză",
    "consequence": "Consecință", "opportunity": "oportunitate",
    "heatmap": "Harta riscurilor: risc inerent (probabilitate × impact)",
    "heatmap_residual": "Harta riscurilor: risc rezidual (după măsurile de control)",
    "residual": "Rezidual",
    "probability": "Probabilitate", "impact": "Impact",
    "level.low": "scăzut", "level.medium": "mediu", "level.high": "ridicat",
    "objective": "Obiectiv", "deadline": "Termen", "resources": "Resurse",
    "result": "Rezultat", "record": "Înregistrare", "produced_by": "Produsă de",
    "kept_by": "Păstrată de", "location": "Loc de păstrare", "retention": "Termen de păstrare",
    "doc_info": "Informații documentate", "addressed_by": "Unde este tratată",
    "excluded": "exclusă", "not_addressed": "netratată", "term": "Termen",
    "definition": "Definiție", "source": "Sursa", "chapter": "Capitolul",
    "outdated": "Versiune învechită: înlocuită de {latest}",
    "working": "Versiune de lucru (nepublicată): poate cuprinde modificări încă neaprobate. "
               "Pentru audit folosiți o versiune publicată.",
    "maintenance": "Versiune de mentenanță a unei ediții anterioare a documentelor; "
                   "versiunea curentă este {latest}",
    "maintenance_label": "mentenanță",
    "search": "Căutare",
    "demo": "DEMO: aprobări semnate cu chei demonstrative, fără valoare juridică",
    "history": "Istoricul documentului (ediții, revizii, aprobări)",
    "clauses_note": "M = informație documentată menținută (document); R = informație "
                    "documentată păstrată (înregistrare); litera este punctul din cerință.",
    "untitled": "subclauză fără titlu",
}

_EN: dict[str, str] = {
    "home": "Home", "manual": "Quality manual", "chapters": "Chapters of the manual",
    "processes": "Processes", "process_list": "Process list", "process_map": "Process map",
    "documents": "Documents", "register": "Register of documents in force",
    "system-procedure": "System procedures", "operational-procedure": "Operational procedures",
    "work-instruction": "Work instructions", "form": "Forms",
    "kind.manual": "manual", "kind.system-procedure": "system procedure",
    "kind.operational-procedure": "operational procedure",
    "kind.work-instruction": "work instruction", "kind.form": "form",
    "smc": "Management system", "context": "Context of the organisation",
    "parties": "Interested parties", "raci": "QMS responsibility matrix",
    "risks": "Risk register", "objectives": "Quality objectives",
    "records": "Record types", "clauses": "ISO 9001 clause matrix",
    "glossary": "Glossary", "other": "Other pages",
    "authority": "Authority", "address": "Address", "scope": "Scope of the QMS",
    "sites": "Sites", "exclusions": "Requirements not applicable", "clause": "Clause",
    "justification": "Justification", "policy": "Quality policy",
    "policy_approved": "Approved on",
    "how_to_read": "How to read this manual",
    "how_to_read_text": (
        "The quality manual describes the quality management system (QMS) under "
        "ISO 9001:2015 and the OSGG 600/2018 internal control code. Processes are shown in "
        "the process map and process list; each process links to its procedures, risks, "
        "objectives and indicators. Procedures start with the OSGG 600 tables "
        "(responsibles, editions and revisions, distribution). Document codes (e.g. PS-01) "
        "and process ids (e.g. P-01) are links. Search finds Romanian words typed with or "
        "without diacritics."),
    "sections": "Contents", "in_numbers": "The QMS in numbers",
    "t1": "1. Responsibles for elaboration, verification and approval",
    "t2": "2. Editions and revisions", "t3": "3. Distribution list",
    "operation": "Operation", "operations": "Responsibles / operation", "name": "Name",
    "function": "Job function", "date": "Date",
    "signature": "Signature", "elaborated": "Elaborated", "verified": "Verified",
    "endorsed": "Endorsed", "approved": "Approved", "edition_revision": "Edition / revision",
    "component": "Revised component", "how_revised": "How revised",
    "applies_from": "Applies from", "purpose": "Purpose", "copy": "Copy no.",
    "department": "Department", "received": "Date received", "nr": "No.",
    "copy_no": "Copy", "copies": "Copies", "toc": "Contents",
    "form_changes": "Record of changes",
    "form_analysis": "Review of the procedure by the departments consulted",
    "form_distribution": "Distribution form", "change": "Description of the change",
    "head_signature": "Signature of the head of department",
    "consulted": "Department consulted", "name_function": "Name, job function",
    "opinion": "Opinion", "observations": "Observations", "accepted": "Accepted",
    "yes": "yes", "no": "no", "opinion.favorabil": "favourable",
    "opinion.nefavorabil": "unfavourable", "withdrawn": "Superseded copy withdrawn",
    "analysis_none": "No other department was consulted on this edition or revision.",
    "edition": "Edition", "revision": "Revision", "effective": "Effective from",
    "process": "Process", "parent": "Parent document", "code": "Code", "title": "Title",
    "kind": "Kind", "owner": "Owner", "status": "Status",
    "status.in_force": "in force", "status.pending": "approved, effective from",
    "forms_of": "Forms", "records_of": "Records", "iso": "ISO 9001 clauses",
    "osgg": "OSGG 600 standards", "children": "Subordinate documents",
    "status.unapproved": "not approved", "status.in_approval": "approval in progress",
    "status.retired": "withdrawn",
    "not_yet": "Not in force yet", "not_yet_body": "This version takes effect on {d}. Until "
    "then the previous version applies: {link}.",
    "not_yet_none": "This version takes effect on {d}; until then the document does not apply.",
    "type": "Type", "type.management": "Management processes", "type.core": "Core processes",
    "type.support": "Support processes", "purpose_p": "Purpose", "inputs": "Inputs",
    "outputs": "Outputs", "customers": "Customers", "indicators": "Indicators",
    "indicator": "Indicator", "target": "Target", "frequency": "Frequency",
    "feeds": "Feeds outputs to", "fed_by": "Receives inputs from",
    "procedures": "Procedures and documents", "holder": "Holder",
    "map_title": "Process map: management, core and support processes and their interactions",
    "map_help": "Each box links to its process page; arrows show which processes receive "
                "each process's outputs.",
    "none": "–",
    "internal": "internal", "external": "external", "category": "Category",
    "cat.strength": "strength", "cat.weakness": "weakness", "cat.opportunity": "opportunity",
    "cat.threat": "threat", "cat.political": "political", "cat.economic": "economic",
    "cat.social": "social", "cat.technological": "technological", "cat.legal": "legal",
    "cat.environmental": "environmental",
    "description": "Description", "risks_short": "Risks",
    "needs": "Needs", "expectations": "Expectations", "monitoring": "Monitoring",
    "activity": "Activity", "document": "Document", "level.conducere": "Management",
    "level.execuție": "Execution",
    "raci_legend": "R = responsible; A = accountable; C = consulted; I = informed",
    "risk": "Risk", "p": "P", "i": "I", "score": "Score", "strategy": "Strategy",
    "treatment": "Treatment", "review": "Review", "cause": "Cause",
    "consequence": "Consequence", "opportunity": "opportunity",
    "heatmap": "Risk heat map: inherent risk (probability × impact)",
    "heatmap_residual": "Risk heat map: residual risk (after the control measures)",
    "residual": "Residual",
    "probability": "Probability", "impact": "Impact",
    "level.low": "low", "level.medium": "medium", "level.high": "high",
    "objective": "Objective", "deadline": "Deadline", "resources": "Resources",
    "result": "Result", "record": "Record", "produced_by": "Produced by",
    "kept_by": "Kept by", "location": "Kept at", "retention": "Retention",
    "doc_info": "Documented information", "addressed_by": "Addressed by",
    "excluded": "excluded", "not_addressed": "not addressed", "term": "Term",
    "definition": "Definition", "source": "Source", "chapter": "Chapter",
    "outdated": "Outdated version: superseded by {latest}",
    "working": "Working version (unpublished): it may contain changes not yet approved. "
               "For an audit use a published release.",
    "maintenance": "Maintenance release of an earlier line of the documents; the current "
                   "version is {latest}",
    "maintenance_label": "maintenance",
    "search": "Search",
    "demo": "DEMO: approvals signed with demonstration keys, no legal value",
    "history": "Document history (editions, revisions, approvals)",
    "clauses_note": "M = documented information maintained (a document); R = documented "
                    "information retained (a record); the letter is the item of the requirement.",
    "untitled": "untitled sub-clause",
}


def labels(lang: str) -> dict[str, str]:
    """The UI strings for a language; anything but 'en' is Romanian."""
    return _EN if lang == "en" else _RO


def theme_language(lang: str) -> str:
    return "en" if lang == "en" else "ro"
