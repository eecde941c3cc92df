"""The one error format: Finding (where, severity, code, message, hint) and the code registry."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

# Stable codes. Never renumber: CI annotations and people's notes refer to them.
CODES: dict[str, str] = {
    "QMS001": "YAML syntax error",
    "QMS002": "file larger than max_file_bytes",
    "QMS003": "YAML alias refused (aliases can expand exponentially)",
    "QMS004": "YAML tag not allowed (only plain data)",
    "QMS005": "Markdown document without YAML front matter",
    "QMS006": "duplicate key in a mapping",
    "QMS007": "required file missing",
    "QMS008": "file cannot be read as UTF-8",
    "QMS009": "raw HTML removed from Markdown (unsafe element or attribute)",
    "QMS010": "YAML nested too deeply",
    "QMS011": "file outside the repository (a symbolic link points out)",
    "QMS101": "value does not match the schema",
    "QMS102": "required property missing",
    "QMS103": "unknown property",
    "QMS104": "wrong type",
    "QMS105": "value not allowed",
    "QMS201": "unknown process",
    "QMS202": "unknown job function",
    "QMS203": "unknown document code",
    "QMS204": "unknown ISO 9001 clause",
    "QMS205": "unknown department",
    "QMS206": "unknown record type",
    "QMS207": "unknown risk",
    "QMS208": "unknown person (not in people.yml)",
    "QMS210": "duplicate id or code",
    "QMS301": "responsibility matrix row without exactly one Accountable",
    "QMS302": "responsibility matrix row without a Responsible",
    "QMS303": "ISO 9001 clause not addressed",
    "QMS304": "documented information to maintain (M) has no document",
    "QMS305": "documented information to retain (R) has no record type",
    "QMS306": "exclusion of a clause that cannot be excluded",
    "QMS307": "procedure section missing or out of order",
    "QMS308": "document code prefix does not match its kind",
    "QMS309": "editions and revisions table has no row for the current version",
    "QMS310": "editions and revisions table out of order",
    "QMS311": "effective date precedes approval",
    "QMS312": "same job function elaborates, verifies or approves twice",
    "QMS313": "approver is not a management (conducere) function",
    "QMS314": "form not listed by its parent procedure",
    "QMS315": "risk review date passed",
    "QMS316": "objective deadline passed",
    "QMS317": "process without a risk",
    "QMS318": "process without an indicator",
    "QMS319": "process feeds itself",
    "QMS320": "excluded clause claimed by a document or process",
    "QMS321": "work instruction or form without a parent procedure",
    "QMS322": "job function period invalid (ends before it starts, or overlaps the same person's)",
    "QMS401": "document changed without a new revision or edition",
    "QMS402": "version raised without a change",
    "QMS403": "version goes backwards",
    "QMS404": "new edition does not start at revision 0",
    "QMS405": "changed or withdrawn document without complete, valid approval evidence "
              "(--require-approval, qms release)",
    "QMS701": "approval evidence unreadable: not a canonical statement, or a signature missing "
              "or malformed",
    "QMS702": "bad signature: the approval's signature does not verify its statement",
    "QMS703": "approval signed with a key or certificate registered to nobody (people.yml)",
    "QMS704": "approval signed with another person's key",
    "QMS705": "signer did not hold the job function named in the front matter on the signing "
              "date",
    "QMS707": "same person signs two steps of one version",
    "QMS708": "approval steps signed out of order",
    "QMS709": "document changed after its approval: the version is neaprobat",
    "QMS710": "approval evidence of another document or version (copied or misfiled)",
    "QMS711": "signing date after the document's effective date",
    "QMS712": "approval of a step or function the document does not name",
    "QMS713": "version not approved yet (steps not signed)",
    "QMS714": "paper approval not accepted (after the cut-over date, or without its scan)",
    "QMS715": "certificate does not chain to a trust root, or was not valid when it signed",
    "QMS716": "key used outside its validity period in people.yml",
    "QMS717": "approval signed with a DEMO key (refused by qms release without "
              "--allow-demo-keys)",
    "QMS718": "front matter 'name' of a step is ignored: table 1 shows who signed",
    "QMS719": "PDF approval: not of this document version (metadata code, version or source "
              "hash)",
    "QMS720": "PDF approval: signature invalid, or the PDF changed after it",
    "QMS721": "withdrawal record misplaced, or of a document that still exists",
    "QMS722": "approval evidence for an unknown document",
    "QMS725": "key material of the registry or a trust root cannot be read",
    "QMS501": "CAF evaluator of the group without a scoring sheet",
    "QMS502": "CAF sub-criterion neither scored nor explicitly abstained (or both)",
    "QMS503": "unknown CAF 2020 sub-criterion",
    "QMS504": "CAF score outside its chosen band, or no band chosen (classical scoring)",
    "QMS505": "CAF fine-tuned components missing, misplaced or not averaging to the score",
    "QMS506": "CAF score without evidence",
    "QMS507": "CAF consensus outside the individual scores' range without a justification",
    "QMS508": "CAF sub-criterion without a consensus score",
    "QMS509": "unknown CAF evaluator (not in the self-assessment group)",
    "QMS510": "CAF improvement action deadline not after the assessment",
    "QMS511": "low CAF consensus score with areas for improvement but no action",
    "QMS512": "CAF evaluator attended no training session",
    "QMS513": "CAF file outside an assessment folder, or year not matching its folder",
    "QMS514": "CAF improvement action overdue",
    "QMS601": "auditor not independent: audits a process it owns or of its own department",
    "QMS602": "unknown audit (finding or checklist of an audit that does not exist)",
    "QMS603": "audit file outside its year folder, or year not matching its folder",
    "QMS604": "audit not listed in the audit programme of its year",
    "QMS605": "audit programme leaves processes out",
    "QMS606": "audit dates out of order (end before start, session outside the audit)",
    "QMS607": "completed audit without a checklist or report conclusions",
    "QMS608": "checklist line without a status in a completed audit",
    "QMS609": "checklist out of date with the model (run 'qms audit checklist')",
    "QMS610": "checklist nonconformity without a finding in the register",
    "QMS611": "audit finding without an ISO 9001 clause",
    "QMS612": "nonconformity without a root cause or a corrective action",
    "QMS613": "corrective or review action without an owner or a deadline",
    "QMS614": "open corrective or review action past its deadline",
    "QMS615": "corrective action closed without a verification of effectiveness",
    "QMS616": "corrective action closed although found not effective",
    "QMS617": "finding's clause or process outside the scope of its audit",
    "QMS618": "corrective action dates out of order",
    "QMS619": "checklist clause marked not applicable but not excluded",
    "QMS620": "management review without a decision on an ISO 9.3.3 output",
    "QMS621": "training presents a document version newer than the current one",
    "QMS622": "audit plan session by an auditor outside the audit team",
}


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    severity: str  # "error" | "warning"
    code: str
    message: str
    hint: str = field(default="", compare=False)

    def format_text(self) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code} {self.message}"
        return head + (f"\n    hint: {self.hint}" if self.hint else "")

    def format_github(self) -> str:
        level = "error" if self.severity == "error" else "warning"
        msg = f"{self.code} {self.message}" + (f" (hint: {self.hint})" if self.hint else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},col={self.col}::{msg}"


def render(findings: list[Finding], fmt: str) -> str:
    """Findings as text, json or GitHub workflow annotations."""
    if fmt == "json":
        return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(f.format_github() for f in findings)
    return "\n".join(f.format_text() for f in findings)


def summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    return f"{_n(errors, 'error')}, {_n(warnings, 'warning')}"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
