"""Personal API tokens: create (the secret is shown once), list, revoke, authenticate.

Only SHA-256 of a token is stored; a token is ``icp_`` followed by 43 URL-safe characters
(32 random bytes), and its first characters are kept as a ``prefix`` so users can tell tokens apart.

Each token has an expiry chosen at creation (``API_TOKEN_DAYS``, default 90, unless another number of
days from 1 to 3650 is asked for; a token that never expires only when that is asked for explicitly)
and a scope: ``read_write``, or ``read_only``, which the API refuses (403) on any request but GET, HEAD
and OPTIONS. An expired or revoked token is refused (401). Every token is revoked on a password reset,
and on a password change unless the user chooses to keep them (see ``accounts.change_password``).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app

from sqlalchemy import func, select

from ..errors import Conflicting, Invalid, NotFound, Unauthorized
from ..extensions import db
from ..models import ApiToken, utcnow
from .accounts import get_user

TOKEN_PREFIX = "icp_"
MAX_ACTIVE_TOKENS = 20
SCOPES = ("read_write", "read_only")
MAX_DAYS = 3650
DEFAULT = "default"
"""``expires_in_days=DEFAULT``: the configured ``API_TOKEN_DAYS``; ``None``: never expires."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user_id: int, name: str, *, expires_in_days: int | None | str = DEFAULT,
                 scope: str = "read_write") -> tuple[ApiToken, str]:
    """Create a token; returns the row and the secret, which is never retrievable again.

    Invalid (naming the field) for an empty or long name, days outside 1–3650, an unknown scope, or a
    user who already has :data:`MAX_ACTIVE_TOKENS` live tokens.
    """
    user = get_user(user_id)
    name = " ".join((name or "").split())
    reasons: dict[str, list[str]] = {}
    if not name or len(name) > 100:
        reasons["name"] = ["Give the token a name of 1–100 characters."]
    if expires_in_days == DEFAULT:
        expires_in_days = int(current_app.config["API_TOKEN_DAYS"])
    if expires_in_days is not None and (isinstance(expires_in_days, bool) or not isinstance(expires_in_days, int)
                                        or not 1 <= expires_in_days <= MAX_DAYS):
        reasons["expires_in_days"] = [f"Choose a whole number of days from 1 to {MAX_DAYS}, or never."]
    if scope not in SCOPES:
        reasons["scope"] = [f"Choose one of {', '.join(SCOPES)}."]
    if reasons:
        raise Invalid(reasons)
    now = utcnow()
    active = db.session.scalar(
        select(func.count(ApiToken.id)).where(
            ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None),
            (ApiToken.expires_at.is_(None)) | (ApiToken.expires_at > now),
        )
    )
    if active >= MAX_ACTIVE_TOKENS:
        raise Conflicting.field("name", f"You already have {MAX_ACTIVE_TOKENS} tokens; revoke one first.",
                                code="token_cap")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id, name=name, token_hash=_digest(secret), prefix=secret[: len(TOKEN_PREFIX) + 6],
        created_at=now, scope=scope,
        expires_at=None if expires_in_days is None else now + timedelta(days=expires_in_days),
    )
    db.session.add(token)
    db.session.commit()
    return token, secret


def list_tokens(user_id: int) -> list[ApiToken]:
    """The user's tokens that are not revoked (expired ones too, so the user sees why one stopped),
    newest first."""
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


def is_expired(token: ApiToken, now: datetime | None = None) -> bool:
    """True when the token has an expiry and it has passed."""
    return token.expires_at is not None and token.expires_at <= (now or utcnow())


def authenticate_token(secret: str) -> ApiToken:
    """A valid, unrevoked, unexpired token (its owner is ``.user``); raises Unauthorized otherwise."""
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
    if is_expired(token, now):
        raise Unauthorized("This API token has expired; create a new one.", code="expired_token")
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now  # at most one write a minute per token
        db.session.commit()
    return token
