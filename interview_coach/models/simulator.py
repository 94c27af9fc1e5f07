"""CV + job-description mock interview tables (second seed): ``sessions``, ``messages``, ``feedback``.

Validation rules from the seed, enforced here so every caller gets them:

- ``job_title`` must be non-empty and at most 200 characters;
- ``company_name`` must be non-empty;
- a session is *ready for interview* when both ``cv_text`` and ``job_description_text`` are present;
- message ``role`` is one of ``assistant``, ``user``, ``system``;
- ``interview_score`` is a whole number from 1 to 10 (also a CHECK constraint).

Additions: ``sessions.deleted_at`` (soft delete, as the seed recommends for production);
``sessions.plan`` (the built-in interviewer's 8-question plan, ``InterviewPlan.to_dict()``) and
``sessions.plan_state`` (which planned question each ``assistant`` message asks and whether it is a
follow-up), stored so an interview resumes after a restart; ``sessions.archived_at`` (set by
``interview-coach retention``, which also anonymises the CV text). Deleting a
session row deletes its messages and feedback (ON DELETE CASCADE and ORM cascades); deleting the
user deletes their sessions.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..errors import Invalid
from ..extensions import db
from .base import utcnow

if TYPE_CHECKING:
    from .user import User

MAX_QUESTIONS = 8
"""The interview completes after this many ``assistant`` messages (the seed's MAX_QUESTIONS)."""

JOB_TITLE_MAX = 200
COMPANY_NAME_MAX = 200
MESSAGE_ROLES = ("assistant", "user", "system")


def _required_text(field: str, value: str | None, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise Invalid.field(field, "must not be empty.", code=f"{field}_required")
    if len(text) > limit:
        raise Invalid.field(
            field, f"must be at most {limit} characters (got {len(text)}).", code=f"{field}_too_long"
        )
    return text


class SimulatorSession(db.Model):
    """One mock interview for a job title at a company, with the CV and job description."""

    __tablename__ = "sessions"
    __table_args__ = (Index(None, "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), nullable=True
    )
    job_title: Mapped[str] = mapped_column(String(JOB_TITLE_MAX), nullable=False)
    company_name: Mapped[str] = mapped_column(String(COMPANY_NAME_MAX), nullable=False)
    cv_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    job_description_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    plan: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    plan_state: Mapped[dict | None] = mapped_column(JSON, nullable=True)

    user: Mapped["User | None"] = relationship(back_populates="simulator_sessions")
    messages: Mapped[list["Message"]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Message.timestamp, Message.id)",
    )
    feedback: Mapped["Feedback | None"] = relationship(
        back_populates="session", uselist=False, cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("job_title")
    def _validate_job_title(self, _key: str, value: str | None) -> str:
        return _required_text("job_title", value, JOB_TITLE_MAX)

    @validates("company_name")
    def _validate_company_name(self, _key: str, value: str | None) -> str:
        return _required_text("company_name", value, COMPANY_NAME_MAX)

    @property
    def is_ready(self) -> bool:
        """Ready for interview: both the CV and the job description have text."""
        return bool((self.cv_text or "").strip()) and bool((self.job_description_text or "").strip())


class Message(db.Model):
    """One chat message: an interviewer question, a candidate answer, or a system note."""

    __tablename__ = "messages"
    __table_args__ = (Index(None, "session_id", "role"), Index(None, "session_id", "timestamp"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False
    )
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    timestamp: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)

    session: Mapped[SimulatorSession] = relationship(back_populates="messages")

    @validates("role")
    def _validate_role(self, _key: str, value: str) -> str:
        if value not in MESSAGE_ROLES:
            raise Invalid.field("role", f"must be one of {', '.join(MESSAGE_ROLES)}.")
        return value


class Feedback(db.Model):
    """The single feedback record of a completed interview (one per session)."""

    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("interview_score BETWEEN 1 AND 10", name="interview_score_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    interview_score: Mapped[int] = mapped_column(Integer, nullable=False)
    strengths: Mapped[str | None] = mapped_column(Text, nullable=True)
    weaknesses: Mapped[str | None] = mapped_column(Text, nullable=True)
    cv_improvements: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    # Which AI engine wrote it (``builtin``, ``llm:<model>``, ``builtin-fallback``) and, for a
    # fallback, the sentence the feedback page shows.
    engine: Mapped[str | None] = mapped_column(String(100), nullable=True)
    engine_notice: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Why an LLM moved the rubric's score by one point; None when it did not.
    score_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The rubric's note on each answered question, in interview order:
    # [{"number", "kind", "question", "mark" (1–10), "notes_md"}] (None for rows written before 0005).
    annotations: Mapped[list | None] = mapped_column(JSON, nullable=True)

    session: Mapped[SimulatorSession] = relationship(back_populates="feedback")

    @validates("interview_score")
    def _validate_score(self, _key: str, value: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
            raise Invalid.field("interview_score", "must be a whole number from 1 to 10.")
        return value
