"""API tokens: an expiry chosen at creation (90 days unless asked otherwise, never only when asked), a
read-only or read-write scope, the last use in the list, revoked on a password reset and, unless the user
keeps them, on a password change. Over the API (checked against the OpenAPI document) and the profile page."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from interview_coach.extensions import db
from interview_coach.models import ApiToken, utcnow
from testkit import PASSWORD, csrf_token, post_form


def _token(call, **options):
    response = call("POST", "/api/v1/auth/token", json={"login": "apiuser", "password": PASSWORD, **options})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    return {"Authorization": f"Bearer {body['token']}"}, body


def _days_from_now(stamp: str) -> float:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))  # RFC 3339, with its UTC offset
    return (moment.astimezone(UTC).replace(tzinfo=None) - utcnow()).total_seconds() / 86400


def test_expiry_defaults_to_90_days_and_never_only_when_asked(call, api_token):
    """No expiry asked: 90 days; 7 asked: 7 days; null asked: never; out of range: 422 naming the field."""
    _, default = _token(call)
    assert 89.9 < _days_from_now(default["expires_at"]) <= 90 and default["expired"] is False
    _, week = _token(call, expires_in_days=7)
    assert 6.9 < _days_from_now(week["expires_at"]) <= 7
    _, forever = _token(call, expires_in_days=None)
    assert forever["expires_at"] is None
    refused = call("POST", "/api/v1/auth/token", json={"login": "apiuser", "password": PASSWORD,
                                                      "expires_in_days": 0})
    assert refused.status_code == 422 and "expires_in_days" in refused.get_json()["error"]["details"]["fields"]


def test_an_expired_token_is_refused_and_shown_as_expired(app, call, api_token):
    """Past its expiry a token gets 401 (code expired_token) and the list marks it expired."""
    headers, _ = api_token
    old_headers, old = _token(call, expires_in_days=1)
    with app.app_context():
        db.session.execute(update(ApiToken).where(ApiToken.id == old["id"])
                           .values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    refused = call("GET", "/api/v1/me", headers=old_headers)
    assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "expired_token"
    listed = {t["id"]: t for t in call("GET", "/api/v1/tokens", headers=headers).get_json()}
    assert listed[old["id"]]["expired"] is True


def test_a_read_only_token_reads_but_every_write_is_403(call, api_token):
    """A read-only token can GET; POST, PUT, PATCH and DELETE get 403 (code read_only_token) and change nothing."""
    headers, _ = _token(call, scope="read_only")
    assert call("GET", "/api/v1/me", headers=headers).status_code == 200
    assert call("GET", "/api/v1/tokens", headers=headers).status_code == 200
    writes = [("PATCH", "/api/v1/me", {"full_name": "Changed"}), ("POST", "/api/v1/tokens", {"name": "more"}),
              ("POST", "/api/v1/practice/sessions", {"topics": ["DBMS"]}),
              ("POST", "/api/v1/mock-interviews", {"job_title": "Dev", "company_name": "Acme"}),
              ("DELETE", "/api/v1/me", {"password": PASSWORD}), ("DELETE", "/api/v1/me/resume", None)]
    for method, path, body in writes:
        response = call(method, path, headers=headers, json=body)
        assert response.status_code == 403, (method, path)
        assert response.get_json()["error"]["code"] == "read_only_token"
    assert call("GET", "/api/v1/me", headers=headers).get_json()["full_name"] is None
    assert call("GET", "/api/v1/mock-interviews", headers=headers).get_json() == []


def test_the_token_list_shows_scope_expiry_and_last_use(call, api_token):
    """After a token is used, the list gives its last-used time; scope and expiry are listed too."""
    headers, _ = api_token
    reader_headers, reader = _token(call, scope="read_only", name="reader")
    listed = {t["name"]: t for t in call("GET", "/api/v1/tokens", headers=headers).get_json()}
    assert listed["reader"]["last_used_at"] is None and listed["reader"]["scope"] == "read_only"
    call("GET", "/api/v1/me", headers=reader_headers)
    listed = {t["name"]: t for t in call("GET", "/api/v1/tokens", headers=headers).get_json()}
    assert listed["reader"]["last_used_at"] is not None and listed["tests"]["scope"] == "read_write"


def test_a_password_reset_revokes_every_token(call, api_token, caplog):
    """After a reset through the e-mailed link, no token of the account works any more."""
    headers, _ = api_token
    second, _ = _token(call)
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        call("POST", "/api/v1/auth/password-reset", json={"email": "apiuser@example.com"})
    token = re.search(r"/reset-password/(\S+)", caplog.text).group(1)
    assert call("POST", "/api/v1/auth/password-reset/confirm",
                json={"token": token, "password": "a reset passphrase"}).status_code == 200
    for stale in (headers, second):
        assert call("GET", "/api/v1/me", headers=stale).status_code == 401


def test_a_password_change_revokes_the_other_tokens_unless_kept(call, api_token):
    """By default a change revokes every token but the caller's; with revoke_tokens false all stay."""
    headers, _ = api_token
    other, _ = _token(call)
    changed = call("POST", "/api/v1/me/password", headers=headers,
                   json={"current_password": PASSWORD, "new_password": "first new passphrase"})
    assert changed.status_code == 200 and "1 other API token(s) revoked" in changed.get_json()["message"]
    assert call("GET", "/api/v1/me", headers=other).status_code == 401
    assert call("GET", "/api/v1/me", headers=headers).status_code == 200
    response = call("POST", "/api/v1/auth/token", json={"login": "apiuser", "password": "first new passphrase"})
    kept = {"Authorization": f"Bearer {response.get_json()['token']}"}
    call("POST", "/api/v1/me/password", headers=headers, json={
        "current_password": "first new passphrase", "new_password": "second new passphrase", "revoke_tokens": False})
    assert call("GET", "/api/v1/me", headers=kept).status_code == 200


