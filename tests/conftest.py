"""Shared fixtures: an app on a clean database per test, clients, users and helpers.

SQLite always; PostgreSQL too for tests that ask for ``db_backend`` parametrisation (see
``tests/integration/conftest.py``) when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import logging
import threading

import pytest
from werkzeug.serving import make_server

from interview_coach import create_app
from interview_coach.extensions import db
from testkit import PASSWORD, PG_URL, login, make_app, reset_postgres

@pytest.fixture(scope="session")
def pg_schema_ready():
    """Create the models' tables once in the PostgreSQL test database."""
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    app = create_app({"APP_ENV": "testing", "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": PG_URL,
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        db.drop_all()
        db.create_all()
    yield PG_URL


@pytest.fixture
def db_backend():
    """The database backend under test (SQLite unless parametrised)."""
    return "sqlite"


@pytest.fixture
def app(tmp_path, db_backend, request):
    """A fresh app and empty database for one test."""
    if db_backend == "postgresql":
        url = request.getfixturevalue("pg_schema_ready")
        application = make_app(tmp_path, url)
        reset_postgres(application)
    else:
        application = make_app(tmp_path)
        with application.app_context():
            db.create_all()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def ctx(app):
    """Run the test inside an application context."""
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """Factory: register a user through the service and return its id."""
    from interview_coach.services import accounts

    counter = {"n": 0}

    def _make(username: str | None = None, email: str | None = None, password: str = PASSWORD) -> int:
        counter["n"] += 1
        username = username or f"user{counter['n']}"
        email = email or f"{username}@example.com"
        with app.app_context():
            return accounts.register(username, email, password).id

    return _make


@pytest.fixture
def logged_in(client, make_user):
    """A client logged in as a fresh user; returns (client, user_id)."""
    user_id = make_user("alice", "alice@example.com")
    response = login(client, "alice")
    assert response.status_code == 302
    return client, user_id


@pytest.fixture
def api_token(app, make_user):
    """A user and a personal API token: returns (headers, user_id)."""
    from interview_coach.services import tokens

    user_id = make_user("apiuser", "apiuser@example.com")
    with app.app_context():
        _, secret = tokens.create_token(user_id, "tests")
    return {"Authorization": f"Bearer {secret}"}, user_id


class MailLog(logging.Handler):
    """Collects what the app writes to the mail log (reset links when no SMTP is configured)."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def live_server(tmp_path):
    """Serve a fresh app on a free port in a background thread; yields (base_url, app, mail_log)."""
    app = make_app(tmp_path)
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    mail_log = MailLog()
    logger = logging.getLogger("interview_coach.mail")
    logger.addHandler(mail_log)
    base = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = base  # links in e-mails point where this server listens
    try:
        yield base, app, mail_log
    finally:
        logger.removeHandler(mail_log)
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def redis_app(tmp_path):
    """An app on REDIS_URL (its Redis database emptied first) with a fresh SQLite database; skipped without
    REDIS_URL. Yields the app inside its app context."""
    from testkit import REDIS_URL

    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set: Redis tests skipped")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    application = make_app(tmp_path, REDIS_URL=REDIS_URL)
    with application.app_context():
        db.create_all()
        yield application
        db.session.remove()
