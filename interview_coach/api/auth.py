"""Bearer-token authentication for API views."""

from __future__ import annotations

import functools

from flask import g, request

from ..errors import Forbidden, Unauthorized
from ..models import ApiToken, User
from ..services.tokens import authenticate_token

SECURITY = [{"bearerAuth": []}]
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def token_required(view):
    """Require a valid personal token; the user is then ``api_user()`` and the token ``api_token()``.

    A read-only token is refused (403, code ``read_only_token``) on any method but GET, HEAD, OPTIONS.
    """

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthorized("Send a personal API token as 'Authorization: Bearer <token>'.")
        token = authenticate_token(secret.strip())
        if token.scope == "read_only" and request.method not in READ_METHODS:
            raise Forbidden("This API token is read-only; use a read-write token to change anything.",
                            code="read_only_token")
        g.api_token, g.api_user = token, token.user
        return view(*args, **kwargs)

    return wrapper


def api_user() -> User:
    """The user authenticated by ``token_required`` for this request."""
    return g.api_user


def api_token() -> ApiToken:
    """The token that authenticated this request."""
    return g.api_token
