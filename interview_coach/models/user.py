"""The ``user`` table (shared by both seeds) and personal API tokens.

Fields follow the first seed's User model exactly. One ``user`` table serves both seeds: the
second seed's optional user (``email`` unique, ``created_at``) is this table, so ``email`` keeps the
first seed's Not Null. Additions a real product needs:

- ``resume_text``: the text extracted from the uploaded résumé.
- ``resume_stored_name``: the random file name under the instance folder (``resume_filename`` keeps
  the sanitised name the user uploaded, for display).
- ``resume_uploaded_at``: when the current résumé was uploaded.
- ``is_admin``: administrators see the AI engine page (``interview-coach users promote|demote``).
- ``pending_email``, ``email_change_token`` (SHA-256 of the link's token), ``email_change_expiry``: an
  e-mail change waiting for its confirmation link, sent to the new address, to be followed.
- ``api_token``: personal tokens for the JSON API; only a SHA-256 hash of each is stored, with an
  expiry (``expires_at``, NULL for a token chosen to never expire) and a ``scope`` (``read_only`` or
  ``read_write``).
- ``user_login`` (:mod:`.auth`): one row per browser login, checked on every request.

Deleting a user deletes every row that belongs to them (ON DELETE CASCADE in the database and
``delete-orphan`` cascades in the ORM).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import JSONType, utcnow

if TYPE_CHECKING:
    from .auth import UserLogin
    from .debugging import DebuggingSession
    from .practice import (
        AdaptiveInterviewSession,
        InterviewSession,
        MasterySnapshot,
        QuestionHistory,
        StudyActionPlan,
        SubtopicMastery,
        UserMastery,
    )
    from .simulator import SimulatorSession

_OWNED = dict(cascade="all, delete-orphan", passive_deletes=True)


class User(db.Model):
    """A registered person. Integrates with Flask-Login: ``get_id`` is ``"<id>:<login key>"``, the key of
    the browser login this object was loaded for (``login_key``, set by the accounts service)."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True, index=True, nullable=False)
    email: Mapped[str] = mapped_column(String(120), unique=True, index=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(120), nullable=False)
    full_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    experience_years: Mapped[int | None] = mapped_column(Integer, default=0)
    skills: Mapped[list[str] | None] = mapped_column(JSONType, nullable=True)
    resume_filename: Mapped[str | None] = mapped_column(String(255), nullable=True)
    reset_token: Mapped[str | None] = mapped_column(
        String(100), unique=True, index=True, nullable=True
    )
    reset_token_expiry: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)
    # Additions (see module docstring).
    resume_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    resume_stored_name: Mapped[str | None] = mapped_column(String(64), nullable=True)
    resume_uploaded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    pending_email: Mapped[str | None] = mapped_column(String(120), nullable=True)
    email_change_token: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    email_change_expiry: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    interviews: Mapped[list["InterviewSession"]] = relationship(back_populates="user", **_OWNED)
    masteries: Mapped[list["UserMastery"]] = relationship(back_populates="user", **_OWNED)
    adaptive_sessions: Mapped[list["AdaptiveInterviewSession"]] = relationship(
        back_populates="user", **_OWNED
    )
    question_history: Mapped[list["QuestionHistory"]] = relationship(
        back_populates="user", **_OWNED
    )
    subtopic_masteries: Mapped[list["SubtopicMastery"]] = relationship(
        back_populates="user", **_OWNED
    )
    mastery_snapshots: Mapped[list["MasterySnapshot"]] = relationship(back_populates="user", **_OWNED)
    study_plans: Mapped[list["StudyActionPlan"]] = relationship(back_populates="user", **_OWNED)
    debugging_sessions: Mapped[list["DebuggingSession"]] = relationship(
        back_populates="user", **_OWNED
    )
    simulator_sessions: Mapped[list["SimulatorSession"]] = relationship(
        back_populates="user", **_OWNED
    )
    api_tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user", **_OWNED)
    logins: Mapped[list["UserLogin"]] = relationship(back_populates="user", **_OWNED)

    # Flask-Login protocol.
    is_active = True
    is_anonymous = False
    is_authenticated = True

    login_key = None  # not a column: the secret of the login in use (see services.logins)

    def get_id(self) -> str:
        """Session identity: the id plus the login's secret key, checked server-side on every request."""
        return f"{self.id}:{self.login_key}"

    def to_public(self) -> dict[str, Any]:
        """The profile fields a user sees about themself."""
        return {
            "id": self.id,
            "username": self.username,
            "email": self.email,
            "full_name": self.full_name,
            "phone": self.phone,
            "experience_years": self.experience_years,
            "skills": list(self.skills or []),
            "resume_filename": self.resume_filename,
            "resume_uploaded_at": self.resume_uploaded_at,
            "created_at": self.created_at,
        }

    def __repr__(self) -> str:
        return f"<User {self.id} {self.username!r}>"


class ApiToken(db.Model):
    """A personal API token. ``token_hash`` is SHA-256 of the secret; ``prefix`` is shown in lists."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    prefix: Mapped[str] = mapped_column(String(16), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    scope: Mapped[str] = mapped_column(String(20), nullable=False, default="read_write",
                                       server_default="read_write")

    user: Mapped[User] = relationship(back_populates="api_tokens")
