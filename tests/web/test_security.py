"""Security behaviour a user (or attacker) can observe: headers, redirects, rate limits, secrets."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from interview_coach.config import ConfigError, Settings
from testkit import PASSWORD, csrf_token, login, make_app


def test_security_headers_on_pages(client):
    """Pages carry a CSP without inline script, nosniff and frame-ancestors 'none'."""
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    script_src = [d for d in csp.split(";") if d.strip().startswith("script-src")][0]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_scripts(client, logged_in):
    """Every <script> on our pages loads a file (the CSP would block inline code)."""
    import re

    client, _ = logged_in
    for path in ["/home", "/profile", "/api/v1/docs"]:
        html = client.get(path).get_data(as_text=True)
        for tag in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S):
            assert tag.strip() == "", f"inline script on {path}"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                    "javascript:alert(1)", "http:/evil.example"])
def test_open_redirect_next_is_ignored(client, make_user, target):
    """A `next` pointing off-site is ignored after login."""
    make_user("dave")
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"login": "dave", "password": PASSWORD, "next": target,
                                           "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"


def test_login_is_rate_limited(tmp_path):
    """Repeated logins from one address get 429, on the pages and the API alike (one budget)."""
    from interview_coach.extensions import db

    app = make_app(tmp_path, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    with app.app_context():
        db.create_all()
    client = app.test_client()
    statuses = [login(client, "nobody", "wrong password here").status_code for _ in range(4)]
    assert statuses[:3] == [401, 401, 401]
    assert statuses[3] == 429
    response = login(client, "nobody", "wrong password here")
    assert "Too many attempts" in response.get_data(as_text=True)
    api = client.post("/api/v1/auth/token", json={"login": "nobody", "password": "wrong password here"})
    assert api.status_code == 429 and api.get_json()["error"]["code"] == "rate_limited"


def test_production_refuses_to_start_without_secret_key():
    """Outside development, a missing SECRET_KEY stops the app with a clear message."""
    settings = Settings.from_env({"APP_ENV": "production"})
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        settings.to_flask("/tmp/unused-instance")


def test_cli_prints_the_secret_key_message(tmp_path):
    """Starting the real command in production without SECRET_KEY fails and says what to set."""
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(APP_ENV="production", INSTANCE_PATH=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/x.db")
    result = subprocess.run([sys.executable, "-m", "interview_coach.cli", "routes"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr + result.stdout


def test_development_creates_and_keeps_a_secret_key(tmp_path):
    """In development a random key is created once in the instance folder and reused."""
    first = Settings.from_env({"APP_ENV": "development"}).to_flask(str(tmp_path))["SECRET_KEY"]
    second = Settings.from_env({"APP_ENV": "development"}).to_flask(str(tmp_path))["SECRET_KEY"]
    assert first == second and len(first) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_unknown_page_is_a_friendly_404(client):
    """An unknown URL shows an HTML 404 page, not JSON."""
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Not found" in response.get_data(as_text=True)


@pytest.mark.redis
def test_rate_limits_are_shared_through_redis(tmp_path):
    """With REDIS_URL set, two app processes (here: two app instances) share one login budget."""
    import uuid

    from testkit import REDIS_URL

    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set: Redis tests skipped")
    from interview_coach.extensions import db

    prefix = f"test-{uuid.uuid4().hex}"
    apps = [make_app(tmp_path, REDIS_URL=REDIS_URL, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="2 per minute",
                     RATELIMIT_KEY_PREFIX=prefix) for _ in range(2)]
    with apps[0].app_context():
        db.create_all()
    assert apps[0].config["RATELIMIT_STORAGE_URI"] == REDIS_URL
    first, second = (a.test_client() for a in apps)
    assert login(first, "nobody", "wrong password here").status_code == 401
    assert login(second, "nobody", "wrong password here").status_code == 401
    assert login(first, "nobody", "wrong password here").status_code == 429
    import redis

    keys = redis.Redis.from_url(REDIS_URL).keys(f"*{prefix}*")
    assert keys, "the rate-limit counters are not in Redis"


def test_production_refuses_to_start_without_mail_server():
    """Production without MAIL_SERVER stops with a message naming MAIL_SERVER and ALLOW_LOG_RESET_LINKS."""
    env = {"APP_ENV": "production", "SECRET_KEY": "k" * 40, "PUBLIC_BASE_URL": "https://coach.example.org"}
    with pytest.raises(ConfigError, match="MAIL_SERVER is not set.*ALLOW_LOG_RESET_LINKS=true"):
        Settings.from_env(env).to_flask("/tmp/unused-instance")
    allowed = Settings.from_env({**env, "ALLOW_LOG_RESET_LINKS": "true"}).to_flask("/tmp/unused-instance")
    assert allowed["ALLOW_LOG_RESET_LINKS"] is True


def test_reset_link_is_not_logged_unless_allowed(tmp_path, caplog):
    """Without MAIL_SERVER and with ALLOW_LOG_RESET_LINKS off, the log says a mail was not sent, without its link."""
    import logging

    from interview_coach.extensions import db
    from interview_coach.services import accounts

    app = make_app(tmp_path, ALLOW_LOG_RESET_LINKS=False)
    with app.app_context():
        db.create_all()
        accounts.register("erin", "erin@example.com", PASSWORD)
    with caplog.at_level(logging.DEBUG):
        response = app.test_client().post("/api/v1/auth/password-reset", json={"email": "erin@example.com"})
    assert response.status_code == 202
    assert "reset-password" not in caplog.text
    assert "was not sent" in caplog.text


def test_hsts_is_sent_when_cookies_are_secure(tmp_path):
    """With Secure cookies every response carries Strict-Transport-Security; without, none does."""
    secure = make_app(tmp_path, SESSION_COOKIE_SECURE=True).test_client()
    assert secure.get("/").headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" in secure.get("/api/v1/openapi.json").headers
    plain = make_app(tmp_path, SESSION_COOKIE_SECURE=False).test_client()
    assert "Strict-Transport-Security" not in plain.get("/").headers
