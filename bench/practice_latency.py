"""Answer-submission latency of adaptive practice over HTTP, with N simulated users.

Starts the app on its embedded defaults (SQLite in a temporary instance folder, the built-in
scorer, waitress) unless ``--url`` points at a running one; registers N users through the API;
each user starts a session and answers ``--questions`` questions (a mix of strong answers taken
from the bank and weak ones), all users at once. Only ``POST …/answers`` is timed.

``--think`` is the mean time a user spends reading a question and typing the answer (uniform
between half and one and a half times it; users also start up to one think time apart). Real learners take tens of seconds; the default of 2 s
is already a heavy load. ``--think 0`` sends answers back to back: a saturation test of the two
cores rather than a picture of users.

Rate limits are switched off on the server it starts, because N registrations from one address
would trip the registration limit that protects a real deployment.

Ends by printing one JSON line: ``{"users", "think_s", "requests", "p50_ms", "p95_ms", "max_ms", "errors"}``.

    python bench/practice_latency.py --users 10 --questions 10
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEAK = "I think it is something to do with how the system stores things, but I am not sure of the details."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(base: str, method: str, path: str, body: dict | None = None, token: str | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def start_server(instance: Path) -> tuple[subprocess.Popen, str]:
    """Upgrade the database and serve the app; returns the process and its base URL."""
    env = dict(os.environ, APP_ENV="development", INSTANCE_PATH=str(instance), RATELIMIT_ENABLED="false",
               LOG_LEVEL="WARNING")
    env.pop("DATABASE_URL", None)
    cli = [sys.executable, "-m", "interview_coach.cli"]
    subprocess.run(cli + ["db", "upgrade"], env=env, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(cli + ["serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=open(os.environ.get("BENCH_SERVER_LOG", os.devnull), "w"))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).close()
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the app did not start within 60 s")


def simulate_user(base: str, index: int, questions: int, think: float, references: dict[str, str],
                  barrier: threading.Barrier, timings: list[float], errors: list[str]) -> None:
    rng = random.Random(index)
    name = f"bench{index}_{rng.randrange(10**6)}"
    password = "bench password that is long enough"
    status, _ = _request(base, "POST", "/api/v1/auth/register",
                         {"username": name, "email": f"{name}@example.com", "password": password})
    status, body = _request(base, "POST", "/api/v1/auth/token", {"login": name, "password": password})
    if status != 201:
        errors.append(f"token: {status} {body}")
        barrier.abort()
        return
    token = body["token"]
    _, session = _request(base, "POST", "/api/v1/practice/sessions", {"topics": []}, token)
    sid = session["session_id"]
    barrier.wait()
    time.sleep(rng.uniform(0, think))  # people do not all start in the same millisecond
    for _ in range(questions):
        status, question = _request(base, "POST", f"/api/v1/practice/sessions/{sid}/next", None, token)
        if status != 200:
            errors.append(f"next: {status} {question}")
            return
        answer = references.get(question["question"], WEAK) if rng.random() < 0.6 else WEAK
        time.sleep(rng.uniform(0.5 * think, 1.5 * think))
        started = time.perf_counter()
        status, result = _request(base, "POST", f"/api/v1/practice/sessions/{sid}/answers",
                                  {"question_id": question["id"], "answer": answer}, token)
        elapsed = (time.perf_counter() - started) * 1000
        if status == 200:
            timings.append(elapsed)
        else:
            errors.append(f"answer: {status} {result}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--questions", type=int, default=10, help="answers per user")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds to read and type an answer")
    parser.add_argument("--url", help="a running app (default: start one on the embedded defaults)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from interview_coach.content import load_content

    references = {q.question: q.reference_answer for q in load_content().questions}
    server = None
    with tempfile.TemporaryDirectory() as tmp:
        base = args.url
        if not base:
            server, base = start_server(Path(tmp) / "instance")
        try:
            timings: list[float] = []
            errors: list[str] = []
            barrier = threading.Barrier(args.users)
            threads = [threading.Thread(target=simulate_user,
                                        args=(base, i, args.questions, args.think, references, barrier, timings,
                                              errors))
                       for i in range(args.users)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            if server:
                server.terminate()
                server.wait(timeout=10)
    timings.sort()
    result = {
        "users": args.users,
        "think_s": args.think,
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 1) if timings else None,
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1) if timings else None,
        "max_ms": round(timings[-1], 1) if timings else None,
        "errors": len(errors),
    }
    if errors:
        print("first errors:", *errors[:3], sep="\n  ", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
