"""Typed model of the QMS: one module per kind, assembled by build_qms."""

from .documents import Approval, Definition, DistributionRow, Document, ManualChapter, RevisionRow
from .entities import (
                       Activity,
                       ContextIssue,
                       Indicator,
                       InterestedParty,
                       Objective,
                       Process,
                       RecordType,
                       Risk,
                       Role,
)
from .organisation import Department, Exclusion, Organisation
from .people import Person, Tenure
from .qms import QMS, build_qms

__all__ = ["Acknowledgement", "Activity", "Approval", "ContextIssue", "Definition", "Department",
           "DistributionRow",
           "Document", "Exclusion", "Indicator", "InterestedParty", "ManualChapter", "Objective",
           "Organisation", "Person", "Process", "QMS", "RecordType", "RevisionRow", "Risk", "Role",
           "Tenure",
           "build_qms"]
