"""Load on the running stack: N simulated users for T minutes doing what people do, then one JSON line.

Each user registers, gets an API token and starts a practice session (before the clock starts: sign-ups
are timed apart), then loops until time is up, pausing ``--think`` seconds (on
average) between actions: a practice question and its answer (most often), the progress dashboard, a
page of history, a study plan (``?wait=false``: a background job, polled to the end) and now and then a
whole mock interview (documents, 8 answers, feedback as a job). Printed: requests, errors (any status
that is not the expected one, and connection failures), p50/p95 per endpoint, jobs done and failed,
the p95 of the jobs' queue wait (created → started), and the RSS of each process of the stack (over 20 MB)
once warmed up (``--warmup`` seconds in) and at the end (``--stack-pid``: honcho's pid; every process under it).

Start the stack without rate limits (one client address registers every user), e.g.:

    RATELIMIT_ENABLED=false DATABASE_URL=... REDIS_URL=... make stack PORT=8016 &
    .venv/bin/python bench/load.py --base http://127.0.0.1:8016 --stack-pid $(pgrep -f 'honcho start' -n)

Targets on a 2-core machine: 0 errors; practice answer p95 ≤ 250 ms and dashboard p95 ≤ 150 ms at 50 users;
RSS growth ≤ 10 % over the run.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from _common import ROOT, api_request, emit

PERSONAS = Path(__file__).resolve().parent / "data" / "personas"
WEAK = "I am not sure, it depends on the situation and the system."
ANSWER = ("In my last role I led the migration of our billing service to PostgreSQL: I wrote the plan, "
          "moved the data in batches with checksums, and we cut the p95 latency from 800 ms to 120 ms.")


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(len(ordered) * q / 100) - 1)], 1)


def descendants(pid: int) -> list[int]:
    """``pid`` and every process under it (from /proc's children lists)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return found


def rss(pids: list[int]) -> dict[int, dict]:
    out = {}
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:80]
        except OSError:
            continue
        kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
        out[pid] = {"cmd": cmd, "rss_mb": round(kb / 1024, 1)}
    return out


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.jobs = {"done": 0, "failed": 0}
        self.queue_waits: list[float] = []

    def call(self, base, name, method, path, body=None, token=None, expect=(200,)):
        started = time.perf_counter()
        try:
            status, data = api_request(base, method, path, body, token)
        except OSError as exc:
            status, data = 0, str(exc)
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.timings[name].append(elapsed)
            if status not in expect:
                self.errors.append(f"{name}: {status} {str(data)[:160]}")
        return status, data

    def job(self, base, token, job: dict, deadline: float) -> None:
        """Poll a job to its end (or the run's end) and count it."""
        while job.get("status") in ("queued", "running") and time.monotonic() < deadline + 120:
            time.sleep(0.5)
            status, job = self.call(base, "job status", "GET", f"/api/v1/jobs/{job['id']}", token=token)
            if status != 200:
                return
        with self.lock:
            if job.get("status") == "done":
                self.jobs["done"] += 1
            else:
                self.jobs["failed"] += 1
                self.errors.append(f"job {job.get('kind')}: {job.get('status')} {job.get('error')}")
            if job.get("started_at"):
                wait = datetime.fromisoformat(job["started_at"]) - datetime.fromisoformat(job["created_at"])
                self.queue_waits.append(wait.total_seconds() * 1000)


def sign_up(base: str, index: int, run: str, stats: Stats) -> tuple[str, str] | None:
    """Register a user and start a practice session (before the clock starts): (token, session id)."""
    name, password = f"load{run}_{index}", "load bench password that is long"
    stats.call(base, "register", "POST", "/api/v1/auth/register",
               {"username": name, "email": f"{name}@example.com", "password": password}, expect=(201,))
    status, body = stats.call(base, "token", "POST", "/api/v1/auth/token", {"login": name, "password": password},
                              expect=(201,))
    if status != 201:
        return None
    _, session = stats.call(base, "practice start", "POST", "/api/v1/practice/sessions", {"topics": []},
                            body["token"], expect=(201, 200))
    return body["token"], session.get("session_id")


def simulate(base: str, index: int, args, stats: Stats, references: dict[str, str], deadline: float,
             pair: dict, account: tuple[str, str] | None) -> None:
    if account is None:
        return
    rng = random.Random(index)
    token, sid = account
    time.sleep(rng.uniform(0, args.think))
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.6:
            status, question = stats.call(base, "practice next", "POST", f"/api/v1/practice/sessions/{sid}/next",
                                          None, token)
            if status == 200:
                time.sleep(rng.uniform(0.5, 1.5) * args.think)
                answer = references.get(question["question"], WEAK) if rng.random() < 0.6 else WEAK
                stats.call(base, "practice answer", "POST", f"/api/v1/practice/sessions/{sid}/answers",
                           {"question_id": question["id"], "answer": answer}, token)
        elif roll < 0.75:
            stats.call(base, "dashboard", "GET", "/api/v1/practice/mastery", token=token)
        elif roll < 0.9:
            stats.call(base, "history", "GET", f"/api/v1/practice/history?page={rng.randint(1, 2)}", token=token)
        elif roll < 0.97:
            status, job = stats.call(base, "study plan", "POST", "/api/v1/study-plans?wait=false",
                                     {"days": rng.randint(2, 7), "minutes_per_day": 30}, token, expect=(202,))
            if status == 202:
                stats.job(base, token, job, deadline)
        else:
            mock_interview(base, token, stats, pair, deadline, rng, args.think)
        time.sleep(rng.uniform(0.5, 1.5) * args.think)


