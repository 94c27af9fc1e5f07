"""Session summaries: seed averages, learning velocity and attention, computed by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from interview_coach.engine.summary import AnsweredQuestion, slope, summarise

START = datetime(2026, 1, 1, 10, 0, 0)


def _answer(topic, s, k, seconds=60.0, words=40, outcome="scored", minute=1):
    return AnsweredQuestion(topic=topic, semantic=s, keyword=k, response_time=seconds, words=words,
                            outcome=outcome, answered_at=START + timedelta(minutes=minute))


def test_averages_and_overall_score():
    """avg_semantic/avg_keyword are means; overall = 0.7·avg_semantic + 0.3·avg_keyword."""
    answers = [_answer("DBMS", 0.8, 0.5, minute=2), _answer("OS", 0.4, 1.0, minute=5)]
    summary = summarise(answers, START, START + timedelta(minutes=6, seconds=30))
    assert summary.questions_asked == 2 and summary.duration == 390
    assert summary.avg_semantic == pytest.approx(0.6)
    assert summary.avg_keyword == pytest.approx(0.75)
    assert summary.overall_score == pytest.approx(0.7 * 0.6 + 0.3 * 0.75)


def test_learning_velocity_is_the_slope_per_question():
    """Combined scores 0.3, 0.5, 0.7 rise by 0.2 per question."""
    answers = [_answer("DBMS", c, c) for c in (0.3, 0.5, 0.7)]
    assert summarise(answers, START).learning_velocity == pytest.approx(0.2)
    assert slope([0.9]) == 0.0 and slope([0.5, 0.2]) == pytest.approx(-0.3)


def test_attention_counts_genuine_attempts():
    """Empty, too short and pasted-in-a-second answers lower attention; 1 of 4 is genuine."""
    answers = [
        _answer("DBMS", 0.7, 0.7),                      # genuine
        _answer("DBMS", 0.0, 0.0, outcome="empty", words=0),
        _answer("DBMS", 0.5, 0.5, words=3),             # too short
        _answer("DBMS", 0.9, 0.9, seconds=2, words=120),  # 120 words in 2 s
    ]
    assert summarise(answers, START).attention_score == pytest.approx(0.25)


def test_topics_weakest_and_strongest():
    """Topics in order of first appearance; weakest and strongest three by mean combined score."""
    answers = [_answer("OS", 0.9, 0.9), _answer("DBMS", 0.2, 0.2), _answer("OOP", 0.5, 0.5),
               _answer("Algorithms", 0.7, 0.7), _answer("OS", 0.7, 0.7)]
    summary = summarise(answers, START)
    assert summary.topics_covered == ["OS", "DBMS", "OOP", "Algorithms"]
    assert summary.weakest_topics == ["DBMS", "OOP", "Algorithms"]
    assert summary.strongest_topics == ["OS", "Algorithms", "OOP"]


def test_empty_session():
    """A session with no answers has the seed's defaults and its duration."""
    summary = summarise([], START, START + timedelta(seconds=42))
    assert summary.questions_asked == 0 and summary.duration == 42
    assert summary.attention_score == 1.0 and summary.topics_covered == []
