"""Progress views of adaptive practice: the dashboard, history and "try this question again".

Definitions shown to users:

- overall mastery: the mean ``mastery_level`` of the topics practised;
- day streak: consecutive days (UTC) with at least one answered question, ending today, or
  yesterday when nothing has been answered yet today;
- mastery over time: each topic's ``mastery_level`` at the end of each day it was practised, as
  recorded in ``mastery_snapshot`` when each answer was scored (equal to replaying
  ``question_history`` with the same rules: ``replayed_trend``).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from sqlalchemy import func, select

from ..content import load_content
from ..engine import mastery as rules
from ..errors import Invalid, NotFound
from ..extensions import db
from ..models import (MAX_INT, AdaptiveInterviewSession, MasterySnapshot, QuestionHistory, SubtopicMastery, UserMastery,
                      utcnow)
from . import practice
from .db_utils import owned

PAGE_SIZE = 20


def recent_sessions(user_id: int, limit: int = 10) -> list[AdaptiveInterviewSession]:
    """The user's practice sessions, newest first."""
    return list(db.session.scalars(select(AdaptiveInterviewSession)
                                   .where(AdaptiveInterviewSession.user_id == user_id)
                                   .order_by(AdaptiveInterviewSession.start_time.desc(),
                                             AdaptiveInterviewSession.id.desc()).limit(limit)))


def answer_result_dict(result: practice.AnswerResult) -> dict:
    """An AnswerResult as plain data for the API and the page."""
    row, a = result.history, result.assessment
    concepts = concept_results(row, result.concept_names)
    return {
        "question_id": row.id, "semantic_score": a.semantic_score, "keyword_score": a.keyword_score,
        "combined_score": a.combined_score, "correct": a.correct, "depth": a.depth, "confidence": a.confidence,
        "key_terms": list(a.key_terms), "concepts": concepts,
        "missing_concepts": [result.concept_names.get(c, c) for c in row.missing_concepts or []],
        "reasons": list(a.reasons), "outcome": a.outcome, "notices": [n.message for n in a.notices],
        "response_time": row.response_time or 0.0, "model_answer": row.expected_answer or "",
        "hint": result.hint, "difficulty_before": result.difficulty_before,
        "difficulty_after": result.difficulty_after, "mastery_before": result.mastery_before,
        "mastery_after": result.mastery_after,
    }


def concept_results(row: QuestionHistory, names: dict[str, str]) -> list[dict]:
    """Each key concept of a stored answer: covered, named but wrong, or missing, with words and reason.

    ``names`` maps concept ids to display names. Answers stored before verdicts were kept have
    only covered/missing and the matched words.
    """
    details = row.details or {}
    verdicts, matched = details.get("concepts", {}), details.get("matched", {})
    missing = set(row.missing_concepts or [])
    out = []
    for cid in row.sampled_concepts or []:
        name = names.get(cid, cid)
        verdict = verdicts.get(name) or {}
        status = verdict.get("status") or ("missing" if cid in missing else "covered")
        words = verdict.get("words") or (matched.get(name) or {}).get("words") or ""
        out.append({"id": cid, "name": name, "status": status, "covered": status == "covered",
                    "words": words, "matched_words": words or None, "reason": verdict.get("reason", "")})
    return out


def dashboard(user_id: int) -> dict:
    """Everything the progress dashboard shows, as plain data."""
    bank = load_content()
    masteries = {m.topic: m for m in db.session.scalars(select(UserMastery).where(UserMastery.user_id == user_id))}
    subs = {(s.topic, s.subtopic): s for s in db.session.scalars(
        select(SubtopicMastery).where(SubtopicMastery.user_id == user_id))}
    topics = []
    for name in bank.topic_names:
        m = masteries.get(name)
        topics.append({
            "topic": name, "mastery_level": _f(m and m.mastery_level), "semantic_avg": _f(m and m.semantic_avg),
            "keyword_avg": _f(m and m.keyword_avg), "current_difficulty": (m and m.current_difficulty) or "medium",
            "questions_attempted": (m and m.questions_attempted) or 0, "correct_count": (m and m.correct_count) or 0,
            "mastery_velocity": _f(m and m.mastery_velocity), "avg_response_time": _f(m and m.avg_response_time),
            "sessions_attempted": (m and m.sessions_attempted) or 0,
        })
    grid = []
    for name in bank.topic_names:
        for sub in bank.subtopics(name):
            row = subs.get((name, sub.name))
            grid.append({"topic": name, "subtopic": sub.name, "status": (row and row.subtopic_status) or "not_started",
                         "mastery_level": _f(row and row.mastery_level), "attempts": (row and row.attempts) or 0})
    weak = []
    for m in masteries.values():
        for cid in m.weak_concepts or []:
            record = (m.concept_masteries or {}).get(cid, {})
            concept = _concept(bank, cid)
            weak.append({"id": cid, "name": concept.name if concept else cid, "topic": m.topic,
                         "subtopic": _subtopic_name(bank, concept), "score": record.get("score", 0.0),
                         "attempts": record.get("attempts", 0)})
    weak.sort(key=lambda w: (w["score"], w["name"]))
    practised = [t["mastery_level"] for t in topics if t["questions_attempted"]]
    answered_days = _answered_days(user_id)
    return {
        "overall": {
            "mastery": sum(practised) / len(practised) if practised else 0.0,
            "questions": sum(t["questions_attempted"] for t in topics),
            "correct": sum(t["correct_count"] for t in topics),
            "streak_days": day_streak(answered_days, utcnow().date()),
            "sessions": db.session.scalar(select(func.count()).select_from(AdaptiveInterviewSession)
                                          .where(AdaptiveInterviewSession.user_id == user_id)) or 0,
        },
        "topics": topics,
        "subtopics": grid,
        "weak_concepts": weak[:20],
        "trend": mastery_trend(user_id),
        "recent_sessions": [_session_dict(s) for s in recent_sessions(user_id, 5)],
    }


