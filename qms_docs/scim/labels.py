"""UI strings of the SCIM pages and PDFs, in Romanian (default) and English."""

from __future__ import annotations

_RO = {
    "index": "Sistemul de control intern managerial (OSGG 600/2018)",
    "intro": "Documentele sistemului de control intern managerial al entității, ținute în același "
             "depozit cu sistemul de management al calității: o procedură este și procedură "
             "documentată a standardului 9, un risc ISO este un rând al registrului riscurilor.",
    "latest": "Ultima autoevaluare", "grade": "Gradul de conformitate",
    "implemented_of": "{n} din {total} standarde implementate",
    "commission": "Comisia de monitorizare", "decisions": "Dispozițiile primarului privind SCIM",
    "decisions_short": "Dispozițiile conducătorului entității",
    "year": "Anul {year}", "programme": "Programul de dezvoltare a SCIM pe anul {year}",
    "meetings": "Ședințele Comisiei de monitorizare în {year}",
    "meetings_all": "Ședințele comisiei",
    "questionnaires": "Chestionarele de autoevaluare la 31.12.{year}",
    "questionnaire": "Chestionar de autoevaluare a stadiului de implementare a standardelor de "
                     "control intern managerial la 31.12.{year}",
    "synthesis": "Situația sintetică a rezultatelor autoevaluării la 31.12.{year}",
    "by_department": "Stadiul implementării standardelor pe compartimente la 31.12.{year}",
    "report": "Raport asupra sistemului de control intern managerial la data de 31 decembrie "
              "{year}",
    "risk_report": "Raportul anual privind desfășurarea procesului de gestionare a riscurilor "
                   "în {year}",
    "register": "Registrul riscurilor", "register_entity": "Registrul riscurilor al entității",
    "register_dept": "Registrul riscurilor: {dept}", "registers_dept": "Pe compartimente",
    "plan": "Planul de implementare a măsurilor de control",
    "opportunities": "Registrul oportunităților",
    "activities": "Lista activităților procedurale", "procedures": "Registrul procedurilor",
    "sensitive": "Lista funcțiilor sensibile",
    "entity": "Entitatea publică", "department": "Compartimentul", "departments": "Compartimente",
    "no": "Nr. crt.", "id": "Cod", "date": "Data", "number": "Numărul", "subject": "Obiectul",
    "title": "Titlul", "signed_by": "Semnată de", "appoints": "Persoane desemnate",
    "supersedes": "Înlocuiește", "as": "Calitatea", "name": "Numele și prenumele",
    "function": "Funcția", "president": "Președinte", "secretary": "Secretariatul tehnic",
    "member": "Membru", "composition": "Componența din {date}, stabilită prin Dispoziția {label}",
    "rules": "Regulamentul de organizare și funcționare",
    "rules_approved": "Aprobat la {date} de {name}, președintele comisiei.",
    "quorum": "Cvorum: mai mult de {share} din membri (președintele inclus).",
    "appointments": "Numiri în funcții (people.yml)", "from": "De la", "tenure_role": "Funcția",
    "meeting": "Ședința din {date} ({id})", "attendees": "Membri prezenți", "guests": "Invitați",
    "agenda": "Ordinea de zi", "minutes": "Proces-verbal", "hcm": "Hotărârile comisiei",
    "decision": "Hotărârea", "approves_col": "Aprobă", "none": "–", "present": "{n} din {of}",
    "approved_by_head": "Aprobat: {name}, {function}, {date}.",
    "endorsed": "Avizat de Comisia de monitorizare: {refs}.",
    "not_endorsed": "Neavizat de Comisia de monitorizare.",
    "standard": "Standardul", "standards": "Standarde", "objective": "Obiectivul",
    "action": "Acțiunea", "owner": "Responsabil", "deadline": "Termen", "status": "Stadiul",
    "followup": "Realizare (urmărirea programului)", "training": "Acțiuni de pregătire "
    "profesională", "progress": "Stadiul realizării programului", "count": "Număr",
    "done_share": "{done} din {total} acțiuni realizate ({pct}%).",
    "objectives_actions": "Obiective și acțiuni",
    "activity": "Obiective / activități", "risk": "Riscul", "causes": "Cauzele care "
    "favorizează apariția riscului", "inherent": "Risc inerent", "residual": "Risc rezidual",
    "p": "P", "i": "I", "e": "E", "strategy": "Strategia adoptată",
    "inherent_short": "inerent", "residual_short": "rez.",
    "heat_alt": "Harta riscurilor: riscul inerent și riscul rezidual (probabilitate × impact)",
    "columns_note": "Coloanele 5-7: riscul inerent; coloanele 12-14: riscul rezidual, după "
                    "măsurile de control.",
    "measures": "Măsuri de control (responsabil, termen)", "risk_owner": "Responsabil risc",
    "last_review": "Data ultimei revizuiri", "observations": "Observații",
    "exposure": "Expunere", "measure": "Măsura de control", "result": "Realizare",
    "heat_inherent": "Harta riscurilor: risc inerent (probabilitate × impact)",
    "heat_residual": "Harta riscurilor: risc rezidual (după măsurile de control)",
    "heat_alt_inherent": "Harta riscului inerent", "heat_alt_residual": "Harta riscului rezidual",
    "scale": "Probabilitatea (P) și impactul (I) pe scala 1-5; expunerea E = P × I; praguri de "
             "toleranță: 1-6 scăzut, 8-12 mediu, 15-25 ridicat (PS-06).",
    "iso_row": "Rând al registrului ISO", "process": "Procesul",
    "opportunity": "Oportunitatea", "benefit": "Beneficiul", "cause": "Sursa",
    "treatment": "Acțiuni de valorificare", "review": "Următoarea analiză",
    "opp_note": "Oportunitățile (ISO 9001 6.1) sunt ținute separat de registrul riscurilor în "
                "formatul OSGG 600/2018.",
    "procedure": "Procedura", "coverage": "Acoperire",
    "procedural_activity": "Activitatea procedurală", "covered": "acoperită",
    "uncovered": "fără procedură", "planned": "planificată până la {date}",
    "edition": "Ediția", "revision": "Revizia", "effective": "În vigoare din", "kind": "Tipul",
    "ps": "PS", "po": "PO", "osgg": "Standarde OSGG", "activities_col": "Activități procedurale",
    "holders": "Titulari (de la)", "rotation": "Plan de rotație", "next": "următoarea rotație",
    "double_control": "Dublu control", "other": "Alte măsuri", "risks_col": "Riscuri",
    "head": "Conducătorul compartimentului", "completed": "Data completării",
    "criteria": "Criterii generale de evaluare a stadiului implementării standardului",
    "answer": "Răspuns", "explanation": "Explicație asociată răspunsului",
    "dept_state": "La nivelul compartimentului standardul este",
    "not_applicable": "neaplicabil", "answers": {"da": "Da", "nu": "Nu", "parțial": "Parțial"},
    "approved_block": "**Aprobat,** președintele Comisiei de monitorizare: {name}, {function}; "
                      "data: {date}; semnătura: ……………",
    "elaborated_block": "**Elaborat:** secretariatul Comisiei de monitorizare: {names}.",
    "std_name": "Denumirea standardului",
    "applicable_col": "Numărul compartimentelor în care standardul este aplicabil",
    "col_i": "I", "col_pi": "PI", "col_ni": "NI",
    "entity_state": "La nivelul entității publice standardul este",
    "columns_i": "Coloanele 3-5: din numărul compartimentelor în care se aplică, cele în care "
                 "standardul este implementat (I), parțial implementat (PI), neimplementat (NI).",
    "total_depts": "Total număr compartimente = {n}",
    "grade_line": "Gradul de conformitate a sistemului de control intern managerial cu "
                  "standardele: **{grade}** ({n} din {total} standarde implementate).",
    "to_adopt": "Măsuri de adoptat", "rules_note": "La nivelul entității un standard este "
    "implementat (I) dacă este implementat în toate compartimentele în care se aplică, "
    "neimplementat (NI) dacă nu este implementat în niciunul, parțial implementat (PI) în "
    "celelalte situații. Sistemul este conform cu 16 standarde implementate, parțial conform "
    "cu 13-15, neconform cu mai puține.",
    "legend": "I = implementat, PI = parțial implementat, NI = neimplementat, – = neaplicabil.",
    "report_no": "Nr. {number} din {date}",
    "report_body": (
        "În temeiul prevederilor art. 4 alin. (3) din Ordonanța Guvernului nr. 119/1999 privind "
        "controlul intern/managerial și controlul financiar preventiv, republicată, cu "
        "modificările și completările ulterioare, subsemnatul {name}, în calitate de {function} "
        "al {entity}, declar că {entity} dispune de un sistem de control intern managerial ale "
        "cărui concepere și aplicare permit conducerii să furnizeze o asigurare rezonabilă că "
        "fondurile publice gestionate în scopul îndeplinirii obiectivelor generale și specifice "
        "au fost utilizate în condiții de legalitate, regularitate, eficacitate, eficiență și "
        "economicitate.",
        "Această declarație se întemeiază pe o apreciere realistă, corectă, completă și demnă "
        "de încredere asupra sistemului de control intern managerial al entității, formulată în "
        "baza autoevaluării acestuia.",
        "Sistemul de control intern managerial cuprinde mecanisme de autocontrol, iar aplicarea "
        "măsurilor vizând creșterea eficacității acestuia are la bază evaluarea riscurilor.",
        "În acest context, menționez că sistemul de control intern managerial al entității este "
        "**{grade}** cu standardele cuprinse în Codul controlului intern managerial al "
        "entităților publice ({n} din {total} standarde implementate).",
        "Precizez că declarațiile cuprinse în prezentul raport sunt formulate prin asumarea "
        "responsabilității manageriale și au la bază datele, informațiile și constatările "
        "consemnate în documentația aferentă autoevaluării sistemului de control intern "
        "managerial, deținută la nivelul entității.",
    ),
    "partial_standards": "Standarde implementate parțial sau neimplementate",
    "signature": "{function}, {name} — semnătura ……………",
    "team": "Echipa de gestionare a riscurilor ({label})",
    "summary": "Desfășurarea procesului", "figures": "Riscurile din registru",
    "figures_note": "Cifrele provin din registrul riscurilor în vigoare la {date}.",
    "level": "Nivel", "level_low": "scăzut", "level_medium": "mediu", "level_high": "ridicat",
    "significant": "Riscuri semnificative (expunere de cel puțin 8)",
    "measures_status": "Stadiul măsurilor de control", "conclusions": "Concluzii și măsuri",
    "elaborated_by": "Întocmit", "approved_by": "Aprobat",
    "procedure_of": "**OSGG 600/2018:** procedură documentată (standardul 9 – Proceduri); "
                    "activități procedurale: {acts}.",
    "iso_risks": "Registrul riscurilor în formatul OSGG 600/2018: {links}.",
    "state_I": "I", "state_PI": "PI", "state_NI": "NI",
    "quest_status": "Stadiul chestionarelor", "states": "Stările standardelor",
    "status_values": {"planned": "planificată", "in-progress": "în curs", "done": "realizată",
                      "postponed": "amânată", "cancelled": "anulată"},
    "approves": {"programme": "programul de dezvoltare", "risk-register": "registrul riscurilor",
                 "procedural-activities": "lista activităților procedurale",
                 "sensitive-functions": "lista funcțiilor sensibile",
                 "self-assessment": "situația sintetică a autoevaluării",
                 "risk-report": "raportul privind gestionarea riscurilor",
                 "rules": "regulamentul comisiei"},
    "subjects": {"comisie-monitorizare": "Comisia de monitorizare",
                 "secretariat-tehnic": "secretariatul tehnic", "rmc": "responsabilul cu "
                 "managementul calității", "echipa-riscuri": "Echipa de gestionare a riscurilor",
                 "auditori-interni": "auditorii interni", "consilier-etica": "consilierul de "
                 "etică", "numire": "numire în funcție", "altele": "altele"},
}

