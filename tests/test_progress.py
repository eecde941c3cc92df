"""Progress of long commands: a bar with counts and time left on a terminal, nothing otherwise."""

from __future__ import annotations

import io

from rich.console import Console

from qms_docs.cli.progress import progress_bar
from qms_docs.progress import Step, emit, reporting


def test_bar_shows_counts_and_time_left_on_a_terminal():
    out = io.StringIO()
    with progress_bar(enabled=True) as say:
        say.console = Console(file=out, force_terminal=True, width=120)
        say("checking the content")
        for n in range(1, 4):
            say(Step.of(f"PS-0{n} Procedura", n, 3))
        say.bar.refresh()
    text = out.getvalue()
    assert "… checking the content" in text
    assert "3/3" in text and "left" in text and "PS-03 Procedura" in text


def test_quiet_when_not_a_terminal(capsys):
    with progress_bar() as say:  # pytest's stderr is not a terminal
        say("checking the content")
        say(Step.of("PS-01", 1, 2))
    assert capsys.readouterr().err == ""


def test_steps_read_as_text_and_reach_the_current_reporter():
    seen: list[str] = []
    step = Step.of("PS-03 Auditul intern", 2, 5)
    assert step == "[2/5] PS-03 Auditul intern" and (step.done, step.total) == (2, 5)
    with reporting(seen.append):
        emit(step)
    emit("nobody listens")
    assert seen == [step]