def day_streak(days: set[date], today: date) -> int:
    """Consecutive practice days ending today (or yesterday if today has none yet)."""
    current = today if today in days else today - timedelta(days=1)
    streak = 0
    while current in days:
        streak += 1
        current -= timedelta(days=1)
    return streak


def mastery_trend(user_id: int) -> dict[str, list[dict]]:
    """Per topic: [{date, mastery}] at the end of each practised day, oldest first (the day snapshots)."""
    rows = db.session.execute(
        select(MasterySnapshot.topic, MasterySnapshot.day, MasterySnapshot.mastery_level)
        .where(MasterySnapshot.user_id == user_id).order_by(MasterySnapshot.day, MasterySnapshot.topic))
    trend: dict[str, list[dict]] = {}
    for topic, day, mastery in rows:
        trend.setdefault(topic, []).append({"date": _day(day).isoformat(), "mastery": mastery})
    return trend


def replayed_trend(user_id: int) -> dict[str, list[dict]]:
    """``mastery_trend`` by definition: every answer replayed with the mastery rules (slow: the check)."""
    rows = db.session.execute(
        select(QuestionHistory.topic, QuestionHistory.semantic_score, QuestionHistory.keyword_score,
               QuestionHistory.response_time, QuestionHistory.answered_at)
        .where(QuestionHistory.user_id == user_id, QuestionHistory.answer.is_not(None))
        .order_by(QuestionHistory.answered_at, QuestionHistory.id))
    days = rules.daily_mastery((topic, s, k, t, (at or utcnow()).date()) for topic, s, k, t, at in rows)
    return {topic: [{"date": d.isoformat(), "mastery": v} for d, v in points.items()] for topic, points in days.items()}


def history_page(user_id: int, page: int = 1, topic: str | None = None) -> dict:
    """Answered questions, newest first, PAGE_SIZE per page; NotFound for a page number no query can reach."""
    if not 1 <= page <= MAX_INT:
        raise NotFound("No such page.")
    query = select(QuestionHistory).where(QuestionHistory.user_id == user_id, QuestionHistory.answer.is_not(None))
    if topic:
        query = query.where(QuestionHistory.topic == topic)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = list(db.session.scalars(query.order_by(QuestionHistory.answered_at.desc(), QuestionHistory.id.desc())
                                    .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    return {"items": items, "page": page, "pages": max(1, math.ceil(total / PAGE_SIZE)), "total": total}


def history_item(user_id: int, item_id: int) -> QuestionHistory:
    """One of the user's answered questions, or NotFound."""
    return owned(QuestionHistory, user_id, "No such answer.", id=item_id)


def retry(user_id: int, item_id: int) -> QuestionHistory:
    """Serve a past question again as a deliberate review, in the open session or a new one."""
    row = history_item(user_id, item_id)
    if not row.question_ref:
        raise Invalid.field("question", "This question is no longer in the question bank.")
    session = practice.active_session(user_id) or practice.start_session(user_id, [row.topic])
    return practice.next_question(user_id, session.session_id, question_ref=row.question_ref)


def _answered_days(user_id: int) -> set[date]:
    # One row per day from the database, not one per answer (a heavy user has thousands); SQLite's date()
    # gives 'YYYY-MM-DD' text, PostgreSQL's a date.
    days = db.session.scalars(select(func.date(QuestionHistory.answered_at)).distinct().where(
        QuestionHistory.user_id == user_id, QuestionHistory.answered_at.is_not(None)))
    return {_day(d) for d in days}


def _day(value) -> date:
    # SQLite's date() gives 'YYYY-MM-DD' text, PostgreSQL's a date.
    return value if isinstance(value, date) else date.fromisoformat(value)


def _session_dict(s: AdaptiveInterviewSession) -> dict:
    return {"session_id": s.session_id, "start_time": s.start_time.isoformat() if s.start_time else None,
            "ended": s.end_time is not None, "questions_asked": s.questions_asked or 0,
            "overall_score": _f(s.overall_score), "topics_covered": list(s.topics_covered or [])}


def _concept(bank, cid):
    try:
        return bank.concept(cid)
    except NotFound:
        return None


def _subtopic_name(bank, concept) -> str | None:
    if concept is None:
        return None
    try:
        return bank.subtopic(concept.subtopic_id).name
    except NotFound:
        return None


def _f(value) -> float:
    return float(value or 0.0)
