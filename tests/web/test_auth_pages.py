"""Register, log in, log out and reset a password through the pages, as a browser would."""

from __future__ import annotations

import logging
import re

from interview_coach.extensions import db
from interview_coach.models import User
from testkit import PASSWORD, csrf_token, login, post_form


def test_register_logs_in_and_lands_home(client):
    """A valid registration creates the account, logs in and greets the user."""
    response = post_form(client, "/register", {"username": "carol", "email": "carol@example.com",
                                               "password": PASSWORD, "confirm": PASSWORD},
                         follow_redirects=True)
    assert response.status_code == 200
    assert "Welcome, carol!" in response.get_data(as_text=True)
    assert client.get("/home").status_code == 200


def test_register_errors_keep_what_was_typed_except_passwords(client):
    """On an error the username and e-mail stay filled in; the password fields are blank."""
    response = post_form(client, "/register", {"username": "carol", "email": "carol@example.com",
                                               "password": "password", "confirm": "password"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "one of the most commonly used" in html
    assert 'value="carol"' in html and 'value="carol@example.com"' in html
    assert 'value="password"' not in html


def test_register_mismatched_confirmation(client):
    """Different password and confirmation are reported on the confirmation field."""
    response = post_form(client, "/register", {"username": "carol", "email": "carol@example.com",
                                               "password": PASSWORD, "confirm": PASSWORD + "x"})
    assert response.status_code == 422
    assert "The passwords differ." in response.get_data(as_text=True)


def test_login_by_email_with_remember_me(client, make_user):
    """Logging in by e-mail with 'remember me' sets an HttpOnly remember cookie."""
    make_user("dave", "dave@example.com")
    response = login(client, "dave@example.com", remember="y")
    assert response.status_code == 302 and response.headers["Location"].endswith("/home")
    cookies = response.headers.getlist("Set-Cookie")
    remember = [c for c in cookies if c.startswith("remember_token=")]
    assert remember and "HttpOnly" in remember[0]
    session_cookie = [c for c in cookies if c.startswith("session=")][0]
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie


def test_wrong_password_shows_one_message(client, make_user):
    """A wrong password is refused with a message that does not reveal whether the user exists."""
    make_user("dave")
    response = login(client, "dave", "not my password at all")
    assert response.status_code == 401
    assert "Wrong username/e-mail or password." in response.get_data(as_text=True)


def test_login_follows_a_local_next(client, make_user):
    """After login the user lands on the local page they asked for."""
    make_user("dave")
    page = client.get("/profile")
    assert page.status_code == 302 and "next=%2Fprofile" in page.headers["Location"]
    token = csrf_token(client, "/login?next=/profile")
    response = client.post("/login", data={"login": "dave", "password": PASSWORD, "next": "/profile",
                                           "csrf_token": token})
    assert response.headers["Location"].endswith("/profile")


def test_logout_ends_the_session(logged_in):
    """After logging out, signed-in pages redirect to the login page."""
    client, _ = logged_in
    response = post_form(client, "/logout", {}, page="/home")
    assert response.status_code == 302
    assert client.get("/home").status_code == 302


def test_forgot_and_reset_password_via_the_logged_link(client, make_user, caplog):
    """The reset link from the server log sets a new password that then logs in."""
    make_user("erin", "erin@example.com")
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        response = post_form(client, "/forgot-password", {"email": "erin@example.com"})
    assert response.status_code == 302
    link = re.search(r"http://localhost(/reset-password/\S+)", caplog.text).group(1)
    response = post_form(client, link, {"password": "brand new passphrase", "confirm": "brand new passphrase"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert login(client, "erin", "brand new passphrase").status_code == 302


def test_forgot_password_answers_the_same_for_unknown_addresses(client, make_user):
    """Known and unknown addresses get the same page and message."""
    make_user("erin", "erin@example.com")
    known = post_form(client, "/forgot-password", {"email": "erin@example.com"}, follow_redirects=True)
    unknown = post_form(client, "/forgot-password", {"email": "zed@example.com"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert "If an account uses that address" in known.get_data(as_text=True)
    assert "If an account uses that address" in unknown.get_data(as_text=True)


def test_reused_reset_link_is_refused(client, make_user, caplog):
    """A reset link works once; the second visit says it is invalid, used or expired."""
    make_user("erin", "erin@example.com")
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        post_form(client, "/forgot-password", {"email": "erin@example.com"})
    link = re.search(r"http://localhost(/reset-password/\S+)", caplog.text).group(1)
    post_form(client, link, {"password": "brand new passphrase", "confirm": "brand new passphrase"})
    again = client.get(link, follow_redirects=True)
    assert "invalid, used or expired" in again.get_data(as_text=True)


def test_password_reset_logs_out_other_sessions(app, make_user, caplog):
    """A session that was logged in before the reset is logged out by it."""
    make_user("erin", "erin@example.com")
    other_device = app.test_client()
    login(other_device, "erin")
    assert other_device.get("/home").status_code == 200
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        post_form(client, "/forgot-password", {"email": "erin@example.com"})
    link = re.search(r"http://localhost(/reset-password/\S+)", caplog.text).group(1)
    post_form(client, link, {"password": "brand new passphrase", "confirm": "brand new passphrase"})
    assert other_device.get("/home").status_code == 302


def test_landing_page_explains_the_product(client):
    """Visitors see what the product does and how to start."""
    html = client.get("/").get_data(as_text=True)
    assert "runs on your own computer" in html
    assert 'href="/register"' in html


def test_user_count_unchanged_by_failed_registration(app, client):
    """A refused registration stores nothing."""
    post_form(client, "/register", {"username": "x", "email": "bad", "password": "a", "confirm": "a"})
    with app.app_context():
        assert db.session.query(User).count() == 0


def test_register_reports_all_rules_at_once(client):
    """Empty passwords do not hide the username and e-mail problems."""
    response = post_form(client, "/register", {"username": "x", "email": "bad", "password": "", "confirm": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Use 3–80 letters" in html
    assert "@-sign" in html
    assert "This field is required." in html
