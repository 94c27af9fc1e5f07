"""Small database helpers that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..extensions import db


def insert_if_absent(model: type, values: dict[str, Any], unique: Sequence[str]) -> None:
    """INSERT a row unless one with the same ``unique`` columns exists (ON CONFLICT DO NOTHING).

    Lets two concurrent first answers on a new topic both "create" the mastery row without either
    failing on the unique constraint.
    """
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=list(unique))
    db.session.execute(statement)


def upsert(model: type, values: dict[str, Any], unique: Sequence[str]) -> None:
    """INSERT a row, or UPDATE the other columns of the row with the same ``unique`` columns (ON CONFLICT
    DO UPDATE): one statement, safe against a concurrent writer of the same key."""
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    statement = insert(model).values(**values)
    changed = {name: statement.excluded[name] for name in values if name not in unique}
    db.session.execute(statement.on_conflict_do_update(index_elements=list(unique), set_=changed))


def for_update(query):
    """Lock the selected rows until commit where the database supports it (PostgreSQL).

    SQLite serialises writers itself: a write transaction holds the database lock from its first
    write, which is why services that update aggregates start their transaction with a write.
    """
    if db.engine.dialect.name == "postgresql":
        return query.with_for_update()
    return query


def owned(model: type, user_id: int, message: str, **criteria: Any):
    """The row of ``model`` matching ``criteria`` that belongs to ``user_id``, or NotFound.

    Another user's row is reported exactly like a missing one, so ids reveal nothing.
    """
    from ..errors import NotFound

    row = db.session.scalar(select(model).filter_by(user_id=user_id, **criteria))
    if row is None:
        raise NotFound(message)
    return row
