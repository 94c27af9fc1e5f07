"""Speed of the answer scorer: single-answer latency, batch throughput, cold start, peak memory.

- ``p50_ms`` / ``p95_ms``: ``Scorer.score`` on one answer at a time, after a warm-up that loads the
  model and caches every question's reference (answers and references from mohler_dev.csv);
- ``batch_per_s``: answers per second through ``Scorer.score_many`` in batches of 64;
- ``cold_start_s``: in a new Python process, the time from importing the scoring package to the end
  of the first ``score`` call (model load and checksum included); ``cold_start_process_s`` adds the
  interpreter's own start-up;
- ``rss_mb``: peak resident memory of this process at the end.
The machine's 1-minute load average is printed too: on a shared 2-core machine it explains noise.
``--backend minilm-fp32`` measures the model file run in fp32 instead of on integer kernels.
``--answers`` scores the graded answer set of bench/data/answers on the bank's questions instead:
their key concepts carry definitions, so every answer also goes through the claim check
(claims.py), which is the path practice answers take.
Usage: python bench/scoring_latency.py [--data PATH | --answers] [--n 300] [--backend NAME]; the last
line is one JSON object.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

from _common import DATA, ROOT, emit, load_rows

from interview_coach.engine.scoring import AnswerInput, Scorer

_COLD = """
import time
t = time.perf_counter()
from interview_coach.engine.scoring import AnswerInput, get_scorer
get_scorer({backend!r}).score(AnswerInput("What is a stack?", "A last-in, first-out collection.", "Items are pushed and popped at the top."))
print(time.perf_counter() - t)
"""


def cold_start(backend: str) -> tuple[float, float]:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _COLD.format(backend=backend)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        runs.append((float(out.stdout.strip().splitlines()[-1]), time.perf_counter() - start))
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA / "mohler_dev.csv"))
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--backend", default="minilm", help="registered embedding backend name")
    parser.add_argument("--answers", action="store_true", help="bank questions with checked concepts")
    args = parser.parse_args()
    if args.answers:
        from answer_set import load_answers, scoring_input

        items = [scoring_input(a) for a in load_answers()]
    else:
        rows = load_rows(args.data)
        items = [AnswerInput(r["question"], r["reference_answer"], r["student_answer"]) for r in rows]
    cold, cold_process = cold_start(args.backend)

    scorer = Scorer(args.backend)
    seen = set()
    for item in items:  # warm-up: load the model, cache every reference (and its concepts' claims)
        if item.reference_answer not in seen:
            seen.add(item.reference_answer)
            scorer.score(item)
    sample = items[:: max(1, len(items) // args.n)][: args.n]
    times = []
    for item in sample:
        start = time.perf_counter()
        scorer.score(item)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()

    batch = items[:512]
    start = time.perf_counter()
    for k in range(0, len(batch), 64):
        scorer.score_many(batch[k : k + 64])
    per_s = len(batch) / (time.perf_counter() - start)

    emit(
        {
            "backend": args.backend,
            "data": "answers" if args.answers else args.data,
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "batch_per_s": round(per_s, 1),
            "cold_start_s": round(cold, 3),
            "cold_start_process_s": round(cold_process, 3),
            "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "n_single": len(times),
            "n_batch": len(batch),
            "load_avg_1m": round(os.getloadavg()[0], 2),
        }
    )


if __name__ == "__main__":
    main()
