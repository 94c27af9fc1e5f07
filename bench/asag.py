"""Agreement of the answer scorer with human graders on a short-answer grading CSV.

Columns: ``question``, ``reference_answer``, ``student_answer`` and either ``score_avg`` (0–5, graded
data: Pearson r, Spearman rho and RMSE of the engine's grade) or ``label_2way`` (correct/incorrect:
accuracy and macro-F1 of ``Assessment.correct``). The engine's grade is
``to_five_point(semantic_score)``, a fixed line fitted on mohler_dev.csv only (see
interview_coach/engine/scoring/semantic.py); nothing is fitted here.

With a ``split`` column (Beetle), each split is reported under ``splits`` and the top-level numbers
cover every split except ``train`` (which was used to choose thresholds). ``--split NAME`` keeps one.

``--backend NAME`` scores with another registered embedding backend (``minilm-fp32``: the model
file run in fp32, as shipped, instead of on integer kernels).

Usage: python bench/asag.py [--data PATH] [--split NAME] [--backend NAME]; the last line printed is
one JSON object.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _common import DATA, emit, load_rows, pearson, ranks, rmse, spearman

from interview_coach.engine.scoring import AnswerInput, get_scorer, to_five_point


def graded(rows, assessments) -> dict:
    gold = [float(r["score_avg"]) for r in rows]
    pred = [to_five_point(a.semantic_score) for a in assessments]
    combined = [a.combined_score for a in assessments]
    return {
        "pearson": round(pearson(pred, gold), 4),
        "spearman": round(spearman(pred, gold), 4),
        "rmse": round(rmse(pred, gold), 4),
        "pearson_combined_score": round(pearson(combined, gold), 4),
    }


def labelled(rows, assessments) -> dict:
    gold = [r["label_2way"].strip().lower() == "correct" for r in rows]
    pred = [a.correct for a in assessments]
    f1s = []
    for cls in (True, False):
        tp = sum(p == cls and g == cls for p, g in zip(pred, gold))
        fp = sum(p == cls and g != cls for p, g in zip(pred, gold))
        fn = sum(p != cls and g == cls for p, g in zip(pred, gold))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {
        "accuracy": round(sum(p == g for p, g in zip(pred, gold)) / len(gold), 4),
        "macro_f1": round(sum(f1s) / 2, 4),
        "majority_baseline": round(max(sum(gold), len(gold) - sum(gold)) / len(gold), 4),
        # How well the semantic score alone separates correct from incorrect (0.5 = chance).
        "auc_semantic": round(auc([a.semantic_score for a in assessments], gold), 4),
    }


def auc(scores: list[float], positive: list[bool]) -> float:
    """Area under the ROC curve (Mann–Whitney), ties counted half."""
    ranked = ranks(scores)
    n_pos = sum(positive)
    n_neg = len(positive) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    return (sum(r for r, p in zip(ranked, positive) if p) - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA / "mohler_dev.csv"))
    parser.add_argument("--split", default=None, help="keep only rows of this split")
    parser.add_argument("--backend", default="minilm", help="registered embedding backend name")
    args = parser.parse_args()
    rows = load_rows(args.data)
    if args.split:
        rows = [r for r in rows if r.get("split") == args.split]
    if not rows:
        raise SystemExit("no rows to score")
    metric = graded if "score_avg" in rows[0] and rows[0]["score_avg"] != "" else labelled
    scorer = get_scorer(args.backend)
    start = time.perf_counter()
    assessments = []
    for k in range(0, len(rows), 64):
        chunk = rows[k : k + 64]
        assessments += scorer.score_many(
            [AnswerInput(r["question"], r["reference_answer"], r["student_answer"]) for r in chunk]
        )
    elapsed = time.perf_counter() - start
    result: dict = {"dataset": Path(args.data).stem + (f":{args.split}" if args.split else ""), "backend": args.backend}
    splits = sorted({r.get("split", "") for r in rows} - {""})
    if splits and not args.split:
        result["splits"] = {}
        for name in splits:
            idx = [i for i, r in enumerate(rows) if r["split"] == name]
            result["splits"][name] = {
                "n": len(idx),
                **metric([rows[i] for i in idx], [assessments[i] for i in idx]),
            }
        if "train" in splits and len(splits) > 1:
            keep = [i for i, r in enumerate(rows) if r["split"] != "train"]
            rows, assessments = [rows[i] for i in keep], [assessments[i] for i in keep]
    result["n"] = len(rows)
    result.update(metric(rows, assessments))
    result["seconds"] = round(elapsed, 1)
    emit(result)


if __name__ == "__main__":
    main()
