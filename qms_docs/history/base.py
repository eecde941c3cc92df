"""Which revision the version rules compare with, never guessed:

1. `--against REF`: the merge-base of REF and HEAD (as `git diff REF...HEAD`: a branch behind
   main is not charged with main's own changes);
2. else the last release tag reachable from HEAD;
3. else, on a branch, its merge-base with the default branch (origin/HEAD, origin/main,
   origin/master, main, master);
4. else the previous commit: HEAD when the work tree has uncommitted changes under content/
   (what a pre-commit hook checks), else HEAD's first parent; none in a one-commit repository
   with a clean tree.

A shallow or partial clone has lost the history (and often the tags) these need: refused with
the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..exceptions import HistoryError
from .gitlog import GitRepo

SHALLOW_HINT = ("fetch the whole history: git fetch --unshallow --tags (in GitHub Actions: "
                "actions/checkout with fetch-depth: 0; in GitLab CI: GIT_DEPTH: 0)")


@dataclass(frozen=True)
class Base:
    sha: str
    why: str  # for the summary line: "last tag v1", "merge-base with origin/main", …

    def describe(self) -> str:
        return f"{self.sha[:12]} ({self.why})"


def refuse_incomplete(repo: GitRepo, what: str = "the version rules") -> None:
    """Stop when the clone is shallow or partial: history-based results would be wrong."""
    if repo.git("rev-parse", "--is-shallow-repository").strip() == "true":
        raise HistoryError(f"this clone is shallow (git clone --depth): {what} need the whole "
                           f"history; {SHALLOW_HINT}")
    try:
        partial = repo.git("config", "--get-regexp", r"^(remote\..*\.promisor|"
                           r"extensions\.partialclone)$").strip()
    except HistoryError:
        partial = ""  # no such key: git exits 1
    if partial:
        raise HistoryError(f"this clone is partial (git clone --filter): {what} read every "
                           "version offline; clone without --filter, or git fetch --refetch")


def choose_base(root: Path, content_dir: str, against: str | None = None) -> Base | None:
    repo = GitRepo(root)
    try:
        head = repo.resolve("HEAD")
    except HistoryError:
        if against:
            raise
        return None  # no commit yet
    refuse_incomplete(repo)
    if against:
        target = repo.resolve(against)
        mb = _merge_base(repo, target, head, against)
        return Base(mb, against if mb == target else f"merge-base with {against}")
    tag = repo.last_tag()
    if tag:
        return Base(repo.resolve(tag), f"last tag {tag}")
    default = default_branch(repo)
    if default:
        mb = _merge_base(repo, repo.resolve(default), head, default)
        if mb != head:
            return Base(mb, f"merge-base with {default}")
    if repo.git("status", "--porcelain", "--", content_dir).strip():
        return Base(head, "last commit; no tag yet")
    parents = repo.git("rev-list", "--parents", "-n", "1", "HEAD").split()[1:]
    return Base(parents[0], "previous commit; no tag yet") if parents else None


def _merge_base(repo: GitRepo, a: str, b: str, name: str) -> str:
    try:
        return repo.git("merge-base", a, b).strip()
    except HistoryError as e:
        raise HistoryError(f"{name} and HEAD have no common history") from e


def default_branch(repo: GitRepo) -> str | None:
    try:
        ref = repo.git("symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD").strip()
        if ref:
            return ref
    except HistoryError:
        pass
    for name in ("origin/main", "origin/master", "main", "master"):
        try:
            repo.resolve(name)
            return name
        except HistoryError:
            continue
    return None
