"""Named rate limits shared by the pages and the API.

- :func:`limit`: one budget per client address (login, registration, password reset, e-mail change).
  The address is the connection's, or the one ``PROXY_COUNT`` trusted proxies forwarded (ProxyFix).
- :func:`user_limit`: one budget per signed-in user, for expensive work (AI-written results, uploads,
  scoring), whichever way the user comes in: browser session or API token. Place it *below*
  ``login_required`` / ``token_required`` so the user is known when the key is taken.

Each limit is the app config value of its name (``Settings``, e.g. ``AI_RATE_LIMIT="60 per hour"``).
Storage is Redis when REDIS_URL is set (shared by every worker), memory otherwise: then each process
counts on its own, which :func:`warn_if_memory_storage` says at start-up in production.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, g
from flask_limiter.util import get_remote_address
from flask_login import current_user

from .extensions import limiter

log = logging.getLogger(__name__)


def _configured(name: str):
    return lambda: current_app.config[name]


def limit(name: str, methods: list[str] | None = None):
    """Decorator applying the configured per-address limit ``name`` (a ``*_RATE_LIMIT`` setting)."""
    return limiter.shared_limit(_configured(name), scope=name, methods=methods)


def _user_key() -> str:
    user = getattr(g, "api_user", None)
    if user is None and current_user.is_authenticated:
        user = current_user
    # Unreachable behind login_required/token_required; the address keeps the limit meaningful anyway.
    return f"user:{user.id}" if user is not None else f"address:{get_remote_address()}"


def user_limit(name: str, methods: list[str] | None = None):
    """Decorator applying the configured per-user limit ``name`` (one budget per user and name)."""
    return limiter.shared_limit(_configured(name), scope=name, key_func=_user_key, methods=methods)


def warn_if_memory_storage(app: Flask) -> None:
    """In production, log a warning when limits are counted in process memory (no REDIS_URL)."""
    if app.config["APP_ENV"] == "production" and app.config.get("RATELIMIT_ENABLED", True) \
            and app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        log.warning("Rate limits are held in memory: each server process counts on its own and a restart "
                    "forgets them. Set REDIS_URL so every process shares one count.")
