"""Browser logins kept on the server, so a copied session or remember-me cookie stops working.

Contract:

- :func:`start_login` creates a ``user_login`` row and returns its key (32 random bytes, URL-safe);
  only the key's SHA-256 is stored. The cookies carry ``"<user id>:<key>"`` (``User.get_id``).
- :func:`load_user` (the Flask-Login user loader, for the session and the remember-me cookie alike)
  returns the user only while the login is live:
  not ended (logout, password change, password reset, account deletion);
  without remember-me, seen within ``SESSION_IDLE_MINUTES`` (default 120) and younger than
  ``SESSION_LIFETIME_HOURS`` (default 12); with remember-me, younger than ``REMEMBER_ME_DAYS``
  (default 30; no idle timeout, which is what "remember me" asks for).
  A login found dead is marked ended, so it never comes back. ``last_seen_at`` is written at most once
  a minute per login.
- :func:`end_login` ends one login (logout); :func:`end_logins` ends all of a user's, except one.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from ..extensions import db
from ..models import User, UserLogin, utcnow

SEEN_EVERY = timedelta(minutes=1)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start_login(user_id: int, remember: bool) -> str:
    """A new live login for the user; returns its secret key (kept only in the user's cookies)."""
    key = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(UserLogin(user_id=user_id, key_hash=_digest(key), remember=bool(remember),
                             created_at=now, last_seen_at=now))
    db.session.commit()
    return key


def _dead(login: UserLogin, now: datetime) -> bool:
    config = current_app.config
    if login.ended_at is not None:
        return True
    if login.remember:
        return now - login.created_at > timedelta(days=config["REMEMBER_ME_DAYS"])
    return (now - login.last_seen_at > timedelta(minutes=config["SESSION_IDLE_MINUTES"])
            or now - login.created_at > timedelta(hours=config["SESSION_LIFETIME_HOURS"]))


def load_user(identity: str) -> User | None:
    """Flask-Login loader for ``"<user id>:<key>"``: the user while that login is live, else None."""
    try:
        raw_id, key = identity.split(":", 1)
        user_id = int(raw_id)
    except (AttributeError, ValueError):
        return None
    if not key or len(key) > 100:
        return None
    login = db.session.scalar(select(UserLogin).where(UserLogin.key_hash == _digest(key),
                                                      UserLogin.user_id == user_id))
    if login is None:
        return None
    now = utcnow()
    if _dead(login, now):
        if login.ended_at is None:
            login.ended_at = now
            db.session.commit()
        return None
    if now - login.last_seen_at >= SEEN_EVERY:
        login.last_seen_at = now
        db.session.commit()
    user = db.session.get(User, user_id)
    if user is not None:
        user.login_key = key
    return user


def end_login(key: str | None) -> None:
    """End the login with this key (logging out); an unknown key changes nothing."""
    if not key:
        return
    db.session.execute(update(UserLogin).where(UserLogin.key_hash == _digest(key), UserLogin.ended_at.is_(None))
                       .values(ended_at=utcnow()).execution_options(synchronize_session=False))
    db.session.commit()


def end_logins(user_id: int, keep_key: str | None = None) -> None:
    """End every live login of the user but ``keep_key``'s. Does not commit: the caller's change
    (a new password, say) and the logins' end are one transaction."""
    query = update(UserLogin).where(UserLogin.user_id == user_id, UserLogin.ended_at.is_(None))
    if keep_key:
        query = query.where(UserLogin.key_hash != _digest(keep_key))
    db.session.execute(query.values(ended_at=utcnow()).execution_options(synchronize_session=False))
