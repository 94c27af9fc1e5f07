"""PostgreSQL at scale: 1,000,000 ``question_history`` rows over 10,000 users, and how fast the dashboard,
history and mastery APIs answer for a heavy user (10,000 rows) and a typical one (about 100). One JSON line.

It creates (drops first) its own database on the server of ``--admin-url``, upgrades it with the project's
migrations, and loads users, their topic mastery, one practice session each, the history rows and the
dashboard's day snapshots of mastery (replayed from those rows with the app's rules) with COPY.
Then, in process (the Flask test client: no HTTP, so the figures are the app's and the database's), it
times each API ``--repeat`` times per user after one warm-up call, and prints EXPLAIN (ANALYZE, BUFFERS)
of the history and trend queries for the heavy user: the plan lines, to show which indexes are used.
Target: p95 ≤ 50 ms each.

    .venv/bin/python bench/scale.py --admin-url postgresql://postgres@127.0.0.1:5432/postgres --db scale_16
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta

from _common import ROOT, emit

TOPICS = ("DBMS", "OS", "Networks", "OOP", "Data Structures", "Algorithms", "System Design", "Software Engineering")


def _pct(values, q):
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(len(ordered) * q / 100) - 1)], 2)


def _copy(conn, table: str, columns: tuple[str, ...], rows) -> int:
    count = 0
    with conn.cursor() as cur:
        with cur.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def seed(url: str, users: int, rows: int, heavy_rows: int) -> dict:
    import psycopg

    sys.path.insert(0, str(ROOT))
    from interview_coach.engine.mastery import daily_mastery

    rng = random.Random(7)
    now = datetime(2026, 12, 1)
    started = time.monotonic()
    with psycopg.connect(url) as conn:
        from argon2 import PasswordHasher

        password = PasswordHasher().hash("scale bench password")
        _copy(conn, "user", ("id", "username", "email", "password_hash", "is_admin", "created_at"),
              ((i, f"scale{i}", f"scale{i}@example.com", password, False, now) for i in range(1, users + 1)))
        _copy(conn, "user_mastery", ("user_id", "topic", "mastery_level", "semantic_avg", "keyword_avg",
                                     "questions_attempted", "correct_count", "current_difficulty", "concept_masteries",
                                     "missing_concepts", "weak_concepts", "strong_concepts", "concept_stagnation",
                                     "sessions_attempted", "mastery_velocity", "avg_response_time"),
              ((u, t, rng.random(), rng.random(), rng.random(), 10, 5, "medium", "{}", "[]", "[]", "[]", "{}", 1, 0.0,
                30.0) for u in range(1, users + 1) for t in TOPICS))
        _copy(conn, "adaptive_interview_session", ("user_id", "session_id", "start_time", "questions_asked",
                                                   "topics_covered", "weakest_topics", "strongest_topics"),
              ((u, f"scale-session-{u}", now, 10, "[]", "[]", "[]") for u in range(1, users + 1)))
        typical = (rows - heavy_rows) // (users - 1)
        snapshots = []

        def history():
            for u in range(1, users + 1):
                answers = []
                for k in range(heavy_rows if u == 1 else typical):  # in answer order
                    at = now - timedelta(minutes=(heavy_rows - k) * 7 + rng.randrange(5))
                    topic = TOPICS[k % len(TOPICS)]
                    semantic, keyword, response_time = rng.random(), rng.random(), 20.0 + rng.random() * 40
                    answers.append((topic, semantic, keyword, response_time, at.date()))
                    yield (u, f"scale-session-{u}", topic, f"Question {k} on {topic}?", "An answer of some length.",
                           semantic, keyword, response_time, at, at, "[]", "[]", "[]")
                snapshots.extend((u, topic, day, level) for topic, days in daily_mastery(answers).items()
                                 for day, level in days.items())

        inserted = _copy(conn, "question_history",
                         ("user_id", "session_id", "topic", "question", "answer", "semantic_score", "keyword_score",
                          "response_time", "timestamp", "answered_at", "sampled_concepts", "key_terms",
                          "missing_concepts"), history())
        _copy(conn, "mastery_snapshot", ("user_id", "topic", "day", "mastery_level"), snapshots)
        for table in ("user", "user_mastery", "adaptive_interview_session", "question_history", "mastery_snapshot"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT max(id) FROM \"{table}\"))")
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return {"history_rows": inserted, "typical_rows": typical, "snapshot_rows": len(snapshots), "seed_seconds": round(time.monotonic() - started, 1)}


def explain(url: str, user_id: int) -> dict:
    import psycopg

    queries = {
        "history_first_page": "SELECT * FROM question_history WHERE user_id = %s AND answer IS NOT NULL "
                              "ORDER BY answered_at DESC, id DESC LIMIT 20",
        "history_middle_page": "SELECT * FROM question_history WHERE user_id = %s AND answer IS NOT NULL "
                               "ORDER BY answered_at DESC, id DESC LIMIT 20 OFFSET 4980",
        "history_count": "SELECT count(*) FROM question_history WHERE user_id = %s AND answer IS NOT NULL",
        "trend": "SELECT topic, day, mastery_level FROM mastery_snapshot WHERE user_id = %s ORDER BY day, topic",
    }
    out = {}
    with psycopg.connect(url) as conn:
        for name, sql in queries.items():
            plan = [r[0] for r in conn.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", (user_id,))]
            out[name] = [line.strip() for line in plan if "Scan" in line or "Sort" in line or "Execution" in line
                         or "Limit" in line][:6]
    return out


def time_apis(url: str, users: dict[str, int], repeat: int) -> dict:
    os.environ.update(DATABASE_URL=url, APP_ENV="development", RATELIMIT_ENABLED="false", LOG_LEVEL="WARNING")
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    from interview_coach import create_app
    from interview_coach.services import tokens

    app = create_app()
    client = app.test_client()
    out = {}
    for label, user_id in users.items():
        with app.app_context():
            _, secret = tokens.create_token(user_id, "scale bench")
        headers = {"Authorization": f"Bearer {secret}"}
        pages = {"dashboard": "/api/v1/practice/mastery", "history_first_page": "/api/v1/practice/history?page=1",
                 "history_last_page": "/api/v1/practice/history?page=%d",
                 "sessions": "/api/v1/practice/sessions"}
        total = client.get("/api/v1/practice/history", headers=headers).get_json()["pages"]
        for name, path in pages.items():
            path = path % total if "%d" in path else path
            assert client.get(path, headers=headers).status_code == 200, path
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(path, headers=headers)
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            out[f"{label}.{name}"] = {"p50_ms": _pct(timings, 50), "p95_ms": _pct(timings, 95)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--db", default="scale_bench")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--heavy-rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="reuse the database if it is already seeded")
    args = parser.parse_args()

    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(args.admin_url)
    url = admin.set(database=args.db).render_as_string(hide_password=False)
    app_url = make_url(url).set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    seeded = {}
    if not args.keep:
        with psycopg.connect(args.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.db}"')
            conn.execute(f'CREATE DATABASE "{args.db}"')
        env = dict(os.environ, DATABASE_URL=app_url, APP_ENV="development", LOG_LEVEL="WARNING")
        env.pop("REDIS_URL", None)
        subprocess.run([sys.executable, "-m", "interview_coach.cli", "db", "upgrade"], env=env, check=True,
                       capture_output=True, cwd=ROOT)
        seeded = seed(url, args.users, args.rows, args.heavy_rows)
    timings = time_apis(app_url, {"heavy": 1, "typical": 2}, args.repeat)
    emit({"bench": "scale", "users": args.users, **seeded, "apis": timings,
          "worst_p95_ms": max(v["p95_ms"] for v in timings.values()), "explain_heavy_user": explain(url, 1)})


if __name__ == "__main__":
    main()
