"""The 1–10 ``interview_score`` of a mock interview: a documented rubric over per-answer signals.

Pure Python. The seed's bands, implemented exactly: 1–3 *needs significant improvement*,
4–6 *moderate performance, room for growth*, 7–8 *strong performance*, 9–10 *exceptional*.

**Per-answer quality** (0–1, from the :class:`AnswerReview` signals of :mod:`.answers`):

- technical answers scored against a reference: ``0.25·relevance + 0.55·correctness +
  (0.05·specificity + 0.15·length)·fit`` (a definition needs few figures; being right matters most);
- behavioural answers: ``0.25·relevance + 0.60·STAR + 0.10·specificity + 0.05·length`` (the STAR
  rubric already weighs detail and length, so they count little twice);
- otherwise (opener, CV deep dive, scenario, closing, or a technical question without a
  reference): ``0.50·relevance + (0.30·specificity + 0.20·length)·fit``: answering the question
  asked, with concrete detail, at a sensible length;
- ``fit`` (:func:`fit`) is how far the answer answers *this* question: its correctness over
  :data:`FIT_FULL` (0.5) for a technical answer, its relevance over 0.5 otherwise, at most 1. Detail
  and length are worth something only in an answer to the question: a polished story given to a
  question it does not answer (a rehearsed project story for "design an LRU cache") earns little
  for being polished, as a careful interviewer would judge it. A behavioural story is not gated:
  the STAR rubric already asks whether it shows what the question tests;
- an off-topic answer (about something else, see :mod:`.answers`) earns 0, as an empty one does:
  well-built words about something else do not answer the question; so does an answer that repeats
  one given to another question (``repeat_of``): it is credited once, where it fits best.

**Interview score**: the weighted mean of the qualities (weights :data:`KIND_WEIGHTS`: technical
and behavioural answers 1.25 — they are checked against a reference or rubric —, deep dives and
scenarios 1.0, the opener 0.75, the closing question 0.5), mapped linearly ``1 + 9·mean`` and
rounded: 0 → 1, 0.5 → 5.5 → 6, 0.67 → 7, 0.89 → 9. A candidate who gave a real answer to at least
half of the questions (not empty, not off-topic, not a repeat), however vague, scores at least 2: a 1
is kept for an interview in which most questions got no real answer and the rest earned next to
nothing (one stray answer that happens to be near its question does not lift an interview spent
talking about something else above one spent answering vaguely).

**Caps** (applied after mapping; the lowest that applies wins). An answer is *not a real answer*
when it is empty (fewer than 5 words, or degenerate) or off-topic:

- one or more not real answers: at most 8 — an exceptional interview answers every question; three
  or more: at most 5; half or more: at most 3; all: 1.

Nothing in an answer's text can raise the score by instruction: :mod:`.answers` removes sentences
addressed to a grader before any signal is measured, and this module reads only those numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .types import AnswerReview

__all__ = ["quality", "fit", "interview_score", "score_ceiling", "band", "BANDS", "KIND_WEIGHTS", "FIT_FULL"]

FIT_FULL = 0.5
KIND_WEIGHTS = {"technical": 1.25, "behavioural": 1.25, "deep_dive": 1.0, "scenario": 1.0,
                "opener": 0.75, "closing": 0.5}
BANDS = ((9, "Exceptional performance"), (7, "Strong performance"),
         (4, "Moderate performance, room for growth"), (1, "Needs significant improvement"))


def quality(review: AnswerReview) -> float:
    """The rubric's 0–1 quality of one reviewed answer (see the module docstring)."""
    if review.empty or review.off_topic or review.repeat_of is not None:
        return 0.0
    if review.content is not None and review.kind == "behavioural":
        value = 0.25 * review.relevance + 0.60 * review.content + 0.10 * review.specificity + 0.05 * review.length
    elif review.content is not None:
        value = 0.25 * review.relevance + 0.55 * review.content + \
            (0.05 * review.specificity + 0.15 * review.length) * fit(review)
    else:
        value = 0.50 * review.relevance + (0.30 * review.specificity + 0.20 * review.length) * fit(review)
    return max(0.0, min(1.0, value))


def fit(review: AnswerReview) -> float:
    """How far the answer answers the question asked (0–1): a technical answer's correctness, else
    its relevance, over :data:`FIT_FULL`, at most 1."""
    basis = review.content if review.content is not None and review.kind == "technical" else review.relevance
    return min(1.0, max(0.0, basis) / FIT_FULL)


def band(score: int) -> str:
    """The seed's band name for a 1–10 score."""
    return next(name for low, name in BANDS if score >= low)


def interview_score(reviews: Sequence[AnswerReview]) -> tuple[int, float, list[str]]:
    """``(score 1–10, weighted mean quality 0–1, caps applied as sentences)``. No answers → 1."""
    if not reviews:
        return 1, 0.0, ["No question was answered."]
    weights = [KIND_WEIGHTS.get(r.kind, 1.0) for r in reviews]
    mean = sum(w * r.quality for w, r in zip(weights, reviews)) / sum(weights)
    real = sum(not (r.empty or r.off_topic or r.repeat_of is not None) for r in reviews)
    uncapped = max(2 if real * 2 >= len(reviews) else 1, min(10, round(1 + 9 * mean)))
    caps = _caps(reviews)
    score = min([uncapped, *(cap for cap, _ in caps)])
    return score, round(mean, 4), [reason for cap, reason in caps if cap < uncapped]


def score_ceiling(reviews: Sequence[AnswerReview]) -> int:
    """The highest score these answers may have, whatever the weighted mean: the lowest cap that
    applies (10 when none does). A reviser of the score (an LLM) must stay at or under it."""
    if not reviews:
        return 1
    return min([10, *(cap for cap, _ in _caps(reviews))])


def _caps(reviews: Sequence[AnswerReview]) -> list[tuple[int, str]]:
    """Every cap the answers trigger: (highest allowed score, the sentence saying why)."""
    n = len(reviews)
    empty = sum(r.empty for r in reviews)
    missing = sum(r.empty or r.off_topic for r in reviews)
    caps: list[tuple[int, str]] = []
    if missing == n:
        caps.append((1, "No question received a real answer."))
    elif missing * 2 >= n:
        caps.append((3, f"{missing} of {n} questions had no real answer, which caps the score at 3."))
    elif missing >= 3:
        caps.append((5, f"{missing} questions had no real answer, which caps the score at 5."))
    elif missing >= 1:
        caps.append((8, f"{missing} question{'s' if missing > 1 else ''} had no real answer, which caps the score "
                        "at 8."))
    if missing > empty:
        caps = [(cap, f"{reason[:-1]} ({missing - empty} answered something else).") for cap, reason in caps]
    return caps
