"""Adaptive practice through the service: scripted learners, refusals and concurrency."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from interview_coach.content import load_content
from interview_coach.errors import Conflict, Invalid, NotFound
from interview_coach.extensions import db
from interview_coach.models import QuestionHistory, SubtopicMastery, UserMastery
from interview_coach.services import practice
from testkit import run_together

POOR = "I am not really sure about this one, maybe it has something to do with computers in general."


def _answer_well(user_id, session_id):
    row = practice.next_question(user_id, session_id)
    reference = load_content().question(row.question_ref).reference_answer
    return practice.submit_answer(user_id, session_id, row.id, reference)


def _answer_poorly(user_id, session_id):
    row = practice.next_question(user_id, session_id)
    return practice.submit_answer(user_id, session_id, row.id, POOR)


def test_every_history_field_is_filled(ctx, make_user):
    """An answered question stores topic, subtopic, scores, depth, key terms, timing and concepts."""
    user = make_user()
    session = practice.start_session(user, ["DBMS"])
    result = _answer_well(user, session.session_id)
    row = result.history
    assert row.topic == "DBMS" and row.subtopic and row.question and row.expected_answer
    assert row.answer and row.sampled_concepts and row.question_ref
    assert 0.0 <= row.semantic_score <= 1.0 and 0.0 <= row.keyword_score <= 1.0
    assert row.depth in {"shallow", "medium", "deep"} and row.confidence in {"low", "medium", "high"}
    assert row.key_terms and row.difficulty == "medium" and row.response_time >= 0.0
    assert row.missing_concepts == [] and row.answered_at >= row.timestamp


def test_improving_learner_rises_and_gets_harder_questions(ctx, make_user):
    """Strong answers raise mastery, move the topic to hard and master a subtopic."""
    user = make_user()
    session = practice.start_session(user, ["Data Structures"])
    difficulties = []
    for _ in range(24):
        result = _answer_well(user, session.session_id)
        difficulties.append(result.history.difficulty)
    mastery = db.session.scalar(select(UserMastery).where(UserMastery.user_id == user))
    assert mastery.current_difficulty == "hard"
    assert "hard" in difficulties[3:] and difficulties[0] == "medium"
    assert mastery.mastery_level > 0.7 and mastery.questions_attempted == 24
    assert mastery.correct_count >= 20 and mastery.sessions_attempted == 1
    assert mastery.strong_concepts or mastery.concept_masteries
    statuses = db.session.scalars(select(SubtopicMastery.subtopic_status).where(SubtopicMastery.user_id == user)).all()
    assert "mastered" in statuses


def test_struggling_learner_gets_easier_questions_and_weak_concepts(ctx, make_user):
    """Poor answers drop the topic to easy and list weak concepts."""
    user = make_user()
    session = practice.start_session(user, ["OS"])
    for _ in range(4):
        _answer_poorly(user, session.session_id)
    mastery = db.session.scalar(select(UserMastery).where(UserMastery.user_id == user))
    assert mastery.current_difficulty == "easy"
    assert mastery.weak_concepts and set(mastery.missing_concepts) <= set(mastery.concept_masteries)
    assert mastery.mastery_level < 0.4


def test_same_question_answered_twice_is_refused(ctx, make_user):
    """A second answer to an answered question is refused and the first one stays."""
    user = make_user()
    session = practice.start_session(user, ["OOP"])
    row = practice.next_question(user, session.session_id)
    practice.submit_answer(user, session.session_id, row.id, "Encapsulation hides state behind methods.")
    with pytest.raises(Conflict):
        practice.submit_answer(user, session.session_id, row.id, "A different answer")
    assert db.session.get(QuestionHistory, row.id).answer == "Encapsulation hides state behind methods."


def test_refusals(ctx, make_user):
    """Empty answers, questions not asked, other users' sessions and ended sessions are refused."""
    user, other = make_user(), make_user()
    session = practice.start_session(user, ["OOP"])
    row = practice.next_question(user, session.session_id)
    with pytest.raises(Invalid):
        practice.submit_answer(user, session.session_id, row.id, "   ")
    with pytest.raises(NotFound):
        practice.submit_answer(other, session.session_id, row.id, "mine now")
    with pytest.raises(NotFound):
        practice.submit_answer(user, session.session_id, row.id + 999, "never asked")
    practice.end_session(user, session.session_id)
    with pytest.raises(Conflict):
        practice.next_question(user, session.session_id)
    with pytest.raises(Invalid):
        practice.start_session(user, ["Astrology"])