def mock_interview(base, token, stats: Stats, pair, deadline, rng, think) -> None:
    status, mock = stats.call(base, "mock create", "POST", "/api/v1/mock-interviews",
                              {"job_title": "Backend Engineer", "company_name": "Ledgerly"}, token, expect=(201,))
    if status != 201:
        return
    path = f"/api/v1/mock-interviews/{mock['id']}"
    stats.call(base, "mock documents", "PUT", f"{path}/documents",
               {"cv_text": pair["cv_text"], "job_description_text": pair["job_text"]}, token)
    stats.call(base, "mock start", "POST", f"{path}/start", None, token)
    for _ in range(8):
        if time.monotonic() > deadline:
            return
        time.sleep(rng.uniform(0.5, 1.5) * think)
        stats.call(base, "mock answer", "POST", f"{path}/answers", {"answer": ANSWER}, token)
    status, job = stats.call(base, "mock feedback", "POST", f"{path}/feedback?wait=false", None, token,
                             expect=(202, 200))
    if status == 202:
        stats.job(base, token, job, deadline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="the stack's URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds between a user's actions")
    parser.add_argument("--stack-pid", type=int, help="honcho's pid: the RSS of every process under it is reported")
    parser.add_argument("--warmup", type=float, default=30.0,
                        help="seconds into the run when the starting RSS is taken (models load on first use)")
    args = parser.parse_args()

    import sys

    sys.path.insert(0, str(ROOT))
    from interview_coach.content import load_content

    references = {q.question: q.reference_answer for q in load_content().questions}
    pairs = json.loads((PERSONAS / "pairs.json").read_text(encoding="utf-8"))
    for pair in pairs:
        pair["cv_text"] = (PERSONAS / pair["cv"]).read_text(encoding="utf-8")
        pair["job_text"] = (PERSONAS / pair["job"]).read_text(encoding="utf-8")
    pids = descendants(args.stack_pid) if args.stack_pid else []
    stats = Stats()
    run = f"{int(time.time()) % 10**6}{random.randrange(100)}"
    with ThreadPoolExecutor(4) as pool:  # sign-ups hash passwords (argon2): not part of the timed mix
        accounts = list(pool.map(lambda i: sign_up(args.base, i, run, stats), range(args.users)))
    signups = {name: stats.timings.pop(name) for name in ("register", "token", "practice start")}
    started = time.monotonic()
    deadline = started + args.minutes * 60
    threads = [threading.Thread(target=simulate, args=(args.base, i, args, stats, references, deadline,
                                                       pairs[i % len(pairs)], accounts[i]), daemon=True)
               for i in range(args.users)]
    for thread in threads:
        thread.start()
    time.sleep(min(args.warmup, args.minutes * 30))
    rss_start = rss(pids)
    for thread in threads:
        thread.join(timeout=args.minutes * 60 + 300)
    rss_end = rss(pids)
    processes = [{"pid": pid, "cmd": v["cmd"][:60], "rss_start_mb": v["rss_mb"],
                  "rss_end_mb": rss_end.get(pid, {}).get("rss_mb")} for pid, v in rss_start.items() if v["rss_mb"] > 20]
    growth = [p["rss_end_mb"] / p["rss_start_mb"] - 1 for p in processes if p["rss_end_mb"] and p["rss_start_mb"] > 20]
    emit({
        "bench": "load", "users": args.users, "minutes": args.minutes, "think_s": args.think,
        "seconds": round(time.monotonic() - started, 1),
        "requests": sum(len(v) for v in stats.timings.values()), "errors": len(stats.errors),
        "error_samples": stats.errors[:5],
        "endpoints": {name: {"n": len(v), "p50_ms": _pct(v, 50), "p95_ms": _pct(v, 95)}
                      for name, v in sorted(stats.timings.items())},
        "sign_ups": {name: {"n": len(v), "p50_ms": _pct(v, 50)} for name, v in signups.items()},
        "jobs_done": stats.jobs["done"], "jobs_failed": stats.jobs["failed"],
        "queue_wait_p95_ms": _pct(stats.queue_waits, 95),
        "rss": processes, "rss_growth_max": round(max(growth), 3) if growth else None,
    })


if __name__ == "__main__":
    main()
