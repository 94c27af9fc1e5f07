"""The data model: seed defaults, validation rules, unique constraints and cascading deletes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from interview_coach.errors import Invalid
from interview_coach.extensions import db
from interview_coach.models import (
    AdaptiveInterviewSession,
    ApiToken,
    DebuggingChallenge,
    DebuggingSession,
    Feedback,
    InterviewSession,
    Message,
    QuestionHistory,
    SimulatorSession,
    StudyActionPlan,
    SubtopicMastery,
    User,
    UserMastery,
)

OWNED_MODELS = [InterviewSession, UserMastery, AdaptiveInterviewSession, QuestionHistory,
                SubtopicMastery, StudyActionPlan, DebuggingSession, DebuggingChallenge,
                SimulatorSession, Message, Feedback, ApiToken]


def _user(name="u1"):
    user = User(username=name, email=f"{name}@example.com", password_hash="x")
    db.session.add(user)
    db.session.flush()
    return user


def _populate(user):
    """One row in every table that belongs to ``user``."""
    with db.session.no_autoflush:
        _add_rows(user)
    db.session.commit()


def _add_rows(user):
    db.session.add_all([
        InterviewSession(user=user, session_type="technical", questions=["q1"]),
        UserMastery(user=user, topic="DBMS"),
        AdaptiveInterviewSession(user=user, session_id=f"s-{user.username}"),
        QuestionHistory(user=user, session_id=f"s-{user.username}", topic="DBMS", question="What is BCNF?"),
        SubtopicMastery(user=user, topic="DBMS", subtopic="Normalization"),
        StudyActionPlan(user=user, days=7, topics="DBMS,OS", plan_markdown="# Plan"),
        ApiToken(user=user, name="t", token_hash=f"h-{user.username}", prefix="icp_abc"),
    ])
    debug = DebuggingSession(user=user)
    debug.challenges.append(DebuggingChallenge(buggy_code="x = 1", expected_answer="none"))
    sim = SimulatorSession(user=user, job_title="Backend Engineer", company_name="Acme")
    sim.messages.append(Message(role="assistant", content="Tell me about yourself."))
    sim.feedback = Feedback(interview_score=7, strengths="- clear")
    db.session.add_all([debug, sim])


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_defaults_are_applied(ctx):
    """New rows get the seeds' defaults (difficulty medium, status not_started, empty JSON lists)."""
    user = _user()
    mastery = UserMastery(user=user, topic="OS")
    sub = SubtopicMastery(user=user, topic="OS", subtopic="Scheduling")
    history = QuestionHistory(user=user, session_id="s", topic="OS", question="q?")
    session = AdaptiveInterviewSession(user=user, session_id="abc")
    db.session.add_all([mastery, sub, history, session])
    db.session.commit()
    db.session.expire_all()
    assert user.experience_years == 0 and user.created_at is not None
    assert mastery.current_difficulty == "medium"
    assert mastery.mastery_level == 0.0 and mastery.consecutive_good == 0
    assert mastery.weak_concepts == [] and mastery.concept_masteries == {}
    assert sub.subtopic_status == "not_started" and sub.attempts == 0
    assert history.depth == "medium" and history.key_terms == [] and history.response_time == 0.0
    assert session.attention_score == 1.0 and session.topics_covered == []


def test_json_fields_round_trip(ctx):
    """JSON-encoded seed fields store and return structured values."""
    user = _user()
    user.skills = ["Python", "SQL"]
    mastery = UserMastery(user=user, topic="DBMS",
                          concept_masteries={"dbms.normalization.bcnf": {"attempts": 2, "score": 0.5}})
    db.session.add(mastery)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(User, user.id).skills == ["Python", "SQL"]
    assert mastery.concept_masteries["dbms.normalization.bcnf"]["attempts"] == 2


