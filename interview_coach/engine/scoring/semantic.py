"""The semantic score: how close an answer's meaning is to the reference answer, calibrated.

Two observable features, both *question-demoted* (words the question already contains are left
out of the answer and of the reference, so restating the question earns nothing; Mohler et al.
2011 and Sultan et al. 2016 found this the most useful single trick on this kind of data):

- ``cosine``: cosine between the reference's sentence vector and the mean-pooled vector of the
  answer's own content words;
- ``alignment``: for every content word of the reference, the best cosine with a content word of
  the answer (contextual word vectors from the same model pass), averaged. This is the recall
  half of BERTScore: which parts of the reference the answer says, in whatever words.

``grade = b0 + b1·cosine + b2·alignment`` predicts the human grade (0–5) by least squares; the
coefficients below were fitted on ``data/asag/mohler_dev.csv`` only, by ``bench/fit_calibration.py``
(which prints them, and a leave-questions-out cross-validated Pearson r).

The grade is then mapped to ``semantic_score`` in [0, 1] so that the first seed's thresholds
(0.7 good, 0.4 poor) mean what they say. Human grades on this data are bunched high (median 4.5),
so the fitted grade itself is compressed towards the mean; instead, a straight line through two
anchors sets the scale: the median predicted grade of *off-topic* answers (each dev answer paired
with another question's reference) maps to 0.05 and that of answers both graders rated well
(mean grade ≥ 4.5) to 0.85; the line is extended and clipped to [0, 1]. On the dev data this puts
62% of answers graded ≥ 4 at or above 0.7, 80% of answers graded ≤ 2.5 and 94% of off-topic answers
below 0.4. Off-topic pairs are used only for this scale, never for the fitted direction.
"""

from __future__ import annotations

import numpy as np

from .analysis import AnalyzedText, pooled

__all__ = [
    "reference_words",
    "semantic_features",
    "predicted_grade",
    "semantic_score",
    "to_five_point",
    "CALIBRATION",
]

# Fitted by bench/fit_calibration.py on mohler_dev.csv (1,074 answers, 41 questions); it printed
# pearson_fit 0.630 and a leave-one-question-out cross-validated r of 0.619 (to reproduce:
# python bench/fit_calibration.py, then copy its numbers here).
CALIBRATION = {
    "intercept": 2.6576,
    "cosine": 1.0833,
    "alignment": 2.0399,
    # Anchors (predicted grade → semantic score): off-topic median → 0.05, good-answer median → 0.85.
    "anchors": ((3.114, 0.05), (4.44, 0.85)),
    # Least-squares line from semantic_score back to the 0–5 scale (benchmarks only).
    "five_point": (2.8142, 2.1318),
}


def _question_mask(text: AnalyzedText, question_stems: frozenset[str]) -> np.ndarray:
    return text.content & np.array([t.stem not in question_stems for t in text.tokens], dtype=bool)


def reference_words(reference: AnalyzedText, question_stems: frozenset[str]) -> np.ndarray:
    """Unit vectors of the reference's content words that the question does not contain.

    Computed once per question. If the reference only repeats the question, all its content words.
    """
    keep = _question_mask(reference, question_stems)
    if not keep.any():
        keep = reference.content
    return reference.word_vectors()[keep]


def semantic_features(
    reference: AnalyzedText,
    answer: AnalyzedText,
    question_stems: frozenset[str],
    ref_words: np.ndarray | None = None,
) -> dict[str, float]:
    """The question-demoted ``cosine`` and ``alignment`` of an answer to a reference (see module doc).

    ``precision`` (the other half of BERTScore: how much of the answer is in the reference) is
    returned as an observable signal; the calibrated score does not use it. ``ref_words`` is
    :func:`reference_words`, passed in when the caller has cached it.
    """
    if ref_words is None:
        ref_words = reference_words(reference, question_stems)
    keep_answer = _question_mask(answer, question_stems)
    vec = pooled(answer, keep_answer)
    cosine = float(reference.vector @ vec) if vec is not None else 0.0
    alignment = precision = 0.0
    if keep_answer.any() and len(ref_words):
        sims = ref_words @ answer.word_vectors()[keep_answer].T
        alignment = float(sims.max(axis=1).mean())
        precision = float(sims.max(axis=0).mean())
    return {"cosine": round(cosine, 4), "alignment": round(alignment, 4), "precision": round(precision, 4)}


def predicted_grade(features: dict[str, float]) -> float:
    """The fitted linear model: the human grade (0–5) this answer would most likely get."""
    c = CALIBRATION
    return c["intercept"] + c["cosine"] * features["cosine"] + c["alignment"] * features["alignment"]


def semantic_score(features: dict[str, float]) -> float:
    """``semantic_score`` in [0, 1]: the predicted grade through the calibration anchors."""
    xs, ys = zip(*CALIBRATION["anchors"])
    grade = predicted_grade(features)
    # Extend the outer segments linearly, then clip: np.interp alone would flatten the ends.
    if grade < xs[0]:
        value = ys[0] + (grade - xs[0]) * (ys[1] - ys[0]) / (xs[1] - xs[0])
    elif grade > xs[-1]:
        value = ys[-1] + (grade - xs[-1]) * (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    else:
        value = float(np.interp(grade, xs, ys))
    return float(min(1.0, max(0.0, value)))


def to_five_point(score: float) -> float:
    """Map a semantic score to the 0–5 grading scale of the benchmarks (fitted on mohler_dev only)."""
    a, b = CALIBRATION["five_point"]
    return float(min(5.0, max(0.0, a + b * score)))
