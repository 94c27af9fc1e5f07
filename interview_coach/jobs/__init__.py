"""Background work: one way to run slow tasks off the request thread (see ``DESIGN.md``, jobs/).

- :func:`enqueue` (``kind``, the acting user's id, params that are ids and plain values) stores a job row
  and delivers it: to RQ workers when ``REDIS_URL`` is set, else to a bounded pool in this process.
  Returns the job id. A user with ``JOB_USER_LIMIT`` jobs queued or running gets TooManyAttempts (429).
  For kinds registered ``single`` an identical active job is returned instead of a second one.
- :func:`get` is the user's job as a :class:`JobView` (another user's job is NotFound).
- :func:`wait` waits for a job to finish (the no-JavaScript forms and the API's synchronous calls).
- Streamed text: :func:`interview_coach.jobs.output.read`; the SSE relay is in ``web/streaming.py``.

Job functions live in :mod:`interview_coach.jobs.kinds`; the states, retries and timeout in
:mod:`~interview_coach.jobs.runner` and :mod:`~interview_coach.jobs.store`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from ..extensions import db
from ..models.job import Job
from ..services.db_utils import owned
from . import kinds as _kinds  # noqa: F401  (registers the job kinds)
from . import store
from .backends import backend
from .runner import KINDS

__all__ = ["enqueue", "get", "wait", "JobView", "KINDS"]


@dataclass(frozen=True)
class JobView:
    """A job as the pages and the API show it."""

    id: int
    kind: str
    params: dict
    status: str
    progress: float
    message: str
    result_ref: str | None
    error: str | None
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.status not in ("queued", "running")

    @property
    def result_id(self) -> int | None:
        """The id in ``result_ref`` ("study_plan:12" → 12)."""
        return int(self.result_ref.rsplit(":", 1)[1]) if self.result_ref else None


def _view(job: Job) -> JobView:
    return JobView(job.id, job.kind, dict(job.params), job.status, job.progress, job.message, job.result_ref, job.error,
                   job.attempts, job.created_at, job.started_at, job.finished_at)


def enqueue(kind: str, user_id: int | None = None, **params) -> int:
    """Store and deliver a job of ``kind`` for ``user_id`` (None: system work); returns its id."""
    spec = KINDS[kind]
    config = current_app.config
    if spec.single:
        existing = store.active_like(user_id, kind, params)
        if existing is not None:
            db.session.rollback()
            return existing.id
    job = store.create(kind, user_id, params, config["JOB_USER_LIMIT"], config["JOB_STALE_SECONDS"])
    backend().submit(job.id, kind)
    return job.id


def get(user_id: int, job_id: int) -> JobView:
    """The user's job ``job_id``; NotFound for a missing job or another user's."""
    job = owned(Job, user_id, "No such job.", id=job_id)
    view = _view(job)
    db.session.rollback()
    return view


def wait(user_id: int, job_id: int, seconds: float | None = None) -> JobView:
    """The job once it has finished, or as it is after ``seconds`` (default JOB_WAIT_SECONDS)."""
    deadline = time.monotonic() + (current_app.config["JOB_WAIT_SECONDS"] if seconds is None else seconds)
    delay = 0.02
    while True:
        view = get(user_id, job_id)
        if view.finished or time.monotonic() >= deadline:
            return view
        time.sleep(delay)
        delay = min(delay * 1.5, 0.25)
