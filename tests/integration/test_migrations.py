"""Migrations: one head; upgrade from empty gives exactly the models; downgrade and upgrade again.

Runs on SQLite always and on PostgreSQL (in a schema of its own) when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from interview_coach.extensions import db, migrate

from testkit import PG_URL, make_app

SCHEMA = "migration_check"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db_url(request, tmp_path):
    """The URL of an empty database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {SCHEMA}")
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{SCHEMA}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    admin.dispose()


def _diff(app) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def _tables(app) -> set[str]:
    return set(inspect(db.engine).get_table_names())


def test_single_head(tmp_path):
    """The migration history has exactly one head."""
    app = make_app(tmp_path)
    with app.app_context():
        script = ScriptDirectory.from_config(migrate.get_config())
        assert len(script.get_heads()) == 1


def test_upgrade_matches_models_then_downgrade_and_upgrade_again(tmp_path, empty_db_url):
    """Upgrade from empty equals the models; downgrade to base empties it; upgrade works again."""
    app = make_app(tmp_path, empty_db_url)
    expected = {t.name for t in db.metadata.sorted_tables}
    with app.app_context():
        upgrade()
        assert _tables(app) == expected | {"alembic_version"}
        assert _diff(app) == []
        downgrade(revision="base")
        assert _tables(app) == {"alembic_version"}
        upgrade()
        assert _diff(app) == []
        db.engine.dispose()


def test_db_upgrade_command_creates_the_schema(tmp_path):
    """`DATABASE_URL=… flask --app interview_coach db upgrade` builds the schema on an empty file."""
    target = tmp_path / "x.db"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{target}", APP_ENV="development",
               INSTANCE_PATH=str(tmp_path / "instance"))
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "interview_coach", "db", "upgrade"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    engine = create_engine(f"sqlite:///{target}")
    assert {"user", "sessions", "messages", "feedback", "user_mastery"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_mastery_snapshots_are_backfilled_from_the_history(tmp_path, empty_db_url):
    """Upgrading a database whose users answered before day snapshots existed fills them by replaying the
    history: the dashboard's trend is what it was (the replayed one) for every user."""
    from datetime import datetime, timedelta

    from sqlalchemy import text

    from interview_coach.services import progress

    app = make_app(tmp_path, empty_db_url)
    with app.app_context():
        upgrade(revision="0009")
        with db.engine.begin() as conn:
            for user in (1, 2):
                conn.execute(text("INSERT INTO \"user\" (id, username, email, password_hash, is_admin) "
                                  "VALUES (:id, :name, :email, 'x', false)"),
                             dict(id=user, name=f"u{user}", email=f"u{user}@example.com"))
            for k in range(30):
                at = datetime(2026, 11, 20) + timedelta(hours=7 * k)
                conn.execute(text("INSERT INTO question_history (user_id, session_id, topic, question, answer, "
                                  "semantic_score, keyword_score, response_time, timestamp, answered_at) "
                                  "VALUES (:user, 's', :topic, 'Q?', 'A.', :s, :k, 30.0, :at, :at)"),
                             dict(user=1 + k % 2, topic=("OS", "DBMS", "OOP")[k % 3], s=(k * 37 % 100) / 100,
                                  k=(k * 53 % 100) / 100, at=at))
        upgrade()
        for user in (1, 2):
            trend = progress.mastery_trend(user)
            assert trend and trend == progress.replayed_trend(user)
            assert sum(len(points) for points in trend.values()) > len(trend)  # several days per topic
        db.engine.dispose()
