"""The one error format: Finding (where, severity, code, message, hint) and the code registry."""

from __future__ import annotations

import json
import re
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
    "QMS012": "symbolic link in the content folder (content is read only as regular files)",
    "QMS013": "dangling symbolic link (its target does not exist)",
    "QMS014": "symbolic link loop",
    "QMS015": "not a regular file (FIFO, socket or device)",
    "QMS016": "asset whose content does not match its file type",
    "QMS017": "file never published (HTML, SVG, scripts and styles are not served from content)",
    "QMS018": "mkdocs.yml setting refused (hooks, Python or environment tags, folders outside)",
    "QMS019": "Markdown extension enabled for the site that the PDFs cannot render",
    "QMS020": "control character in text",
    "QMS021": "bidirectional control character (text shown in another order than written)",
    "QMS022": "invisible character (zero-width, tag or other format character)",
    "QMS023": "HTML comment (text no reader of the site or the PDF sees)",
    "QMS024": "raw HTML that hides or disguises text (style, hidden)",
    "QMS025": "line longer than the limit",
    "QMS026": "lists, quotes or HTML elements nested too deeply",
    "QMS027": "emphasis nested too deeply (runs of * or _)",
    "QMS028": "too many unclosed brackets in a paragraph",
    "QMS029": "paragraph longer than the limit",
    "QMS030": "number too large or not finite",
    "QMS031": "file name with a control, bidirectional or invisible character",
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
    "QMS306": "requirement declared not applicable without a justification (ISO 9001 4.3)",
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
    "QMS323": "periodic review of a document overdue",
    "QMS324": "person named in a record is not in the people registry (or named otherwise)",
    "QMS325": "person named in a record did not hold the function on the record's date",
    "QMS326": "record of the QMS's own work dated before the QMS existed",
    "QMS327": "cedilla ş ţ typed instead of comma-below ș ț",
    "QMS328": "requirement declared not applicable where non-applicability is implausible",
    "QMS329": "record cites data from after its date",
    "QMS330": "management review without inputs frozen at its date (or frozen after it)",
    "QMS331": "procedure form data inconsistent (analysis or distribution)",
    "QMS340": "table-1 step named in the front matter but not in qms.yml approval.steps",
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
    "QMS801": "unknown decision of the head of the entity (not in scim/decisions.yml)",
    "QMS802": "SCIM act not signed by the head of the entity in office on its date",
    "QMS803": "appointment not made by the decision named (not listed in it, or dated after)",
    "QMS804": "person did not hold the named job function on that date",
    "QMS805": "internal audit sits in the Comisia de monitorizare",
    "QMS806": "Comisia de monitorizare composition invalid (dates, president not management)",
    "QMS807": "meeting attendee not in the commission in force, or no commission in force",
    "QMS808": "commission meeting without quorum",
    "QMS809": "commission decision approves a document the repository does not hold",
    "QMS810": "SCIM document not approved by the Comisia de monitorizare",
    "QMS811": "unknown OSGG 600 standard or questionnaire question",
    "QMS812": "development programme action overdue",
    "QMS813": "SCIM file outside its year folder, or year not matching its folder",
    "QMS814": "development programme action done without a date or a result",
    "QMS815": "residual risk higher than the inherent risk",
    "QMS816": "risk without the OSGG register columns (residual risk, date of last review)",
    "QMS817": "significant risk treated without control measures in the plan",
    "QMS818": "control measure overdue",
    "QMS819": "date of the last risk review in the future",
    "QMS820": "procedural activity without a procedure",
    "QMS821": "procedural activity covered by a document that is not a PS/PO procedure",
    "QMS822": "procedure not in the list of procedural activities",
    "QMS823": "sensitive function without a measure (rotation, double control, other)",
    "QMS824": "rotation of a sensitive function overdue",
    "QMS825": "department without a self-assessment questionnaire",
    "QMS826": "standard not answered in a self-assessment questionnaire",
    "QMS827": "questionnaire question not answered",
    "QMS828": "questionnaire answer 'da' without evidence",
    "QMS829": "declared state of a standard does not follow from the answers",
    "QMS830": "questionnaire signed for a job function of another department",
    "QMS831": "declared grade of the system does not follow from the synthetic situation",
    "QMS832": "standard marked not applicable without a justification",
    "QMS833": "self-assessment dates out of order (synthesis before answers, report before it)",
    "QMS834": "SCIM document not drawn up or approved by the commission's secretariat/president",
    "QMS835": "first-level department without a seat in the Comisia de monitorizare",
    "QMS901": "import: file cannot be read as a Word document (.docx)",
    "QMS902": "import: no document code in the page header or on the cover",
    "QMS903": "import: document code not of the form PS-01 / PO-DEPT-01 (or rewritten into it)",
    "QMS904": "import: document code already used in content/ (use --replace or --code)",
    "QMS905": "import: kind of document unknown (use --kind)",
    "QMS906": "import: no title in the page header or on the cover",
    "QMS907": "import: edition, revision or effective date missing or assumed",
    "QMS908": "import: department not in organization.yml",
    "QMS909": "import: process not determined (use --process), or inferred",
    "QMS910": "import: table 1 or one of its steps not found",
    "QMS911": "import: table-1 step not in qms.yml approval.steps (kept in the body)",
    "QMS912": "import: job function not in roles.yml",
    "QMS913": "import: table 1 disagrees with the people registry",
    "QMS914": "import: date missing or not readable",
    "QMS915": "import: table 2 (editions and revisions) or a row of it not read",
    "QMS916": "import: section 4-10 not found",
    "QMS917": "import: table 3 (distribution) or a row of it not read",
    "QMS918": "import: section title written as its OSGG title",
    "QMS919": "import: content not mapped, kept under 'Conținut nepreluat la import'",
    "QMS920": "import: cedilla letters ş ţ written as comma-below ș ț",
    "QMS921": "import: table of contents not kept (the site and PDFs make their own)",
    "QMS922": "import: definitions and abbreviations not read as terms",
    "QMS923": "import: annexed form imported as its own document",
    "QMS924": "import: image in a format the site does not show",
    "QMS925": "import: person added to the people registry",
    "QMS926": "import: Word copy of a repository document changed in Word (or unreadable data)",
    "QMS927": "import: OSGG 600 form of the procedure itself kept in the body",
    "QMS930": "import: spreadsheet cannot be read",
    "QMS931": "import: register kind not recognised from the column headers (use --kind)",
    "QMS932": "import: register column for a required field missing",
    "QMS933": "import: register column not mapped (kept as a comment under each entry)",
    "QMS934": "import: register cell value not readable",
    "QMS935": "import: job function, department or process of a register row unknown",
    "QMS936": "import: register id already present (kept; use --replace)",
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
        """One line per finding and one per hint, whatever a file name or value holds: a
        line break in either could otherwise forge a finding line for a problem matcher."""
        head = (f"{printable(self.path)}:{self.line}:{self.col}: {self.severity} {self.code} "
                f"{printable(self.message)}")
        return head + (f"\n    hint: {printable(self.hint)}" if self.hint else "")

    def format_github(self) -> str:
        """A workflow command (::error file=…,line=…::message) escaped as the Actions toolkit
        does: data escapes %, CR and LF; property values also ',' and ':'. Nothing in a file
        name or message can end the command or start a second one."""
        level = "error" if self.severity == "error" else "warning"
        msg = f"{self.code} {self.message}" + (f" (hint: {self.hint})" if self.hint else "")
        return (f"::{level} file={_gh_property(self.path)},line={self.line},col={self.col}"
                f"::{_gh_data(msg)}")


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


# C0 and C1 controls, DEL, and the characters that reorder or hide text (bidi, zero-width).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                          "\u2028\u2029\u2060-\u2069\ufeff]")


def printable(s: str) -> str:
    """s with every control, bidi and zero-width character shown as an escape (\\n, \\u202e)."""
    if not _UNPRINTABLE.search(s):
        return s
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), s)


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
