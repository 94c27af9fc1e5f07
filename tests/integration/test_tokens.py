"""Personal API tokens: only a hash is stored; revoke; scoped to their owner."""

from __future__ import annotations

import hashlib

import pytest

from interview_coach.errors import NotFound, Unauthorized
from interview_coach.services import accounts, tokens
from testkit import PASSWORD


def test_token_secret_is_shown_once_and_only_hashed(ctx):
    """The secret authenticates; the row stores its SHA-256 and a short prefix."""
    user = accounts.register("bob", "bob@example.com", PASSWORD)
    token, secret = tokens.create_token(user.id, "laptop")
    assert secret.startswith("icp_") and len(secret) >= 40
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(token.prefix) < len(secret) / 3
    assert tokens.authenticate_token(secret).user_id == user.id


def test_revoked_token_stops_working(ctx):
    """A revoked token is refused and no longer listed."""
    user = accounts.register("bob", "bob@example.com", PASSWORD)
    token, secret = tokens.create_token(user.id, "laptop")
    tokens.revoke_token(user.id, token.id)
    with pytest.raises(Unauthorized):
        tokens.authenticate_token(secret)
    assert tokens.list_tokens(user.id) == []


def test_cannot_revoke_another_users_token(ctx):
    """Another user's token id is NotFound, and the token keeps working."""
    alice = accounts.register("alice", "alice@example.com", PASSWORD)
    bob = accounts.register("bob", "bob@example.com", PASSWORD)
    token, secret = tokens.create_token(alice.id, "alice's")
    with pytest.raises(NotFound):
        tokens.revoke_token(bob.id, token.id)
    assert tokens.authenticate_token(secret).user_id == alice.id


@pytest.mark.parametrize("secret", ["", "icp_wrong", "Bearer x", "icp_" + "a" * 300])
def test_bad_tokens_are_refused(ctx, secret):
    """Unknown, malformed and oversized tokens are refused."""
    with pytest.raises(Unauthorized):
        tokens.authenticate_token(secret)
