"""Document control from git: one pass over the log, versions per commit, approvals, changes."""

from .documents import DocumentHistory, Revision, document_histories
from .gitlog import Commit, GitRepo, Trailer

__all__ = ["Commit", "DocumentHistory", "GitRepo", "Revision", "Trailer", "document_histories"]