def test_reloading_returns_the_waiting_question(ctx, make_user):
    """Asking for the next question before answering returns the same question and clock."""
    user = make_user()
    session = practice.start_session(user, ["DBMS"])
    first = practice.next_question(user, session.session_id)
    again = practice.next_question(user, session.session_id)
    assert first.id == again.id and first.timestamp == again.timestamp


def test_multi_topic_session_rotates_and_summarises(ctx, make_user):
    """A poor answer brings a follow-up on the same topic; then topics alternate; the summary is stored."""
    user = make_user()
    session = practice.start_session(user, ["DBMS", "OS"])
    results = [_answer_poorly(user, session.session_id)] + [_answer_well(user, session.session_id) for _ in range(3)]
    topics = [r.history.topic for r in results]
    assert results[1].history.reason == "follow_up" and topics[1] == topics[0]
    missed = set(results[0].history.missing_concepts)
    assert missed & set(results[1].history.sampled_concepts)
    assert topics[2] != topics[1] and topics[3] != topics[2]
    ended = practice.end_session(user, session.session_id)
    assert ended.questions_asked == 4 and ended.end_time is not None
    assert ended.overall_score == pytest.approx(0.7 * ended.avg_semantic + 0.3 * ended.avg_keyword)
    assert sorted(ended.topics_covered) == ["DBMS", "OS"]
    assert ended.learning_velocity > 0  # poor, good, poor, good: rising trend
    assert len(ended.weakest_topics) == 2


def test_concurrent_answers_store_one_answer_and_one_mastery_row(app, make_user):
    """Two threads answering the same new-topic question: one answer stored, one mastery row."""
    user = make_user()
    with app.app_context():
        sid = practice.start_session(user, ["Algorithms"]).session_id
        row_id = practice.next_question(user, sid).id
    calls = [lambda i=i: practice.submit_answer(user, sid, row_id, f"Binary search halves the range {i}")
             for i in range(2)]
    assert sorted(run_together(app, calls, expected=(Conflict,))) == ["Conflict", "ok"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(UserMastery)) == 1
        assert db.session.scalar(select(UserMastery.questions_attempted)) == 1


def test_concurrent_first_answers_on_two_sessions_same_topic(app, make_user):
    """Two sessions answering their first question of a new topic at once: both count, one row."""
    user = make_user()
    with app.app_context():
        rows = []
        for _ in range(2):
            s = practice.start_session(user, ["System Design"])
            rows.append((s.session_id, practice.next_question(user, s.session_id).id))
    text = "Cache aside loads on miss and writes through on update."
    calls = [lambda sid=sid, rid=rid: practice.submit_answer(user, sid, rid, text) for sid, rid in rows]
    assert run_together(app, calls) == ["ok", "ok"]
    with app.app_context():
        mastery = db.session.scalars(select(UserMastery)).all()
        assert len(mastery) == 1 and mastery[0].questions_attempted == 2 and mastery[0].sessions_attempted == 2


def test_dashboard_trend_snapshots_equal_the_replayed_history(ctx, make_user, monkeypatch):
    """Answers on two topics over three days: the day snapshots written with each answer give the trend that
    replaying every answer gives (one point per topic and practised day, the last one the stored mastery)."""
    from datetime import datetime, timedelta

    from interview_coach.models import MasterySnapshot
    from interview_coach.services import progress

    user = make_user()
    clock = [datetime(2026, 11, 28, 9, 0)]
    monkeypatch.setattr(practice, "utcnow", lambda: clock[0])
    for day in range(3):
        clock[0] = datetime(2026, 11, 28 + day, 9, 0)
        session = practice.start_session(user, ["OS", "DBMS"])
        for k in range(4):
            clock[0] += timedelta(minutes=5)
            (_answer_well if (k + day) % 3 else _answer_poorly)(user, session.session_id)
        practice.end_session(user, session.session_id)
    trend = progress.mastery_trend(user)
    assert trend == progress.replayed_trend(user)
    assert set(trend) == {"OS", "DBMS"}
    assert [p["date"] for p in trend["OS"]] == ["2026-11-28", "2026-11-29", "2026-11-30"]
    assert len({p["mastery"] for p in trend["OS"]}) > 1  # the days differ: not one value copied
    assert db.session.scalar(select(func.count()).select_from(MasterySnapshot).where(
        MasterySnapshot.user_id == user)) == sum(len(points) for points in trend.values())
    for topic, points in trend.items():
        stored = db.session.scalar(select(UserMastery.mastery_level).where(
            UserMastery.user_id == user, UserMastery.topic == topic))
        assert points[-1]["mastery"] == stored
