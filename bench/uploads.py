"""Hostile uploads over HTTP: every file of the test corpus sent as a résumé, with the web process watched.

Starts the app on its embedded defaults (SQLite in a temporary instance folder, waitress; default
document limits: 512 MB, 10 s) unless ``--base`` points at a running one; registers a user through
the API; uploads one ordinary résumé untimed (so that the server's lazy imports are done), then every
file of ``tests/upload_corpus.py`` (PDF and DOCX bombs, a CPU bomb, deeply nested and damaged PDFs,
an encrypted one, one with JavaScript, a 12 MB file, an empty one, an executable named .pdf, a hostile
file name, ordinary files) with ``PUT /api/v1/me/resume``, one at a time.

For each upload it records the time to the answer, and how far the web process's peak resident memory
rose above its resident memory just before the upload (Linux: the peak is reset through
``/proc/PID/clear_refs`` before each upload and read from ``VmHWM`` after). The server's process is
the one it started, ``--pid``, or the process listening on ``--base``'s port when it can be found;
otherwise ``max_extra_rss_mb`` is null.

Ends by printing one JSON line: ``{"files", "refused_cleanly", "read", "errors_5xx", "max_seconds",
"max_extra_rss_mb", "unexpected"}``: "refused_cleanly" counts 4xx answers in the API's error shape,
"errors_5xx" 5xx answers and failed connections, and "unexpected" names the files whose outcome is not
the one the corpus expects (read, or refused with the expected code).

    python bench/uploads.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from _common import ROOT, api_request, emit, start_server

sys.path.insert(0, str(ROOT / "tests"))
from upload_corpus import CV_LINES, Sample, corpus, text_pdf  # noqa: E402


def upload(base: str, token: str, sample: Sample) -> tuple[int, dict | None]:
    """PUT the sample as a multipart résumé upload: (status, JSON body or None)."""
    boundary = uuid.uuid4().hex
    name = sample.filename.replace('"', "%22")
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode() + sample.data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/api/v1/me/resume", data=body, method="PUT")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, json.loads(exc.read() or b"null")
        except ValueError:
            return exc.code, None


def _status_kb(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak(pid: int) -> bool:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def listening_pid(port: int) -> int | None:
    """The process listening on TCP ``port`` on this machine, if this user can see it (Linux)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return int(proc.name)
        except OSError:
            continue
    return None


def _expected(sample: Sample, status: int, body: dict | None) -> bool:
    code = ((body or {}).get("error") or {}).get("code")
    if sample.expect == "read":
        return status == 200
    if sample.expect == "refused":
        return 400 <= status < 500 and (sample.code is None or code == sample.code or status == 413)
    return status == 200 or 400 <= status < 500


def run(base: str, pid: int | None) -> dict:
    """Upload the corpus to ``base`` and return the summary (see the module docstring)."""
    user = f"uploads{uuid.uuid4().hex[:8]}"
    password = "bench password that is long enough"
    api_request(base, "POST", "/api/v1/auth/register", {"username": user, "email": f"{user}@example.com",
                                                        "password": password})
    status, body = api_request(base, "POST", "/api/v1/auth/token", {"login": user, "password": password})
    if status != 201:
        raise SystemExit(f"could not get a token: {status} {body}")
    token = body["token"]
    upload(base, token, Sample("warm_up", "cv.pdf", text_pdf(CV_LINES), "read"))
    tracked = pid is not None and _reset_peak(pid)
    summary = {"files": 0, "refused_cleanly": 0, "read": 0, "errors_5xx": 0, "max_seconds": 0.0,
               "max_extra_rss_mb": 0.0 if tracked else None, "unexpected": []}
    for sample in corpus():
        before = _status_kb(pid, "VmRSS") if tracked else None
        if tracked:
            _reset_peak(pid)
        started = time.monotonic()
        try:
            status, body = upload(base, token, sample)
        except OSError:
            status, body = 599, None
        seconds = time.monotonic() - started
        summary["files"] += 1
        if status == 200:
            summary["read"] += 1
        elif 400 <= status < 500 and isinstance(body, dict) and "error" in body:
            summary["refused_cleanly"] += 1
        elif status >= 500:
            summary["errors_5xx"] += 1
        if not _expected(sample, status, body):
            summary["unexpected"].append(f"{sample.name}: {status} {((body or {}).get('error') or {}).get('code')}")
        summary["max_seconds"] = round(max(summary["max_seconds"], seconds), 2)
        if tracked and before is not None:
            peak = _status_kb(pid, "VmHWM") or before
            summary["max_extra_rss_mb"] = round(max(summary["max_extra_rss_mb"], (peak - before) / 1024), 1)
    return summary


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", help="a running app, e.g. http://127.0.0.1:5000 (default: start one)")
    parser.add_argument("--pid", type=int, help="the running app's process id, for its memory figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        server = None
        base, pid = args.base, args.pid
        if base:
            base = base.rstrip("/")
            port = int(base.rsplit(":", 1)[1].split("/")[0]) if base.count(":") == 2 else 80
            pid = pid or listening_pid(port)
        else:
            server, base = start_server(Path(tmp) / "instance")
            pid = server.pid
        try:
            summary = run(base, pid)
        finally:
            if server:
                server.terminate()
                server.wait(timeout=20)
    emit(summary)
    return summary


if __name__ == "__main__":
    main()
