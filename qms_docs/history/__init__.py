"""Document control from git: one pass over the log, versions per commit, changes."""

from .documents import DocumentHistory, Revision, document_histories
from .gitlog import Commit, GitRepo

__all__ = ["Commit", "DocumentHistory", "GitRepo", "Revision", "document_histories"]
