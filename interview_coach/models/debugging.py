"""Debugging ("find the bug") interview tables (first seed).

Deleting a debugging session deletes its challenges (ON DELETE CASCADE and an ORM cascade).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow

if TYPE_CHECKING:
    from .user import User


class DebuggingSession(db.Model):
    """A debugging interview: several challenges and their average score."""

    __tablename__ = "debugging_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start_time: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    end_time: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    count: Mapped[int | None] = mapped_column(Integer, default=0)
    avg_score: Mapped[float | None] = mapped_column(Float, default=0.0)
    summary: Mapped[str | None] = mapped_column(Text, nullable=True)

    user: Mapped["User"] = relationship(back_populates="debugging_sessions")
    challenges: Mapped[list["DebuggingChallenge"]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DebuggingChallenge.id",
    )


class DebuggingChallenge(db.Model):
    """One piece of buggy code, the candidate's explanation and its score."""

    __tablename__ = "debugging_challenge"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("debugging_session.id", ondelete="CASCADE"), nullable=False, index=True
    )
    language: Mapped[str | None] = mapped_column(String(20), default="python")
    topic: Mapped[str | None] = mapped_column(String(100), nullable=True)
    buggy_code: Mapped[str] = mapped_column(Text, nullable=False)
    expected_answer: Mapped[str] = mapped_column(Text, nullable=False)
    correct_code: Mapped[str | None] = mapped_column(Text, nullable=True)
    user_explanation: Mapped[str | None] = mapped_column(Text, nullable=True)
    ai_score: Mapped[float | None] = mapped_column(Float, default=0.0)
    ai_feedback: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)

    session: Mapped[DebuggingSession] = relationship(back_populates="challenges")
