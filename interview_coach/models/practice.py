"""Adaptive technical practice tables (first seed): every field as the seed defines it.

Tables: ``interview_session`` (the quick fixed-length interview), ``user_mastery`` (per user and
topic), ``adaptive_interview_session`` (a practice session's summary), ``question_history`` (every
question asked), ``subtopic_mastery``, ``mastery_snapshot`` (the dashboard's trend) and ``study_action_plan``.

Fields the seed calls JSON-encoded use the JSON type.

Additions for a working adaptive practice (migration 0002):

- ``question_history.question_ref`` (the bank question's id), ``reason`` (why it was chosen:
  new, weak, review, stagnating, follow_up, practice), ``answered_at`` (the seed's ``timestamp`` is
  when the question was asked; ``response_time`` is measured on the server between the two),
  ``outcome`` (the scorer's reason code) and ``details`` (the scorer's readable reasons, matched
  concepts and notices, shown in the history drill-down). A row is written when a question is
  served, with ``answer`` NULL until the answer arrives; filling it is a conditional UPDATE, so a
  question is answered at most once.
- ``adaptive_interview_session.requested_topics``: the topics the learner chose (NULL when the
  coach chooses). The seed gives ``concept_masteries`` and
``concept_stagnation`` an empty-string default; an empty string is not JSON, so they default to an
empty object (``{}``), and the list fields to ``[]``. Beyond the seed's indexes, ``user_id`` is
indexed on every table that lacks it so that per-user queries and cascading deletes stay fast.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import JSONType, unix_now, utcnow

if TYPE_CHECKING:
    from .user import User


def _empty_list() -> list:
    return []


def _empty_dict() -> dict:
    return {}


def _user_fk(index: bool = True) -> Mapped[int]:
    return mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=index
    )


class InterviewSession(db.Model):
    """A quick, fixed-length technical or behavioural interview (the seed's legacy model)."""

    __tablename__ = "interview_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _user_fk()
    session_type: Mapped[str] = mapped_column(String(50), nullable=False)
    questions: Mapped[list[Any] | None] = mapped_column(JSONType, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    feedback: Mapped[str | None] = mapped_column(Text, nullable=True)
    duration: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    speech_metrics: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)

    user: Mapped["User"] = relationship(back_populates="interviews")


class UserMastery(db.Model):
    """Mastery of one topic by one user; ``concept_masteries`` is the primary concept record."""

    __tablename__ = "user_mastery"
    __table_args__ = (UniqueConstraint("user_id", "topic"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _user_fk(index=False)  # the unique (user_id, topic) index leads with it
    topic: Mapped[str] = mapped_column(String(50), nullable=False)
    sessions_attempted: Mapped[int | None] = mapped_column(Integer, default=0)
    last_session_date: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    mastery_level: Mapped[float | None] = mapped_column(Float, default=0.0)
    semantic_avg: Mapped[float | None] = mapped_column(Float, default=0.0)
    keyword_avg: Mapped[float | None] = mapped_column(Float, default=0.0)

    questions_attempted: Mapped[int | None] = mapped_column(Integer, default=0)
    correct_count: Mapped[int | None] = mapped_column(Integer, default=0)
    avg_response_time: Mapped[float | None] = mapped_column(Float, default=0.0)

    mastery_velocity: Mapped[float | None] = mapped_column(Float, default=0.0)
    last_mastery: Mapped[float | None] = mapped_column(Float, default=0.0)

    current_difficulty: Mapped[str | None] = mapped_column(String(20), default="medium")
    consecutive_good: Mapped[int | None] = mapped_column(Integer, default=0)
    consecutive_poor: Mapped[int | None] = mapped_column(Integer, default=0)

    concept_masteries: Mapped[dict[str, Any] | None] = mapped_column(
        JSONType, default=_empty_dict
    )
    missing_concepts: Mapped[list[str] | None] = mapped_column(JSONType, default=_empty_list)
    weak_concepts: Mapped[list[str] | None] = mapped_column(JSONType, default=_empty_list)
    strong_concepts: Mapped[list[str] | None] = mapped_column(JSONType, default=_empty_list)
    concept_stagnation: Mapped[dict[str, Any] | None] = mapped_column(
        JSONType, default=_empty_dict
    )

    first_attempt: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    last_attempt: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[float | None] = mapped_column(Float, default=0.0)

    user: Mapped["User"] = relationship(back_populates="masteries")


class AdaptiveInterviewSession(db.Model):
    """One adaptive practice session and its computed summary."""

    __tablename__ = "adaptive_interview_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _user_fk()
    session_id: Mapped[str] = mapped_column(String(100), unique=True, nullable=False, index=True)
    start_time: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    end_time: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    duration: Mapped[int | None] = mapped_column(Integer, default=0)
    questions_asked: Mapped[int | None] = mapped_column(Integer, default=0)
    avg_semantic: Mapped[float | None] = mapped_column(Float, default=0.0)
    avg_keyword: Mapped[float | None] = mapped_column(Float, default=0.0)
    overall_score: Mapped[float | None] = mapped_column(Float, default=0.0)
    learning_velocity: Mapped[float | None] = mapped_column(Float, default=0.0)
    attention_score: Mapped[float | None] = mapped_column(Float, default=1.0)
    topics_covered: Mapped[list[str] | None] = mapped_column(JSONType, default=_empty_list)
    weakest_topics: Mapped[list[str] | None] = mapped_column(JSONType, default=_empty_list)
    strongest_topics: Mapped[list[str] | None] = mapped_column(JSONType, default=_empty_list)
    requested_topics: Mapped[list[str] | None] = mapped_column(JSONType, nullable=True)

    user: Mapped["User"] = relationship(back_populates="adaptive_sessions")


class QuestionHistory(db.Model):
    """Every question asked, with the answer and its scores."""

    __tablename__ = "question_history"
    # History pages and the mastery trend read a user's answers in answer order (migration 0009): with this
    # index PostgreSQL reads the 20 rows of a page, or the trend in order, instead of sorting all of them.
    __table_args__ = (Index("ix_question_history_user_id_answered_at", "user_id", "answered_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _user_fk()
    session_id: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    topic: Mapped[str] = mapped_column(String(50), nullable=False)
    subtopic: Mapped[str | None] = mapped_column(String(100), nullable=True)
    question: Mapped[str] = mapped_column(Text, nullable=False)
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    expected_answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    sampled_concepts: Mapped[list[str] | None] = mapped_column(JSONType, default=_empty_list)
    semantic_score: Mapped[float | None] = mapped_column(Float, default=0.0)
    keyword_score: Mapped[float | None] = mapped_column(Float, default=0.0)
    depth: Mapped[str | None] = mapped_column(String(20), default="medium")
    confidence: Mapped[str | None] = mapped_column(String(20), default="medium")
    key_terms: Mapped[list[str] | None] = mapped_column(JSONType, default=_empty_list)
    difficulty: Mapped[str | None] = mapped_column(String(20), default="medium")
    response_time: Mapped[float | None] = mapped_column(Float, default=0.0)
    timestamp: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, index=True)
    missing_concepts: Mapped[list[str] | None] = mapped_column(JSONType, default=_empty_list)
    question_ref: Mapped[str | None] = mapped_column(String(100), nullable=True)
    reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)

    user: Mapped["User"] = relationship(back_populates="question_history")


class SubtopicMastery(db.Model):
    """Mastery of one subtopic within a topic."""

    __tablename__ = "subtopic_mastery"
    __table_args__ = (UniqueConstraint("user_id", "topic", "subtopic"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _user_fk()
    topic: Mapped[str] = mapped_column(String(50), nullable=False)
    subtopic: Mapped[str] = mapped_column(String(200), nullable=False)
    mastery_level: Mapped[float | None] = mapped_column(Float, default=0.0)
    attempts: Mapped[int | None] = mapped_column(Integer, default=0)
    last_asked: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    subtopic_status: Mapped[str | None] = mapped_column(String(20), default="not_started")
    concept_data: Mapped[dict[str, Any] | None] = mapped_column(JSONType, default=_empty_dict)

    user: Mapped["User"] = relationship(back_populates="subtopic_masteries")


class MasterySnapshot(db.Model):
    """A topic's ``mastery_level`` at the end of one practised day (UTC), for the dashboard's trend.

    Written in the transaction that updates ``user_mastery`` for a scored answer (the day's row is
    overwritten by each later answer that day), so the trend is one indexed read of at most one row
    per practised day and topic instead of a replay of every answer. Migration 0010 created the
    table and filled it by replaying ``question_history``.
    """

    __tablename__ = "mastery_snapshot"
    __table_args__ = (UniqueConstraint("user_id", "topic", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _user_fk(index=False)  # the unique (user_id, topic, day) index serves per-user reads
    topic: Mapped[str] = mapped_column(String(50), nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    mastery_level: Mapped[float] = mapped_column(Float, nullable=False)

    user: Mapped["User"] = relationship(back_populates="mastery_snapshots")


class StudyActionPlan(db.Model):
    """A personalised study plan, in Markdown.

    Beyond the seed (migration 0006): ``engine`` (``builtin``, ``llm:<model>`` or ``builtin-fallback``)
    and ``engine_notice`` (why the built-in engine stood in for a configured LLM), so a plan reopened
    later still says who wrote it.
    """

    __tablename__ = "study_action_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _user_fk()
    days: Mapped[int] = mapped_column(Integer, nullable=False)
    topics: Mapped[str] = mapped_column(String(255), nullable=False)
    plan_markdown: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, index=True)
    engine: Mapped[str | None] = mapped_column(String(100), nullable=True)
    engine_notice: Mapped[str | None] = mapped_column(Text, nullable=True)

    user: Mapped["User"] = relationship(back_populates="study_plans")


__all__ = [
    "InterviewSession",
    "UserMastery",
    "AdaptiveInterviewSession",
    "QuestionHistory",
    "SubtopicMastery",
    "MasterySnapshot",
    "StudyActionPlan",
    "unix_now",
]
