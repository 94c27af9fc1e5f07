"""Every place a password is chosen (registration, change, reset; pages and API) asks for 12 characters."""

from __future__ import annotations

import logging
import re

from testkit import PASSWORD, post_form

ELEVEN = "tulip-orbit"  # 11 characters, not a common password
RULE = "Use at least 12 characters"


def test_registration_page_and_api_refuse_an_eleven_character_password(client):
    """Registering with 11 characters is refused on the page and over the API, saying 12 are needed."""
    page = post_form(client, "/register", {"username": "newbie", "email": "newbie@example.com",
                                           "password": ELEVEN, "confirm": ELEVEN})
    assert page.status_code == 422 and RULE in page.get_data(as_text=True)
    assert "At least 12 characters" in client.get("/register").get_data(as_text=True)
    api = client.post("/api/v1/auth/register", json={"username": "newbie", "email": "newbie@example.com",
                                                    "password": ELEVEN})
    assert api.status_code == 422
    assert RULE in " ".join(api.get_json()["error"]["details"]["fields"]["password"])
    ok = client.post("/api/v1/auth/register", json={"username": "newbie", "email": "newbie@example.com",
                                                   "password": ELEVEN + "s"})
    assert ok.status_code == 201


def test_password_change_refuses_eleven_characters(logged_in, api_token):
    """Changing a password to 11 characters is refused on the profile page and over the API."""
    client, _ = logged_in
    page = post_form(client, "/profile/password", {"current_password": PASSWORD, "new_password": ELEVEN,
                                                   "confirm": ELEVEN}, page="/profile", follow_redirects=True)
    assert RULE in page.get_data(as_text=True)
    headers, _ = api_token
    api = client.post("/api/v1/me/password", headers=headers,
                      json={"current_password": PASSWORD, "new_password": ELEVEN})
    assert api.status_code == 422 and RULE in api.get_data(as_text=True)


def test_password_reset_refuses_eleven_characters(client, make_user, caplog):
    """A reset link does not accept an 11-character password, on the page or over the API."""
    make_user("erin", "erin@example.com")
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        post_form(client, "/forgot-password", {"email": "erin@example.com"})
    link = re.search(r"http://localhost(/reset-password/(\S+))", caplog.text)
    page = post_form(client, link.group(1), {"password": ELEVEN, "confirm": ELEVEN})
    assert RULE in page.get_data(as_text=True)
    api = client.post("/api/v1/auth/password-reset/confirm", json={"token": link.group(2), "password": ELEVEN})
    assert api.status_code == 422 and RULE in api.get_data(as_text=True)
