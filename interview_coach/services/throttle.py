"""Failed logins counted per account (and per unknown login name), with a doubling back-off.

The per-address limit (``LOGIN_RATE_LIMIT``) stops one client; this stops many clients guessing one
account's password. Contract:

- The key is the account (``user:<id>``, whichever of its username or e-mail address is typed) or, for
  a name no account has, the normalised name; only its SHA-256 is stored (``login_throttle``). Known
  and unknown names are treated alike, so the throttle tells no one which accounts exist.
- :func:`check` raises TooManyAttempts (429, with the seconds to wait) while the key is blocked; the
  password is then not even checked, so a guess made during the wait proves nothing.
- :func:`record_failure`: ``LOGIN_FAILURES_BEFORE_BACKOFF`` (default 5) failures in a row are free;
  from then on each failure blocks the key for 30 s, doubled at each further failure, at most
  ``LOGIN_BACKOFF_MAX_MINUTES`` (default 15). A count whose first failure is over a day old and that
  is not blocked starts again. :func:`record_success` clears the key.
"""

from __future__ import annotations

import hashlib
import math
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from ..errors import TooManyAttempts
from ..extensions import db
from ..models import LoginThrottle, utcnow
from .db_utils import insert_if_absent

BASE_WAIT = timedelta(seconds=30)
WINDOW = timedelta(days=1)


def key_for(user_id: int | None, login: str) -> str:
    """The stored key: the account when the name resolves to one, else the normalised name."""
    raw = f"user:{user_id}" if user_id is not None else f"name:{(login or '').strip().lower()}"
    return hashlib.sha256(raw.encode()).hexdigest()


def keys_for_user(user) -> list[str]:
    """Every key that may count this user's failed logins: the account's, its username's and its address's
    (the last two from before the account existed)."""
    if user is None:
        return []
    return [key_for(user.id, ""), key_for(None, user.username), key_for(None, user.email)]


def check(key: str) -> None:
    """Raise TooManyAttempts while ``key`` is in its back-off."""
    blocked = db.session.scalar(select(LoginThrottle.blocked_until).where(LoginThrottle.key_hash == key))
    now = utcnow()
    if blocked is not None and blocked > now:
        wait = math.ceil((blocked - now).total_seconds())
        raise TooManyAttempts(f"Too many failed logins for this account. Try again in {_words(wait)}.",
                              retry_after=wait, code="login_backoff")


def record_failure(key: str) -> None:
    """Count one failed login for ``key`` and start or lengthen its back-off (see the module docstring)."""
    now = utcnow()
    insert_if_absent(LoginThrottle, {"key_hash": key, "failures": 0, "first_failure_at": now}, ["key_hash"])
    db.session.execute(update(LoginThrottle).where(
        LoginThrottle.key_hash == key, LoginThrottle.first_failure_at < now - WINDOW,
        (LoginThrottle.blocked_until.is_(None)) | (LoginThrottle.blocked_until < now))
        .values(failures=0, first_failure_at=now, blocked_until=None).execution_options(synchronize_session=False))
    failures = db.session.execute(update(LoginThrottle).where(LoginThrottle.key_hash == key)
                                  .values(failures=LoginThrottle.failures + 1)
                                  .returning(LoginThrottle.failures)).scalar_one()
    free = current_app.config["LOGIN_FAILURES_BEFORE_BACKOFF"]
    if failures >= free:
        ceiling = timedelta(minutes=current_app.config["LOGIN_BACKOFF_MAX_MINUTES"])
        wait = min(BASE_WAIT * 2 ** min(failures - free, 20), ceiling)
        db.session.execute(update(LoginThrottle).where(LoginThrottle.key_hash == key)
                           .values(blocked_until=now + wait).execution_options(synchronize_session=False))
    db.session.commit()


def record_success(key: str) -> None:
    """Forget the key's failures (a correct password outside the back-off)."""
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key_hash == key))
    db.session.commit()


def forget(keys: list[str]) -> None:
    """Remove these keys' rows (an account being deleted). Does not commit."""
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key_hash.in_(keys)))


def _words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"
