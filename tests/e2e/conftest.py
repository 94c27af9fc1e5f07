"""Browser tests: the real app served over HTTP on 127.0.0.1, driven by Debian's Chromium.

Playwright drives ``/usr/bin/chromium`` (or CHROMIUM_PATH); it never downloads a browser. Without
Chromium these tests skip with the reason.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from interview_coach.extensions import db
from testkit import make_app

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class MailLog(logging.Handler):
    """Collects what the app writes to the mail log (reset links when no SMTP is configured)."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def live_server(tmp_path):
    """Serve a fresh app on a free port in a background thread; yields (base_url, app, mail_log)."""
    app = make_app(tmp_path)
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    mail_log = MailLog()
    logger = logging.getLogger("interview_coach.mail")
    logger.addHandler(mail_log)
    base = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = base  # links in e-mails point where this server listens
    try:
        yield base, app, mail_log
    finally:
        logger.removeHandler(mail_log)
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}: browser tests skipped (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()

