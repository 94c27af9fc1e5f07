"""The 1–10 interview-score rubric and its caps, on the hand-written strong candidate."""

from __future__ import annotations

from feedback_personas import CV, JOB, STRONG, turns

from interview_coach.engine.feedback import interview_score, review_answers, write_feedback
from interview_coach.engine.feedback.rubric import score_ceiling


def test_one_empty_answer_caps_an_otherwise_exceptional_interview_at_8():
    """A strong interview with one unanswered question cannot be exceptional."""
    full = write_feedback(turns(STRONG), JOB, CV)
    assert full.interview_score >= 9
    answers = list(STRONG)
    answers[7] = ""  # the closing answer weighs least, so without the cap this stays exceptional
    capped = write_feedback(turns(answers), JOB, CV)
    assert capped.interview_score == 8 and "caps the score at 8" in capped.caps[0]


def test_many_empty_answers_cap_the_score_at_5_then_3():
    """Three unanswered questions cap the score at 5; half of them at 3; all of them give 1."""
    three = [a if i not in (1, 4, 6) else "" for i, a in enumerate(STRONG)]
    half = [a if i % 2 else "" for i, a in enumerate(STRONG)]
    assert interview_score(review_answers(turns(three), JOB))[0] <= 5
    score, _, caps = interview_score(review_answers(turns(half), JOB))
    assert score <= 3 and "caps the score at 3" in caps[0]
    assert interview_score(review_answers(turns([""] * 8), JOB))[0] == 1


def test_mostly_off_topic_answers_cap_the_score_at_3():
    """Good answers given to the wrong questions are mostly off-topic, and the score is capped at 3."""
    shuffled = [STRONG[3], STRONG[5], STRONG[6], STRONG[0], STRONG[7], STRONG[4], STRONG[3], STRONG[5]]
    reviews = review_answers(turns(shuffled), JOB)
    score, _, caps = interview_score(reviews)
    assert sum(r.off_topic for r in reviews) >= 5
    assert score <= 3 and score_ceiling(reviews) == 3
