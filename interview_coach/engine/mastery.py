"""The first seed's mastery model: topic EMAs, adaptive difficulty, concept and subtopic mastery.

Pure functions over plain dataclasses: services copy a ``user_mastery`` / ``subtopic_mastery`` row
into these, call the update, and write the result back. Every rule below is the seed's, with the
choices the seed leaves open stated here.

Topic (``user_mastery``), after each scored answer with semantic score ``s``, keyword score ``k``
and response time ``t`` seconds:

- ``semantic_avg``, ``keyword_avg`` and ``avg_response_time`` are exponential moving averages with
  ``ALPHA = 0.3``: ``avg ← α·x + (1 − α)·avg``. The first answer of a topic sets the average to
  ``x`` (there is no earlier evidence to blend with the seed's 0.0 default).
  α = 0.3 gives the latest answer 30 % weight and halves an old answer's influence in about two
  answers: responsive enough that improvement shows within a session, smooth enough that one lucky
  answer does not declare mastery.
- ``last_mastery`` ← the previous ``mastery_level``;
  ``mastery_level`` = ``semantic_avg × 0.7 + keyword_avg × 0.3``;
  ``mastery_velocity`` = ``mastery_level − last_mastery``.
- ``questions_attempted`` += 1; ``correct_count`` += 1 when ``k > 0.6``.
- Difficulty: the combined score ``c = 0.7·s + 0.3·k``. ``c > 0.7`` extends the good streak and
  ends the poor one; ``c < 0.4`` the reverse; anything in between ends both streaks. Three good in a
  row move ``current_difficulty`` one level harder, two poor one level easier; both counters reset
  whenever the difficulty changes. The levels are easy < medium < hard and stop at the ends (a
  streak at the end level keeps counting, and resets only on a change).

Concepts (``concept_masteries``, the primary record), keyed by concept id, for each concept the
question sampled: a *hit* when the answer covered it (not in the scorer's missing concepts).

- ``attempts``, ``hits``, ``misses`` count outcomes; ``score`` is an EMA of hit = 1 / miss = 0 with
  ``CONCEPT_ALPHA = 0.4`` (first outcome sets it); ``last_seen`` is the Unix time; ``last_hit``.
- ``stagnation`` counts consecutive attempts that did not raise the score while the concept is not
  yet strong (score < 0.8); a hit that raises the score resets it.
- Spaced review: a hit lengthens the review interval (1 day, then 3 days, then × 2.5 each time); a
  miss sets it to 10 minutes so the concept comes back soon. ``next_review`` = now + interval.

Legacy fields, derived from ``concept_masteries`` after every update so they never disagree:
``weak_concepts`` (attempted, score < 0.5, weakest first), ``strong_concepts`` (≥ 2 attempts,
score ≥ 0.8), ``missing_concepts`` (missed on their latest attempt), ``concept_stagnation``
({id: stagnation} for stagnation > 0).

Subtopics (``subtopic_mastery``): ``mastery_level`` is an EMA (α = 0.3, first answer sets it) of the
combined score of answers in that subtopic; ``attempts`` += 1; status ``not_started`` → ``ongoing``
on the first attempt → ``mastered`` once attempts ≥ 3 and mastery ≥ 0.7 → back to ``ongoing`` if
mastery falls below 0.6 (the gap keeps the status from flickering).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Mapping

ALPHA = 0.3
CONCEPT_ALPHA = 0.4
SEMANTIC_WEIGHT = 0.7
KEYWORD_WEIGHT = 0.3
CORRECT_KEYWORD_ABOVE = 0.6
GOOD_ABOVE = 0.7
POOR_BELOW = 0.4
GOOD_STREAK_TO_HARDER = 3
POOR_STREAK_TO_EASIER = 2
DIFFICULTIES = ("easy", "medium", "hard")

WEAK_BELOW = 0.5
STRONG_FROM = 0.8
MASTERED_FROM = 0.7
MASTERED_MIN_ATTEMPTS = 3
UNMASTERED_BELOW = 0.6

DAY = 86_400.0
RETRY_AFTER_MISS = 600.0
FIRST_INTERVALS = (DAY, 3 * DAY)
INTERVAL_GROWTH = 2.5


def combined_score(semantic: float, keyword: float) -> float:
    """The seed's combined score: 0.7 × semantic + 0.3 × keyword."""
    return SEMANTIC_WEIGHT * semantic + KEYWORD_WEIGHT * keyword


def ema(previous: float | None, value: float, alpha: float, first: bool) -> float:
    """Exponential moving average; ``first`` means there is no earlier evidence."""
    if first or previous is None:
        return float(value)
    return alpha * value + (1 - alpha) * previous


