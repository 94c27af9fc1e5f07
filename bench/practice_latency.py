"""Answer-submission latency of adaptive practice over HTTP, with N simulated users.

Starts the app on its embedded defaults (SQLite in a temporary instance folder, the built-in
scorer, waitress) unless ``--url`` points at a running one; registers N users through the API;
each user starts a session and answers ``--questions`` questions (a mix of strong answers taken
from the bank and weak ones), all users at once. Only ``POST …/answers`` is timed.

The target is for a running app, so before the users start one untimed user answers one question.
(``interview-coach serve`` loads the model and the question bank before it listens, see
``interview_coach/serving.py``; an app behind ``--url`` may not have. The scorer's cold start is
measured by ``bench/scoring_latency.py``.)

``--think`` is the mean time a user spends reading a question and typing the answer (uniform
between half and one and a half times it; users also start up to one think time apart). Real learners take tens of seconds; the default of 2 s
is already a heavy load. ``--think 0`` sends answers back to back: a saturation test of the two
cores rather than a picture of users.

Rate limits are switched off on the server it starts, because N registrations from one address
would trip the registration limit that protects a real deployment.

Ends by printing one JSON line: ``{"users", "think_s", "requests", "p50_ms", "p95_ms", "max_ms", "errors",
"other_cpu_cores"}``. Percentiles are nearest-rank (p95 of 100 answers is the 95th fastest).
``other_cpu_cores`` is the CPU that processes other than this bench and the server it started used
meanwhile (Linux only; null with ``--url``): on a shared 2-core machine a figure taken while something
else used a core does not describe the app.

    python bench/practice_latency.py --users 10 --questions 10
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import ROOT, api_request, emit, start_server
WEAK = "I think it is something to do with how the system stores things, but I am not sure of the details."


def _busy_ticks() -> int | None:
    """CPU ticks spent so far by the whole machine (Linux), or None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[:7])
    return user + nice + system + irq + softirq


def _process_ticks(pid: int) -> int | None:
    """CPU ticks spent so far by one process, all its threads (Linux), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def _percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values: the smallest value with at least q% at or below it."""
    return ordered[max(0, math.ceil(len(ordered) * q / 100) - 1)]


def simulate_user(base: str, index: int, questions: int, think: float, references: dict[str, str],
                  barrier: threading.Barrier, timings: list[float], errors: list[str]) -> None:
    rng = random.Random(index)
    name = f"bench{index}_{rng.randrange(10**6)}"
    password = "bench password that is long enough"
    status, _ = api_request(base, "POST", "/api/v1/auth/register",
                         {"username": name, "email": f"{name}@example.com", "password": password})
    status, body = api_request(base, "POST", "/api/v1/auth/token", {"login": name, "password": password})
    if status != 201:
        errors.append(f"token: {status} {body}")
        barrier.abort()
        return
    token = body["token"]
    _, session = api_request(base, "POST", "/api/v1/practice/sessions", {"topics": []}, token)
    sid = session["session_id"]
    barrier.wait()
    time.sleep(rng.uniform(0, think))  # people do not all start in the same millisecond
    for _ in range(questions):
        status, question = api_request(base, "POST", f"/api/v1/practice/sessions/{sid}/next", None, token)
        if status != 200:
            errors.append(f"next: {status} {question}")
            return
        answer = references.get(question["question"], WEAK) if rng.random() < 0.6 else WEAK
        time.sleep(rng.uniform(0.5 * think, 1.5 * think))
        started = time.perf_counter()
        status, result = api_request(base, "POST", f"/api/v1/practice/sessions/{sid}/answers",
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
            simulate_user(base, args.users, 1, 0.0, references, threading.Barrier(1), [], errors)  # warm-up
            barrier = threading.Barrier(args.users)
            ticks_before = [_busy_ticks(), _process_ticks(os.getpid()), server and _process_ticks(server.pid)]
            started = time.monotonic()
            threads = [threading.Thread(target=simulate_user,
                                        args=(base, i, args.questions, args.think, references, barrier, timings,
                                              errors))
                       for i in range(args.users)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            ticks_after = [_busy_ticks(), _process_ticks(os.getpid()), server and _process_ticks(server.pid)]
            elapsed = time.monotonic() - started
        finally:
            if server:
                server.terminate()
                server.wait(timeout=10)
    timings.sort()
    other = None
    if server and None not in ticks_before + ticks_after:
        machine, own, served = (after - before for after, before in zip(ticks_after, ticks_before))
        other = round((machine - own - served) / os.sysconf("SC_CLK_TCK") / elapsed, 2)
    result = {
        "users": args.users,
        "think_s": args.think,
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 1) if timings else None,
        "p95_ms": round(_percentile(timings, 95), 1) if timings else None,
        "max_ms": round(timings[-1], 1) if timings else None,
        "errors": len(errors),
        "other_cpu_cores": other,
    }
    if errors:
        print("first errors:", *errors[:3], sep="\n  ", file=sys.stderr)
    emit(result)


if __name__ == "__main__":
    main()
