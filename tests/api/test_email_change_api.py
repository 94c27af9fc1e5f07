"""E-mail change over the API, every response checked against the OpenAPI document."""

from __future__ import annotations

import logging
import re

from testkit import PASSWORD

MAIL = "interview_coach.mail"


def test_the_api_changes_the_address_by_link_and_patch_no_longer_does(call, api_token, caplog):
    """POST /me/email needs the password and sends the link; the token in it confirms; PATCH /me refuses email."""
    headers, _ = api_token
    refused = call("PATCH", "/api/v1/me", headers=headers, json={"email": "sneaky@example.com"})
    assert refused.status_code == 422
    wrong = call("POST", "/api/v1/me/email", headers=headers, json={"new_email": "n@example.com", "password": "nope"})
    assert wrong.status_code == 422 and "password" in wrong.get_json()["error"]["details"]["fields"]
    with caplog.at_level(logging.INFO, logger=MAIL):
        asked = call("POST", "/api/v1/me/email", headers=headers,
                     json={"new_email": "api.new@example.com", "password": PASSWORD})
    assert asked.status_code == 202
    token = re.search(r"/profile/email/confirm/(\S+)", caplog.text).group(1)
    assert call("GET", "/api/v1/me", headers=headers).get_json()["email"] == "apiuser@example.com"
    assert call("POST", "/api/v1/auth/email-change/confirm", json={"token": token}).status_code == 200
    assert call("GET", "/api/v1/me", headers=headers).get_json()["email"] == "api.new@example.com"
    again = call("POST", "/api/v1/auth/email-change/confirm", json={"token": token})
    assert again.status_code == 422 and again.get_json()["error"]["code"] == "bad_token"