def harder(level: str) -> str:
    """One difficulty level up (hard stays hard)."""
    index = DIFFICULTIES.index(level) if level in DIFFICULTIES else 1
    return DIFFICULTIES[min(index + 1, len(DIFFICULTIES) - 1)]


def easier(level: str) -> str:
    """One difficulty level down (easy stays easy)."""
    index = DIFFICULTIES.index(level) if level in DIFFICULTIES else 1
    return DIFFICULTIES[max(index - 1, 0)]


@dataclass(frozen=True)
class TopicMastery:
    """The numeric fields of one ``user_mastery`` row."""

    semantic_avg: float = 0.0
    keyword_avg: float = 0.0
    avg_response_time: float = 0.0
    mastery_level: float = 0.0
    last_mastery: float = 0.0
    mastery_velocity: float = 0.0
    questions_attempted: int = 0
    correct_count: int = 0
    current_difficulty: str = "medium"
    consecutive_good: int = 0
    consecutive_poor: int = 0

    @classmethod
    def from_row(cls, row: Any) -> "TopicMastery":
        """Read the fields from a model (or any object with these attributes); None → default."""
        defaults = cls()
        return cls(**{name: _or(getattr(row, name, None), getattr(defaults, name)) for name in _fields(cls)})

    def apply_to(self, row: Any) -> None:
        """Write the fields onto a model."""
        for name, value in asdict(self).items():
            setattr(row, name, value)


def update_topic(state: TopicMastery, semantic: float, keyword: float, response_time: float) -> TopicMastery:
    """The topic after one more scored answer (see the module docstring for every rule)."""
    first = state.questions_attempted == 0
    semantic_avg = ema(state.semantic_avg, semantic, ALPHA, first)
    keyword_avg = ema(state.keyword_avg, keyword, ALPHA, first)
    mastery = combined_score(semantic_avg, keyword_avg)
    good, poor = state.consecutive_good, state.consecutive_poor
    score = round(combined_score(semantic, keyword), 9)  # 0.7·0.7 + 0.3·0.7 must equal 0.7
    if score > GOOD_ABOVE:
        good, poor = good + 1, 0
    elif score < POOR_BELOW:
        good, poor = 0, poor + 1
    else:
        good, poor = 0, 0
    difficulty = state.current_difficulty if state.current_difficulty in DIFFICULTIES else "medium"
    if good >= GOOD_STREAK_TO_HARDER and harder(difficulty) != difficulty:
        difficulty, good, poor = harder(difficulty), 0, 0
    elif poor >= POOR_STREAK_TO_EASIER and easier(difficulty) != difficulty:
        difficulty, good, poor = easier(difficulty), 0, 0
    return TopicMastery(
        semantic_avg=semantic_avg,
        keyword_avg=keyword_avg,
        avg_response_time=ema(state.avg_response_time, response_time, ALPHA, first),
        mastery_level=mastery,
        last_mastery=state.mastery_level,
        mastery_velocity=mastery - state.mastery_level,
        questions_attempted=state.questions_attempted + 1,
        correct_count=state.correct_count + (1 if keyword > CORRECT_KEYWORD_ABOVE else 0),
        current_difficulty=difficulty,
        consecutive_good=good,
        consecutive_poor=poor,
    )


@dataclass(frozen=True)
class ConceptRecord:
    """One concept's entry in ``concept_masteries``."""

    attempts: int = 0
    hits: int = 0
    misses: int = 0
    score: float = 0.0
    last_seen: float = 0.0
    last_hit: bool = False
    stagnation: int = 0
    streak: int = 0
    interval: float = 0.0
    next_review: float = 0.0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "ConceptRecord":
        data = data or {}
        return cls(**{k: data[k] for k in _fields(cls) if k in data and data[k] is not None})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def update_concept(record: ConceptRecord, hit: bool, now: float) -> ConceptRecord:
    """The concept after one more attempt (hit = the answer covered it)."""
    score = ema(record.score, 1.0 if hit else 0.0, CONCEPT_ALPHA, record.attempts == 0)
    improved = score > record.score + 1e-9
    if hit and improved:
        stagnation = 0
    elif record.attempts > 0 and score < STRONG_FROM:
        stagnation = record.stagnation + 1
    else:
        stagnation = 0 if score >= STRONG_FROM else record.stagnation
    if hit:
        streak = record.streak + 1
        if streak <= len(FIRST_INTERVALS):
            interval = FIRST_INTERVALS[streak - 1]
        else:
            interval = max(record.interval, FIRST_INTERVALS[-1]) * INTERVAL_GROWTH
    else:
        streak, interval = 0, RETRY_AFTER_MISS
    return ConceptRecord(
        attempts=record.attempts + 1,
        hits=record.hits + (1 if hit else 0),
        misses=record.misses + (0 if hit else 1),
        score=score,
        last_seen=now,
        last_hit=hit,
        stagnation=stagnation,
        streak=streak,
        interval=interval,
        next_review=now + interval,
    )


