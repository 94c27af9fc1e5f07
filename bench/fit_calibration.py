"""Reproduce the semantic-score calibration constants in interview_coach/engine/scoring/semantic.py.

Fits, on mohler_dev.csv ONLY:
1. the linear model grade ≈ b0 + b1·cosine + b2·alignment (least squares on the graders' mean);
2. the two anchors of the grade → semantic_score line: the median predicted grade of off-topic
   answers (every answer paired with the reference of the question 7 places further on, which is
   usually from another assignment) → 0.05, and of answers graded ≥ 4.5 → 0.85;
3. the line back from semantic_score to the 0–5 scale (least squares), used by bench/asag.py.
It also prints a leave-one-question-out cross-validated Pearson r, so generalisation to unseen
questions is visible. Usage: python bench/fit_calibration.py [--data PATH]; prints one JSON line.
"""

from __future__ import annotations

import argparse

import numpy as np
from _common import DATA, emit, load_rows, pearson

from interview_coach.engine.scoring import semantic
from interview_coach.engine.scoring.analysis import analyze
from interview_coach.engine.scoring.embeddings import MiniLMOnnxBackend
from interview_coach.engine.scoring.text import content_tokens


def features_for(rows, backend, reference_of=None):
    refs = sorted({r["reference_answer"] for r in rows})
    analysed_refs = dict(zip(refs, analyze(backend, refs)))
    answers = analyze(backend, [r["student_answer"] for r in rows])
    out = []
    for row, ans in zip(rows, answers):
        ref_row = reference_of(row) if reference_of else row
        stems = frozenset(t.stem for t in content_tokens(ref_row["question"]))
        f = semantic.semantic_features(analysed_refs[ref_row["reference_answer"]], ans, stems)
        out.append([f["cosine"], f["alignment"]])
    return np.array(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA / "mohler_dev.csv"))
    args = parser.parse_args()
    rows = load_rows(args.data)
    backend = MiniLMOnnxBackend()
    y = np.array([float(r["score_avg"]) for r in rows])
    qid = np.array([r["question_id"] for r in rows])
    X = np.c_[np.ones(len(rows)), features_for(rows, backend)]
    coef = np.linalg.lstsq(X, y, rcond=None)[0]
    cv = np.zeros(len(y))
    for q in np.unique(qid):
        held = qid == q
        cv[held] = X[held] @ np.linalg.lstsq(X[~held], y[~held], rcond=None)[0]

    # Off-topic answers: each answer scored against another question's reference.
    questions = list(dict.fromkeys(qid))
    first_row = {q: next(r for r in rows if r["question_id"] == q) for q in questions}
    nxt = {q: first_row[questions[(k + 7) % len(questions)]] for k, q in enumerate(questions)}
    Xo = np.c_[np.ones(len(rows)), features_for(rows, backend, lambda r: nxt[r["question_id"]])]
    pred, pred_off = X @ coef, Xo @ coef
    anchors = (
        (round(float(np.median(pred_off)), 3), 0.05),
        (round(float(np.median(pred[y >= 4.5])), 3), 0.85),
    )
    semantic.CALIBRATION.update(
        intercept=float(coef[0]), cosine=float(coef[1]), alignment=float(coef[2]), anchors=anchors
    )
    scores = np.array([semantic.semantic_score({"cosine": a, "alignment": b}) for a, b in X[:, 1:]])
    off_scores = np.array([semantic.semantic_score({"cosine": a, "alignment": b}) for a, b in Xo[:, 1:]])
    line = np.polyfit(scores, y, 1)[::-1]
    emit(
        {
            "intercept": round(float(coef[0]), 4),
            "cosine": round(float(coef[1]), 4),
            "alignment": round(float(coef[2]), 4),
            "anchors": anchors,
            "five_point": [round(float(line[0]), 4), round(float(line[1]), 4)],
            "pearson_fit": round(pearson(list(pred), list(y)), 4),
            "pearson_semantic_score": round(pearson(list(scores), list(y)), 4),
            "pearson_loqo_cv": round(pearson(list(cv), list(y)), 4),
            "share_good_at_least_0.7": round(float((scores[y >= 4] >= 0.7).mean()), 3),
            "share_poor_below_0.4": round(float((scores[y <= 2.5] < 0.4).mean()), 3),
            "share_off_topic_below_0.4": round(float((off_scores < 0.4).mean()), 3),
        }
    )


if __name__ == "__main__":
    main()
