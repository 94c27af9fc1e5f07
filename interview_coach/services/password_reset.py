"""Forgotten-password flow.

``request_reset`` answers the same whether or not the address exists. The token is 32 random bytes
(URL-safe); only its SHA-256 goes in ``user.reset_token``; it expires after 30 minutes
(``reset_token_expiry``) and works once.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Callable

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from ..errors import Invalid
from ..extensions import db
from ..models import User, utcnow
from . import throttle
from .accounts import revoke_api_tokens, set_password
from .mailer import send_mail
from .passwords import password_problems

log = logging.getLogger(__name__)

TOKEN_BYTES = 32
TOKEN_LIFETIME = timedelta(minutes=30)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_reset(email: str, link_for: Callable[[str], str]) -> None:
    """E-mail a reset link to ``email`` if an account has it; do nothing visible otherwise."""
    try:
        address = validate_email((email or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Invalid.field("email", str(exc)) from exc
    user = db.session.scalar(select(User).where(User.email == address))
    if user is None:
        log.info("password reset asked for an unknown address")
        return
    token = secrets.token_urlsafe(TOKEN_BYTES)
    user.reset_token = _digest(token)
    user.reset_token_expiry = utcnow() + TOKEN_LIFETIME
    db.session.commit()
    send_mail(
        user.email,
        "Reset your Interview Coach password",
        "Someone (hopefully you) asked to reset the password of your Interview Coach account "
        f"'{user.username}'.\n\nOpen this link within 30 minutes to choose a new password:\n"
        f"{link_for(token)}\n\nIf you did not ask for this, ignore this message.",
    )


def user_for_token(token: str) -> User:
    """The user a valid, unexpired token belongs to; raises Invalid(code=bad_token) otherwise."""
    if not token or len(token) > 200:
        raise _bad_token()
    user = db.session.scalar(select(User).where(User.reset_token == _digest(token)))
    if user is None or user.reset_token_expiry is None or user.reset_token_expiry < utcnow():
        raise _bad_token()
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password with a reset token; the token is consumed, every browser login ends, every
    API token is revoked and the account's failed-login back-off is cleared."""
    user = user_for_token(token)
    problems = password_problems(new_password or "", username=user.username, email=user.email)
    if problems:
        raise Invalid({"password": problems})
    set_password(user, new_password)
    revoke_api_tokens(user.id)  # whoever forced the reset may hold a token too
    throttle.forget(throttle.keys_for_user(user))  # the mailbox's owner need not wait out a guesser's back-off
    user.reset_token = None
    user.reset_token_expiry = None
    db.session.commit()
    log.info("password reset for user id=%s", user.id)
    return user


def _bad_token() -> Invalid:
    return Invalid.field(
        "token",
        "This reset link is invalid, used or expired. Ask for a new one.",
        code="bad_token",
    )
