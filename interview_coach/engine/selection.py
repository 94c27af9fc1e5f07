"""Which question to ask next in an adaptive practice session.

Plain data in, a :class:`Selection` out; no database. The rules, in order:

1. **Follow-up.** When the last answer missed key concepts, ask a bank question that targets one of
   them (same subtopic first, at the topic's current difficulty or easier), so the learner meets the
   concept again while it is fresh. At most one follow-up in a row.
2. **Topic rotation.** In a multi-topic session the next topic is the one asked least recently in
   this session (never asked first; ties go to the lower mastery, then the name).
3. **Difficulty.** The topic's ``current_difficulty``; when every fresh question at that level has been
   used, the nearest other level (easier first).
4. **Concept priority.** Each candidate question is scored by its key concepts' priority, and the
   highest wins (a seeded random jitter breaks near-ties so sessions vary):
   never seen 3.0; weak (attempted, smoothed score < 0.5) 2.5 − score; due for review
   (``next_review`` passed) 2.0; otherwise 1.0 − score; plus 0.5 per stagnation step (max +1.5).
   A question's priority is the mean of its concepts' priorities plus the best one (so one urgent
   concept counts, but questions that serve several needs win).
5. **No repeats within 14 days**, except as a deliberate review: when no fresh question is left in
   the topic, a question asked before may return if one of its concepts is due for review
   (reason ``review``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import fmean
from typing import Iterable, Mapping, Protocol, Sequence

from .mastery import DIFFICULTIES, WEAK_BELOW, ConceptRecord

REPEAT_WINDOW = timedelta(days=14)
JITTER = 0.05


class QuestionLike(Protocol):
    id: str
    topic: str
    subtopic_id: str
    difficulty: str
    key_concepts: tuple[str, ...]


@dataclass(frozen=True)
class LastAnswer:
    """The previous answer in this session, for follow-ups."""

    question_id: str
    topic: str
    subtopic_id: str
    missing_concepts: tuple[str, ...]
    was_follow_up: bool = False


@dataclass(frozen=True)
class SelectionContext:
    """Everything the choice depends on."""

    topics: Sequence[str]  # the session's topics, in the learner's order
    difficulty: Mapping[str, str]  # topic → current_difficulty
    mastery: Mapping[str, float]  # topic → mastery_level
    concepts: Mapping[str, Mapping]  # concept id → ConceptRecord fields (all topics merged)
    asked_at: Mapping[str, datetime]  # question id → when last asked (any session)
    session_topics: Sequence[str]  # topics asked so far in this session, oldest first
    now: datetime
    last: LastAnswer | None = None


@dataclass(frozen=True)
class Selection:
    question_id: str
    topic: str
    difficulty: str
    reason: str  # follow_up | new | weak | review | stagnating | practice
    target_concepts: tuple[str, ...]


class NoQuestionAvailable(LookupError):
    """The bank has no question for these topics."""


def choose_next(questions: Iterable[QuestionLike], ctx: SelectionContext, rng: random.Random | None = None) -> Selection:
    """Pick the next question for the session described by ``ctx`` (rules in the module docstring)."""
    rng = rng or random.Random()
    by_topic: dict[str, list[QuestionLike]] = {}
    for question in questions:
        if question.topic in ctx.topics:
            by_topic.setdefault(question.topic, []).append(question)
    if not by_topic:
        raise NoQuestionAvailable("No questions for the chosen topics.")
    if ctx.last and ctx.last.missing_concepts and not ctx.last.was_follow_up:
        follow_up = _follow_up(by_topic.get(ctx.last.topic, []), ctx, rng)
        if follow_up:
            return follow_up
    for topic in _topic_order(list(by_topic), ctx):
        selection = _best_in_topic(by_topic[topic], topic, ctx, rng)
        if selection:
            return selection
    raise NoQuestionAvailable("Every question of these topics was asked in the last 14 days.")


def concept_priority(record: Mapping | None, now_ts: float) -> tuple[float, str]:
    """How urgently a concept needs practice, and why (see rule 4)."""
    if not record or not record.get("attempts"):
        return 3.0, "new"
    r = ConceptRecord.from_dict(record)
    bonus = min(0.5 * r.stagnation, 1.5)
    if r.score < WEAK_BELOW:
        return 2.5 - r.score + bonus, "stagnating" if r.stagnation >= 2 else "weak"
    if r.next_review and r.next_review <= now_ts:
        return 2.0 + bonus, "review"
    return 1.0 - r.score + bonus, "stagnating" if r.stagnation >= 2 else "practice"


def _fresh(question: QuestionLike, ctx: SelectionContext) -> bool:
    asked = ctx.asked_at.get(question.id)
    return asked is None or ctx.now - asked >= REPEAT_WINDOW


def _rank(question: QuestionLike, ctx: SelectionContext, rng: random.Random) -> tuple[float, str]:
    now_ts = ctx.now.timestamp()
    scored = [concept_priority(ctx.concepts.get(c), now_ts) for c in question.key_concepts] or [(1.0, "practice")]
    best = max(scored)
    return fmean(p for p, _ in scored) + best[0] + rng.uniform(0, JITTER), best[1]


def _levels(current: str) -> list[str]:
    index = DIFFICULTIES.index(current) if current in DIFFICULTIES else 1
    return sorted(DIFFICULTIES, key=lambda level: (abs(DIFFICULTIES.index(level) - index),
                                                   DIFFICULTIES.index(level)))


def _best_in_topic(pool: list[QuestionLike], topic: str, ctx: SelectionContext, rng: random.Random) -> Selection | None:
    for level in _levels(ctx.difficulty.get(topic, "medium")):
        fresh = [q for q in pool if q.difficulty == level and _fresh(q, ctx)]
        if fresh:
            return _pick(fresh, ctx, rng)
    now_ts = ctx.now.timestamp()
    due = [q for q in pool if q.id != (ctx.last.question_id if ctx.last else None) and any(
        concept_priority(ctx.concepts.get(c), now_ts)[1] == "review" for c in q.key_concepts)]
    if due:
        choice = _pick(due, ctx, rng)
        return Selection(choice.question_id, choice.topic, choice.difficulty, "review", choice.target_concepts)
    return None


def _pick(candidates: list[QuestionLike], ctx: SelectionContext, rng: random.Random, reason: str | None = None) -> Selection:
    ranked = sorted(((_rank(q, ctx, rng), q.id, q) for q in candidates), key=lambda item: (-item[0][0], item[1]))
    (_, why), _, question = ranked[0]
    return Selection(question.id, question.topic, question.difficulty, reason or why, tuple(question.key_concepts))


def _follow_up(pool: list[QuestionLike], ctx: SelectionContext, rng: random.Random) -> Selection | None:
    last = ctx.last
    missing = set(last.missing_concepts)
    level = ctx.difficulty.get(last.topic, "medium")
    allowed = set(DIFFICULTIES[: DIFFICULTIES.index(level) + 1]) if level in DIFFICULTIES else set(DIFFICULTIES)
    candidates = [q for q in pool if q.id != last.question_id and _fresh(q, ctx)
                  and missing & set(q.key_concepts) and q.difficulty in allowed]
    same_subtopic = [q for q in candidates if q.subtopic_id == last.subtopic_id]
    pool = same_subtopic or candidates
    if not pool:
        return None
    choice = _pick(pool, ctx, rng, reason="follow_up")
    targeted = tuple(c for c in choice.target_concepts if c in missing) + tuple(
        c for c in choice.target_concepts if c not in missing)
    return Selection(choice.question_id, choice.topic, choice.difficulty, "follow_up", targeted)


def _topic_order(available: list[str], ctx: SelectionContext) -> list[str]:
    last_index = {topic: i for i, topic in enumerate(ctx.session_topics)}
    order = {topic: i for i, topic in enumerate(ctx.topics)}
    return sorted(available, key=lambda t: (last_index.get(t, -1), ctx.mastery.get(t, 0.0), order.get(t, 0), t))
