"""Browser logins end on the server: copied session and remember-me cookies replayed after logout, after
the idle timeout and past the absolute lifetime are refused; a password change or reset ends the others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from interview_coach.extensions import db
from interview_coach.models import UserLogin, utcnow
from testkit import PASSWORD, login, post_form

SESSION, REMEMBER = "session", "remember_token"


def _copy(source, app, *names):
    """A fresh browser holding copies of ``names`` cookies from ``source`` (what a cookie thief has)."""
    thief = app.test_client()
    for name in names:
        cookie = source.get_cookie(name)
        assert cookie is not None, f"no {name} cookie to copy"
        thief.set_cookie(name, cookie.value)
    return thief


def _signed_in(client) -> bool:
    response = client.get("/profile")
    return response.status_code == 200 and "Your profile" in response.get_data(as_text=True)


def _age(app, **moved_back: timedelta) -> None:
    """Move the (only) login's timestamps into the past, as if that much time had gone by."""
    with app.app_context():
        values = {column: utcnow() - delta for column, delta in moved_back.items()}
        db.session.execute(update(UserLogin).values(**values))
        db.session.commit()


@pytest.fixture
def alice(app, make_user):
    make_user("alice", "alice@example.com")
    return app


def test_logout_ends_the_login_for_copied_session_and_remember_cookies(alice, client):
    """After logout, neither a copied session cookie nor a copied remember-me cookie signs anyone in."""
    assert login(client, "alice", remember="y").status_code == 302
    both = _copy(client, alice, SESSION, REMEMBER)
    only_remember = _copy(client, alice, REMEMBER)
    assert _signed_in(both) and _signed_in(only_remember)  # the copies work while the login lives
    assert post_form(client, "/logout", {}, page="/profile").status_code == 302
    assert not _signed_in(client)
    for replay in (_copy(both, alice, SESSION), _copy(only_remember, alice, REMEMBER)):
        response = replay.get("/profile")
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_idle_timeout_ends_a_login_without_remember_me(alice, client):
    """A session idle for under 2 hours still works; idle for over 2 hours, its copied cookie is refused."""
    assert login(client, "alice").status_code == 302
    copied = _copy(client, alice, SESSION)
    _age(alice, last_seen_at=timedelta(minutes=118))
    assert _signed_in(copied)  # and being used moves last_seen_at to now
    _age(alice, last_seen_at=timedelta(minutes=121))
    assert not _signed_in(copied) and not _signed_in(client)
    _age(alice, last_seen_at=timedelta(0))
    assert not _signed_in(copied)  # a login found dead stays dead


def test_absolute_lifetime_ends_a_busy_login(alice, client):
    """Even a session in constant use ends 12 hours after the login."""
    assert login(client, "alice").status_code == 302
    copied = _copy(client, alice, SESSION)
    _age(alice, created_at=timedelta(hours=11, minutes=50), last_seen_at=timedelta(minutes=1))
    assert _signed_in(copied)
    _age(alice, created_at=timedelta(hours=12, minutes=1), last_seen_at=timedelta(minutes=1))
    assert not _signed_in(copied)


def test_remember_me_lives_30_days_on_the_server(alice, client):
    """A remember-me login outlives the idle timeout, then its copied cookie is refused after 30 days."""
    assert login(client, "alice", remember="y").status_code == 302
    copied = _copy(client, alice, REMEMBER)
    _age(alice, created_at=timedelta(days=29), last_seen_at=timedelta(days=3))
    assert _signed_in(copied)
    _age(alice, created_at=timedelta(days=30, minutes=1), last_seen_at=timedelta(minutes=1))
    assert not _signed_in(copied) and not _signed_in(client)


def test_configured_idle_timeout_is_used(alice, client):
    """SESSION_IDLE_MINUTES shortens the idle timeout (here to 5 minutes)."""
    alice.config["SESSION_IDLE_MINUTES"] = 5
    assert login(client, "alice").status_code == 302
    _age(alice, last_seen_at=timedelta(minutes=6))
    assert not _signed_in(client)


def test_password_change_ends_other_logins_but_not_this_one(alice, client):
    """Changing the password keeps this browser signed in and ends a login elsewhere (remember-me too)."""
    other = alice.test_client()
    assert login(other, "alice", remember="y").status_code == 302
    stolen = _copy(other, alice, REMEMBER)
    assert login(client, "alice").status_code == 302
    changed = post_form(client, "/profile/password", {"current_password": PASSWORD,
                                                       "new_password": "a brand new passphrase",
                                                       "confirm": "a brand new passphrase"}, page="/profile")
    assert changed.status_code == 302
    assert _signed_in(client)
    assert not _signed_in(other) and not _signed_in(stolen)


def test_login_and_logout_record_a_login_row(alice, client):
    """Each login is one server-side row; logout marks it ended (the cookie alone proves nothing)."""
    assert login(client, "alice").status_code == 302
    with alice.app_context():
        row = db.session.query(UserLogin).one()
        assert row.ended_at is None and row.remember is False and len(row.key_hash) == 64
    post_form(client, "/logout", {}, page="/profile")
    with alice.app_context():
        assert db.session.query(UserLogin).one().ended_at is not None
