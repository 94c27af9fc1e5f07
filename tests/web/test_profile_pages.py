"""The profile page: details (also via htmx), résumé upload, password, tokens, deletion."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_coach.extensions import db
from interview_coach.models import ApiToken, User
from testkit import PASSWORD, RESUMES, csrf_token, login, post_form, upload_resume


def _user(app, user_id) -> User:
    with app.app_context():
        return db.session.get(User, user_id)


def test_profile_update_saves_details(app, logged_in):
    """Saving the form stores name, phone, experience and skills."""
    client, user_id = logged_in
    response = post_form(client, "/profile", {"full_name": "Alice Smith", "email": "alice@example.com",
                                              "phone": "+1 555 0100", "experience_years": "3",
                                              "skills": "Python, PostgreSQL\nDocker"})
    assert response.status_code == 302
    user = _user(app, user_id)
    assert (user.full_name, user.phone, user.experience_years) == ("Alice Smith", "+1 555 0100", 3)
    assert user.skills == ["Python", "PostgreSQL", "Docker"]


def test_profile_update_over_htmx_returns_the_form_fragment(app, logged_in):
    """An htmx post gets back just the form with a saved notice, not a whole page."""
    client, user_id = logged_in
    token = csrf_token(client, "/profile")
    response = client.post("/profile", data={"email": "alice@example.com", "full_name": "Alice H"},
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Your profile is saved." in html and "<html" not in html
    assert _user(app, user_id).full_name == "Alice H"


def test_profile_errors_keep_the_typed_values(app, logged_in):
    """A bad phone number is reported and the other typed values stay in the form."""
    client, user_id = logged_in
    response = post_form(client, "/profile", {"full_name": "Alice Typed", "email": "alice@example.com",
                                              "phone": "call me", "skills": "Go"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Use digits, spaces" in html and 'value="Alice Typed"' in html
    assert _user(app, user_id).full_name is None


def test_forged_post_without_csrf_token_is_refused(app, logged_in):
    """A cross-site form post without the CSRF token changes nothing."""
    client, user_id = logged_in
    response = client.post("/profile", data={"email": "evil@example.com", "full_name": "Hacked"})
    assert response.status_code == 400
    assert "The form expired or was not sent from this site" in response.get_data(as_text=True)
    assert _user(app, user_id).email == "alice@example.com"


def test_upload_text_resume_extracts_text(app, logged_in):
    """A TXT résumé is stored under a random name with its text extracted."""
    client, user_id = logged_in
    response = upload_resume(client, "Alice Smith\nExperience\nBackend engineer at Acme (2019–2024)\n".encode(),
                       "../../My CV.txt")
    assert response.status_code == 302
    user = _user(app, user_id)
    assert user.resume_filename == "My CV.txt"
    assert "Backend engineer at Acme" in user.resume_text
    stored = Path(app.instance_path, "uploads", "resumes", user.resume_stored_name)
    assert stored.exists() and user.resume_stored_name != "My CV.txt"
    page = client.get("/profile/resume/text").get_data(as_text=True)
    assert "Backend engineer at Acme" in page


@pytest.mark.skipif(not RESUMES.exists(), reason="shared résumé files are not present")
def test_upload_pdf_resume_and_reupload_replaces_the_old_file(app, logged_in):
    """A real PDF résumé is read; a second upload replaces the first file on disk."""
    client, user_id = logged_in
    pdf = RESUMES / "resumematcher__john_doe_latex_plain.pdf"
    assert upload_resume(client, pdf.read_bytes(), pdf.name).status_code == 302
    first = _user(app, user_id)
    assert "JOHN DOE" in first.resume_text.upper()
    first_path = Path(app.instance_path, "uploads", "resumes", first.resume_stored_name)
    assert first_path.exists()
    assert upload_resume(client, b"Second version of my CV with Kubernetes experience.", "cv2.txt").status_code == 302
    second = _user(app, user_id)
    assert "Kubernetes" in second.resume_text and not first_path.exists()


def test_disguised_upload_is_refused(app, logged_in):
    """A PNG named .pdf is refused with a clear message; nothing is stored."""
    client, user_id = logged_in
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    response = upload_resume(client, png, "resume.pdf")
    assert response.status_code == 422
    assert "PDF, DOCX" in response.get_data(as_text=True)
    assert _user(app, user_id).resume_stored_name is None


def test_oversized_upload_is_refused(app, logged_in):
    """A file over 5 MB is refused with the limit in the message."""
    client, user_id = logged_in
    response = upload_resume(client, b"a" * (5 * 1024 * 1024 + 10), "big.txt")
    assert response.status_code in (413, 422)
    assert "5 MB" in response.get_data(as_text=True)
    assert _user(app, user_id).resume_stored_name is None


def test_tokens_created_and_revoked_from_the_page(app, logged_in):
    """A token is shown once after creation and disappears when revoked (htmx fragments)."""
    client, user_id = logged_in
    token = csrf_token(client, "/profile")
    headers = {"HX-Request": "true", "X-CSRFToken": token}
    html = client.post("/profile/tokens", data={"name": "my script"}, headers=headers).get_data(as_text=True)
    assert 'data-testid="new-token">icp_' in html and "my script" in html
    with app.app_context():
        token_id = db.session.query(ApiToken).one().id
    html = client.post(f"/profile/tokens/{token_id}/revoke", headers=headers).get_data(as_text=True)
    assert "You have no API tokens." in html


def test_cannot_revoke_another_users_token(app, client, make_user):
    """Revoking someone else's token id is a 404 and their token survives."""
    from interview_coach.services import tokens

    bob = make_user("bob")
    with app.app_context():
        bob_token, _ = tokens.create_token(bob, "bob's")
        bob_token_id = bob_token.id
    make_user("mallory")
    login(client, "mallory")
    response = post_form(client, f"/profile/tokens/{bob_token_id}/revoke", {}, page="/profile")
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(ApiToken, bob_token_id).revoked_at is None


def test_change_password_from_profile(client, logged_in):
    """The password form changes the password; the old one stops working."""
    client, _ = logged_in
    response = post_form(client, "/profile/password", {"current_password": PASSWORD,
                                                       "new_password": "another good passphrase",
                                                       "confirm": "another good passphrase"})
    assert response.status_code == 302
    assert client.get("/home").status_code == 200  # this session continues
    other = client.application.test_client()
    assert login(other, "alice").status_code == 401
    assert login(other, "alice", "another good passphrase").status_code == 302


def test_delete_account_removes_rows_and_files(app, logged_in):
    """Deleting the account (with the password) removes the user and the résumé file."""
    client, user_id = logged_in
    upload_resume(client, b"My CV text for deletion test.", "cv.txt")
    stored = Path(app.instance_path, "uploads", "resumes", _user(app, user_id).resume_stored_name)
    assert stored.exists()
    wrong = post_form(client, "/profile/delete", {"password": "not it at all", "confirm": "y"})
    assert wrong.status_code == 422 and _user(app, user_id) is not None
    response = post_form(client, "/profile/delete", {"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    assert _user(app, user_id) is None and not stored.exists()
    assert client.get("/home").status_code == 302
