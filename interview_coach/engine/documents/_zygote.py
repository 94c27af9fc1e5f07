"""The document reader's process: run as ``python -m interview_coach.engine.documents._zygote FD``.

It imports the parsers once (pypdf, pdfminer.six, python-docx, lxml) and reads a small PDF and a small
Word document so that their lazy imports and caches are loaded too, then waits on the socket ``FD``
(inherited from the web process, see ``isolated.py``). Each message on it carries the file descriptor
of one job's socket. For each job it forks a *supervisor*, which reads the request, forks the
*worker* that parses the document under hard limits, and answers with the worker's result or with the
limit the worker ran into. Forking this small, single-threaded, already-warm process costs a few
milliseconds, where a fresh interpreter would spend a quarter of a second importing the parsers.

The worker's limits are enforced by the kernel, not by Python code that hostile input could keep from
running: RLIMIT_AS (address space: allocations fail, Python raises MemoryError), RLIMIT_CPU (SIGXCPU,
then SIGKILL one second later), and a real-time timer whose SIGALRM keeps its default action (the
process ends at once, whatever it is doing); the supervisor also kills it when the wall-clock limit
has passed. Only JSON crosses back to the web process: a worker subverted by a hostile file can send
nothing but text.

When the web process exits (its end of ``FD`` closes), this process exits too.
"""

from __future__ import annotations

import json
import logging
import math
import os
import resource
import select
import signal
import socket
import sys
import time

# How long the supervisor waits past the wall-clock limit for a worker whose timer should have ended it.
GRACE_SECONDS = 2.0
# How long a supervisor waits for the request to arrive from the web process.
REQUEST_SECONDS = 30.0
MAX_HEADER = 4096


def main(argv: list[str]) -> None:
    """Serve jobs from the inherited control socket until the web process closes it."""
    control = socket.socket(fileno=int(argv[1]))
    # Ctrl+C in a terminal reaches every process of the foreground group; this one ends with its parent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.ERROR, format="document reader: %(name)s: %(message)s")
    _warm_up()
    while True:
        ready, _, _ = select.select([control], [], [], 1.0)
        _reap()
        if not ready:
            continue
        try:
            message, fds, _, _ = socket.recv_fds(control, 16, 8)
        except OSError:
            break
        if not message:
            break
        for fd in fds:
            pid = os.fork()
            if pid == 0:
                control.close()
                _supervise(fd)
            os.close(fd)
    os._exit(0)


def _warm_up() -> None:
    """Read a blank PDF (pypdf, then pdfminer.six when pypdf finds no text) and a bare Word document, so
    that every lazily imported part of the parsers is in memory before the first fork."""
    import io
    import zipfile

    from pypdf import PdfWriter

    from . import extract_text
    from ._base import DocumentError

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    pdf = io.BytesIO()
    writer.write(pdf)
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    for sample in (pdf.getvalue(), docx.getvalue()):
        try:
            extract_text(sample)
        except DocumentError:
            pass  # neither has text: reading them is what loads the parsers


