"""The interview-feedback score guard: an LLM's words are used, but its 1–10 score is bounded by the
built-in rubric's (real scorer, real MiniLM), so no reply can buy or sink a mark."""

from __future__ import annotations

import json

import pytest
from ai_requests import REQUESTS, VALID_REPLIES
from fault_server import completion
from unit.feedback.feedback_personas import CV, EMPTY, JOB, STRONG, WEAK, turns  # the feedback tests' candidates

from interview_coach.ai import AiEngine, BuiltinProvider, FeedbackRequest
from interview_coach.ai.router import SCORE_MARGIN, _guard_feedback
from interview_coach.ai.schemas import InterviewFeedbackOut
from interview_coach.engine.feedback import InterviewFeedback, band

THREE_EMPTY = ["", "pass", ""] + WEAK[3:]
builtin = BuiltinProvider()


def feedback_request(answers: list[str]) -> FeedbackRequest:
    return FeedbackRequest(tuple(turns(answers)), JOB, CV)


REASON = "The answers were specific and every story ended with its result."


def guard(answers: list[str], llm_score: int, reason: str = REASON) -> tuple[InterviewFeedback, InterviewFeedback]:
    """(the rubric's feedback, the LLM's feedback claiming ``llm_score`` with ``reason`` after the guard)."""
    req = feedback_request(answers)
    llm = InterviewFeedback(interview_score=llm_score, band=band(llm_score), strengths_md="- Great.\n",
                            weaknesses_md="- None.\n", cv_improvements_md="- None.\n", score_note=reason)
    return builtin.interview_feedback(req), _guard_feedback(llm, req, builtin)


def test_llm_ten_for_weak_answers_is_held_within_the_margin():
    """An LLM's 10/10 for weak answers becomes at most the rubric's score plus SCORE_MARGIN (1); its words and
    its stated reason are kept."""
    baseline, guarded = guard(WEAK, 10)
    assert SCORE_MARGIN == 1 and baseline.interview_score <= 3
    assert guarded.interview_score == baseline.interview_score + SCORE_MARGIN
    assert guarded.band == band(guarded.interview_score) and guarded.score_note == REASON
    assert guarded.strengths_md == "- Great.\n"  # the LLM's words are kept, only the score is bounded
    assert guarded.caps == baseline.caps and guarded.annotations == baseline.annotations


def test_a_move_without_a_stated_reason_keeps_the_rubric_score():
    baseline, guarded = guard(WEAK, 10, reason="  ")
    assert guarded.interview_score == baseline.interview_score and guarded.score_note == ""


def test_a_reason_for_keeping_the_score_is_not_shown():
    baseline, guarded = guard(STRONG, guard(STRONG, 5)[0].interview_score)
    assert guarded.interview_score == baseline.interview_score and guarded.score_note == ""


@pytest.mark.parametrize("answers", [EMPTY, THREE_EMPTY], ids=["all-empty", "three-empty"])
def test_llm_ten_for_empty_answers_stays_under_their_ceiling(answers):
    """Empty answers set a ceiling (even when the weighted mean is already under it): an LLM's 10/10 with a
    reason moves the score by at most one point and never past the ceiling, so never out of the lowest band."""
    baseline, guarded = guard(answers, 10)
    assert baseline.ceiling <= 3 and guarded.ceiling == baseline.ceiling
    assert guarded.interview_score == min(baseline.interview_score + SCORE_MARGIN, baseline.ceiling)
    assert guarded.band == band(1)
    if answers is EMPTY:
        assert guarded.interview_score == baseline.interview_score == 1


def test_llm_score_far_below_the_rubric_is_raised_to_the_margin():
    """An LLM cannot sink a good interview either: its 1 becomes at least rubric score minus the margin."""
    baseline, guarded = guard(STRONG, 1)
    assert baseline.interview_score - SCORE_MARGIN > 1
    assert guarded.interview_score == baseline.interview_score - SCORE_MARGIN


def test_llm_claiming_ten_through_the_engine(fault_server, fault_provider):
    """End to end: the LLM's reply says 10 for weak answers, the stored score stays near the rubric's, its text is used."""
    reply = {"interview_score": 10, "score_reason": "Outstanding.", "strengths": ["Outstanding communication."],
             "weaknesses": ["None at all."], "cv_improvements": ["Nothing to add."]}
    fault_server.script(completion(json.dumps(reply)))
    req = feedback_request(WEAK)
    outcome = AiEngine(fault_provider()).run("interview_feedback", req)
    assert outcome.provider == "openai_compatible"
    assert outcome.value.interview_score <= builtin.interview_feedback(req).interview_score + SCORE_MARGIN < 10
    assert outcome.value.annotations  # the rubric's per-answer notes come with it
    assert "Outstanding communication" in outcome.value.strengths_md


def test_llm_markup_in_feedback_is_escaped(fault_server, fault_provider):
    """Feedback text from the LLM is Markdown-escaped, so a <script> in it can never render as HTML."""
    reply = VALID_REPLIES["interview_feedback"] | {"strengths": ["<script>alert(1)</script> **bold** claim"]}
    fault_server.script(completion(json.dumps(reply)))
    outcome = AiEngine(fault_provider()).run("interview_feedback", REQUESTS["interview_feedback"])
    assert outcome.provider == "openai_compatible"
    assert "<script>" not in outcome.value.strengths_md and "**bold**" not in outcome.value.strengths_md
    InterviewFeedbackOut.model_validate(reply)  # the reply itself was valid: escaping, not rejection
