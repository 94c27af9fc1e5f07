"""Bearer-token authentication for API views."""

from __future__ import annotations

import functools

from flask import g, request

from ..errors import Unauthorized
from ..models import User
from ..services.tokens import authenticate_token

SECURITY = [{"bearerAuth": []}]


def token_required(view):
    """Require a valid personal token; the user is then available as ``api_user()``."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthorized("Send a personal API token as 'Authorization: Bearer <token>'.")
        g.api_user = authenticate_token(secret.strip())
        return view(*args, **kwargs)

    return wrapper


def api_user() -> User:
    """The user authenticated by ``token_required`` for this request."""
    return g.api_user
