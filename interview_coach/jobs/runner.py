"""Running one attempt of a job: claim it, run its function with a :class:`JobContext`, record the outcome.

Outcomes: the function returns its result reference → done. A :class:`~interview_coach.errors.DomainError`
(the user's input or the state refuses the work) or running past the timeout → failed, with a message
for the user. Any other exception is taken as transient (a lost database or LLM connection, a crash in
a dependency): the job goes back to the queue after a back-off that doubles from ``JOB_RETRY_SECONDS``,
until ``JOB_MAX_ATTEMPTS`` attempts have been made, then it fails.

A heartbeat thread renews ``heartbeat_at`` while the function runs, so a worker killed mid-job is noticed
(:func:`~interview_coach.jobs.store.requeue_stale`) and the job runs again; job functions store their
result with :meth:`JobContext.claim_result` in the same transaction, so the retry cannot store a second.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from flask import Flask, current_app

from ..ai.readable import ReadableJson
from ..errors import DomainError
from ..extensions import db
from . import store
from .output import Writer

__all__ = ["JobContext", "JobTimeout", "execute", "KINDS", "job_kind"]

log = logging.getLogger(__name__)

KINDS: dict[str, "Kind"] = {}
FAILED = "Something went wrong while writing this. Please try again."


class JobTimeout(Exception):
    """The attempt ran past JOB_TIMEOUT_SECONDS."""


class Kind:
    """A registered job function: ``run(ctx, **params)`` returns the result reference (e.g. "study_plan:12");
    ``single``: asking again while one is queued or running returns that one; ``queue``: the RQ queue."""

    def __init__(self, run: Callable, single: bool, queue: str):
        self.run, self.single, self.queue = run, single, queue


def job_kind(name: str, *, single: bool = False, queue: str = "interactive"):
    """Register the decorated function as the job kind ``name``."""
    def register(run: Callable) -> Callable:
        KINDS[name] = Kind(run, single, queue)
        return run
    return register


class JobContext:
    """What a job function gets besides its params: progress, streamed text, and the result claim."""

    def __init__(self, job_id: int, user_id: int | None, timeout: float):
        self.job_id, self.user_id = job_id, user_id
        self.deadline = time.monotonic() + timeout
        self._readable = ReadableJson()
        self._writer = Writer(job_id)

    def _check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise JobTimeout()

    def progress(self, fraction: float, message: str) -> None:
        """Tell the pages how far the job is (0–1) and what it is doing."""
        self._check_time()
        store.report(self.job_id, fraction, message)

    def on_delta(self, piece: str) -> None:
        """An LLM's raw reply as it is written: its readable text is published for the pages."""
        self._check_time()
        self._writer.write(self._readable.feed(piece))

    def claim_result(self, result_ref: str) -> bool:
        """Call inside the transaction that stores the result, before committing it: False means an
        earlier attempt stored it already, and this one must roll back."""
        return store.claim_result(self.job_id, result_ref)

    def close(self) -> None:
        self._writer.close()


class _Heartbeat(threading.Thread):
    def __init__(self, app: Flask, job_id: int, every: float):
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.app, self.job_id, self.every = app, job_id, every
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            with self.app.app_context():
                try:
                    store.beat(self.job_id)
                except Exception:  # a missed beat is harmless; the next one may get through
                    log.warning("job %s: heartbeat failed", self.job_id, exc_info=True)
                finally:
                    db.session.remove()


def execute(job_id: int, retry: Callable[[int, float], None] | None = None) -> str:
    """Run one attempt of job ``job_id`` in the current app context; returns its status afterwards.

    ``retry(job_id, delay)`` is told when the job went back to the queue (the pool schedules it then).
    A job that is not queued (already running elsewhere, finished, or delivered twice) is left alone.
    """
    from ..models.job import Job

    app = current_app._get_current_object()
    config = app.config
    if not store.claim(job_id):
        return "skipped"
    job = db.session.get(Job, job_id)
    kind, params, user_id, attempts = job.kind, dict(job.params), job.user_id, job.attempts
    db.session.rollback()
    ctx = JobContext(job_id, user_id, config["JOB_TIMEOUT_SECONDS"])
    heartbeat = _Heartbeat(app, job_id, max(1.0, config["JOB_STALE_SECONDS"] / 3))
    heartbeat.start()
    try:
        result_ref = KINDS[kind].run(ctx, **params)
        ctx.close()
        store.finish(job_id, result_ref)
        return "done"
    except DomainError as exc:
        db.session.rollback()
        store.fail(job_id, exc.message)
        return "failed"
    except JobTimeout:
        db.session.rollback()
        store.fail(job_id, f"This took longer than {config['JOB_TIMEOUT_SECONDS']} seconds and was stopped. "
                           "Please try again.")
        return "failed"
    except Exception as exc:
        db.session.rollback()
        if attempts >= config["JOB_MAX_ATTEMPTS"]:
            log.exception("job %s (%s) failed on attempt %s of %s", job_id, kind, attempts, attempts)
            store.fail(job_id, FAILED)
            return "failed"
        delay = config["JOB_RETRY_SECONDS"] * 2 ** (attempts - 1)
        log.warning("job %s (%s) attempt %s failed (%s: %s); retrying in %.1f s", job_id, kind, attempts,
                    type(exc).__name__, exc, delay)
        store.retry_later(job_id, delay, f"Attempt {attempts} failed; retrying.")
        if retry is not None:
            retry(job_id, delay)
        return "queued"
    finally:
        heartbeat.stopped.set()
        db.session.remove()