@dataclass(frozen=True)
class ConceptState:
    """``concept_masteries`` plus the legacy fields derived from it."""

    concept_masteries: dict[str, dict[str, Any]] = field(default_factory=dict)
    weak_concepts: list[str] = field(default_factory=list)
    strong_concepts: list[str] = field(default_factory=list)
    missing_concepts: list[str] = field(default_factory=list)
    concept_stagnation: dict[str, int] = field(default_factory=dict)

    def apply_to(self, row: Any) -> None:
        for name, value in asdict(self).items():
            setattr(row, name, value)


def update_concepts(
    masteries: Mapping[str, Any] | None, sampled: Iterable[str], missing: Iterable[str], now: float
) -> ConceptState:
    """Record one answer: every sampled concept is a hit unless it is in ``missing``."""
    records = {cid: dict(data) for cid, data in (masteries or {}).items()}
    missed = set(missing)
    for concept_id in dict.fromkeys(sampled):
        record = ConceptRecord.from_dict(records.get(concept_id))
        records[concept_id] = update_concept(record, concept_id not in missed, now).to_dict()
    return derive_legacy(records)


def derive_legacy(masteries: Mapping[str, Any]) -> ConceptState:
    """Compute the legacy lists from ``concept_masteries`` (they are never edited on their own)."""
    records = {cid: ConceptRecord.from_dict(data) for cid, data in masteries.items()}
    attempted = {cid: r for cid, r in records.items() if r.attempts > 0}
    weak = sorted((cid for cid, r in attempted.items() if r.score < WEAK_BELOW),
                  key=lambda cid: (attempted[cid].score, cid))
    strong = sorted(cid for cid, r in attempted.items() if r.attempts >= 2 and r.score >= STRONG_FROM)
    missing = sorted(cid for cid, r in attempted.items() if not r.last_hit)
    stagnation = {cid: r.stagnation for cid, r in sorted(attempted.items()) if r.stagnation > 0}
    return ConceptState(
        concept_masteries={cid: r.to_dict() for cid, r in records.items()},
        weak_concepts=weak,
        strong_concepts=strong,
        missing_concepts=missing,
        concept_stagnation=stagnation,
    )


@dataclass(frozen=True)
class SubtopicState:
    """The numeric fields and status of one ``subtopic_mastery`` row."""

    mastery_level: float = 0.0
    attempts: int = 0
    subtopic_status: str = "not_started"


def update_subtopic(state: SubtopicState, combined: float) -> SubtopicState:
    """The subtopic after one more answer with this combined score."""
    mastery = ema(state.mastery_level, combined, ALPHA, state.attempts == 0)
    attempts = state.attempts + 1
    status = state.subtopic_status or "not_started"
    if attempts >= MASTERED_MIN_ATTEMPTS and mastery >= MASTERED_FROM:
        status = "mastered"
    elif status == "mastered" and mastery < UNMASTERED_BELOW:
        status = "ongoing"
    elif status == "not_started":
        status = "ongoing"
    return SubtopicState(mastery_level=mastery, attempts=attempts, subtopic_status=status)


def _fields(cls) -> list[str]:
    return list(cls.__dataclass_fields__)


def _or(value: Any, default: Any) -> Any:
    return default if value is None else value


__all__ = [
    "ALPHA",
    "CONCEPT_ALPHA",
    "ConceptRecord",
    "ConceptState",
    "DIFFICULTIES",
    "SubtopicState",
    "TopicMastery",
    "combined_score",
    "derive_legacy",
    "easier",
    "ema",
    "harder",
    "update_concept",
    "update_concepts",
    "update_subtopic",
    "update_topic",
]


def daily_mastery(answers: Iterable[tuple[str, float, float, float, Any]]) -> dict[str, dict[Any, float]]:
    """Per topic, its ``mastery_level`` at the end of each day it was practised, replayed from answers.

    ``answers`` are ``(topic, semantic, keyword, response_time, day)`` in answer order, all of one
    user. The same rules as a live answer, so the last value of each topic is the stored mastery;
    this is how stored day snapshots are rebuilt (migration, benchmark seeding) and checked.
    """
    states: dict[str, TopicMastery] = {}
    days: dict[str, dict[Any, float]] = {}
    for topic, semantic, keyword, response_time, day in answers:
        state = update_topic(states.get(topic, TopicMastery()), semantic or 0.0, keyword or 0.0, response_time or 0.0)
        states[topic] = state
        days.setdefault(topic, {})[day] = state.mastery_level
    return days
