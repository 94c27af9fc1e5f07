"""Fault runs on a private stack: PostgreSQL database ``--db``, a redis-server of its own on a free port (the
shared one is never touched), job workers and app servers started here, a slow scripted LLM. One JSON line.

1. ``kill_worker``: a study plan job is running on worker A (the LLM is mid-reply) when A gets SIGKILL;
   worker B notices the missing heartbeat, runs the job again, and exactly one plan is stored.
2. ``redis_down``: under a light load (dashboard, history, practice answers) Redis is shut down for
   ``--redis-down`` seconds (10) and started again, empty: requests that need no job keep answering, a
   study plan asked for while Redis is down is accepted, and every job ends done once it is back.
3. ``kill_app``: a page follows a job's stream from app server A, which gets SIGKILL mid-stream; the same
   page (same login) on app server B receives the whole text and the result's URL.

    .venv/bin/python bench/faults.py --admin-url postgresql://postgres@127.0.0.1:5432/postgres --db faults_16
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _common import ROOT, api_request, emit, free_port

PLAN = {"title": "Three days of OS", "summary": "Processes, memory, then a review.",
        "steps": [{"day": d, "topic": "OS", "focus": f"Focus {d}", "activity": f"Practise part {d} aloud, twice.",
                   "minutes": 30} for d in (1, 2, 3)]}


class SlowLlm(BaseHTTPRequestHandler):
    """An OpenAI-compatible chat endpoint that streams PLAN in small pieces over about ``SECONDS`` seconds
    for study plans, and answers any other task 503 (the built-in engine does those)."""

    SECONDS = 8.0

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        task = ((body.get("response_format") or {}).get("json_schema") or {}).get("name")
        if task != "study_plan":  # every other task falls back to the built-in engine at once
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        text = json.dumps(PLAN)
        if not body.get("stream"):
            time.sleep(self.SECONDS)
            reply = {"id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                     "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}]}
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        pieces = [text[i:i + 12] for i in range(0, len(text), 12)]
        try:
            for piece in pieces:
                chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": body["model"],
                         "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
                time.sleep(self.SECONDS / len(pieces))
            self.wfile.write(b"data: [DONE]\n\n")
        except OSError:
            pass


class Stack:
    """The private processes of one run; everything started is stopped in :meth:`close`."""

    def __init__(self, db_url: str, tmp: Path):
        self.tmp, self.procs = tmp, []
        self.redis_port = free_port()
        self.llm = ThreadingHTTPServer(("127.0.0.1", 0), SlowLlm)
        threading.Thread(target=self.llm.serve_forever, daemon=True).start()
        self.env = dict(os.environ, DATABASE_URL=db_url, REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
                        APP_ENV="development", RATELIMIT_ENABLED="false", LOG_LEVEL="WARNING",
                        INSTANCE_PATH=str(tmp / "instance"), JOB_STALE_SECONDS="3", JOB_RETRY_SECONDS="1",
                        LLM_BASE_URL=f"http://127.0.0.1:{self.llm.server_address[1]}/v1", LLM_MODEL="slow-model",
                        LLM_MAX_RETRIES="0", LLM_RESPONSE_FORMAT="json_schema")
        self.redis = None
        self.start_redis()

    def start_redis(self):
        self.redis = subprocess.Popen(["redis-server", "--port", str(self.redis_port), "--save", "", "--appendonly", "no",
                                       "--dir", str(self.tmp)], stdout=subprocess.DEVNULL)
        for _ in range(50):
            if subprocess.run(["redis-cli", "-p", str(self.redis_port), "ping"], capture_output=True).stdout.strip() == b"PONG":
                return
            time.sleep(0.1)
        raise SystemExit("the private redis-server did not start")

    def stop_redis(self):
        self.redis.terminate()
        self.redis.wait(10)

    def cli(self, *args, **kwargs) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-m", "interview_coach.cli", *args], env=self.env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=open(self.tmp / f"{args[0]}-{len(self.procs)}.log", "w"),
                                **kwargs)
        self.procs.append(proc)
        return proc

    def app(self) -> tuple[subprocess.Popen, str]:
        port = free_port()
        proc = self.cli("serve", "--port", str(port))
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/readyz", timeout=1).close()
                return proc, base
            except OSError:
                time.sleep(0.2)
        raise SystemExit("an app server did not start")

    def close(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if self.redis and self.redis.poll() is None:
            self.redis.kill()
        self.llm.shutdown()


def user(base: str, name: str) -> str:
    password = "fault bench password that is long"
    api_request(base, "POST", "/api/v1/auth/register", {"username": name, "email": f"{name}@example.com",
                                                         "password": password})
    return api_request(base, "POST", "/api/v1/auth/token", {"login": name, "password": password})[1]["token"]


def wait_job(base, token, job_id, states=("done", "failed"), seconds=60.0) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        job = api_request(base, "GET", f"/api/v1/jobs/{job_id}", token=token)[1]
        if job["status"] in states or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def plans(base, token) -> int:
    return len(api_request(base, "GET", "/api/v1/study-plans", token=token)[1])


def kill_worker(stack: Stack, base: str) -> dict:
    token = user(base, "killworker")
    worker_a = stack.cli("worker")
    job = api_request(base, "POST", "/api/v1/study-plans?wait=false", {"days": 3, "minutes_per_day": 30,
                                                                       "topics": ["OS"]}, token)[1]
    running = wait_job(base, token, job["id"], states=("running", "done", "failed"))
    time.sleep(2.0)  # the LLM is mid-reply
    os.kill(worker_a.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    stack.cli("worker")  # worker B
    final = wait_job(base, token, job["id"], seconds=90)
    return {"status_when_killed": running["status"], "final_status": final["status"], "attempts": final["attempts"],
            "plans_stored": plans(base, token), "recovered_in_s": round(time.monotonic() - killed_at, 1),
            "ok": final["status"] == "done" and final["attempts"] == 2 and plans(base, token) == 1}


def redis_down(stack: Stack, base: str, seconds: float) -> dict:
    results = {"before": [], "during": [], "after": []}
    phase = {"name": "before"}
    stop = threading.Event()

    def load(token: str, sid: str):
        while not stop.is_set():
            for path in ("/api/v1/practice/mastery", "/api/v1/practice/history"):
                results[phase["name"]].append(api_request(base, "GET", path, None, token)[0])
            status, question = api_request(base, "POST", f"/api/v1/practice/sessions/{sid}/next", None, token)
            if status == 200:
                status, _ = api_request(base, "POST", f"/api/v1/practice/sessions/{sid}/answers",
                                        {"question_id": question["id"], "answer": "A process is a program running."},
                                        token)
            results[phase["name"]].append(status)
            time.sleep(0.2)

    users = []
    for i in range(3):  # one learner each: a practice session answers one question at a time
        token = user(base, f"redisdown{i}")
        users.append((token, api_request(base, "POST", "/api/v1/practice/sessions", {"topics": ["OS"]}, token)[1]
                      ["session_id"]))
    threads = [threading.Thread(target=load, args=account, daemon=True) for account in users]
    for thread in threads:
        thread.start()
    time.sleep(3)
    stack.stop_redis()
    phase["name"] = "during"
    token = users[0][0]
    status, job = api_request(base, "POST", "/api/v1/study-plans?wait=false", {"days": 3, "minutes_per_day": 30,
                                                                               "topics": ["OS"]}, token)
    time.sleep(seconds)
    stack.start_redis()
    back_at = time.monotonic()
    phase["name"] = "after"
    final = wait_job(base, token, job["id"], seconds=90) if status == 202 else {"status": f"refused {status}"}
    stop.set()
    for thread in threads:
        thread.join()
    summary = {k: {"requests": len(v), "non_2xx": sorted(s for s in v if not 200 <= s < 300)}
               for k, v in results.items()}
    return {"redis_down_s": seconds, "requests": summary, "job_asked_while_down": status,
            "job_final": final["status"], "job_done_after_redis_back_s": round(time.monotonic() - back_at, 1),
            "ok": all(not v["non_2xx"] for v in summary.values()) and final["status"] == "done"}


def _login(base: str, name: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "login": name, "password": "fault bench password that is long"})
    opener.open(base + "/login", data=data.encode())
    return opener


def _events(response, until=None):
    """(event, data) pairs from an SSE response; stops at the end or when ``until(events)`` is true."""
    events, buffer = [], ""
    for raw in response:
        buffer += raw.decode()
        while "\n\n" in buffer:
            block, buffer = buffer.split("\n\n", 1)
            lines = dict(line.split(": ", 1) for line in block.splitlines() if line.startswith(("event: ", "data: ")))
            if "event" in lines:
                events.append((lines["event"], json.loads(lines["data"])))
        if until and until(events):
            break
    return events


def kill_app(stack: Stack, base_b: str) -> dict:
    app_a, base_a = stack.app()
    user(base_a, "killapp")
    opener = _login(base_a, "killapp")
    html = opener.open(base_a + "/study-plans").read().decode()
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode({"csrf_token": csrf, "days": "3", "minutes_per_day": "30", "topics": "OS", "goal": ""})
    page = opener.open(base_a + "/study-plans", data=form.encode())  # the browser lands on the job's page
    job = {"id": int(re.search(r"/jobs/(\d+)$", page.geturl()).group(1))}
    stream_a = opener.open(f"{base_a}/jobs/{job['id']}/stream", timeout=60)
    seen_a = _events(stream_a, until=lambda ev: sum(1 for k, _ in ev if k == "delta") >= 5)
    os.kill(app_a.pid, signal.SIGKILL)
    text_a = "".join(d["text"] for k, d in seen_a if k == "delta")
    with _login(base_b, "killapp").open(f"{base_b}/jobs/{job['id']}/stream", timeout=90) as stream_b:
        seen_b = _events(stream_b)
    text_b = "".join(d["text"] for k, d in seen_b if k == "delta")
    last = seen_b[-1] if seen_b else ("none", {})
    return {"text_before_kill_chars": len(text_a), "text_on_b_chars": len(text_b),
            "b_starts_with_a": text_b.startswith(text_a), "last_event": last[0], "result_url": last[1].get("url"),
            "ok": last[0] == "done" and text_b.startswith(text_a) and "Practise part 3 aloud" in text_b}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--db", default="faults_bench")
    parser.add_argument("--redis-down", type=float, default=10.0)
    args = parser.parse_args()

    import psycopg
    from sqlalchemy.engine import make_url

    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is not installed")
    with psycopg.connect(args.admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db}"')
        conn.execute(f'CREATE DATABASE "{args.db}"')
    db_url = make_url(args.admin_url).set(drivername="postgresql+psycopg", database=args.db) \
        .render_as_string(hide_password=False)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(db_url, Path(tmp))
        try:
            subprocess.run([sys.executable, "-m", "interview_coach.cli", "db", "upgrade"], env=stack.env, cwd=ROOT,
                           check=True, capture_output=True)
            _, base = stack.app()
            result = {"kill_worker": kill_worker(stack, base)}
            result["redis_down"] = redis_down(stack, base, args.redis_down)
            result["kill_app"] = kill_app(stack, base)
        finally:
            stack.close()
    emit({"bench": "faults", **result, "ok": all(r["ok"] for r in result.values()),
          "seconds": round(time.monotonic() - started, 1)})


if __name__ == "__main__":
    main()
