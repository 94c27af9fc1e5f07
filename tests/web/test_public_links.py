"""Absolute links come from PUBLIC_BASE_URL, and the Host header is checked against it (TRUSTED_HOSTS)."""

from __future__ import annotations

import logging
import re

import pytest

from interview_coach.config import ConfigError, Settings
from interview_coach.extensions import db
from testkit import csrf_token, make_app

BASE = "https://coach.example.org"


@pytest.fixture
def public_app(tmp_path):
    """An app whose public address is https://coach.example.org, also reached as proxy.internal."""
    app = make_app(tmp_path, PUBLIC_BASE_URL=BASE, TRUSTED_HOSTS=("proxy.internal",))
    with app.app_context():
        db.create_all()
        from interview_coach.services import accounts

        accounts.register("erin", "erin@example.com", "correct horse battery staple")
    return app


def _mailed_links(caplog) -> list[str]:
    return re.findall(r"(\S+/reset-password/\S+)", caplog.text)


def test_reset_link_from_the_web_form_is_on_the_configured_host(public_app, caplog):
    """A reset asked for through a host other than the public one mails a link on the public host."""
    client = public_app.test_client()
    page = "http://proxy.internal/forgot-password"
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        response = client.post(page, data={"email": "erin@example.com", "csrf_token": csrf_token(client, page)})
    assert response.status_code == 302
    links = _mailed_links(caplog)
    assert len(links) == 1 and links[0].startswith(f"{BASE}/reset-password/"), links


def test_reset_link_from_the_api_is_on_the_configured_host(public_app, caplog):
    """The API's reset request also mails a link on the public host, whatever host it came through."""
    client = public_app.test_client()
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        response = client.post("/api/v1/auth/password-reset", json={"email": "erin@example.com"},
                               base_url="http://proxy.internal")
    assert response.status_code == 202
    links = _mailed_links(caplog)
    assert len(links) == 1 and links[0].startswith(f"{BASE}/reset-password/"), links


@pytest.mark.parametrize("path", ["/forgot-password", "/api/v1/auth/password-reset"])
def test_a_foreign_host_header_is_refused_and_nothing_is_mailed(public_app, caplog, path):
    """Host: evil.example gets a 400 on the web form and the API, and no reset link is sent anywhere."""
    client = public_app.test_client()
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        if path.startswith("/api/"):
            response = client.post(path, json={"email": "erin@example.com"}, base_url="http://evil.example")
        else:
            response = client.post(path, data={"email": "erin@example.com"}, base_url="http://evil.example")
    assert response.status_code == 400
    assert _mailed_links(caplog) == []
    if path.startswith("/api/"):
        assert response.get_json()["error"]["code"] == "bad_request"


def test_reset_link_keeps_the_public_path_prefix(tmp_path, caplog):
    """An app published under a path (https://example.org/coach) mails links under that path."""
    app = make_app(tmp_path, PUBLIC_BASE_URL="https://example.org/coach/")
    with app.app_context():
        db.create_all()
        from interview_coach.services import accounts

        accounts.register("erin", "erin@example.com", "correct horse battery staple")
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        app.test_client().post("/api/v1/auth/password-reset", json={"email": "erin@example.com"})
    assert _mailed_links(caplog)[0].startswith("https://example.org/coach/reset-password/")


def test_development_accepts_the_hosts_make_run_is_reached_by(tmp_path):
    """The development default links to make run's address and accepts localhost and 127.0.0.1 only."""
    values = Settings.from_env({"APP_ENV": "development"}).to_flask(str(tmp_path))
    assert values["PUBLIC_BASE_URL"] == "http://127.0.0.1:5000"
    assert set(values["TRUSTED_HOSTS"]) == {"127.0.0.1", "localhost"}


def test_production_refuses_to_start_without_public_base_url():
    """Production without PUBLIC_BASE_URL stops with a message saying what to set."""
    settings = Settings.from_env({"APP_ENV": "production", "SECRET_KEY": "k" * 40, "MAIL_SERVER": "smtp.example.org"})
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL is not set"):
        settings.to_flask("/tmp/unused-instance")


def test_production_trusts_only_the_public_host(tmp_path):
    """In production the Host header must be PUBLIC_BASE_URL's host (or one listed in TRUSTED_HOSTS)."""
    values = Settings.from_env({"APP_ENV": "production", "SECRET_KEY": "k" * 40, "MAIL_SERVER": "smtp.example.org",
                                "PUBLIC_BASE_URL": BASE, "TRUSTED_HOSTS": "internal.lan"}).to_flask(str(tmp_path))
    assert values["TRUSTED_HOSTS"] == ["coach.example.org", "internal.lan"]


@pytest.mark.parametrize("url", ["coach.example.org", "ftp://coach.example.org", "https://coach.example.org/?a=1"])
def test_a_public_base_url_that_is_not_a_site_address_is_refused(url):
    """PUBLIC_BASE_URL must be an http(s) address without a query; the message names the setting."""
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
        Settings.from_env({"PUBLIC_BASE_URL": url})
