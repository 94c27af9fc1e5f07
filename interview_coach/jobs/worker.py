"""The RQ side: what a worker runs for a delivery, the dispatcher beside it, and its health check.

``interview-coach worker [--queues interactive,maintenance]`` runs an RQ ``SimpleWorker`` (jobs run in the
worker process itself, so the models it loads stay loaded between jobs and no forked child inherits
database connections) and, in a thread, the dispatcher: every :data:`TICK` seconds it gives running jobs
whose heartbeat stopped (their worker was killed) back to the queue and delivers queued jobs whose hold
has passed (retries after their back-off, deliveries lost while Redis was down). Several workers may run
dispatchers at once: deliveries are idempotent. The worker writes ``ic:worker:<name>:alive`` with a TTL,
which ``interview-coach worker-health`` (and ``/healthz``) read.
"""

from __future__ import annotations

import logging
import os
import socket
import threading

from flask import Flask, current_app

from ..extensions import db
from . import store
from .runner import execute

__all__ = ["run_job", "work", "alive_workers", "QUEUES", "TICK"]

log = logging.getLogger(__name__)
QUEUES = ("interactive", "maintenance")
TICK = 1.0
ALIVE_TTL = 15
_app: Flask | None = None


def run_job(job_id: int) -> str:
    """RQ's entry point for one delivery (see :func:`~interview_coach.jobs.runner.execute`)."""
    global _app
    if _app is None:  # a worker started with `rq worker` rather than `interview-coach worker`
        from .. import create_app

        _app = create_app()
    with _app.app_context():
        return execute(job_id)


def _dispatch_once(app: Flask) -> None:
    from .backends import backend

    with app.app_context():
        try:
            store.requeue_stale(app.config["JOB_STALE_SECONDS"], app.config["JOB_MAX_ATTEMPTS"])
            ids = store.due()
            if ids:
                store.mark_dispatched(ids, app.config["JOB_STALE_SECONDS"])
                for job_id in ids:
                    backend(app).submit(job_id, _kind(job_id))
        finally:
            db.session.remove()


def _kind(job_id: int) -> str | None:
    from ..models.job import Job

    job = db.session.get(Job, job_id)
    return job.kind if job else None


def _dispatcher(app: Flask, name: str, stop: threading.Event) -> None:
    while not stop.wait(TICK):
        for step in (lambda: _report_alive(app, name), lambda: _dispatch_once(app)):
            try:
                step()
            except Exception as exc:  # Redis or the database away for a moment: try again next tick
                log.warning("dispatcher: %s: %s", type(exc).__name__, exc)


def _report_alive(app: Flask, name: str) -> None:
    from .output import redis_client

    with app.app_context():
        redis_client().set(f"ic:worker:{name}:alive", os.getpid(), ex=ALIVE_TTL)


def work(queues: tuple[str, ...] = QUEUES, burst: bool = False) -> None:
    """Run an RQ worker on ``queues`` with the dispatcher until stopped (``burst``: until the queues are empty)."""
    global _app
    from rq import Queue, SimpleWorker

    from .backends import backend

    _app = current_app._get_current_object()
    if not burst:  # a long-lived worker loads the content bank and scoring model once, before its first job
        from ..serving import prepare_to_serve

        prepare_to_serve()
    connection = backend(_app).connection
    name = f"{socket.gethostname()}.{os.getpid()}"
    stop = threading.Event()
    threading.Thread(target=_dispatcher, args=(_app, name, stop), name="job-dispatcher", daemon=True).start()
    try:
        worker_class = _burst_worker_class() if burst else SimpleWorker
        worker = worker_class([Queue(q, connection=connection) for q in queues], connection=connection, name=name)
        worker.work(burst=burst, logging_level=logging.getLevelName(_app.config["LOG_LEVEL"]))
    finally:
        stop.set()


def _burst_worker_class():
    from rq import SimpleWorker

    class BurstWorker(SimpleWorker):
        """A worker that stops when the queues are empty needs no command channel: without it, stopping does
        not wait up to a minute for RQ's pub/sub thread (its poll interval) to let go of the connection."""

        def subscribe(self):
            self.pubsub_thread = None

    return BurstWorker


def alive_workers() -> list[str]:
    """Names of the workers that reported in the last ALIVE_TTL seconds (empty without Redis)."""
    from .output import redis_client

    client = redis_client()
    if client is None:
        return []
    return sorted(key.decode().split(":")[2] for key in client.scan_iter("ic:worker:*:alive"))
