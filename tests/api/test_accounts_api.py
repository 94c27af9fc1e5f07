"""Accounts through the JSON API, every response checked against the OpenAPI document."""

from __future__ import annotations

import io
import logging
import re

from testkit import PASSWORD


def test_register_get_token_and_read_profile(call):
    """Register, exchange the password for a token, then read and change the profile."""
    response = call("POST", "/api/v1/auth/register",
                    json={"username": "api_bob", "email": "bob@example.com", "password": PASSWORD})
    assert response.status_code == 201 and response.get_json()["username"] == "api_bob"
    response = call("POST", "/api/v1/auth/token", json={"login": "bob@example.com", "password": PASSWORD,
                                                         "name": "script"})
    assert response.status_code == 201
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    me = call("GET", "/api/v1/me", headers=headers).get_json()
    assert me["email"] == "bob@example.com" and "password_hash" not in me
    patched = call("PATCH", "/api/v1/me", headers=headers,
                   json={"full_name": "Bob API", "skills": ["Go", "Rust", "go"], "experience_years": 2})
    assert patched.status_code == 200
    assert patched.get_json()["skills"] == ["Go", "Rust"] and patched.get_json()["full_name"] == "Bob API"


def test_errors_have_a_stable_shape(call, api_token):
    """401, 404 and 422 errors all come as {"error": {status, code, message, details}}."""
    headers, _ = api_token
    unauthorised = call("GET", "/api/v1/me")
    assert unauthorised.status_code == 401 and unauthorised.get_json()["error"]["code"] == "unauthorized"
    missing = call("DELETE", "/api/v1/tokens/999999", headers=headers)
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    invalid = call("PATCH", "/api/v1/me", headers=headers, json={"experience_years": "lots"})
    body = invalid.get_json()["error"]
    assert invalid.status_code == 422 and "experience_years" in body["details"]["fields"]


def test_register_validation_errors_name_the_fields(call):
    """A weak password and a bad e-mail are reported per field."""
    response = call("POST", "/api/v1/auth/register", json={"username": "ok_name", "email": "nope",
                                                            "password": "password"})
    fields = response.get_json()["error"]["details"]["fields"]
    assert response.status_code == 422 and {"email", "password"} <= set(fields)


def test_wrong_password_gets_no_token(call, make_user):
    """A wrong password is a 401 with no token."""
    make_user("carl")
    response = call("POST", "/api/v1/auth/token", json={"login": "carl", "password": "wrong one"})
    assert response.status_code == 401 and "token" not in response.get_json()


def test_resume_upload_read_and_delete(call, api_token):
    """A résumé goes up as multipart, its text comes back, and it can be removed."""
    headers, _ = api_token
    data = {"file": (io.BytesIO(b"Jane Roe\nSkills: Python, Kafka, Terraform\n"), "cv.txt")}
    response = call("PUT", "/api/v1/me/resume", headers=headers, data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert response.get_json()["kind"] == "txt" and "Kafka" in response.get_json()["text"]
    assert "Kafka" in call("GET", "/api/v1/me/resume", headers=headers).get_json()["text"]
    assert call("DELETE", "/api/v1/me/resume", headers=headers).status_code == 204
    assert call("GET", "/api/v1/me/resume", headers=headers).status_code == 404


def test_disguised_resume_is_refused(call, api_token):
    """An executable named .docx is refused with a reason code."""
    headers, _ = api_token
    data = {"file": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 100), "cv.docx")}
    response = call("PUT", "/api/v1/me/resume", headers=headers, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "unsupported_type"


def test_tokens_list_create_revoke(call, api_token):
    """Tokens can be listed, created and revoked; a revoked token stops working."""
    headers, _ = api_token
    created = call("POST", "/api/v1/tokens", headers=headers, json={"name": "ci"}).get_json()
    listed = call("GET", "/api/v1/tokens", headers=headers).get_json()
    assert {t["name"] for t in listed} == {"tests", "ci"} and all("token" not in t for t in listed)
    other = {"Authorization": f"Bearer {created['token']}"}
    assert call("GET", "/api/v1/me", headers=other).status_code == 200
    assert call("DELETE", f"/api/v1/tokens/{created['id']}", headers=headers).status_code == 204
    assert call("GET", "/api/v1/me", headers=other).status_code == 401


def test_another_users_token_is_404(call, app, api_token, make_user):
    """Revoking another user's token by id is a 404."""
    from interview_coach.services import tokens

    headers, _ = api_token
    other = make_user("other")
    with app.app_context():
        token, _ = tokens.create_token(other, "theirs")
        token_id = token.id
    assert call("DELETE", f"/api/v1/tokens/{token_id}", headers=headers).status_code == 404


def test_password_reset_over_the_api(call, make_user, caplog):
    """Ask for a reset, take the token from the logged link, confirm a new password."""
    make_user("dina", "dina@example.com")
    with caplog.at_level(logging.WARNING, logger="interview_coach.mail"):
        assert call("POST", "/api/v1/auth/password-reset", json={"email": "dina@example.com"}).status_code == 202
    token = re.search(r"/reset-password/(\S+)", caplog.text).group(1)
    confirm = call("POST", "/api/v1/auth/password-reset/confirm",
                   json={"token": token, "password": "fresh api passphrase"})
    assert confirm.status_code == 200
    again = call("POST", "/api/v1/auth/password-reset/confirm", json={"token": token, "password": "x" * 12})
    assert again.status_code == 422 and again.get_json()["error"]["code"] == "bad_token"
    assert call("POST", "/api/v1/auth/token", json={"login": "dina", "password": "fresh api passphrase"}).status_code == 201


def test_delete_me_needs_the_password(call, api_token):
    """DELETE /me with the wrong password is refused; with the right one the account is gone."""
    headers, _ = api_token
    assert call("DELETE", "/api/v1/me", headers=headers, json={"password": "wrong"}).status_code == 422
    assert call("DELETE", "/api/v1/me", headers=headers, json={"password": PASSWORD}).status_code == 204
    assert call("GET", "/api/v1/me", headers=headers).status_code == 401