def test_the_profile_page_creates_a_read_only_never_expiring_token(app, logged_in):
    """The page offers expiry (90 days preselected) and access; the list shows what was chosen."""
    client, _ = logged_in
    page = client.get("/profile").get_data(as_text=True)
    assert '<option selected value="90">90 days</option>' in page and '<option value="never">Never</option>' in page
    created = post_form(client, "/profile/tokens", {"name": "ci reader", "expires": "never", "scope": "read_only"})
    html = created.get_data(as_text=True)
    assert 'data-testid="new-token">icp_' in html
    secret = re.search(r'data-testid="new-token">(icp_[^<]+)<', html).group(1)
    with app.app_context():
        row = db.session.query(ApiToken).one()
        assert row.expires_at is None and row.scope == "read_only"
    row_html = re.search(r"<td>ci reader</td>(.*?)</tr>", html, re.S).group(1)
    assert "read only" in row_html and "<td>never</td>" in row_html
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert client.patch("/api/v1/me", headers=headers, json={"full_name": "x"}).status_code == 403


def test_the_password_form_revokes_tokens_unless_unticked(app, logged_in):
    """The profile's password change has "also revoke my API tokens" ticked; unticked, tokens survive."""
    from interview_coach.services import tokens

    client, user_id = logged_in
    assert re.search(r'<input[^>]* checked [^>]*name="revoke_tokens"', client.get("/profile").get_data(as_text=True))
    with app.app_context():
        _, first = tokens.create_token(user_id, "first")
    post_form(client, "/profile/password", {"current_password": PASSWORD, "new_password": "brand new passphrase",
                                            "confirm": "brand new passphrase", "revoke_tokens": "y"})
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    with app.app_context():
        _, second = tokens.create_token(user_id, "second")
    token = csrf_token(client, "/profile")
    client.post("/profile/password", data={"csrf_token": token, "current_password": "brand new passphrase",
                                           "new_password": "another passphrase here",
                                           "confirm": "another passphrase here"})
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {second}"}).status_code == 200
