"""Retention of mock interviews: archive and anonymise old ones (as the second seed recommends), and
purge deleted ones for good.

- :func:`archive_old_interviews`: an interview older than the retention period (``RETENTION_DAYS``,
  90 by default) that is not yet archived gets ``archived_at`` set and everything in it that can name
  the candidate anonymised: the CV text (:func:`~interview_coach.engine.anonymise.anonymise_cv`), and
  with :func:`~interview_coach.engine.anonymise.anonymise_text` and the names found in the CV's header
  and the profile's full name, the job description, every message, every string of the stored plan
  (questions and reference answers can quote the CV) and the feedback's text and annotations. Scores,
  the plan's shape and the conversation's order stay, so the user keeps their history. Running it
  again changes nothing.
- :func:`purge_deleted_interviews`: an interview deleted (``deleted_at``) more than
  ``DELETED_RETENTION_DAYS`` (7 by default) ago is removed with its messages and feedback. Until then
  it is invisible everywhere but kept, so a mistaken delete can still be undone by an administrator.
- :func:`prune_login_records`: browser logins that ended (or could no longer be used) over 30 days ago,
  and failed-login counts that are over a day old and not blocking, are removed: they serve no one
  once they cannot matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, func, select

from ..engine.anonymise import anonymise_cv, anonymise_text, header_name
from ..errors import Invalid
from ..extensions import db
from ..models import Feedback, LoginThrottle, Message, SimulatorSession, User, UserLogin, utcnow

BATCH = 200


@dataclass(frozen=True)
class RetentionResult:
    archived: int
    cutoff: datetime


@dataclass(frozen=True)
class PurgeResult:
    purged: int
    cutoff: datetime


def _cutoff(days: int, now: datetime | None, field: str) -> datetime:
    if days < 1:
        raise Invalid.field(field, "The retention period must be at least one day.")
    return (now or utcnow()) - timedelta(days=days)


def archive_old_interviews(days: int, now: datetime | None = None, dry_run: bool = False) -> RetentionResult:
    """Archive and anonymise interviews created more than ``days`` days before ``now``."""
    now = now or utcnow()
    cutoff = _cutoff(days, now, "days")
    due = (SimulatorSession.created_at < cutoff, SimulatorSession.archived_at.is_(None))
    if dry_run:
        count = db.session.scalar(select(func.count()).select_from(SimulatorSession).where(*due)) or 0
        return RetentionResult(archived=count, cutoff=cutoff)
    archived = 0
    while True:
        batch = list(db.session.scalars(select(SimulatorSession).where(*due)
                                        .order_by(SimulatorSession.id).limit(BATCH)))
        if not batch:
            return RetentionResult(archived=archived, cutoff=cutoff)
        for session in batch:
            _anonymise(session)
            session.archived_at = now
        db.session.commit()  # batch by batch: a large backlog never holds one huge transaction
        archived += len(batch)


def _anonymise(session: SimulatorSession) -> None:
    full_name = db.session.scalar(select(User.full_name).where(User.id == session.user_id)) if session.user_id else None
    names = [n for n in (header_name(session.cv_text or ""), full_name) if n]

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return anonymise_text(value, names)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    if session.cv_text:
        session.cv_text = anonymise_text(anonymise_cv(session.cv_text), names)
    if session.job_description_text:
        session.job_description_text = clean(session.job_description_text)
    if session.plan:
        session.plan = clean(session.plan)
    for message in db.session.scalars(select(Message).where(Message.session_id == session.id)):
        message.content = clean(message.content)
    feedback = db.session.scalar(select(Feedback).where(Feedback.session_id == session.id))
    if feedback is not None:
        for field in ("strengths", "weaknesses", "cv_improvements", "score_note"):
            setattr(feedback, field, clean(getattr(feedback, field)))
        feedback.annotations = clean(feedback.annotations)


def purge_deleted_interviews(days: int, now: datetime | None = None, dry_run: bool = False) -> PurgeResult:
    """Remove interviews deleted more than ``days`` days before ``now``, with their messages and feedback."""
    cutoff = _cutoff(days, now, "deleted_days")
    due = (SimulatorSession.deleted_at.is_not(None), SimulatorSession.deleted_at < cutoff)
    if dry_run:
        count = db.session.scalar(select(func.count()).select_from(SimulatorSession).where(*due)) or 0
        return PurgeResult(purged=count, cutoff=cutoff)
    purged = 0
    while True:
        ids = list(db.session.scalars(select(SimulatorSession.id).where(*due).order_by(SimulatorSession.id)
                                      .limit(BATCH)))
        if not ids:
            return PurgeResult(purged=purged, cutoff=cutoff)
        # Explicit deletes rather than relying on ON DELETE CASCADE, which SQLite honours only with its
        # foreign-keys pragma on.
        db.session.execute(delete(Message).where(Message.session_id.in_(ids)))
        db.session.execute(delete(Feedback).where(Feedback.session_id.in_(ids)))
        db.session.execute(delete(SimulatorSession).where(SimulatorSession.id.in_(ids)))
        db.session.commit()
        purged += len(ids)


LOGIN_RECORDS_KEPT = timedelta(days=30)


def prune_login_records(now: datetime | None = None) -> int:
    """Remove login rows ended or unusable for :data:`LOGIN_RECORDS_KEPT` and stale failed-login counts;
    returns how many rows went. A login unusable means past the longest lifetime (remember-me's)."""
    now = now or utcnow()
    longest = timedelta(days=current_app.config["REMEMBER_ME_DAYS"])
    logins = db.session.execute(delete(UserLogin).where(
        (UserLogin.ended_at < now - LOGIN_RECORDS_KEPT)
        | (UserLogin.created_at < now - longest - LOGIN_RECORDS_KEPT)))
    counts = db.session.execute(delete(LoginThrottle).where(
        LoginThrottle.first_failure_at < now - timedelta(days=1),
        LoginThrottle.blocked_until.is_(None) | (LoginThrottle.blocked_until < now)))
    db.session.commit()
    return int(logins.rowcount or 0) + int(counts.rowcount or 0)
