"""Health checks for load balancers and service managers.

- :func:`liveness`: can this process reach what every request needs? The database (``SELECT 1``) and,
  when ``REDIS_URL`` is set, Redis (PING; it holds the rate limits and the job queue), with the number of
  job workers that reported in the last 15 seconds (0 is reported, not failed: requests that need no job
  keep working without workers).
- :func:`readiness`: has this process loaded its models (``serving.prepare_to_serve``)?
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import text

from ..extensions import db

__all__ = ["liveness", "readiness"]


def liveness() -> tuple[bool, dict]:
    """(healthy, what was checked) for ``/healthz``."""
    report: dict = {}
    try:
        db.session.execute(text("SELECT 1"))
        report["database"] = "ok"
    except Exception as exc:  # the check's whole point is to report it
        report["database"] = f"failed: {type(exc).__name__}"
    finally:
        db.session.rollback()
    if current_app.config.get("REDIS_URL"):
        from ..jobs.output import redis_client
        from ..jobs.worker import alive_workers

        try:
            redis_client().ping()
            report["redis"] = "ok"
            report["workers"] = len(alive_workers())
        except Exception as exc:
            report["redis"] = f"failed: {type(exc).__name__}"
    else:
        report["redis"] = "not configured (jobs run in the app process)"
    healthy = all(not str(v).startswith("failed") for v in report.values())
    return healthy, {"status": "ok" if healthy else "failing", **report}


def readiness() -> tuple[bool, dict]:
    """(ready, details) for ``/readyz``: ready once the content bank and scoring model are loaded."""
    from ..serving import is_ready

    ready = is_ready()
    return ready, {"ready": ready, "models": "loaded" if ready else "not loaded yet"}
