"""The ``job`` table: one row per piece of background work (see :mod:`interview_coach.jobs`).

The row is the job's truth on every backend: RQ and the in-process pool only carry its id. It keeps
who asked (``user_id``; NULL for system work such as the retention sweep), what to do (``kind`` and
``params``: ids and plain values, never objects), where it is (``status``: queued, running, done,
failed, cancelled; ``progress`` 0–1 with a short ``message``), what came of it (``result_ref``, e.g.
``study_plan:12``, written in the same transaction as the result, which is what makes a retried job
write one result; or ``error``), ``attempts``, and its times. ``heartbeat_at`` is renewed while a
worker runs it: a running job whose heartbeat stops is given to another worker. ``run_after`` holds a
retry back until its back-off has passed. ``output`` keeps the text streamed so far, so a reloaded page
or another app process resumes it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import JSONType, utcnow

STATUSES = ("queued", "running", "done", "failed", "cancelled")
ACTIVE = ("queued", "running")


class Job(db.Model):
    __tablename__ = "job"
    __table_args__ = (Index("ix_job_user_id_status", "user_id", "status"),
                      Index("ix_job_status_run_after", "status", "run_after"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    params: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="queued")
    progress: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    message: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    result_ref: Mapped[str | None] = mapped_column(String(100), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    output: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    run_after: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    @property
    def finished(self) -> bool:
        return self.status not in ACTIVE
