"""UI strings of the audit pages and the management review inputs, Romanian and English."""

from __future__ import annotations

_RO = {
    "index": "Audituri și îmbunătățire", "programme": "Programul de audit {year}",
    "report": "Raport de audit {id}", "checklist": "Lista de verificare {id}",
    "register": "Registrul neconformităților și al acțiunilor corective",
    "dashboard": "Acțiuni deschise", "training": "Instruire și conștientizare",
    "review": "Analiza efectuată de management {year}",
    "review_inputs": "Date de intrare pentru analiza efectuată de management {year}",
    "id": "Cod", "type": "Tip", "month": "Luna", "processes": "Procese", "clauses": "Cerințe",
    "auditors": "Auditori", "status": "Stadiu", "date": "Data", "time": "Ora",
    "process": "Proces", "auditor": "Auditor", "auditees": "Auditați", "clause": "Cerința",
    "title": "Titlu", "documents": "Documente", "records": "Înregistrări",
    "responsibilities": "Responsabilități", "evidence": "Dovezi", "notes": "Note",
    "general": "Date generale", "period": "Perioada", "lead": "Auditor-șef",
    "body": "Organismul de certificare", "certificate": "Certificat",
    "team": "Echipa de audit", "external": "Auditori externi", "objectives": "Obiective",
    "criteria": "Criterii de audit", "scope": "Domeniu", "plan": "Planul de audit",
    "summary": "Rezumat", "strengths": "Puncte tari", "conclusions": "Concluzii",
    "recommendations": "Recomandări", "distribution": "Difuzare",
    "results": "Rezultate pe cerințe", "count": "Număr", "findings": "Constatări",
    "description": "Descriere", "root_cause": "Cauza", "correction": "Corecție",
    "action": "Acțiune corectivă", "owner": "Responsabil", "deadline": "Termen",
    "verification": "Verificarea eficacității", "age": "Vechime (zile)",
    "ageing": "Vechimea constatărilor deschise", "bucket": "Interval", "overdue": "depășit",
    "by_process": "Pe procese", "by_deadline": "Pe termene", "open": "Deschise",
    "none": "–", "all_processes": "toate procesele", "all_clauses": "toate cerințele",
    "from_processes": "cerințele revendicate de procese", "approved": "Aprobat",
    "approved_by": "Aprobat de", "checklist_link": "Lista de verificare",
    "report_link": "Raport", "audits": "Audituri", "source": "Sursa",
    "session": "Sesiunea", "subject": "Tema", "trainer": "Formator", "hours": "Ore",
    "attendees": "Participanți", "presented": "Documente prezentate",
    "in_force": "Instruiți pe versiunea în vigoare", "version": "Versiunea în vigoare",
    "trained": "Instruiți pe versiunea în vigoare", "older": "Instruiți pe o versiune anterioară",
    "document": "Document", "effective": "eficace", "not_effective": "neeficace",
    "days": "zile", "no_deadline": "fără termen", "generated": "Generat din depozit",
    "decisions": "Decizii", "participants": "Participanți", "chair": "Președinte",
    "review_actions": "Acțiuni stabilite", "progress": "Progres", "task": "Acțiune",
    "overdue_col": "Depășite",
    "age_note": "Pentru constatările închise, vechimea este numărul de zile până la "
                "verificarea eficacității.",
}
_EN = {
    "index": "Audits and improvement", "programme": "Audit programme {year}",
    "report": "Audit report {id}", "checklist": "Checklist {id}",
    "register": "Register of nonconformities and corrective actions",
    "dashboard": "Open actions", "training": "Training and awareness",
    "review": "Management review {year}",
    "review_inputs": "Management review inputs {year}",
    "id": "Id", "type": "Type", "month": "Month", "processes": "Processes",
    "clauses": "Clauses", "auditors": "Auditors", "status": "Status", "date": "Date",
    "time": "Time", "process": "Process", "auditor": "Auditor", "auditees": "Auditees",
    "clause": "Clause", "title": "Title", "documents": "Documents", "records": "Records",
    "responsibilities": "Responsibilities", "evidence": "Evidence", "notes": "Notes",
    "general": "General information", "period": "Period", "lead": "Lead auditor",
    "body": "Certification body", "certificate": "Certificate",
    "team": "Audit team", "external": "External auditors", "objectives": "Objectives",
    "criteria": "Audit criteria", "scope": "Scope", "plan": "Audit plan",
    "summary": "Summary", "strengths": "Strengths", "conclusions": "Conclusions",
    "recommendations": "Recommendations", "distribution": "Distribution",
    "results": "Results by clause", "count": "Count", "findings": "Findings",
    "description": "Description", "root_cause": "Root cause", "correction": "Correction",
    "action": "Corrective action", "owner": "Owner", "deadline": "Deadline",
    "verification": "Verification of effectiveness", "age": "Age (days)",
    "ageing": "Ageing of open findings", "bucket": "Range", "overdue": "overdue",
    "by_process": "By process", "by_deadline": "By deadline", "open": "Open",
    "none": "–", "all_processes": "all processes", "all_clauses": "all clauses",
    "from_processes": "the clauses the processes claim", "approved": "Approved",
    "approved_by": "Approved by", "checklist_link": "Checklist",
    "report_link": "Report", "audits": "Audits", "source": "Source",
    "session": "Session", "subject": "Subject", "trainer": "Trainer", "hours": "Hours",
    "attendees": "Attendees", "presented": "Documents presented",
    "in_force": "Trained on the version in force", "version": "Version in force",
    "trained": "Trained on the version in force", "older": "Trained on an earlier version",
    "document": "Document", "effective": "effective", "not_effective": "not effective",
    "days": "days", "no_deadline": "no deadline", "generated": "Generated from the repository",
    "decisions": "Decisions", "participants": "Participants", "chair": "Chair",
    "review_actions": "Actions decided", "progress": "Progress", "task": "Action",
    "overdue_col": "Overdue",
    "age_note": "For closed findings, the age is the number of days until the verification "
                "of effectiveness.",
}

