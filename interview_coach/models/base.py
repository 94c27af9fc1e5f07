"""Shared model helpers: the clock every model uses and the JSON column type.

Timestamps are naive UTC ``datetime`` values: SQLite stores no time zone, so storing naive UTC
everywhere keeps SQLite and PostgreSQL behaving the same.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sqlalchemy import JSON

JSONType = JSON
"""The column type for every field the seeds call JSON-encoded (JSON on SQLite and PostgreSQL)."""


def utcnow() -> datetime:
    """The current time as naive UTC (the seeds' ``utcnow`` default)."""
    return datetime.now(UTC).replace(tzinfo=None)


def unix_now() -> float:
    """Seconds since the epoch (the seed's ``last_seen`` is a Unix timestamp)."""
    return time.time()
