"""Personal API tokens: create (the secret is shown once), list, revoke, authenticate.

Only SHA-256 of a token is stored; a token is ``icp_`` followed by 43 URL-safe characters
(32 random bytes), and its first characters are kept as a ``prefix`` so users can tell tokens apart.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import func, select

from ..errors import Invalid, NotFound, Unauthorized
from ..extensions import db
from ..models import ApiToken, User, utcnow
from .accounts import get_user

TOKEN_PREFIX = "icp_"
MAX_ACTIVE_TOKENS = 20


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user_id: int, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns the row and the secret, which is never retrievable again."""
    user = get_user(user_id)
    name = " ".join((name or "").split())
    if not name or len(name) > 100:
        raise Invalid.field("name", "Give the token a name of 1–100 characters.")
    active = db.session.scalar(
        select(func.count(ApiToken.id)).where(
            ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
        )
    )
    if active >= MAX_ACTIVE_TOKENS:
        raise Invalid.field("name", f"You already have {MAX_ACTIVE_TOKENS} tokens; revoke one first.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id, name=name, token_hash=_digest(secret), prefix=secret[: len(TOKEN_PREFIX) + 6]
    )
    db.session.add(token)
    db.session.commit()
    return token, secret


def list_tokens(user_id: int) -> list[ApiToken]:
    """The user's tokens that are not revoked, newest first."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def revoke_token(user_id: int, token_id: int) -> None:
    """Revoke one of the user's tokens; another user's token is NotFound."""
    token = db.session.scalar(
        select(ApiToken).where(
            ApiToken.id == token_id, ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None)
        )
    )
    if token is None:
        raise NotFound("No such token.")
    token.revoked_at = utcnow()
    db.session.commit()


def authenticate_token(secret: str) -> User:
    """The owner of a valid, unrevoked token; raises Unauthorized otherwise."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        raise Unauthorized("Send a valid API token as 'Authorization: Bearer <token>'.")
    token = db.session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == _digest(secret), ApiToken.revoked_at.is_(None)
        )
    )
    if token is None:
        raise Unauthorized("This API token is not valid or has been revoked.", code="bad_token")
    now = utcnow()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now  # at most one write a minute per token
        db.session.commit()
    return token.user
