"""The job table's state changes, each one conditional UPDATE so that workers racing on a job agree.

A job moves queued → running (:func:`claim`, only from queued, so a job delivered twice runs once) →
done (:func:`finish`), failed (:func:`fail`) or back to queued for a retry (:func:`retry_later`, or
:func:`requeue_stale` when its worker stopped beating). :func:`claim_result` is called by a job function
inside the transaction that stores its result: only the first attempt to get there stores one.

Writes that happen while a job function may hold the session (heartbeats, progress, output) go
through their own short connection, so they never commit the function's work by accident.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import case, func, select, update

from ..errors import TooManyAttempts
from ..extensions import db
from ..models import User, utcnow
from ..models.job import ACTIVE, Job
from ..services.db_utils import for_update

__all__ = ["create", "claim", "finish", "fail", "retry_later", "claim_result", "beat", "report", "append_output",
           "requeue_stale", "due", "mark_dispatched", "active_like"]

MESSAGE_MAX = 200


def active_like(user_id: int | None, kind: str, params: dict) -> Job | None:
    """A queued or running job of ``kind`` with the same params for the same user, if there is one."""
    rows = db.session.scalars(select(Job).where(Job.user_id.is_(None) if user_id is None else Job.user_id == user_id,
                                                Job.kind == kind, Job.status.in_(ACTIVE)))
    return next((job for job in rows if job.params == params), None)


def create(kind: str, user_id: int | None, params: dict, user_limit: int, hold_seconds: float) -> Job:
    """Insert a queued job; TooManyAttempts (429) when the user already has ``user_limit`` active ones.

    The user's row is locked first (PostgreSQL), so two requests at once cannot both pass the cap.
    ``hold_seconds``: the dispatcher leaves the new job to its first delivery for this long.
    """
    if user_id is not None:
        db.session.execute(for_update(select(User.id).where(User.id == user_id)))
        active = db.session.scalar(select(func.count()).select_from(Job).where(
            Job.user_id == user_id, Job.status.in_(ACTIVE)))
        if active >= user_limit:
            db.session.rollback()
            raise TooManyAttempts(
                f"You already have {active} tasks being written (feedback, study plans or interview questions). "
                "Wait for one to finish, then try again.", retry_after=10, code="too_many_jobs")
    now = utcnow()
    job = Job(kind=kind, user_id=user_id, params=params, status="queued", progress=0.0, message="Waiting for a worker",
              attempts=0, output="", created_at=now, run_after=now + timedelta(seconds=hold_seconds))
    db.session.add(job)
    db.session.commit()
    return job


def _write(statement) -> int:
    with db.engine.begin() as conn:
        return conn.execute(statement).rowcount


def claim(job_id: int) -> bool:
    """Mark a queued job running for this worker (one more attempt); False when it is not queued."""
    now = utcnow()
    return _write(update(Job).where(Job.id == job_id, Job.status == "queued").values(
        status="running", attempts=Job.attempts + 1, started_at=now, heartbeat_at=now,
        message="Started")) == 1


def finish(job_id: int, result_ref: str | None) -> None:
    """The job is done; ``result_ref`` is kept unless an earlier attempt already stored one, and a closing
    message the job reported with progress 1 stays (e.g. what the retention sweep did)."""
    _write(update(Job).where(Job.id == job_id, Job.status == "running").values(
        status="done", progress=1.0, message=case((Job.progress >= 1.0, Job.message), else_="Done"),
        finished_at=utcnow(),
        result_ref=func.coalesce(Job.result_ref, result_ref)))


def fail(job_id: int, error: str) -> None:
    """The job failed for good; ``error`` is what the user is told."""
    _write(update(Job).where(Job.id == job_id, Job.status.in_(ACTIVE)).values(
        status="failed", error=error, message="Failed", finished_at=utcnow()))


def retry_later(job_id: int, delay: float, error: str) -> None:
    """Put a running job back in the queue, to be delivered again after ``delay`` seconds."""
    _write(update(Job).where(Job.id == job_id, Job.status == "running").values(
        status="queued", error=error, message=f"Retrying in {delay:.0f} s",
        run_after=utcnow() + timedelta(seconds=delay)))


def claim_result(job_id: int, result_ref: str) -> bool:
    """Inside the caller's transaction: record that this attempt stores the result. False: an earlier
    attempt did, and the caller must roll back instead of storing a second one."""
    done = db.session.execute(update(Job).where(Job.id == job_id, Job.result_ref.is_(None))
                              .values(result_ref=result_ref).execution_options(synchronize_session=False))
    return done.rowcount == 1


def beat(job_id: int) -> None:
    """The worker is still running this job."""
    _write(update(Job).where(Job.id == job_id, Job.status == "running").values(heartbeat_at=utcnow()))


def report(job_id: int, progress: float, message: str) -> None:
    """Progress (0–1) and a short message for the pages."""
    _write(update(Job).where(Job.id == job_id).values(
        progress=max(0.0, min(1.0, float(progress))), message=message[:MESSAGE_MAX], heartbeat_at=utcnow()))


def append_output(job_id: int, text: str) -> None:
    """Add streamed text to the job's output."""
    _write(update(Job).where(Job.id == job_id).values(output=Job.output + text, heartbeat_at=utcnow()))


def requeue_stale(stale_seconds: float, max_attempts: int) -> int:
    """Running jobs whose heartbeat stopped (their worker died): back to the queue, or failed when they
    have used every attempt. Returns how many were requeued or failed."""
    cutoff = utcnow() - timedelta(seconds=stale_seconds)
    stale = Job.status == "running", Job.heartbeat_at < cutoff
    failed = _write(update(Job).where(*stale, Job.attempts >= max_attempts).values(
        status="failed", error="The worker running this stopped too many times. Please try again.",
        message="Failed", finished_at=utcnow()))
    return failed + _write(update(Job).where(*stale).values(
        status="queued", message="Its worker stopped; waiting for another", run_after=utcnow()))


def due(limit: int = 100) -> list[int]:
    """Queued jobs whose hold has passed: new jobs whose delivery was lost, and retries whose back-off is over."""
    ids = list(db.session.scalars(select(Job.id).where(Job.status == "queued", Job.run_after <= utcnow())
                                  .order_by(Job.run_after).limit(limit)))
    db.session.rollback()
    return ids


def mark_dispatched(job_ids: list[int], hold_seconds: float) -> None:
    """The jobs were delivered now: the dispatcher leaves them to that delivery for ``hold_seconds``."""
    if job_ids:
        _write(update(Job).where(Job.id.in_(job_ids), Job.status == "queued")
               .values(run_after=utcnow() + timedelta(seconds=hold_seconds)))
