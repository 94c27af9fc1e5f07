"""Retention of mock interviews, as the second seed recommends: archive old sessions and
anonymise their CV text.

An interview older than the retention period (``RETENTION_DAYS``, 90 by default) that is not yet
archived gets ``archived_at`` set and its ``cv_text`` replaced by :func:`anonymise_cv`'s output
(names, e-mail addresses, phone numbers, addresses and links become placeholders). The transcript,
scores and feedback stay, so the user keeps their history. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ..engine.anonymise import anonymise_cv
from ..errors import Invalid
from ..extensions import db
from ..models import SimulatorSession, utcnow

BATCH = 200


@dataclass(frozen=True)
class RetentionResult:
    archived: int
    cutoff: datetime


def archive_old_interviews(days: int, now: datetime | None = None, dry_run: bool = False) -> RetentionResult:
    """Archive and anonymise interviews created more than ``days`` days before ``now``."""
    if days < 1:
        raise Invalid.field("days", "The retention period must be at least one day.")
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    due = (SimulatorSession.created_at < cutoff, SimulatorSession.archived_at.is_(None))
    if dry_run:
        count = db.session.scalar(select(func.count()).select_from(SimulatorSession).where(*due)) or 0
        return RetentionResult(archived=count, cutoff=cutoff)
    archived = 0
    while True:
        batch = list(db.session.scalars(select(SimulatorSession).where(*due)
                                        .order_by(SimulatorSession.id).limit(BATCH)))
        if not batch:
            return RetentionResult(archived=archived, cutoff=cutoff)
        for session in batch:
            if session.cv_text:
                session.cv_text = anonymise_cv(session.cv_text)
            session.archived_at = now
        db.session.commit()  # batch by batch: a large backlog never holds one huge transaction
        archived += len(batch)
