"""Relay a background job's progress and streamed text to the page as server-sent events.

``stream_job(job_id, done_url, failed_text)`` returns a ``text/event-stream`` response of:

- ``event: progress`` — ``{"progress": 0–1, "message": …}`` whenever they change;
- ``event: delta`` — ``{"text": …}``: readable text the job's LLM has written (from the start, so a
  reloaded page, or one served by another app process, shows everything so far, then the rest);
- ``event: done`` — ``{"url": done_url(job)}``: the result is stored; the page goes there;
- ``event: error`` — ``{"message": …}``: the job failed; the message says why.

The job runs on a worker (or the app's job pool), not in this response: the browser going away stops
only the relay, and a relay that stops (a restarted app process) is resumed by loading the page again.
A comment line goes out every :data:`KEEPALIVE` seconds so proxies keep the connection open.
``static/js/app.js`` reads the stream with ``fetch``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from flask import Response, stream_with_context

from .. import jobs
from ..jobs.output import read

__all__ = ["stream_job", "KEEPALIVE"]

KEEPALIVE = 15.0


def _event(kind: str, payload: dict) -> str:
    return f"event: {kind}\ndata: {json.dumps(payload)}\n\n"


def stream_job(user_id: int, job_id: int, done_url: Callable[[jobs.JobView], str]) -> Response:
    """The SSE response relaying the user's job ``job_id`` (see the module docstring); NotFound first
    for another user's job."""
    jobs.get(user_id, job_id)

    def generate():
        cursor, shown, quiet_since = "0", None, time.monotonic()
        while True:
            chunk = read(job_id, cursor, wait=1.0)
            cursor = chunk.cursor
            if (chunk.progress, chunk.message) != shown:
                shown = (chunk.progress, chunk.message)
                yield _event("progress", {"progress": chunk.progress, "message": chunk.message})
            if chunk.text:
                quiet_since = time.monotonic()
                yield _event("delta", {"text": chunk.text})
            if chunk.status in ("queued", "running"):
                if time.monotonic() - quiet_since >= KEEPALIVE:
                    quiet_since = time.monotonic()
                    yield ": still writing\n\n"
                continue
            view = jobs.get(user_id, job_id)
            if view.status == "done":
                yield _event("done", {"url": done_url(view)})
            else:
                yield _event("error", {"message": view.error or "This was cancelled."})
            return

    return Response(stream_with_context(generate()), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
