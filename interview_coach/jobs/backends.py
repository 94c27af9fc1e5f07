"""Where job attempts run: RQ workers when ``REDIS_URL`` is set, else a bounded pool in this process.

Both only carry job ids; the job row says what to do. :meth:`submit` delivers a job now (a job delivered
twice runs once: :func:`~interview_coach.jobs.store.claim`). A failed delivery is not an error for the
caller: the job stays queued and the dispatcher (the worker's, or the pool's on its next start) delivers
it again, so a request made while Redis is down still gets its job, run once Redis is back.

- :class:`PoolBackend`: ``JOB_POOL_SIZE`` threads (default 2), so at most that many slow tasks run in a
  web process however many users ask; the rest wait their turn. Retries are timers in the process. On
  creation it takes over the jobs an earlier process left queued or running.
- :class:`RqBackend`: one RQ job per delivery on the kind's queue, with a hard timeout a little above
  JOB_TIMEOUT_SECONDS (the runner's own check comes first and records a clear message).
"""

from __future__ import annotations

import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, current_app

from ..extensions import db
from . import store
from .runner import KINDS, execute

__all__ = ["backend", "PoolBackend", "RqBackend", "RUN_PATH"]

log = logging.getLogger(__name__)
RUN_PATH = "interview_coach.jobs.worker.run_job"  # what an RQ worker imports to run a delivery


class PoolBackend:
    """A bounded thread pool in this process."""

    name = "pool"

    def __init__(self, app: Flask):
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=app.config["JOB_POOL_SIZE"], thread_name_prefix="job")
        with app.app_context():  # jobs an earlier process of this app left behind
            store.requeue_stale(app.config["JOB_STALE_SECONDS"], app.config["JOB_MAX_ATTEMPTS"])
            for job_id in store.due():
                self.submit(job_id, None)
            db.session.remove()

    def submit(self, job_id: int, kind: str | None) -> None:
        self.executor.submit(self._run, job_id)

    def _run(self, job_id: int) -> None:
        with self.app.app_context():
            try:
                execute(job_id, retry=self._later)
            except Exception:  # the pool thread must survive; the job row stays for the next start
                log.exception("job %s could not be run", job_id)

    def _later(self, job_id: int, delay: float) -> None:
        timer = threading.Timer(delay, self.submit, args=(job_id, None))
        timer.daemon = True
        timer.start()


class RqBackend:
    """Deliveries to RQ queues on ``REDIS_URL``."""

    name = "rq"

    def __init__(self, app: Flask):
        from .output import redis_client

        with app.app_context():
            self.connection = redis_client()
        self.timeout = app.config["JOB_TIMEOUT_SECONDS"] + 30

    def submit(self, job_id: int, kind: str | None) -> None:
        from rq import Queue

        queue = KINDS[kind].queue if kind in KINDS else "interactive"
        try:
            Queue(queue, connection=self.connection).enqueue(
                RUN_PATH, job_id, job_id=f"ic-{job_id}-{uuid.uuid4().hex[:8]}", job_timeout=self.timeout,
                result_ttl=300, failure_ttl=86400)
        except Exception as exc:  # Redis unreachable: the dispatcher delivers it once Redis is back
            log.warning("job %s not delivered now (%s: %s); the dispatcher will retry", job_id, type(exc).__name__, exc)
            store.mark_dispatched([job_id], 0)


def backend(app: Flask | None = None) -> PoolBackend | RqBackend:
    """The app's backend, created once per process."""
    app = app or current_app._get_current_object()
    with _lock:
        found = app.extensions.get("ic_jobs")
        if found is None:
            found = app.extensions["ic_jobs"] = (RqBackend if app.config.get("REDIS_URL") else PoolBackend)(app)
    return found


_lock = threading.Lock()
