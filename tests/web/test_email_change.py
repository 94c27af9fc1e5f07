"""E-mail change: the current password, a confirmation link to the new address (the change happens only
when it is followed), a notice to the old one; and no way to test addresses faster than the rate limit,
neither by changing the address nor by registering."""

from __future__ import annotations

import logging
import re

import pytest

from interview_coach.extensions import db
from interview_coach.models import User
from testkit import PASSWORD, login, make_app, post_form

MAIL = "interview_coach.mail"


def _email(app, username: str = "alice") -> str:
    with app.app_context():
        return db.session.query(User).filter_by(username=username).one().email


def _mails(caplog) -> list[tuple[str, str]]:
    """(recipient, text) of every e-mail written to the log (no MAIL_SERVER in tests)."""
    out = []
    for record in caplog.records:
        match = re.match(r"MAIL_SERVER is not set; e-mail to (\S+) written here instead\.\n(.*)", record.getMessage(), re.S)
        if match:
            out.append((match.group(1), match.group(2)))
    return out


def test_the_change_needs_the_password_and_happens_only_when_the_link_is_followed(app, logged_in, caplog):
    """Wrong password: refused. Right one: the link goes to the new address, a notice to the old; the
    address is unchanged until the link's page is confirmed (opening it changes nothing)."""
    client, _ = logged_in
    wrong = post_form(client, "/profile/email", {"new_email": "alice.new@example.com", "password": "not my password"})
    assert wrong.status_code == 422 and "is not your current password." in wrong.get_data(as_text=True)
    with caplog.at_level(logging.INFO, logger=MAIL):
        asked = post_form(client, "/profile/email", {"new_email": "Alice.New@example.com", "password": PASSWORD})
    assert asked.status_code == 302
    mails = dict(_mails(caplog))
    assert set(mails) == {"alice.new@example.com", "alice@example.com"}
    assert "a***@example.com" in mails["alice@example.com"] and "/profile/email/confirm/" not in mails["alice@example.com"]
    link = re.search(r"https?://[^/\s]+(/profile/email/confirm/\S+)", mails["alice.new@example.com"]).group(1)
    assert _email(app) == "alice@example.com"
    page = client.get(link)
    assert page.status_code == 200 and "alice.new@example.com" in page.get_data(as_text=True)
    assert _email(app) == "alice@example.com"  # reading the page changes nothing
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=MAIL):
        confirmed = post_form(client, link, {})
    assert confirmed.status_code == 302 and _email(app) == "alice.new@example.com"
    assert [to for to, _ in _mails(caplog)] == ["alice@example.com"]
    used = client.get(link)
    assert used.status_code == 302 and "invalid, used or expired" in client.get("/profile").get_data(as_text=True)
    assert login(app.test_client(), "alice.new@example.com").status_code == 302


def test_a_taken_address_gets_the_same_answer_and_its_owner_is_told(app, logged_in, make_user, caplog):
    """Asking for another account's address looks exactly like a free one; nothing changes, and the
    address's owner (not the asker) gets a notice without any link."""
    client, _ = logged_in
    make_user("bob", "bob@example.com")
    with caplog.at_level(logging.INFO, logger=MAIL):
        free = post_form(client, "/profile/email", {"new_email": "free@example.com", "password": PASSWORD})
        free_page = client.get(free.headers["Location"]).get_data(as_text=True)
        taken = post_form(client, "/profile/email", {"new_email": "bob@example.com", "password": PASSWORD})
        taken_page = client.get(taken.headers["Location"]).get_data(as_text=True)
    assert free.status_code == taken.status_code == 302
    flash = re.compile(r'<div class="flash[^"]*"[^>]*>(.*?)</div>', re.S)
    assert flash.findall(free_page) == flash.findall(taken_page)
    to_bob = [text for to, text in _mails(caplog) if to == "bob@example.com"]
    assert len(to_bob) == 1 and "nothing was changed" in to_bob[0] and "confirm" not in to_bob[0]
    assert _email(app) == "alice@example.com" and _email(app, "bob") == "bob@example.com"


@pytest.fixture
def limited(tmp_path):
    """An app with the rate limits on and small: 2 e-mail changes and 3 registrations an hour."""
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, EMAIL_CHANGE_RATE_LIMIT="2 per hour",
                   REGISTER_RATE_LIMIT="3 per hour")
    with app.app_context():
        db.create_all()
        from interview_coach.services import accounts

        accounts.register("alice", "alice@example.com", PASSWORD)
    return app


def test_addresses_cannot_be_probed_through_the_email_change_faster_than_the_limit(limited):
    """The third change request within the hour is refused (429), over the page and the API alike."""
    client = limited.test_client()
    assert login(client, "alice").status_code == 302
    statuses = [post_form(client, "/profile/email", {"new_email": f"probe{n}@example.com", "password": PASSWORD})
                .status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    response = client.post("/api/v1/auth/token", json={"login": "alice", "password": PASSWORD})
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    api = client.post("/api/v1/me/email", headers=headers, json={"new_email": "probe9@example.com", "password": PASSWORD})
    assert api.status_code == 429


def test_registration_refusals_count_towards_the_limit(limited):
    """"Already registered" answers count like any other attempt: the fourth try within the hour is a 429,
    whichever form or API it comes through."""
    client = limited.test_client()
    statuses = []
    for n in range(2):
        statuses.append(post_form(client, "/register", {"username": f"someone{n}", "email": "alice@example.com",
                                                        "password": PASSWORD, "confirm": PASSWORD}).status_code)
    statuses.append(client.post("/api/v1/auth/register", json={"username": "someone9", "email": "alice@example.com",
                                                               "password": PASSWORD}).status_code)
    statuses.append(client.post("/api/v1/auth/register", json={"username": "someone8", "email": "carol@example.com",
                                                               "password": PASSWORD}).status_code)
    assert statuses == [422, 422, 409, 429]  # the API answers "already registered" with 409
