"""The summary of an adaptive practice session (``adaptive_interview_session``), computed from its answers.

- ``questions_asked``: answers scored in the session.
- ``duration``: whole seconds from the session's start to its end (or to the last answer).
- ``avg_semantic``, ``avg_keyword``: plain means over the session's answers;
  ``overall_score`` = ``avg_semantic × 0.7 + avg_keyword × 0.3`` (the seed's formula).
- ``learning_velocity``: the least-squares slope of the combined score against the answer's position
  in the session, in score points per question (e.g. +0.05 = each answer about 5 points better than
  the one before). 0 with fewer than two answers. Positive means the learner improved during the
  session. It compares answers at their own difficulty, so a learner promoted to harder questions may
  show a flatter slope: the dashboard shows it beside the difficulty.
- ``attention_score`` in [0, 1]: the share of answers that were genuine attempts. An answer counts
  when the scorer judged it on its merits (outcome ``scored``, not empty, gibberish, a keyword list or
  a restated question), it has at least ``MIN_WORDS`` words, and it was not sent implausibly fast for
  its length (under ``MIN_SECONDS_PER_WORD`` × words, i.e. pasted or auto-typed). 1.0 with no answers.
- ``topics_covered``: topics in the order first asked; ``weakest_topics`` / ``strongest_topics``:
  up to three topics by mean combined score, lowest first / highest first (ties by name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from statistics import fmean
from typing import Iterable, Sequence

from .mastery import combined_score

MIN_WORDS = 8
MIN_SECONDS_PER_WORD = 0.25  # 240 words a minute is faster than anyone types an answer


@dataclass(frozen=True)
class AnsweredQuestion:
    """What the summary needs to know about one answer."""

    topic: str
    semantic: float
    keyword: float
    response_time: float
    words: int
    outcome: str = "scored"
    answered_at: datetime | None = None

    @property
    def combined(self) -> float:
        return combined_score(self.semantic, self.keyword)


@dataclass(frozen=True)
class SessionSummary:
    questions_asked: int = 0
    duration: int = 0
    avg_semantic: float = 0.0
    avg_keyword: float = 0.0
    overall_score: float = 0.0
    learning_velocity: float = 0.0
    attention_score: float = 1.0
    topics_covered: list[str] = field(default_factory=list)
    weakest_topics: list[str] = field(default_factory=list)
    strongest_topics: list[str] = field(default_factory=list)


def summarise(answers: Sequence[AnsweredQuestion], start: datetime, end: datetime | None = None) -> SessionSummary:
    """Compute every summary field from the session's answers, in the order they were given."""
    last = end or max((a.answered_at for a in answers if a.answered_at), default=start)
    duration = max(0, int((last - start).total_seconds()))
    if not answers:
        return SessionSummary(duration=duration)
    avg_semantic = fmean(a.semantic for a in answers)
    avg_keyword = fmean(a.keyword for a in answers)
    by_topic = _mean_by_topic(answers)
    ranked = sorted(by_topic.items(), key=lambda item: (item[1], item[0]))
    return SessionSummary(
        questions_asked=len(answers),
        duration=duration,
        avg_semantic=avg_semantic,
        avg_keyword=avg_keyword,
        overall_score=combined_score(avg_semantic, avg_keyword),
        learning_velocity=slope([a.combined for a in answers]),
        attention_score=attention(answers),
        topics_covered=list(by_topic),
        weakest_topics=[t for t, _ in ranked[:3]],
        strongest_topics=[t for t, _ in sorted(by_topic.items(), key=lambda i: (-i[1], i[0]))[:3]],
    )


def slope(values: Sequence[float]) -> float:
    """Least-squares slope of ``values`` against 0, 1, 2, …; 0.0 for fewer than two values."""
    n = len(values)
    if n < 2:
        return 0.0
    mean_x = (n - 1) / 2
    mean_y = fmean(values)
    numerator = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(values))
    denominator = sum((i - mean_x) ** 2 for i in range(n))
    return numerator / denominator


def is_genuine(answer: AnsweredQuestion) -> bool:
    """A genuine attempt: judged on its merits, long enough, not sent faster than it could be typed."""
    return (
        answer.outcome == "scored"
        and answer.words >= MIN_WORDS
        and answer.response_time >= MIN_SECONDS_PER_WORD * answer.words
    )


def attention(answers: Iterable[AnsweredQuestion]) -> float:
    """Share of genuine attempts among the answers (1.0 when there are none)."""
    answers = list(answers)
    if not answers:
        return 1.0
    return sum(1 for a in answers if is_genuine(a)) / len(answers)


def _mean_by_topic(answers: Iterable[AnsweredQuestion]) -> dict[str, float]:
    scores: dict[str, list[float]] = {}
    for answer in answers:
        scores.setdefault(answer.topic, []).append(answer.combined)
    return {topic: fmean(values) for topic, values in scores.items()}
