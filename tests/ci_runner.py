"""Run the shipped CI templates' jobs here, as the CI services would: steps read from the YAML,
in order, with the file's variables, in a fresh clone, each shell step as GitHub's and GitLab's
runners start it (bash -eo pipefail). Only what a runner provides is simulated: the checkout,
the Python set-up and the artifact uploads. An action or expression this runner does not know
fails the test, so the templates cannot grow something that was never run."""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass
class Runner:
    """A CI machine: a Python environment (setup-python / the image) and a clean home."""

    python_bin: Path  # the bin/ folder of a fresh virtual environment
    home: Path  # HOME, with the git configuration that maps remotes to local clones
    log: list[str] = field(default_factory=list)

    def env(self, extra: dict[str, str]) -> dict[str, str]:
        keep = {k: os.environ[k] for k in ("LANG", "TMPDIR", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL",
                                           "PIP_FIND_LINKS", "PIP_CONFIG_FILE") if k in os.environ}
        return {**keep, "PATH": f"{self.python_bin}:/usr/local/bin:/usr/bin:/bin",
                "HOME": str(self.home), "GIT_CONFIG_GLOBAL": str(self.home / ".gitconfig"),
                "CI": "true", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_BUILD_ISOLATION": "0",
                "PIP_CACHE_DIR": str(Path.home() / ".cache" / "pip"), **extra}

    def shell(self, script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
        start = time.monotonic()
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                           cwd=cwd, env=self.env(env), capture_output=True, text=True)
        self.log.append(f"[{time.monotonic() - start:5.1f} s] $ {script}\n{p.stdout}{p.stderr}")
        return p


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


# ---- GitHub Actions -------------------------------------------------------------------------

def _value(name: str, ctx: dict) -> object:
    if name in ("true", "false"):
        return name == "true"
    if name not in ctx:
        raise AssertionError(f"expression names {name!r}, which this runner does not provide")
    return ctx[name]


def expression(expr: str, ctx: dict) -> object:
    """A GitHub expression of the kinds the template uses: context values, '' strings, ==,
    !=, &&, ||, parentheses and always()."""
    py = []
    for tok in re.findall(r"'[^']*'|[\w.-]+\(\)|[\w.-]+|==|!=|&&|\|\||[()!]", expr):
        if tok.startswith("'"):
            py.append(repr(tok[1:-1]))
        elif tok in ("==", "!=", "(", ")"):
            py.append(tok)
        elif tok in ("&&", "||", "!"):
            py.append({"&&": "and", "||": "or", "!": "not"}[tok])
        elif tok in ("always()", "success()"):
            py.append("True")
        else:
            py.append(repr(_value(tok, ctx)))
    return eval(" ".join(py), {"__builtins__": {}})  # noqa: S307  (our own tokens only)


def interpolate(value: object, ctx: dict) -> object:
    if not isinstance(value, str):
        return value
    return _EXPR.sub(lambda m: str(expression(m.group(1), ctx)), value)


@dataclass
class GitHubEvent:
    name: str  # pull_request | push | workflow_dispatch
    ref: str  # the branch checked out
    context: dict  # github.*, inputs.*, secrets.* values


def run_github_job(runner: Runner, workflow: dict, job_id: str, origin: Path, work: Path,
                   event: GitHubEvent) -> list[subprocess.CompletedProcess]:
    """Every step of one job; returns the shell results (a failing step stops the job, as
    on GitHub, except steps with if: always())."""
    ctx = {"github.event_name": event.name, **event.context}
    job = workflow["jobs"][job_id]
    assert expression(job.get("if", "true"), ctx), f"{job_id} would not run on {event.name}"
    env = {k: interpolate(v, ctx) for k, v in {**workflow.get("env", {}),
                                               **job.get("env", {})}.items()}
    env |= {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event.name,
            "GITHUB_WORKSPACE": str(work)}
    results: list[subprocess.CompletedProcess] = []
    failed = False
    for step in job["steps"]:
        cond = step.get("if", "success()")
        if failed and "always()" not in cond:
            continue
        if "uses" in step:
            _action(step, ctx, origin, work, event.ref)
            continue
        step_env = env | {k: interpolate(v, ctx) for k, v in step.get("env", {}).items()}
        assert "${{" not in step["run"], f"an expression in run: {step['run']}"
        p = runner.shell(step["run"], work, step_env)
        results.append(p)
        failed = failed or p.returncode != 0
    return results


def _action(step: dict, ctx: dict, origin: Path, work: Path, ref: str) -> None:
    name, _, pin = step["uses"].partition("@")
    assert re.fullmatch(r"[0-9a-f]{40}", pin), f"{step['uses']} is not pinned to a commit"
    args = {k: interpolate(v, ctx) for k, v in (step.get("with") or {}).items()}
    if name == "actions/checkout":
        assert str(args.get("fetch-depth")) == "0" and args.get("persist-credentials") is False
        # fetch-depth 0: every branch as origin/*, every tag; the event's commit checked out
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(origin), str(work)],
                       check=True, capture_output=True)
        git(work, "checkout", "-q", "--detach", f"origin/{ref}")
    elif name == "actions/setup-python":
        assert args["python-version"] == "3.11"  # the runner's venv is this interpreter
    elif name == "actions/upload-artifact":
        assert (work / args["path"]).exists(), f"artifact {args['path']} missing"
    elif name == "marocchino/sticky-pull-request-comment":
        assert (work / args["path"]).read_text("utf-8").strip(), "empty PR comment"
    else:
        raise AssertionError(f"this runner does not know the action {name}")


# ---- GitLab CI ------------------------------------------------------------------------------

def rule_matches(rule: str, variables: dict[str, str]) -> bool:
    """A rules:if of the kinds the template uses: $VAR, $VAR == "x", $A == $B, &&."""
    def operand(tok: str) -> str:
        tok = tok.strip()
        if tok.startswith("$"):
            return variables.get(tok[1:], "")
        return tok.strip('"')

    for part in rule.split("&&"):
        if "==" in part:
            a, b = part.split("==")
            if operand(a) != operand(b):
                return False
        elif "!=" in part:
            a, b = part.split("!=")
            if operand(a) == operand(b):
                return False
        elif not operand(part):
            return False
    return True


def run_gitlab_job(runner: Runner, pipeline: dict, job_id: str, origin: Path, work: Path,
                   ref: str, variables: dict[str, str]) -> subprocess.CompletedProcess:
    """One job: the runner's clone (only the pipeline's branch and the tags, detached), then
    before_script and script in one shell, as GitLab's shell executor runs them."""
    job = pipeline[job_id]
    variables = {**{k: str(v) for k, v in pipeline.get("variables", {}).items()}, **variables}
    assert any(rule_matches(r["if"], variables) for r in job["rules"]), f"{job_id} would not run"
    assert variables.get("GIT_DEPTH") == "0"
    work.mkdir(parents=True)
    git(work, "init", "-q")
    git(work, "remote", "add", "origin", str(origin))
    git(work, "fetch", "-q", "origin", f"+refs/heads/{ref}:refs/remotes/origin/{ref}",
        "+refs/tags/*:refs/tags/*")
    git(work, "checkout", "-q", "--detach", f"origin/{ref}")
    lines = [*pipeline.get("default", {}).get("before_script", []), *job["script"]]
    p = runner.shell("\n".join(lines), work, variables)
    for path in job.get("artifacts", {}).get("paths", []):
        assert p.returncode != 0 or (work / path).exists(), f"artifact {path} missing"
    return p


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))
