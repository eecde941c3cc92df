"""The home page: authority, scope, exclusions, policy, how to read the manual, contents."""

from __future__ import annotations

from .. import paths
from ..ctx import Ctx
from ..md import bullets, date, esc, front, link, table


def pages(ctx: Ctx) -> dict[str, str]:
    return {paths.HOME: home(ctx)}


def _contents(ctx: Ctx) -> str:
    t, here = ctx.t, paths.HOME
    entries = [(t["manual"], paths.MANUAL), (t["process_map"], paths.PROCESS_MAP),
               (t["process_list"], paths.PROCESS_LIST), (t["register"], paths.REGISTER),
               (t["context"], paths.CONTEXT), (t["parties"], paths.PARTIES),
               (t["raci"], paths.RACI), (t["risks"], paths.RISKS),
               (t["objectives"], paths.OBJECTIVES), (t["records"], paths.RECORDS),
               (t["clauses"], paths.CLAUSES), (t["glossary"], paths.GLOSSARY)]
    return "\n".join(f"- {link(name, here, target)}" for name, target in entries)


def home(ctx: Ctx) -> str:
    org, t, here = ctx.qms.organisation, ctx.t, paths.HOME
    title = org.name or t["home"]
    out = [front(title) + f"# {esc(title)}"]
    if org.address:
        out.append(f"**{esc(t['address'])}:** {esc(org.address)}")
    out += [f"## {esc(t['scope'])}", esc(org.scope or t["none"])]
    if org.sites:
        out += [f"### {esc(t['sites'])}", bullets(org.sites)]
    if org.exclusions:
        out += [f"### {esc(t['exclusions'])}",
                table([esc(t["clause"]), esc(t["justification"])],
                      [[link(e.clause, here, paths.CLAUSES, "c-" + paths.anchor(e.clause)),
                        esc(e.justification)] for e in org.exclusions])]
    if org.policy:
        # The policy is Markdown written by the authority; it usually carries its own heading.
        policy = org.policy.strip()
        if not policy.lstrip().startswith("#"):
            out.append(f"## {esc(t['policy'])}")
        out.append(ctx.body(_demote(policy), here))
        if org.policy_approved:
            out.append(f"*{esc(t['policy_approved'])} {esc(date(org.policy_approved, ctx.lang))}*")
    out += [f"## {esc(t['how_to_read'])}", esc(t["how_to_read_text"]),
            f"## {esc(t['sections'])}", _contents(ctx)]
    return "\n\n".join(out) + "\n"


def _demote(markdown: str) -> str:
    """A level-1 heading in the policy would compete with the page title."""
    return "\n".join("#" + line if line.startswith("# ") else line
                     for line in markdown.split("\n"))