_EN = {
    "index": "Internal managerial control system (OSGG 600/2018)",
    "intro": "The documents of the entity's internal managerial control system, kept in the same "
             "repository as the quality management system: a procedure is also a standard-9 "
             "documented procedure, an ISO risk is a row of the risk register.",
    "latest": "Latest self-assessment", "grade": "Grade of conformity",
    "implemented_of": "{n} of {total} standards implemented",
    "commission": "Monitoring commission", "decisions": "Decisions of the head of the entity",
    "decisions_short": "Decisions of the head of the entity",
    "year": "Year {year}", "programme": "SCIM development programme {year}",
    "meetings": "Meetings of the monitoring commission in {year}",
    "meetings_all": "Meetings of the commission",
    "strategies": {"acceptare": "accept (tolerate) the risk", "tratare": "treat (reduce) the risk",
                   "transfer": "transfer the risk", "evitare": "avoid (terminate) the risk"},
    "questionnaires": "Self-assessment questionnaires at 31.12.{year}",
    "questionnaire": "Self-assessment questionnaire on the implementation of the internal "
                     "managerial control standards at 31.12.{year}",
    "synthesis": "Synthetic situation of the self-assessment at 31.12.{year}",
    "by_department": "Implementation of the standards by department at 31.12.{year}",
    "report": "Report on the internal managerial control system at 31 December {year}",
    "risk_report": "Annual report on risk management in {year}",
    "register": "Risk register", "register_entity": "Risk register of the entity",
    "register_dept": "Risk register: {dept}", "registers_dept": "By department",
    "plan": "Plan of control measures", "opportunities": "Register of opportunities",
    "activities": "List of procedural activities", "procedures": "Register of procedures",
    "sensitive": "List of sensitive functions",
    "entity": "Public entity", "department": "Department", "departments": "Departments",
    "no": "No.", "id": "Id", "date": "Date", "number": "Number", "subject": "Subject",
    "title": "Title", "signed_by": "Signed by", "appoints": "People appointed",
    "supersedes": "Replaces", "as": "As", "name": "Name", "function": "Function",
    "president": "President", "secretary": "Technical secretariat", "member": "Member",
    "composition": "Composition from {date}, set by decision {label}",
    "rules": "Rules of operation", "rules_approved": "Approved on {date} by {name}, president.",
    "quorum": "Quorum: more than {share} of the members (president included).",
    "appointments": "Appointments (people.yml)", "from": "From", "tenure_role": "Function",
    "meeting": "Meeting of {date} ({id})", "attendees": "Members present", "guests": "Guests",
    "agenda": "Agenda", "minutes": "Minutes", "hcm": "Decisions of the commission",
    "decision": "Decision", "approves_col": "Approves", "none": "–", "present": "{n} of {of}",
    "approved_by_head": "Approved: {name}, {function}, {date}.",
    "endorsed": "Endorsed by the monitoring commission: {refs}.",
    "not_endorsed": "Not endorsed by the monitoring commission.",
    "standard": "Standard", "standards": "Standards", "objective": "Objective",
    "action": "Action", "owner": "Owner", "deadline": "Deadline", "status": "Status",
    "followup": "Done (follow-up)", "training": "Professional training actions",
    "progress": "Progress of the programme", "count": "Count",
    "done_share": "{done} of {total} actions done ({pct}%).",
    "objectives_actions": "Objectives and actions",
    "activity": "Objectives / activities", "risk": "Risk",
    "causes": "Causes that favour the risk", "inherent": "Inherent risk",
    "residual": "Residual risk", "p": "P", "i": "I", "e": "E", "strategy": "Strategy",
    "inherent_short": "inherent", "residual_short": "res.",
    "heat_alt": "Risk heat map: inherent and residual risk (probability × impact)",
    "columns_note": "Columns 5-7: inherent risk; columns 12-14: residual risk, after the "
                    "control measures.",
    "measures": "Control measures (owner, deadline)", "risk_owner": "Risk owner",
    "last_review": "Last review", "observations": "Observations", "exposure": "Exposure",
    "measure": "Control measure", "result": "Done",
    "heat_inherent": "Risk heat map: inherent risk (probability × impact)",
    "heat_residual": "Risk heat map: residual risk (after the control measures)",
    "heat_alt_inherent": "Inherent risk heat map", "heat_alt_residual": "Residual risk heat map",
    "scale": "Probability (P) and impact (I) on a 1-5 scale; exposure E = P × I; tolerance "
             "thresholds: 1-6 low, 8-12 medium, 15-25 high (PS-06).",
    "iso_row": "ISO register row", "process": "Process",
    "opportunity": "Opportunity", "benefit": "Benefit", "cause": "Source",
    "treatment": "Actions to take it", "review": "Next review",
    "opp_note": "Opportunities (ISO 9001 6.1) are kept apart from the OSGG 600/2018 risk "
                "register.",
    "procedure": "Procedure", "coverage": "Coverage",
    "procedural_activity": "Procedural activity", "covered": "covered",
    "uncovered": "no procedure", "planned": "planned by {date}",
    "edition": "Edition", "revision": "Revision", "effective": "In force from", "kind": "Kind",
    "ps": "PS", "po": "PO", "osgg": "OSGG standards", "activities_col": "Procedural activities",
    "holders": "Holders (since)", "rotation": "Rotation plan", "next": "next rotation",
    "double_control": "Double control", "other": "Other measures", "risks_col": "Risks",
    "head": "Head of the department", "completed": "Completed on",
    "criteria": "General criteria for assessing the implementation of the standard",
    "answer": "Answer", "explanation": "Explanation of the answer",
    "dept_state": "At department level the standard is",
    "not_applicable": "not applicable", "answers": {"da": "Yes", "nu": "No",
                                                    "parțial": "Partly"},
    "approved_block": "**Approved,** president of the monitoring commission: {name}, "
                      "{function}; date: {date}; signature: ……………",
    "elaborated_block": "**Drawn up by:** the secretariat of the monitoring commission: {names}.",
    "std_name": "Standard",
    "applicable_col": "Departments where the standard applies",
    "col_i": "I", "col_pi": "PI", "col_ni": "NI",
    "entity_state": "At entity level the standard is",
    "columns_i": "Columns 3-5: of the departments where it applies, those where the standard is "
                 "implemented (I), partially implemented (PI), not implemented (NI).",
    "total_depts": "Total departments = {n}",
    "grade_line": "Grade of conformity of the internal managerial control system with the "
                  "standards: **{grade}** ({n} of {total} standards implemented).",
    "to_adopt": "Measures to adopt", "rules_note": "At entity level a standard is implemented "
    "(I) when every department where it applies implements it, not implemented (NI) when none "
    "does, partially implemented (PI) otherwise. The system is conform with 16 standards "
    "implemented, partially conform with 13-15, non-conform with fewer.",
    "legend": "I = implemented, PI = partially implemented, NI = not implemented, – = not "
              "applicable.",
    "report_no": "No. {number} of {date}",
    "report_body": (
        "Under art. 4 (3) of Government Ordinance no. 119/1999 on internal/managerial control "
        "and preventive financial control, republished, as amended, I, {name}, as {function} of "
        "{entity}, declare that {entity} has an internal managerial control system whose design "
        "and application allow the management to give reasonable assurance that the public "
        "funds managed to meet the general and specific objectives were used lawfully, "
        "regularly, effectively, efficiently and economically.",
        "This statement rests on a realistic, correct, complete and reliable assessment of the "
        "entity's internal managerial control system, made in its self-assessment.",
        "The internal managerial control system includes self-control mechanisms, and the "
        "measures to increase its effectiveness rest on the assessment of risks.",
        "In this context, I state that the entity's internal managerial control system is "
        "**{grade}** with the standards of the Code of internal managerial control of public "
        "entities ({n} of {total} standards implemented).",
        "The statements in this report are made under managerial responsibility and rest on the "
        "data, information and findings recorded in the self-assessment documentation kept by "
        "the entity.",
    ),
    "partial_standards": "Standards partially or not implemented",
    "signature": "{function}, {name} — signature ……………",
    "team": "Risk management team ({label})",
    "summary": "How the process ran", "figures": "Risks in the register",
    "figures_note": "Figures from the risk register in force on {date}.",
    "level": "Level", "level_low": "low", "level_medium": "medium", "level_high": "high",
    "significant": "Significant risks (exposure of 8 or more)",
    "measures_status": "Control measures by status", "conclusions": "Conclusions and measures",
    "elaborated_by": "Drawn up by", "approved_by": "Approved by",
    "procedure_of": "**OSGG 600/2018:** documented procedure (standard 9 – Procedures); "
                    "procedural activities: {acts}.",
    "iso_risks": "The risk register in the OSGG 600/2018 format: {links}.",
    "state_I": "I", "state_PI": "PI", "state_NI": "NI",
    "quest_status": "Questionnaires", "states": "States of the standards",
    "status_values": {"planned": "planned", "in-progress": "in progress", "done": "done",
                      "postponed": "postponed", "cancelled": "cancelled"},
    "approves": {"programme": "development programme", "risk-register": "risk register",
                 "procedural-activities": "list of procedural activities",
                 "sensitive-functions": "list of sensitive functions",
                 "self-assessment": "synthetic situation of the self-assessment",
                 "risk-report": "report on risk management", "rules": "rules of the commission"},
    "subjects": {"comisie-monitorizare": "monitoring commission",
                 "secretariat-tehnic": "technical secretariat", "rmc": "quality manager",
                 "echipa-riscuri": "risk management team", "auditori-interni": "internal "
                 "auditors", "consilier-etica": "ethics counsellor", "numire": "appointment",
                 "altele": "other"},
}


def labels(lang: str) -> dict:
    return _EN if lang == "en" else _RO
