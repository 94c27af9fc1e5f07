"""The number of SQL statements per dashboard and history request does not grow with the user's data
(no N+1): counted on the real database for a user with a few answers and one with many."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event

from interview_coach.extensions import db
from interview_coach.models import AdaptiveInterviewSession, MasterySnapshot, QuestionHistory, UserMastery, utcnow
from interview_coach.services import tokens

PATHS = ("/api/v1/practice/mastery", "/api/v1/practice/history?page=1", "/api/v1/practice/history?page=2",
         "/api/v1/practice/sessions")
MAX_STATEMENTS = 12  # the token check, its last-used stamp, then the page's own queries


def _user_with_answers(make_user, name: str, answers: int) -> dict:
    user = make_user(name)
    now = utcnow()
    for topic in ("OS", "DBMS", "Networks"):
        db.session.add(UserMastery(user_id=user, topic=topic, mastery_level=0.4, questions_attempted=answers,
                                   weak_concepts=["os.processes"], concept_masteries={"os.processes": {"score": 0.2}}))
    for s in range(3):
        db.session.add(AdaptiveInterviewSession(user_id=user, session_id=f"{name}-{s}", start_time=now))
    for k in range(answers):
        at = now - timedelta(hours=k)
        db.session.add(QuestionHistory(user_id=user, session_id=f"{name}-{k % 3}", topic=("OS", "DBMS")[k % 2],
                                       question=f"Question {k}?", answer="An answer.", semantic_score=0.5,
                                       keyword_score=0.5, timestamp=at, answered_at=at))
    for topic, day in {(("OS", "DBMS")[k % 2], (now - timedelta(hours=k)).date()) for k in range(answers)}:
        db.session.add(MasterySnapshot(user_id=user, topic=topic, day=day, mastery_level=0.5))
    db.session.commit()
    _, secret = tokens.create_token(user, "counting")
    return {"Authorization": f"Bearer {secret}"}


@contextmanager
def _counted():
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_dashboard_and_history_statements_do_not_grow_with_the_data(ctx, client, make_user):
    """A user with 60 answers over 3 sessions costs the same statements per request as one with 4."""
    few, many = _user_with_answers(make_user, "few", 4), _user_with_answers(make_user, "many", 60)
    for path in PATHS:
        counts = []
        for headers in (few, many):
            with _counted() as seen:
                assert client.get(path, headers=headers).status_code == 200
            counts.append(len(seen))
        assert 2 <= counts[0] == counts[1] <= MAX_STATEMENTS, (path, counts)


def test_the_day_streak_counts_answered_days_on_both_databases(ctx, make_user):
    """Answers today, yesterday and the day before (several a day) make a 3-day streak; a gap ends it."""
    from interview_coach.services import progress

    user = make_user()
    now = utcnow()
    for days_ago in (0, 1, 1, 2, 2, 2, 4):
        at = now - timedelta(days=days_ago)
        db.session.add(QuestionHistory(user_id=user, session_id="s", topic="OS", question="Q?", answer="A.",
                                       timestamp=at, answered_at=at))
    db.session.commit()
    assert progress.dashboard(user)["overall"]["streak_days"] == 3
