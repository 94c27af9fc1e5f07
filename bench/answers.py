"""How far the coach's verdict on one answer can be trusted, on the graded answer set.

Scores every answer of ``bench/data/answers`` with the offline scorer and prints one JSON line:
``n``, ``pearson`` (combined score vs the graders' 0–5 grade), ``correct_rate`` (share marked
correct, per kind), ``wrong_marked_correct`` (fluent-but-wrong and keyword-salad answers marked
correct), ``right_marked_wrong`` (complete and paraphrased answers marked not correct),
``order_ok`` (share of questions whose combined scores rank complete > partial > fluent-wrong),
``semantic_mean`` per kind (the spread of the semantic score), and the same figures for the
``dev`` and ``held_out`` questions (see answer_set.py) under ``parts``.

Usage: python bench/answers.py [--part dev|held_out] [--show KIND]  (--show prints that kind's answers
with their verdicts before the JSON line).
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from _common import emit, pearson
from answer_set import KINDS, RIGHT_KINDS, WRONG_KINDS, load_answers, scoring_input

from interview_coach.engine.scoring import get_scorer


def summarise(items, results) -> dict:
    by_kind = defaultdict(list)
    for item, res in zip(items, results):
        by_kind[item.kind].append(res)

    def rate(kinds):
        rows = [r for k in kinds for r in by_kind.get(k, [])]
        return round(sum(r.correct for r in rows) / len(rows), 4) if rows else None

    per_question = defaultdict(dict)
    for item, res in zip(items, results):
        per_question[item.question].setdefault(item.kind, []).append(res.combined_score)
    ordered = [
        q
        for q, kinds in per_question.items()
        if all(k in kinds for k in ("complete", "partial", "fluent_wrong"))
    ]
    ok = sum(
        max(per_question[q]["complete"]) > max(per_question[q]["partial"]) > max(per_question[q]["fluent_wrong"])
        for q in ordered
    )
    return {
        "n": len(items),
        "questions": len(per_question),
        "pearson": round(pearson([r.combined_score for r in results], [i.grade for i in items]), 4),
        "correct_rate": {k: rate([k]) for k in KINDS if k in by_kind},
        "wrong_marked_correct": rate(WRONG_KINDS),
        "right_marked_wrong": round(1 - rate(RIGHT_KINDS), 4) if rate(RIGHT_KINDS) is not None else None,
        "order_ok": round(ok / len(ordered), 4) if ordered else None,
        "semantic_mean": {
            k: round(sum(r.semantic_score for r in v) / len(v), 3) for k, v in by_kind.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "held_out"))
    parser.add_argument("--show", choices=KINDS)
    args = parser.parse_args()
    items = [i for i in load_answers() if args.part is None or (i.held_out == (args.part == "held_out"))]
    results = get_scorer().score_many([scoring_input(i) for i in items])
    if args.show:
        for item, res in zip(items, results):
            if item.kind == args.show:
                print(f"{item.source} {item.question} grade {item.grade} correct={res.correct} "
                      f"combined={res.combined_score:.2f} sem={res.semantic_score:.2f}")
                for v in res.concepts:
                    print(f"   {v.status:16} {v.concept}: {v.words[:90]}")
    out = summarise(items, results)
    out["parts"] = {
        part: summarise([i for i in items if i.held_out == (part == "held_out")],
                        [r for i, r in zip(items, results) if i.held_out == (part == "held_out")])
        for part in ("dev", "held_out")
        if any(i.held_out == (part == "held_out") for i in items)
    }
    emit(out)


if __name__ == "__main__":
    main()
