"""A scripted OpenAI-compatible server on 127.0.0.1 for the AI fault tests.

``POST /v1/chat/completions`` answers with the next :class:`Reply` of the test's script (the last
one repeats), or with whatever a function of the request body returns. Every request body is
recorded in :attr:`FaultServer.requests`, so a test can check what the provider sent as well as
what it did with the answer. It is a real HTTP server (stdlib ``ThreadingHTTPServer`` in a thread)
so the ``openai`` SDK, httpx and their timeouts run exactly as they do against a real LLM server.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["FaultServer", "Reply", "by_task", "completion", "error", "stream"]


@dataclass(frozen=True)
class Reply:
    """One scripted HTTP answer.

    ``body`` is sent as JSON when it is a dict or list, as is when str/bytes. ``delay`` waits that
    many seconds before answering, or, with ``stall_at``, after sending the headers and that many
    bytes of the body. ``truncate`` declares more bytes in Content-Length than it sends, then closes
    the connection.
    """

    status: int = 200
    body: object = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stall_at: int | None = None
    truncate: bool = False
    content_type: str = "application/json"

    def payload(self) -> bytes:
        if isinstance(self.body, (dict, list)):
            return json.dumps(self.body).encode()
        return self.body.encode() if isinstance(self.body, str) else bytes(self.body)


def completion(content: str, *, tokens_in: int = 11, tokens_out: int = 7, **kwargs) -> Reply:
    """A well-formed chat completion whose message content is ``content``."""
    return Reply(body={
        "id": "chatcmpl-fault", "object": "chat.completion", "created": 0, "model": "fault-model",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": tokens_in, "completion_tokens": tokens_out, "total_tokens": tokens_in + tokens_out},
    }, **kwargs)


def error(status: int, message: str = "scripted failure", **headers: str) -> Reply:
    """An OpenAI-style error body with ``status`` (header names: underscores become dashes)."""
    return Reply(status=status, body={"error": {"message": message, "type": "fault", "code": status}},
                 headers={k.replace("_", "-"): v for k, v in headers.items()})


def stream(pieces: list[str], *, cut: bool = False, error_message: str | None = None, stall: float = 0.0) -> Reply:
    """A streamed completion (server-sent events), one chunk per piece. ``cut`` drops the connection
    after the pieces; ``error_message`` sends an error event after them, as vLLM and llama.cpp do when
    generation fails; ``stall`` waits that long after the pieces."""
    events = [{"id": "chatcmpl-fault", "object": "chat.completion.chunk", "created": 0, "model": "fault-model",
               "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]} for piece in pieces]
    if not cut and not error_message:  # the usage chunk that stream_options.include_usage asks for
        events.append({"id": "chatcmpl-fault", "object": "chat.completion.chunk", "created": 0, "model": "fault-model",
                       "choices": [], "usage": {"prompt_tokens": 11, "completion_tokens": len(pieces),
                                                "total_tokens": 11 + len(pieces)}})
    head = "".join(f"data: {json.dumps(e)}\n\n" for e in events)
    tail = "" if cut else "data: [DONE]\n\n"
    if error_message:
        tail = f"data: {json.dumps({'error': {'message': error_message, 'code': 500}})}\n\n" + tail
    return Reply(body=head + tail, content_type="text/event-stream", truncate=cut, delay=stall,
                 stall_at=len(head.encode()) if stall else None)


Script = Reply | Callable[[dict], Reply]


def by_task(**replies: Script) -> Callable[[dict], Reply]:
    """One script entry that answers each request by its AI task (the ``json_schema`` name the provider
    sends), so a test can script a whole interview without counting calls; an unscripted task gets a 500."""
    def answer(body: dict) -> Reply:
        task = ((body.get("response_format") or {}).get("json_schema") or {}).get("name")
        reply = replies.get(task) or error(500, f"no scripted reply for {task}")
        return reply(body) if callable(reply) else reply
    return answer


class FaultServer:
    """The scripted server; use as a context manager. ``url`` is the base URL for the provider."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self._script: list[Script] = [error(500, "no script set")]
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def script(self, *replies: Script) -> None:
        """Answer the next requests with ``replies`` in order; the last one answers every later request."""
        with self._lock:
            self._script = list(replies)

    def bodies(self) -> list[dict]:
        """The JSON bodies received so far, in order."""
        with self._lock:
            return list(self.requests)

    def _next(self, body: dict) -> Reply:
        with self._lock:
            self.requests.append(body)
            item = self._script.pop(0) if len(self._script) > 1 else self._script[0]
        return item(body) if callable(item) else item

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()  # wakes handlers sleeping in a slow reply
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        owner: FaultServer = self.server.owner  # type: ignore[attr-defined]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.rstrip("/") != "/v1/chat/completions":
            self.send_error(404)
            return
        try:
            body = json.loads(raw)
        except ValueError:
            body = {"unparsed": raw.decode("utf-8", "replace")}
        reply = owner._next(body)
        if reply.delay and reply.stall_at is None and owner._stopping.wait(reply.delay):
            return
        payload = reply.payload()
        split = len(payload) if reply.stall_at is None else reply.stall_at
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(payload) + (1000 if reply.truncate else 0)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload[:split])
            self.wfile.flush()
            if split < len(payload):
                if owner._stopping.wait(reply.delay):
                    return
                self.wfile.write(payload[split:])
                self.wfile.flush()
            if reply.truncate:
                self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:  # the client gave up first (a read timeout): nothing to tell it
            pass
        self.close_connection = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - keep the test output quiet
        pass
