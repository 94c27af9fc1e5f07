"""Account services: registration rules, login by username or e-mail, profile, deletion."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from interview_coach.errors import Conflict, Invalid, Unauthorized
from interview_coach.extensions import db
from interview_coach.models import User
from interview_coach.services import accounts, logins
from interview_coach.services.passwords import verify_password
from testkit import PASSWORD


def test_register_stores_an_argon2_hash_not_the_password(ctx):
    """The password is stored as an Argon2id hash that verifies."""
    user = accounts.register("bob", "Bob@Example.com", PASSWORD)
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert verify_password(user.password_hash, PASSWORD)
    assert user.email == "bob@example.com"


@pytest.mark.parametrize("password", ["short", "password123", "1234567890", "qwertyuiop", "aaaaaaaaaaaa"])
def test_register_rejects_short_and_common_passwords(ctx, password):
    """Short passwords and the commonest passwords are refused with a reason."""
    with pytest.raises(Invalid) as info:
        accounts.register("bob", "bob@example.com", password)
    assert "password" in info.value.reasons


def test_register_rejects_password_equal_to_username(ctx):
    """A password equal to the username is refused."""
    with pytest.raises(Invalid) as info:
        accounts.register("mylongusername", "bob@example.com", "mylongusername")
    assert "password" in info.value.reasons


def test_register_reports_every_bad_field_at_once(ctx):
    """Bad username, e-mail and password are reported together."""
    with pytest.raises(Invalid) as info:
        accounts.register("b", "not-an-email", "x")
    assert set(info.value.reasons) == {"username", "email", "password"}


def test_register_refuses_taken_username_or_email(ctx):
    """Usernames (any case) and e-mail addresses are taken once."""
    accounts.register("bob", "bob@example.com", PASSWORD)
    with pytest.raises(Invalid) as info:
        accounts.register("BOB", "other@example.com", PASSWORD)
    assert "username" in info.value.reasons
    with pytest.raises(Invalid) as info:
        accounts.register("bobby", "BOB@example.com", PASSWORD)
    assert "email" in info.value.reasons


@pytest.mark.parametrize("login", ["bob", "BOB", "bob@example.com", "Bob@Example.com"])
def test_authenticate_by_username_or_email(ctx, login):
    """Users log in with their username (any case) or their e-mail address."""
    user = accounts.register("bob", "bob@example.com", PASSWORD)
    assert accounts.authenticate(login, PASSWORD).id == user.id


@pytest.mark.parametrize("login,password", [("bob", "wrong password!"), ("nobody", PASSWORD), ("", "")])
def test_authenticate_fails_with_one_message(ctx, login, password):
    """Wrong password and unknown user give the same answer."""
    accounts.register("bob", "bob@example.com", PASSWORD)
    with pytest.raises(Unauthorized) as info:
        accounts.authenticate(login, password)
    assert info.value.message == "Wrong username/e-mail or password."


def test_update_profile_saves_fields_and_normalises_skills(ctx):
    """Profile fields are saved; skills are trimmed and de-duplicated in order."""
    user = accounts.register("bob", "bob@example.com", PASSWORD)
    accounts.update_profile(user.id, accounts.ProfileUpdate(
        full_name="  Bob   Builder ", phone="+44 20 7946 0958", experience_years=4,
        skills=accounts.parse_skills("Python, SQL,\n python , Docker"),
    ))
    db.session.expire_all()
    saved = db.session.get(User, user.id)
    assert saved.full_name == "Bob Builder"
    assert saved.phone == "+44 20 7946 0958"
    assert saved.experience_years == 4
    assert saved.skills == ["Python", "SQL", "Docker"]


def test_update_profile_rejects_bad_values_and_keeps_old_ones(ctx):
    """Invalid phone and experience are refused together and nothing is changed."""
    user = accounts.register("bob", "bob@example.com", PASSWORD)
    with pytest.raises(Invalid) as info:
        accounts.update_profile(user.id, accounts.ProfileUpdate(phone="call me maybe", experience_years=99,
                                                                full_name="New Name"))
    assert set(info.value.reasons) == {"phone", "experience_years"}
    db.session.expire_all()
    assert db.session.get(User, user.id).full_name is None


def test_change_password_checks_current_and_ends_old_sessions(ctx):
    """Changing the password needs the current one and ends every login but the one that changed it."""
    user = accounts.register("bob", "bob@example.com", PASSWORD)
    other_device = f"{user.id}:{logins.start_login(user.id, remember=True)}"
    this_device_key = logins.start_login(user.id, remember=False)
    with pytest.raises(Invalid):
        accounts.change_password(user.id, "wrong", "a brand new passphrase")
    accounts.change_password(user.id, PASSWORD, "a brand new passphrase", keep_login_key=this_device_key)
    assert logins.load_user(other_device) is None
    assert logins.load_user(f"{user.id}:{this_device_key}").id == user.id
    assert accounts.authenticate("bob", "a brand new passphrase").id == user.id


def test_delete_account_needs_password(ctx):
    """Deleting an account with a wrong password is refused and nothing is deleted."""
    user = accounts.register("bob", "bob@example.com", PASSWORD)
    with pytest.raises(Invalid):
        accounts.delete_account(user.id, "wrong password")
    accounts.delete_account(user.id, PASSWORD)
    assert db.session.scalar(select(User)) is None


def test_concurrent_duplicate_registration_is_a_conflict(ctx):
    """If the pre-check is passed by two requests at once, the database still refuses the second."""
    accounts.register("bob", "bob@example.com", PASSWORD)
    original = accounts._taken_fields
    accounts._taken_fields = lambda *_: []
    try:
        with pytest.raises(Conflict):
            accounts.register("bob", "bob@example.com", PASSWORD)
    finally:
        accounts._taken_fields = original
