"""Stream a long AI task's text to the page while it is written (server-sent events over one response).

``stream_task(work, done_url)`` runs ``work(on_delta)`` in a worker thread with the app context and
returns a ``text/event-stream`` response of:

- ``event: delta`` — ``{"text": …}``: readable text (the string values of the JSON reply, see
  :class:`~interview_coach.ai.readable.ReadableJson`) as the LLM writes it;
- ``event: done`` — ``{"url": done_url}``: the result is stored; the page goes there (``done_url`` may
  be a function of what ``work`` returned, for a result whose URL is known only once it is stored;
  it runs in the worker thread, outside the request, so it must not call ``url_for``);
- ``event: error`` — ``{"message": …}``: a domain error's message (nothing was stored).

A comment line goes out every :data:`KEEPALIVE` seconds so proxies keep the connection open. The
work runs to the end even if the browser goes away, so a result the user waited for is never lost.
``static/js/app.js`` reads the stream with ``fetch`` (so POSTs carry the CSRF header).
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Callable

from flask import Response, current_app

from ..ai.readable import ReadableJson
from ..errors import DomainError
from ..extensions import db

__all__ = ["stream_task", "KEEPALIVE"]

log = logging.getLogger(__name__)
KEEPALIVE = 15.0


def _event(kind: str, payload: dict) -> str:
    return f"event: {kind}\ndata: {json.dumps(payload)}\n\n"


def stream_task(work: Callable[[Callable[[str], None]], object], done_url: str | Callable[[object], str]) -> Response:
    """The SSE response for ``work`` (see the module docstring)."""
    app = current_app._get_current_object()
    events: queue.Queue = queue.Queue()
    readable = ReadableJson()

    def on_delta(piece: str) -> None:
        text = readable.feed(piece)
        if text:
            events.put(("delta", {"text": text}))

    def run() -> None:
        with app.app_context():
            try:
                result = work(on_delta)
                events.put(("done", {"url": done_url(result) if callable(done_url) else done_url}))
            except DomainError as exc:
                events.put(("error", {"message": exc.message}))
            except Exception:  # the page must hear the end; the log keeps the details
                log.exception("streamed AI task failed")
                events.put(("error", {"message": "Something went wrong while writing this. Please try again."}))
            finally:
                db.session.remove()

    threading.Thread(target=run, name="ai-stream", daemon=True).start()

    def generate():
        while True:
            try:
                kind, payload = events.get(timeout=KEEPALIVE)
            except queue.Empty:
                yield ": still writing\n\n"
                continue
            yield _event(kind, payload)
            if kind in ("done", "error"):
                return

    return Response(generate(), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
