"""Degenerate answers (repeated text, filler characters, pasted noise) are recognised with a reason
that says what was wrong; genuine answers, short or long, are not."""

from __future__ import annotations

import base64

import pytest

from interview_coach.engine.degenerate import degenerate_reason

STORY = ("At ShopWave our checkout double-billed about 40 customers a week. I traced it to the payment client "
         "retrying on timeouts without an idempotency key, so I added one per order and a unique index in "
         "PostgreSQL. Double charges fell to zero within a month and refund tickets dropped by 30%.")

DEGENERATE = {
    "twenty thousand x": ("x" * 20_000, "one character repeated"),
    "x with spaces": (" ".join(["xxxx"] * 300), "one character repeated"),
    "dots": ("." * 60 + " ok", "one character repeated"),
    "symbols": ("!?#$%^&*()_+=-{}[]|\\:;<>,./~` " * 10, "symbols or digits"),
    "digits": ("1234 5678 9012 3456 7890 " * 8, "symbols or digits"),
    "base64 blob": (base64.b64encode(bytes(range(256)) * 4).decode() + " see above", "pasted strings"),
    "one sentence fifty times": (("I am a great team player who always delivers. " * 50).strip(), "same sentence"),
    "repeated without stops": ("synergy leverage " * 60, "over and over"),
    "three copies": ("I fixed the bug. I fixed the bug. I fixed the bug. Then I left.", "same sentence"),
    "keyboard mash": (" ".join(["asdf", "qwerty", "zxcv", "lkjh", "poiu", "mnbv", "ghjk", "tyui", "wert", "sdfg"] * 3),
                      "does not read as sentences"),
}

GENUINE = {
    "a story": STORY,
    "a short answer": "I don't know.",
    "one word": "Kubernetes",
    "a long answer": " ".join([STORY, STORY.replace("ShopWave", "Ledgerly").replace("40", "12"),
                               "Next time I would add the idempotency check to the client library itself."]),
    "figures and units": "We cut p95 latency from 900 ms to 240 ms, saved 12 hours a week and served 1.2M users.",
    "a list of steps": ("First, I reproduced the bug. Second, I wrote a failing test. Third, I fixed the retry "
                        "logic. Fourth, I deployed behind a flag. Fifth, I watched the error rate for a week."),
    "a link and code": ("I documented it at https://example.com/wiki/payments/idempotency-keys-and-retries and "
                        "the fix was one line: client.post(url, headers={'Idempotency-Key': order.id})."),
}


@pytest.mark.parametrize(("text", "reason_words"), DEGENERATE.values(), ids=DEGENERATE.keys())
def test_degenerate_answers_get_a_reason(text, reason_words):
    """Each kind of non-answer is recognised, and the reason names what was wrong with it."""
    reason = degenerate_reason(text)
    assert reason is not None and reason_words in reason and "counts as no answer" in reason


@pytest.mark.parametrize("text", GENUINE.values(), ids=GENUINE.keys())
def test_genuine_answers_pass(text):
    """Real answers, however short, long or technical, are not degenerate."""
    assert degenerate_reason(text) is None


def test_repeated_sentence_is_quoted_with_its_count():
    """The reason for a repeated sentence quotes it and says how often it came."""
    reason = degenerate_reason("I am a great team player who always delivers. " * 50)
    assert "“I am a great team player who always delivers.”" in reason and "50 times" in reason


def test_empty_and_none_are_not_degenerate():
    """Nothing written is an empty answer, not a degenerate one: callers handle it as empty."""
    assert degenerate_reason("") is None and degenerate_reason(None) is None and degenerate_reason("   ") is None
