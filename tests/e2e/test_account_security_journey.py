"""Account security in a real browser: an e-mail change by link, a read-only token that never expires,
"Download my data", and a logout that a copied cookie does not survive."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from testkit import register_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "my first good passphrase"


def test_email_change_token_export_and_logout(live_server, page, browser, tmp_path):
    """Change the address through the mailed link, create a read-only never-expiring token, download the
    data ZIP, then log out: the cookies copied before the logout no longer open the profile."""
    base, _app, mail_log = live_server
    register_in_browser(page, base, "secure", PASSWORD)
    expect(page.get_by_text("Welcome, secure!")).to_be_visible()

    page.get_by_role("link", name="Profile", exact=True).click()
    page.get_by_label("New e-mail address").fill("secure.new@example.com")
    page.get_by_label("Current password", exact=True).first.fill(PASSWORD)
    page.get_by_role("button", name="Change e-mail address").click()
    expect(page.get_by_text("We have sent a confirmation link")).to_be_visible()
    expect(page.get_by_test_id("current-email")).to_have_text("secure@example.com")
    path = re.search(r"https?://[^/\s]+(/profile/email/confirm/\S+)", "\n".join(mail_log.messages)).group(1)
    page.goto(base + path)
    expect(page.get_by_test_id("pending-email")).to_have_text("secure.new@example.com")
    page.get_by_role("button", name="Confirm the new address").click()
    expect(page.get_by_text("Your e-mail address is changed.")).to_be_visible()
    expect(page.get_by_test_id("current-email")).to_have_text("secure.new@example.com")

    page.get_by_label("Token name").fill("read-only script")
    page.get_by_label("Expires after").select_option("never")
    page.get_by_label("Access").select_option("read_only")
    page.get_by_role("button", name="Create token").click()  # htmx swaps the token panel
    expect(page.get_by_test_id("new-token")).to_contain_text("icp_")
    row = page.get_by_role("row").filter(has_text="read-only script")
    expect(row).to_contain_text("read only")
    expect(row).to_contain_text("never")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    target = tmp_path / "data.zip"
    download_info.value.save_as(target)
    with zipfile.ZipFile(target) as archive:
        user = json.loads(archive.read("tables/user.json"))["rows"][0]
    assert user["email"] == "secure.new@example.com" and "password_hash" not in user

    copied = page.context.cookies()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    thief = browser.new_context()
    try:
        thief.add_cookies(copied)
        stolen = thief.new_page()
        stolen.goto(base + "/profile")
        expect(stolen).to_have_url(re.compile(r"/login"))
    finally:
        thief.close()
    assert not page.console_errors