_VALUES = {
    "ro": {"internal": "audit intern", "diagnostic": "audit de diagnostic",
           "certification": "audit de certificare", "surveillance": "audit de supraveghere",
           "planned": "planificat", "in-progress": "în curs", "completed": "finalizat",
           "conform": "conform", "observatie": "observație",
           "neconformitate-minora": "neconformitate minoră",
           "neconformitate-majora": "neconformitate majoră", "nu-se-aplica": "nu se aplică",
           "": "neevaluat", "open": "deschisă", "implemented": "implementată",
           "closed": "închisă", "done": "realizată", "cancelled": "anulată",
           "awareness": "conștientizare", "training": "instruire",
           "improvement": "oportunități de îmbunătățire (9.3.3 a)",
           "changes": "schimbări ale SMC (9.3.3 b)", "resources": "resurse necesare (9.3.3 c)",
           "corrective": "acțiune corectivă", "review": "analiza managementului",
           "noted": "consemnată"},
    "en": {"internal": "internal audit", "diagnostic": "diagnostic audit",
           "certification": "certification audit", "surveillance": "surveillance audit",
           "planned": "planned", "in-progress": "in progress", "completed": "completed",
           "conform": "conforming", "observatie": "observation",
           "neconformitate-minora": "minor nonconformity",
           "neconformitate-majora": "major nonconformity", "nu-se-aplica": "not applicable",
           "": "not assessed", "open": "open", "implemented": "implemented",
           "closed": "closed", "done": "done", "cancelled": "cancelled",
           "awareness": "awareness", "training": "training",
           "improvement": "opportunities for improvement (9.3.3 a)",
           "changes": "changes to the QMS (9.3.3 b)", "resources": "resource needs (9.3.3 c)",
           "corrective": "corrective action", "review": "management review",
           "noted": "noted"},
}

STATUSES = ("conform", "observatie", "neconformitate-minora", "neconformitate-majora",
            "nu-se-aplica", "")


def labels(lang: str) -> dict[str, str]:
    return _EN if lang == "en" else _RO


_ACTION_RO = {"planned": "planificată", "high": "ridicat", "medium": "mediu", "low": "scăzut"}


def value(v: str, lang: str) -> str:
    """A status or type as the reader's language says it."""
    return _VALUES["en" if lang == "en" else "ro"].get(v, v)


def action_value(v: str, lang: str) -> str:
    """An action's status (or a risk level): feminine forms in Romanian."""
    return v if lang == "en" else _ACTION_RO.get(v) or value(v, lang)
