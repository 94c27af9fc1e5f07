"""Named rate limits shared by the pages and the API (one budget per client address).

Each limit can be changed in the app config under its name, e.g. ``LOGIN_RATE_LIMIT="5 per minute"``.
Storage is Redis when REDIS_URL is set (shared by every worker), memory otherwise.
"""

from __future__ import annotations

from flask import current_app

from .extensions import limiter

DEFAULTS = {
    "LOGIN_RATE_LIMIT": "10 per minute;100 per day",
    "REGISTER_RATE_LIMIT": "10 per hour",
    "RESET_RATE_LIMIT": "5 per 15 minutes",
}


def limit(name: str, methods: list[str] | None = None):
    """Decorator applying the configured limit ``name`` (a key of DEFAULTS)."""
    return limiter.shared_limit(
        lambda: current_app.config.get(name, DEFAULTS[name]), scope=name, methods=methods
    )