def _reap() -> None:
    """Collect finished supervisors so that none is left a zombie."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _supervise(fd: int) -> None:
    """One job: read the request, run the worker under its limits, answer, exit (never returns)."""
    try:
        conn = socket.socket(fileno=fd)
        conn.settimeout(REQUEST_SECONDS)
        header, data = _read_request(conn)
        reply = _run_worker(data, header["limits"])
        conn.sendall(json.dumps(reply, ensure_ascii=False).encode())
        conn.close()
    except BaseException as exc:  # noqa: BLE001 - a supervisor must end here, whatever happened
        print(f"document reader: job failed: {exc!r}", file=sys.stderr, flush=True)
    finally:
        os._exit(0)


def _read_request(conn: socket.socket) -> tuple[dict, bytes]:
    """The request: one JSON line ``{"limits": {...}, "size": N}`` then N bytes of document."""
    buffer = b""
    while b"\n" not in buffer:
        chunk = conn.recv(MAX_HEADER)
        if not chunk or len(buffer) > MAX_HEADER:
            raise ConnectionError("incomplete request header")
        buffer += chunk
    line, _, rest = buffer.partition(b"\n")
    header = json.loads(line)
    size = int(header["size"])
    parts, received = [rest], len(rest)
    while received < size:
        chunk = conn.recv(min(1 << 20, size - received))
        if not chunk:
            raise ConnectionError("incomplete document")
        parts.append(chunk)
        received += len(chunk)
    return header, b"".join(parts)[:size]


def _run_worker(data: bytes, limits: dict) -> dict:
    """Fork the worker, collect its JSON answer, and say which limit ended it if it gave none."""
    read_end, write_end = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _work(data, limits, write_end)
    os.close(write_end)
    del data
    deadline = started + limits["wall_seconds"] + GRACE_SECONDS
    output = _collect(read_end, deadline, _output_cap(limits))
    status, usage, killed = _wait(pid, deadline)
    elapsed = time.monotonic() - started
    try:
        reply = json.loads(output)
        if isinstance(reply, dict) and ("document" in reply or "error" in reply):
            return reply
    except ValueError:
        pass
    cpu = usage.ru_utime + usage.ru_stime
    signalled = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    if (killed or signalled in (signal.SIGALRM, signal.SIGXCPU) or elapsed >= limits["wall_seconds"]
            or cpu >= limits["cpu_seconds"] - 0.5):
        return {"error": "too_slow"}
    if usage.ru_maxrss * 1024 >= 0.75 * limits["memory_mb"] * 1024 * 1024:
        return {"error": "too_complex"}
    print(f"document reader: the worker ended without an answer (status {status}, {cpu:.1f} s CPU)",
          file=sys.stderr, flush=True)
    return {"error": "corrupt_file"}


def _output_cap(limits: dict) -> int:
    """The most a worker may answer: the capped text, every character escaped, plus room for the rest."""
    return limits["max_chars"] * 6 + 65536


def _collect(fd: int, deadline: float, cap: int) -> bytes:
    """Read ``fd`` until end of file, ``cap`` bytes or ``deadline`` (time.monotonic), whichever is first."""
    parts, size = [], 0
    try:
        while size <= cap:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                break
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return b"".join(parts) if size <= cap else b""


def _wait(pid: int, deadline: float) -> tuple[int, resource.struct_rusage, bool]:
    """Wait for the worker until ``deadline``, then kill it: (exit status, its resource usage, killed)."""
    pause = 0.0005  # a worker that closed its answer is exiting: look again soon, then less often
    while time.monotonic() < deadline:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage, False
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
    os.kill(pid, signal.SIGKILL)
    _, status, usage = os.wait4(pid, 0)
    return status, usage, True


def _work(data: bytes, limits: dict, out: int) -> None:
    """The worker: apply the limits, read the document, write one JSON answer to ``out``, exit."""
    try:
        memory = limits["memory_mb"] * 1024 * 1024
        cpu = max(1, math.ceil(limits["cpu_seconds"]))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would otherwise dump core
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, limits["wall_seconds"])
        answer = _extract(data, limits)
        del data
        payload = json.dumps(answer, ensure_ascii=False).encode()
        view = memoryview(payload)
        while view:
            view = view[os.write(out, view):]
    finally:
        os._exit(0)


def _extract(data: bytes, limits: dict) -> dict:
    from . import extract_text
    from ._base import DocumentError, Limits

    try:
        document = extract_text(data, None, Limits(**limits))
    except DocumentError as exc:
        return {"error": exc.code, "message": exc.message}
    except MemoryError:
        return {"error": "too_complex"}
    except RecursionError:  # a structure nested deeper than any real document
        return {"error": "corrupt_file"}
    return {"document": {"kind": document.kind, "text": document.text, "pages": document.pages,
                         "truncated": document.truncated, "warnings": list(document.warnings)}}


if __name__ == "__main__":
    main(sys.argv)
