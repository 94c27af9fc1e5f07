"""Throttling by account as well as by address: failed logins back off per account (known or unknown
name alike, whatever address they come from), X-Forwarded-For counts only behind PROXY_COUNT proxies,
and production warns when limits are counted in memory."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import update

from interview_coach import create_app
from interview_coach.extensions import db
from interview_coach.models import LoginThrottle, utcnow
from testkit import PASSWORD, login, make_app


def _attempt(client, name: str, password: str, address: str):
    """One login attempt from ``address`` (as the connection's address)."""
    return login(client, name, password, environ_base={"REMOTE_ADDR": address})


def _unblock(app) -> None:
    with app.app_context():
        db.session.execute(update(LoginThrottle).values(blocked_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def test_failed_logins_back_off_per_account_across_addresses(app, client, make_user):
    """Five wrong passwords from five addresses, then even the right one waits (429, Retry-After); the
    wait doubles with each further failure; after it, the right password works and clears the count."""
    make_user("alice", "alice@example.com")
    for n in range(5):
        assert _attempt(client, "alice", "wrong password", f"10.0.0.{n}").status_code == 401
    blocked = _attempt(client, "alice@example.com", PASSWORD, "10.0.0.99")  # the e-mail is the same account
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) in range(25, 31)
    assert "Too many failed logins for this account" in blocked.get_data(as_text=True)
    _unblock(app)
    assert _attempt(client, "alice", "wrong again", "10.0.0.7").status_code == 401
    longer = _attempt(client, "alice", PASSWORD, "10.0.0.8")
    assert longer.status_code == 429 and int(longer.headers["Retry-After"]) in range(55, 61)
    _unblock(app)
    assert _attempt(client, "alice", PASSWORD, "10.0.0.9").status_code == 302
    with app.app_context():
        assert db.session.query(LoginThrottle).count() == 0


def test_an_unknown_name_is_throttled_exactly_like_a_known_one(app, client, make_user):
    """The same answers, in the same order, for a name no account has: the throttle reveals no accounts."""
    make_user("alice", "alice@example.com")
    known = [_attempt(client, "alice", "wrong password", "10.0.1.1").status_code for _ in range(6)]
    unknown = [_attempt(client, "nobody-here", "wrong password", "10.0.1.2").status_code for _ in range(6)]
    assert known == unknown == [401] * 5 + [429]


def test_the_api_token_exchange_shares_the_back_off(app, client, make_user):
    """POST /api/v1/auth/token counts towards the same per-account back-off and answers 429."""
    make_user("alice", "alice@example.com")
    for _ in range(5):
        wrong = client.post("/api/v1/auth/token", json={"login": "alice", "password": "wrong password"})
        assert wrong.status_code == 401
    blocked = client.post("/api/v1/auth/token", json={"login": "alice", "password": PASSWORD})
    assert blocked.status_code == 429 and blocked.get_json()["error"]["code"] == "login_backoff"
    assert "Retry-After" in blocked.headers


def _limited_app(tmp_path, **overrides):
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="2 per minute", **overrides)
    with app.app_context():
        db.create_all()
    return app


def test_forwarded_for_is_ignored_without_a_configured_proxy(tmp_path):
    """With PROXY_COUNT unset, a client cannot dodge the per-address limit by inventing X-Forwarded-For."""
    client = _limited_app(tmp_path).test_client()
    statuses = [client.post("/api/v1/auth/token", json={"login": "x", "password": "y"},
                            headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(3)]
    assert statuses == [401, 401, 429]


def test_forwarded_for_is_the_client_address_behind_one_proxy(tmp_path):
    """With PROXY_COUNT=1 the proxy's X-Forwarded-For is the client address, so two clients behind it
    have a budget each (and the proxy's own address is not one shared budget)."""
    client = _limited_app(tmp_path, PROXY_COUNT=1).test_client()

    def attempt(address: str) -> int:
        return client.post("/api/v1/auth/token", json={"login": "x", "password": "y"},
                           headers={"X-Forwarded-For": address}).status_code

    assert [attempt("203.0.113.1") for _ in range(3)] == [401, 401, 429]
    assert attempt("203.0.113.2") == 401


def test_production_warns_when_limits_are_held_in_memory(tmp_path, caplog):
    """In production without REDIS_URL the start-up log says limits are per process; with Redis it does not."""
    settings = {"APP_ENV": "production", "SECRET_KEY": "x" * 40, "INSTANCE_PATH": str(tmp_path),
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}", "PUBLIC_BASE_URL": "https://coach.example",
                "MAIL_SERVER": "localhost"}
    with caplog.at_level(logging.WARNING, logger="interview_coach"):
        create_app({**settings, "REDIS_URL": None})
    assert any("Rate limits are held in memory" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="interview_coach"):
        create_app({**settings, "REDIS_URL": "redis://127.0.0.1:6379/2"})
    assert not any("Rate limits are held in memory" in r.getMessage() for r in caplog.records)


def test_a_password_reset_ends_the_back_off(app, client, make_user, caplog):
    """Someone guessing alice's password blocks her logins; following the mailed reset link clears that."""
    import re

    from testkit import post_form

    make_user("alice", "alice@example.com")
    for n in range(5):
        _attempt(client, "alice", "wrong password", f"10.0.2.{n}")
    assert _attempt(client, "alice", PASSWORD, "10.0.2.9").status_code == 429
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        post_form(client, "/forgot-password", {"email": "alice@example.com"})
    path = re.search(r"https?://[^/\s]+(/reset-password/\S+)", caplog.text).group(1)
    post_form(client, path, {"password": "a fresh passphrase", "confirm": "a fresh passphrase"})
    assert _attempt(client, "alice", "a fresh passphrase", "10.0.2.9").status_code == 302
