"""Server-side login state: ``user_login`` (one row per browser login) and ``login_throttle``.

- ``user_login``: created when someone logs in in a browser; the session and remember-me cookies carry
  only the user id and the login's random key, whose SHA-256 is ``key_hash``. A login ends when its
  ``ended_at`` is set (logout, password change or reset), when it has been idle too long
  (``last_seen_at``) or when it is older than its lifetime (``created_at``); ``remember`` says which
  lifetime applies (see :mod:`interview_coach.services.logins`). Deleting the user deletes its logins.
- ``login_throttle``: failed logins per login name (SHA-256 of the normalised username or e-mail, so
  an unknown name is throttled exactly like a known one and the table names no one):
  ``failures`` in the current window and ``blocked_until``, the back-off's end.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow

if TYPE_CHECKING:
    from .user import User


class UserLogin(db.Model):
    """One browser login of a user (see the module docstring)."""

    __tablename__ = "user_login"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    remember: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    user: Mapped["User"] = relationship(back_populates="logins")


class LoginThrottle(db.Model):
    """Failed logins for one login name (hashed); see the module docstring."""

    __tablename__ = "login_throttle"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    first_failure_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
