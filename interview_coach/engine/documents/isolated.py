"""Reading an upload in a limited child process: the only way the app turns an uploaded file into text.

Parsers of PDF and Word files can be driven by a small hostile file into inflating gigabytes, recursing
without end or spinning for minutes. None of that may happen in a web process, whose memory and threads
every other request shares. ``read_document`` hands the bytes to a reader process (``_zygote.py``),
which forks one worker per document under a hard memory limit (RLIMIT_AS), a CPU-time limit and a
wall-clock limit (``Limits.memory_mb``, ``cpu_seconds``, ``wall_seconds``); the worker's text comes
back as JSON, capped at ``Limits.max_chars``. A document that needs more is refused with
``DocumentError`` "too_complex" (memory) or "too_slow" (time), naming the limit; the web process only
ever holds the upload and the capped text.

The reader process is started once per web process (``start_reader``, called when a process gets
ready to serve; otherwise at the first upload) and forks a fresh worker for every document, so a worker
killed by a limit never affects the next upload. If the reader process itself dies, the next upload
starts a new one. Linux (or another POSIX system with ``socket.send_fds``) is required.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import socket
import subprocess
import sys
import threading
from dataclasses import asdict
from pathlib import Path

from ._base import ERROR_CODES, DocumentError, ExtractedDocument, Limits, check_size

__all__ = ["DocumentReader", "read_document", "start_reader"]

log = logging.getLogger(__name__)

# Beyond the wall-clock limit, how long the web process waits for the reader's answer before it gives up
# (the reader's supervisor answers within the limit plus two seconds).
REPLY_MARGIN_SECONDS = 10.0
_FAILED = "The document could not be read just now. Try again in a moment, or paste the text instead."
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])


class DocumentReader:
    """A handle on one reader process; thread-safe; starts (and restarts) the process when needed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._control: socket.socket | None = None
        self._owner: int | None = None

    def start(self) -> None:
        """Start the reader process now (it is otherwise started by the first ``read``)."""
        with self._lock:
            self._ensure_started()

    def read(self, data: bytes, limits: Limits) -> ExtractedDocument:
        """The text of ``data`` read by a limited worker, or ``DocumentError`` (see ``read_document``)."""
        header = json.dumps({"limits": asdict(limits), "size": len(data)}).encode() + b"\n"
        for attempt in (1, 2):
            reply = self._exchange(header, data, limits)
            if reply:
                return _decode(reply, limits)
            # No answer at all: the reader process died under this job (the worker's own failures are
            # answered). Start a fresh one and try once more.
            log.warning("the document reader gave no answer (attempt %d); restarting it", attempt)
            self.close()
        raise DocumentError("reader_failed", _FAILED)

    def close(self) -> None:
        """Stop the reader process (it also stops by itself when this process exits)."""
        with self._lock:
            self._stop()

    def _exchange(self, header: bytes, data: bytes, limits: Limits) -> bytes:
        job, theirs = socket.socketpair()
        try:
            with self._lock:
                try:
                    socket.send_fds(self._ensure_started(), [b"j"], [theirs.fileno()])
                except OSError:
                    self._stop()
                    socket.send_fds(self._ensure_started(), [b"j"], [theirs.fileno()])
        finally:
            theirs.close()
        with job:
            job.settimeout(limits.wall_seconds + REPLY_MARGIN_SECONDS)
            try:
                job.sendall(header)
                job.sendall(data)
                job.shutdown(socket.SHUT_WR)
                return _receive(job, limits.max_chars * 6 + 65536)
            except OSError:
                return b""

    def _ensure_started(self) -> socket.socket:
        """The control socket of a live reader process of this process (call with the lock held)."""
        if (self._control is not None and self._owner == os.getpid() and self._process is not None
                and self._process.poll() is None):
            return self._control
        self._stop()
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", f"{__package__}._zygote", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env)
        finally:
            theirs.close()
        self._control, self._owner = ours, os.getpid()
        return ours

    def _stop(self) -> None:
        if self._control is not None:
            self._control.close()  # the reader process sees end of file and exits
        if self._process is not None and self._owner == os.getpid():
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = self._control = self._owner = None


def _receive(job: socket.socket, cap: int) -> bytes:
    parts, size = [], 0
    while size <= cap:
        chunk = job.recv(1 << 16)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
    return b""


def _decode(reply: bytes, limits: Limits) -> ExtractedDocument:
    """The reader's JSON answer as a document, or the DocumentError it names (worded here for limits)."""
    try:
        answer = json.loads(reply)
    except ValueError:
        log.error("the document reader answered something that is not JSON")
        answer = {"error": "reader_failed", "message": _FAILED}
    if "document" in answer:
        doc = answer["document"]
        text = str(doc["text"])[: limits.max_chars]
        return ExtractedDocument(kind=str(doc["kind"]), text=text, pages=doc.get("pages"),
                                 truncated=bool(doc.get("truncated")),
                                 warnings=tuple(str(w) for w in doc.get("warnings") or ()))
    code = answer.get("error")
    if code == "too_slow":
        raise DocumentError("too_slow", f"Reading this document took longer than the {limits.wall_seconds:g}-second "
                            "limit, so it was stopped. The file may be damaged or built to overload a server: "
                            "export it again as a PDF or Word document, or paste the text instead.")
    if code == "too_complex":
        raise DocumentError("too_complex", f"Reading this document needed more than the {limits.memory_mb} MB "
                            "memory limit, so it was stopped. The file may be damaged or built to overload a "
                            "server: export it again as a PDF or Word document, or paste the text instead.")
    if code not in ERROR_CODES:
        code = "corrupt_file"
    raise DocumentError(code, str(answer.get("message") or "This document is damaged and cannot be read. "
                                                            "Export it again and re-upload it."))


_READER = DocumentReader()
atexit.register(_READER.close)


def start_reader() -> None:
    """Start this process's reader process ahead of the first upload (a serving process does)."""
    _READER.start()


def read_document(data: bytes, limits: Limits = Limits()) -> ExtractedDocument:
    """Sniff, check and extract the text of an upload in a limited child process.

    The same answer as ``extract_text`` (whose errors it raises, and whose text it returns cut at
    ``limits.max_chars``), plus ``DocumentError`` "too_complex" when reading needs more than
    ``limits.memory_mb``, "too_slow" past ``limits.cpu_seconds`` of CPU or ``limits.wall_seconds``
    of time, and "reader_failed" if the reader process cannot be started or keeps dying. Empty and
    oversized files are refused here without starting anything.
    """
    check_size(data, limits)
    return _READER.read(data, limits)
