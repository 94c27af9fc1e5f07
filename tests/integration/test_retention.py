"""Retention: old mock interviews are archived and anonymised (CV, job description, messages, plan,
feedback); recent ones are not; deleted ones are purged with everything they own after the grace period."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from interview_coach.errors import Invalid
from interview_coach.extensions import db
from interview_coach.models import Feedback, Message, SimulatorSession, User, utcnow
from interview_coach.services.retention import archive_old_interviews, purge_deleted_interviews

CV = """Jane Q. Roe
jane.roe@example.com | +44 20 7946 0958 | linkedin.com/in/janeroe | 221B Baker Street, London NW1 6XE

Experience
Senior Data Engineer, Acme Ltd (2019 - 2024)
- Built Kafka pipelines in Python that cut reporting latency by 60%.
"""


def _interview(user_id, days_old: int) -> int:
    session = SimulatorSession(user_id=user_id, job_title="Data Engineer", company_name="Acme",
                               cv_text=CV, job_description_text="We need a data engineer " * 5,
                               created_at=utcnow() - timedelta(days=days_old))
    session.messages.append(Message(role="assistant", content="Tell me about Kafka."))
    db.session.add(session)
    db.session.commit()
    return session.id


def test_old_interviews_are_archived_and_anonymised(ctx, make_user):
    """A 100-day-old interview loses the personal data in its CV; a 10-day-old one is untouched."""
    user = make_user()
    old, recent = _interview(user, 100), _interview(user, 10)
    result = archive_old_interviews(90)
    assert result.archived == 1
    db.session.expire_all()
    archived, kept = db.session.get(SimulatorSession, old), db.session.get(SimulatorSession, recent)
    assert archived.archived_at is not None and kept.archived_at is None
    for secret in ("jane.roe@example.com", "7946 0958", "linkedin.com/in/janeroe", "Baker Street", "Jane Q. Roe"):
        assert secret not in archived.cv_text, secret
    assert "Kafka pipelines" in archived.cv_text and "Experience" in archived.cv_text
    assert kept.cv_text == CV
    assert len(archived.messages) == 1  # the transcript stays


def test_retention_is_idempotent_and_has_a_dry_run(ctx, make_user):
    """A dry run counts without changing anything; a second real run archives nothing more."""
    user = make_user()
    _interview(user, 200)
    assert archive_old_interviews(90, dry_run=True).archived == 1
    assert db.session.scalar(select(SimulatorSession.archived_at)) is None
    assert archive_old_interviews(90).archived == 1
    assert archive_old_interviews(90).archived == 0
    with pytest.raises(Invalid):
        archive_old_interviews(0)


def test_retention_command(tmp_path):
    """`interview-coach retention --days 30` runs against a real database and reports the count."""
    env = dict(os.environ, APP_ENV="development", INSTANCE_PATH=str(tmp_path / "instance"),
               DATABASE_URL=f"sqlite:///{tmp_path / 'r.db'}")
    cli = [sys.executable, "-m", "interview_coach.cli"]
    assert subprocess.run(cli + ["db", "upgrade"], env=env, capture_output=True, timeout=120).returncode == 0
    result = subprocess.run(cli + ["retention", "--days", "30"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "archived 0 interview(s) created before" in result.stdout
    assert "purged 0 interview(s) deleted before" in result.stdout


def test_archiving_anonymises_messages_plan_job_description_and_feedback(ctx, make_user):
    """Everything that can name the candidate is anonymised, not only the CV: what they wrote in answers,
    what the interviewer quoted, the stored plan, the job description's contacts and the feedback."""
    user_id = make_user()
    db.session.get(User, user_id).full_name = "Janet Doyle"
    sid = _interview(user_id, 120)
    session = db.session.get(SimulatorSession, sid)
    session.job_description_text = "Apply to hiring@acme.example.com or call +44 20 7946 0000. " * 2
    session.plan = {"questions": [{"text": "Jane Roe, tell me about Acme.", "reference_answer": "Jane Q. Roe built Kafka",
                                   "concepts": ["kafka"]}], "engine": "builtin"}
    session.messages.append(Message(role="user", content="I am Jane Roe; reach me at jane.roe@example.com or "
                                                         "+44 20 7946 0958. Janet Doyle is my other name."))
    session.feedback = Feedback(interview_score=6, strengths="Jane Roe gave numbers.", weaknesses="None",
                                cv_improvements="Move jane.roe@example.com up.",
                                annotations=[{"number": 1, "notes_md": "Jane Roe said Kafka."}])
    db.session.commit()
    archive_old_interviews(90)
    db.session.expire_all()
    session = db.session.get(SimulatorSession, sid)
    texts = [session.cv_text, session.job_description_text, str(session.plan), session.feedback.strengths,
             session.feedback.cv_improvements, str(session.feedback.annotations)] + [m.content for m in session.messages]
    everything = "\n".join(texts)
    for secret in ("Jane Roe", "Jane Q. Roe", "jane.roe@example.com", "7946 0958", "hiring@acme.example.com",
                   "7946 0000", "Janet Doyle"):
        assert secret not in everything, secret
    assert "Tell me about Kafka." in everything and "[NAME]" in session.messages[1].content
    assert session.plan["questions"][0]["concepts"] == ["kafka"] and session.feedback.interview_score == 6


def test_deleted_interviews_are_purged_with_everything_after_the_grace_period(ctx, make_user):
    """Deleted 8 days ago: gone with its messages and feedback; deleted 6 days ago or not deleted: kept."""
    user_id = make_user()
    purged, grace, live = (_interview(user_id, 30) for _ in range(3))
    db.session.get(SimulatorSession, purged).feedback = Feedback(interview_score=5)
    db.session.get(SimulatorSession, purged).deleted_at = utcnow() - timedelta(days=8)
    db.session.get(SimulatorSession, grace).deleted_at = utcnow() - timedelta(days=6)
    db.session.commit()
    assert purge_deleted_interviews(7, dry_run=True).purged == 1
    assert purge_deleted_interviews(7).purged == 1
    db.session.expire_all()
    assert db.session.get(SimulatorSession, purged) is None
    assert db.session.scalar(select(Message).where(Message.session_id == purged)) is None
    assert db.session.scalar(select(Feedback).where(Feedback.session_id == purged)) is None
    assert {s.id for s in db.session.scalars(select(SimulatorSession))} == {grace, live}
    assert purge_deleted_interviews(7).purged == 0


def test_old_login_records_are_pruned(ctx, make_user):
    """Logins ended over 30 days ago and day-old failed-login counts go; live and recent ones stay."""
    from interview_coach.models import LoginThrottle, UserLogin
    from interview_coach.services import logins
    from interview_coach.services.retention import prune_login_records

    user_id = make_user()
    for _ in range(3):
        logins.start_login(user_id, remember=False)
    rows = {r.id: r for r in db.session.scalars(select(UserLogin))}
    first, second, third = sorted(rows)
    rows[second].ended_at = utcnow() - timedelta(days=2)
    rows[third].ended_at = utcnow() - timedelta(days=31)
    db.session.add_all([LoginThrottle(key_hash="a" * 64, failures=2, first_failure_at=utcnow() - timedelta(days=2)),
                        LoginThrottle(key_hash="b" * 64, failures=2, first_failure_at=utcnow())])
    db.session.commit()
    assert prune_login_records() == 2
    assert set(db.session.scalars(select(UserLogin.id))) == {first, second}
    assert list(db.session.scalars(select(LoginThrottle.key_hash))) == ["b" * 64]
