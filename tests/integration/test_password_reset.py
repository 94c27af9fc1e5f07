"""Forgotten password: hashed single-use tokens that expire after 30 minutes."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import timedelta

import pytest

from interview_coach.errors import Invalid
from interview_coach.extensions import db
from interview_coach.models import User, utcnow
from interview_coach.services import accounts, password_reset
from testkit import PASSWORD


def _request(email: str, caplog) -> str | None:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        password_reset.request_reset(email, lambda token: f"http://localhost/reset-password/{token}")
    match = re.search(r"/reset-password/(\S+)", caplog.text)
    return match.group(1) if match else None


def test_reset_link_goes_to_the_log_and_only_its_hash_is_stored(ctx, caplog):
    """Without SMTP the link is logged; the database holds a SHA-256 of a ≥32-byte token."""
    user = accounts.register("bob", "bob@example.com", PASSWORD)
    token = _request("bob@example.com", caplog)
    assert token and len(token) >= 43  # 32 bytes, URL-safe base64
    db.session.refresh(user)
    assert user.reset_token == hashlib.sha256(token.encode()).hexdigest()
    assert token not in user.reset_token
    remaining = user.reset_token_expiry - utcnow()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)


def test_unknown_address_gets_the_same_silent_answer(ctx, caplog):
    """Asking for an unknown address sends nothing and raises nothing."""
    accounts.register("bob", "bob@example.com", PASSWORD)
    assert _request("nobody@example.com", caplog) is None


def test_token_resets_password_once(ctx, caplog):
    """A token sets a new password once; using it again is refused."""
    accounts.register("bob", "bob@example.com", PASSWORD)
    token = _request("bob@example.com", caplog)
    password_reset.reset_password(token, "a completely new passphrase")
    assert accounts.authenticate("bob", "a completely new passphrase")
    with pytest.raises(Invalid) as info:
        password_reset.reset_password(token, "yet another new passphrase")
    assert info.value.code == "bad_token"


def test_expired_token_is_refused(ctx, caplog):
    """A token older than 30 minutes no longer works."""
    user = accounts.register("bob", "bob@example.com", PASSWORD)
    token = _request("bob@example.com", caplog)
    user.reset_token_expiry = utcnow() - timedelta(seconds=1)
    db.session.commit()
    with pytest.raises(Invalid) as info:
        password_reset.reset_password(token, "a completely new passphrase")
    assert info.value.code == "bad_token"
    assert accounts.authenticate("bob", PASSWORD)


def test_new_request_replaces_the_old_token(ctx, caplog):
    """Only the latest link works."""
    accounts.register("bob", "bob@example.com", PASSWORD)
    first = _request("bob@example.com", caplog)
    second = _request("bob@example.com", caplog)
    with pytest.raises(Invalid):
        password_reset.user_for_token(first)
    assert password_reset.user_for_token(second).username == "bob"


def test_weak_new_password_keeps_the_token(ctx, caplog):
    """A refused new password does not consume the token."""
    accounts.register("bob", "bob@example.com", PASSWORD)
    token = _request("bob@example.com", caplog)
    with pytest.raises(Invalid) as info:
        password_reset.reset_password(token, "password")
    assert "password" in info.value.reasons
    assert password_reset.user_for_token(token)
    assert db.session.query(User).one().reset_token is not None
