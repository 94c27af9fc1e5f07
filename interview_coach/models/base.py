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

MAX_INT = 2**31 - 1
"""The largest value an ``Integer`` column holds on PostgreSQL (SQLite's are wider): the largest id there
can be. Ids and numbers from requests above it are refused before they reach a query, where they would
overflow the driver's conversion instead of finding nothing."""


def utcnow() -> datetime:
    """The current time as naive UTC (the seeds' ``utcnow`` default)."""
    return datetime.now(UTC).replace(tzinfo=None)


def unix_now() -> float:
    """Seconds since the epoch (the seed's ``last_seen`` is a Unix timestamp)."""
    return time.time()
