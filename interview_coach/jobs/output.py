"""A job's streamed text, readable from any app process while the job runs and after.

Without Redis the text is appended to the job row (``job.output``); with ``REDIS_URL`` it goes to a
Redis stream (``ic:job:<id>:out``, kept for :data:`KEEP_SECONDS`), which app processes read with a
blocking XREAD instead of polling the database. Either way a reader starts from the beginning, so a
reloaded page, or one served by another app process, shows everything written so far and then the rest.

The writer batches the LLM's small pieces (every :data:`FLUSH_SECONDS`) so a long answer is a few
dozen writes, not thousands.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models.job import ACTIVE, Job
from . import store

__all__ = ["Writer", "Chunk", "read", "FLUSH_SECONDS", "KEEP_SECONDS"]

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.2
KEEP_SECONDS = 3600


def _key(job_id: int) -> str:
    return f"ic:job:{job_id}:out"


def redis_client():
    """The app's Redis connection (one per process, shared by threads), or None without REDIS_URL."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    clients = current_app.extensions.setdefault("ic_redis", {})
    if url not in clients:
        import redis

        clients[url] = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2, health_check_interval=30)
    return clients[url]


class Writer:
    """Collects a job's text and writes it out in batches; :meth:`close` writes what is left.

    A piece that arrives within FLUSH_SECONDS of the last write waits, but never longer: a timer
    writes it out even when no further piece comes (an LLM that pauses mid-reply must not leave the
    page showing only its first words until it finishes).
    """

    def __init__(self, job_id: int):
        self.job_id = job_id
        self._pending: list[str] = []
        self._last = 0.0
        self._lock = threading.RLock()  # one flush at a time, so the pieces keep their order
        self._timer: threading.Timer | None = None
        try:
            self._app = current_app._get_current_object()
        except RuntimeError:  # outside an app context nothing can be written later either
            self._app = None

    def write(self, text: str) -> None:
        with self._lock:
            if text:
                self._pending.append(text)
            if not self._pending:
                return
            wait = FLUSH_SECONDS - (time.monotonic() - self._last)
            if wait <= 0:
                self.flush()
            elif self._timer is None and self._app is not None:
                self._timer = threading.Timer(wait, self._flush_later)
                self._timer.daemon = True
                self._timer.start()

    def _flush_later(self) -> None:
        with self._app.app_context():
            try:
                self.flush()
            except Exception:  # the next write or close() retries; a page just sees the text later
                log.warning("job %s: writing streamed text failed", self.job_id, exc_info=True)

    def flush(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if not self._pending:
                return
            text, self._pending, self._last = "".join(self._pending), [], time.monotonic()
            client = redis_client()
            if client is None:
                store.append_output(self.job_id, text)
                return
            pipe = client.pipeline()
            pipe.xadd(_key(self.job_id), {"t": text.encode("utf-8")})
            pipe.expire(_key(self.job_id), KEEP_SECONDS)
            pipe.execute()
            store.beat(self.job_id)

    close = flush


@dataclass(frozen=True)
class Chunk:
    """What a reader got: new ``text`` since its cursor, the next ``cursor``, and the job's state."""

    text: str
    cursor: str
    status: str
    progress: float
    message: str


def read(job_id: int, cursor: str = "0", wait: float = 1.0) -> Chunk:
    """New text after ``cursor`` ("0": from the start), waiting up to ``wait`` seconds for some.

    The state is read before the text: a job is marked finished only after its last text is written,
    so a reader that sees it finished also gets the end of its text.
    """
    client = redis_client()
    if client is None:
        deadline = time.monotonic() + wait
        while True:
            status, progress, message, output = _state(job_id)
            offset = int(cursor)
            if len(output) > offset or status not in ACTIVE or time.monotonic() >= deadline:
                return Chunk(output[offset:], str(len(output)), status, progress, message)
            time.sleep(0.2)
    status, progress, message, _ = _state(job_id)
    block = int(wait * 1000) if status in ACTIVE else None
    found = client.xread({_key(job_id): cursor}, block=block, count=10_000)
    text = []
    for _stream, entries in found or []:
        for entry_id, fields in entries:
            text.append(fields[b"t"].decode("utf-8"))
            cursor = entry_id.decode()
    return Chunk("".join(text), cursor, status, progress, message)


def _state(job_id: int):
    row = db.session.execute(select(Job.status, Job.progress, Job.message, Job.output).where(Job.id == job_id)).one()
    db.session.rollback()  # no transaction stays open between polls
    return row
