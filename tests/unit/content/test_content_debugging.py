"""Every debugging challenge is a real bug: its test fails on buggy_code and passes on correct_code.

Python and JavaScript always run; Java and C++ run when javac / g++ are installed and are skipped
with the reason otherwise. One test per challenge, so a failure names the challenge id.
"""

from __future__ import annotations

import pytest

from interview_coach.content import CONTENT_DIR
from interview_coach.content.loader import ContentError, read_debugging
from interview_coach.content.sandbox import Limits, available, run_test

# Generous enough for a loaded 2-core machine, tight enough that a hang fails quickly.
LIMITS = Limits(run_timeout=15, compile_timeout=90)


def _challenges():
    # The debugging files are read on their own, so a topic writer's broken file does not hide them.
    try:
        return [pytest.param(c, id=c.id) for c in read_debugging(CONTENT_DIR)]
    except ContentError as exc:
        return [pytest.param(exc, id="debugging-files-invalid")]


@pytest.mark.parametrize("challenge", _challenges())
def test_test_fails_on_buggy_code_and_passes_on_correct_code(challenge):
    """The challenge's test exits non-zero on the buggy code and zero on the corrected code."""
    if isinstance(challenge, ContentError):
        pytest.fail(str(challenge))
    ok, reason = available(challenge.language)
    if not ok:
        pytest.skip(reason)
    buggy = run_test(challenge.language, challenge.buggy_code, challenge.test, LIMITS)
    assert not buggy.passed, f"{challenge.id}: the test passes on the buggy code\n{buggy.stdout}{buggy.stderr}"
    assert not buggy.compile_error, f"{challenge.id}: the buggy code does not compile\n{buggy.stderr}"
    correct = run_test(challenge.language, challenge.correct_code, challenge.test, LIMITS)
    assert correct.passed, (
        f"{challenge.id}: the test fails on the correct code "
        f"(exit {correct.exit_code}, timed out {correct.timed_out}, phase {correct.phase})\n{correct.stdout}{correct.stderr}"
    )
