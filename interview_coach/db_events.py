"""Database engine settings that SQLAlchemy cannot express in a URL.

SQLite needs ``PRAGMA foreign_keys=ON`` on every connection, or the ON DELETE CASCADE rules that
remove a user's rows would be ignored; WAL lets readers work while a writer commits, and a busy
timeout makes concurrent writers wait instead of failing at once.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine


def install_sqlite_pragmas(engine: Engine) -> None:
    """Turn on foreign keys, WAL and a busy timeout for every new SQLite connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            # WAL with synchronous=NORMAL stays consistent after a crash and skips an fsync per commit.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
