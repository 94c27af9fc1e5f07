"""A newcomer's whole account journey in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from interview_coach.extensions import db
from interview_coach.models import User
from testkit import SHARED

pytestmark = pytest.mark.browser

PASSWORD = "my first good passphrase"
NEW_PASSWORD = "my second good passphrase"
RESUME = SHARED / "data" / "resumes" / "resumematcher__john_doe_latex_plain.pdf"


def test_register_profile_resume_reset_and_delete(live_server, page, tmp_path):
    """Register → log in → edit profile → upload résumé → log out → reset password → log in → delete."""
    base, app, mail_log = live_server

    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Practise interviews")
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("E-mail").fill("newcomer@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Welcome, newcomer!")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Username or e-mail").fill("newcomer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome back")

    page.get_by_role("link", name="Profile", exact=True).click()
    page.get_by_label("Full name").fill("New Comer")
    page.get_by_label("Years of experience").fill("2")
    page.get_by_label("Skills").fill("Python, SQL, Docker")
    page.get_by_role("button", name="Save profile").click()  # htmx swaps the form in place
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    if RESUME.exists():
        upload, expected = str(RESUME), "JOHN DOE"
    else:
        fallback = tmp_path / "cv.txt"
        fallback.write_text("JOHN DOE\nExperience: backend engineer\n")
        upload, expected = str(fallback), "JOHN DOE"
    page.get_by_label(re.compile("Résumé \\(PDF")).set_input_files(upload)
    page.get_by_role("button", name="Upload résumé").click()
    expect(page.get_by_text(re.compile(r"uploaded: [\d,]+ characters of text read"))).to_be_visible()
    page.get_by_role("link", name="Check the text we read").click()
    expect(page.get_by_test_id("resume-text")).to_contain_text(expected)

    page.get_by_role("button", name="Log out").click()
    page.goto(base + "/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("E-mail").fill("newcomer@example.com")
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_text("If an account uses that address")).to_be_visible()
    link = re.search(r"(http://\S+/reset-password/\S+)", "\n".join(mail_log.messages)).group(1)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save new password").click()
    expect(page.get_by_text("Your password has been changed")).to_be_visible()

    page.get_by_label("Username or e-mail").fill("newcomer")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome back, New Comer")

    page.get_by_role("link", name="Profile", exact=True).click()
    page.get_by_role("link", name="Delete my account…").click()
    page.get_by_label("Your password").fill(NEW_PASSWORD)
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account and all its data have been deleted.")).to_be_visible()
    with app.app_context():
        assert db.session.query(User).count() == 0
    assert page.console_errors == []  # no CSP violations or script errors along the way
