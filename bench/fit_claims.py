"""Fit the claim check's logistic model (engine/scoring/claims.py: MODEL) on the graded answer set.

Fitted on the *dev* questions of bench/data/answers (held-out questions are never used): every key
concept of a complete or paraphrased answer is a positive example (the answer states it), every key
concept of a fluent-but-wrong, keyword-salad or off-topic answer a negative one. Partial answers are
left out (which of their concepts they state is not labelled). The features of an (answer, concept)
are the aggregated features of claims.judge; the model is L2-regularised logistic regression fitted by
Newton's method.

Prints, then the JSON line: the weights to paste into claims.MODEL, the concept-level AUC on dev and
held-out questions, and the answer-level correct rates per kind for a range of COVERED_AT values.

Usage: python bench/fit_claims.py
"""

from __future__ import annotations

import math

import numpy as np
from _common import emit
from answer_set import load_answers, scoring_input

from interview_coach.engine.scoring import get_scorer
from interview_coach.engine.scoring.claims import FEATURES

# Left out of the model: "named" (whether the answer names the concept must not decide whether it
# states it correctly; in this set paraphrases never name and wrong answers always do) and "length"
# (how long the graders' wrong answers happen to be).
FITTED = tuple(f for f in FEATURES if f not in ("named", "length"))

POSITIVE, NEGATIVE = ("complete", "paraphrase"), ("fluent_wrong", "keyword_salad", "off_topic")
L2 = 0.3


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Weights (intercept first) of L2-regularised logistic regression, by Newton's method."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    reg = l2 * np.eye(xb.shape[1])
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg @ w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + reg + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def prob(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(w[0] + x @ w[1:], -30, 30)))


def auc(scores, labels) -> float:
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def main() -> None:
    scorer = get_scorer()
    rows = []  # (held_out, label, features)
    answers = []  # (held_out, kind, [feature vector per concept])
    for item in load_answers():
        per_concept = [
            [f[name] for name in FITTED] if f else [0.0] * len(FITTED)
            for f in scorer.claim_features(scoring_input(item)).values()
        ]
        answers.append((item.held_out, item.kind, np.array(per_concept, dtype=float).reshape(-1, len(FITTED))))
        label = 1 if item.kind in POSITIVE else 0 if item.kind in NEGATIVE else None
        if label is not None:
            rows += [(item.held_out, label, v) for v in per_concept]
    x = np.array([v for held, _l, v in rows if not held], dtype=float)
    y = np.array([label for held, label, _v in rows if not held], dtype=float)
    w = fit_logistic(x, y)
    bags = [(held, label, np.array([v])) for held, label, v in rows]

    def best(m):
        return float(prob(w, m).max()) if len(m) else 0.0

    report = {"weights": {"intercept": round(float(w[0]), 4), **{n: round(float(v), 4) for n, v in zip(FITTED, w[1:])}}}
    for part in (False, True):
        scores = [best(m) for held, label, m in bags if held == part]
        labels = [label for held, label, m in bags if held == part]
        report["auc_held_out" if part else "auc_dev"] = round(auc(scores, labels), 4)
    sweep = {}
    for at in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        rates = {}
        for part in (False, True):
            by_kind = {}
            for held, kind, mats in answers:
                if held != part:
                    continue
                covered = [best(m[None, :]) >= at for m in mats]
                correct = len(mats) > 0 and sum(covered) / len(mats) > 0.6
                by_kind.setdefault(kind, []).append(correct)
            rates["held_out" if part else "dev"] = {k: round(sum(v) / len(v), 3) for k, v in by_kind.items()}
        sweep[str(at)] = rates
    report["correct_rate_by_threshold"] = sweep
    weights = report["weights"]
    print("MODEL = {")
    print(f'    "intercept": {weights["intercept"]},')
    print('    "weights": {')
    for name in FITTED:
        print(f'        "{name}": {weights[name]},')
    print("    },\n}")
    emit(report)


if __name__ == "__main__":
    main()