def test_one_mastery_row_per_user_and_topic(ctx):
    """(user_id, topic) is unique in user_mastery."""
    user = _user()
    db.session.add_all([UserMastery(user=user, topic="DBMS"), UserMastery(user=user, topic="DBMS")])
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_one_subtopic_row_per_user_topic_subtopic(ctx):
    """(user_id, topic, subtopic) is unique in subtopic_mastery."""
    user = _user()
    db.session.add_all([SubtopicMastery(user=user, topic="OS", subtopic="Paging"),
                        SubtopicMastery(user=user, topic="OS", subtopic="Paging")])
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_usernames_and_emails_are_unique(ctx):
    """Two accounts cannot share a username or an e-mail address."""
    _user("same")
    db.session.commit()
    db.session.add(User(username="same", email="other@example.com", password_hash="x"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.add(User(username="other", email="same@example.com", password_hash="x"))
    with pytest.raises(IntegrityError):
        db.session.commit()


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_job_title_must_be_non_empty_and_short(ctx, title):
    """The seed's rule: job title non-empty and at most 200 characters."""
    with pytest.raises(Invalid) as info:
        SimulatorSession(job_title=title, company_name="Acme")
    assert "job_title" in info.value.reasons


def test_job_title_of_200_characters_is_accepted(ctx):
    """Exactly 200 characters is allowed, and surrounding spaces are trimmed."""
    session = SimulatorSession(job_title="  " + "x" * 200 + " ", company_name=" Acme ")
    assert len(session.job_title) == 200 and session.company_name == "Acme"


def test_company_name_must_be_non_empty(ctx):
    """The seed's rule: company name non-empty."""
    with pytest.raises(Invalid) as info:
        SimulatorSession(job_title="Engineer", company_name="  ")
    assert "company_name" in info.value.reasons


def test_ready_for_interview_needs_cv_and_job_description(ctx):
    """Ready for interview exactly when both the CV and the job description have text."""
    session = SimulatorSession(job_title="Engineer", company_name="Acme")
    assert not session.is_ready
    session.cv_text = "Ten years of Python."
    assert not session.is_ready
    session.job_description_text = "   "
    assert not session.is_ready
    session.job_description_text = "We need a backend engineer."
    assert session.is_ready


def test_message_role_is_checked(ctx):
    """Only assistant, user and system messages exist."""
    with pytest.raises(Invalid):
        Message(role="admin", content="hi")


@pytest.mark.parametrize("score", [0, 11, 7.5, True])
def test_feedback_score_is_whole_number_1_to_10(ctx, score):
    """interview_score is an integer on the seed's 1–10 scale."""
    with pytest.raises(Invalid):
        Feedback(interview_score=score)


def test_one_feedback_per_session(ctx):
    """A session has at most one feedback row (unique session_id)."""
    user = _user()
    sim = SimulatorSession(user=user, job_title="Engineer", company_name="Acme")
    db.session.add(sim)
    db.session.flush()
    db.session.add_all([Feedback(session_id=sim.id, interview_score=5),
                        Feedback(session_id=sim.id, interview_score=6)])
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_deleting_a_user_removes_all_their_rows(ctx):
    """Deleting a user through the ORM removes every row they own, and nobody else's."""
    alice, bob = _user("alice"), _user("bob")
    _populate(alice)
    _populate(bob)
    before = {m.__tablename__: _count(m) for m in OWNED_MODELS}
    db.session.delete(alice)
    db.session.commit()
    for model in OWNED_MODELS:
        assert _count(model) == before[model.__tablename__] // 2, model.__tablename__
    assert _count(User) == 1


def test_database_cascades_without_the_orm(ctx):
    """A raw DELETE of a user cascades in the database itself (foreign keys are enforced)."""
    alice = _user("alice")
    _populate(alice)
    db.session.expunge_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql('DELETE FROM "user"')
    for model in OWNED_MODELS:
        assert _count(model) == 0, model.__tablename__


def test_deleting_a_session_removes_messages_and_feedback(ctx):
    """Deleting a mock-interview session removes its messages and feedback."""
    alice = _user("alice")
    _populate(alice)
    sim = db.session.scalar(select(SimulatorSession))
    db.session.delete(sim)
    db.session.commit()
    assert _count(Message) == 0 and _count(Feedback) == 0
    assert _count(User) == 1


def test_deleting_a_debugging_session_removes_its_challenges(ctx):
    """Deleting a debugging session removes its challenges."""
    alice = _user("alice")
    _populate(alice)
    db.session.delete(db.session.scalar(select(DebuggingSession)))
    db.session.commit()
    assert _count(DebuggingChallenge) == 0


def test_simulator_session_may_have_no_user(ctx):
    """sessions.user_id is nullable, as the second seed says."""
    db.session.add(SimulatorSession(job_title="Engineer", company_name="Acme"))
    db.session.commit()
    assert _count(SimulatorSession) == 1
