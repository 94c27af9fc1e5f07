"""Accounts over the API: register, get a token, password reset, the profile and the résumé."""

from __future__ import annotations

from flask import Response

from ..errors import Invalid
from ..links import public_url
from ..ratelimits import limit, user_limit
from ..services import accounts, email_change, export, password_reset, resumes, tokens
from .auth import SECURITY, api_token, api_user, token_required
from .blueprint import ApiBlueprint
from .schemas import (
    EmailChangeSchema,
    EmailConfirmSchema,
    ErrorSchema,
    LoginTokenSchema,
    MessageSchema,
    NewTokenSchema,
    PasswordChangeSchema,
    PasswordSchema,
    ProfilePatchSchema,
    RegisterSchema,
    ResetConfirmSchema,
    ResetRequestSchema,
    ResumeSchema,
    ResumeUploadSchema,
    UserSchema,
)

blp = ApiBlueprint("accounts", __name__, description="Accounts, profile and résumé.")


@blp.post("/auth/register")
@limit("REGISTER_RATE_LIMIT")
@blp.arguments(RegisterSchema)
@blp.response(201, UserSchema)
@blp.alt_response(409, schema=ErrorSchema, description="The username or e-mail address is already registered.")
@blp.alt_response(422, schema=ErrorSchema, description="Invalid fields (each named, with every problem).")
def register(body):
    """Create an account."""
    return accounts.register(body["username"], body["email"], body["password"]).to_public()


@blp.post("/auth/token")
@limit("LOGIN_RATE_LIMIT")
@blp.arguments(LoginTokenSchema)
@blp.response(201, NewTokenSchema)
@blp.alt_response(401, schema=ErrorSchema, description="Wrong username/e-mail or password.")
@blp.alt_response(409, schema=ErrorSchema, description="You already have the most tokens allowed (20); revoke one.")
def issue_token(body):
    """Exchange a username (or e-mail) and password for a new personal API token."""
    user = accounts.authenticate(body["login"], body["password"])
    return _new_token(user.id, body)


@blp.post("/auth/password-reset")
@limit("RESET_RATE_LIMIT")
@blp.arguments(ResetRequestSchema)
@blp.response(202, MessageSchema)
def request_password_reset(body):
    """E-mail a reset link if an account has this address (the answer is the same either way)."""
    password_reset.request_reset(
        body["email"], lambda token: public_url("auth.reset_password", token=token)
    )
    return {"message": "If an account uses that address, a reset link has been sent. It works for 30 minutes."}


@blp.post("/auth/password-reset/confirm")
@limit("RESET_RATE_LIMIT")
@blp.arguments(ResetConfirmSchema)
@blp.response(200, MessageSchema)
def confirm_password_reset(body):
    """Set a new password with the token from the reset link (single use, 30 minutes)."""
    password_reset.reset_password(body["token"], body["password"])
    return {"message": "Your password has been changed."}


@blp.get("/me")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, UserSchema)
def get_me():
    """Your profile."""
    return api_user().to_public()


@blp.patch("/me")
@token_required
@blp.doc(security=SECURITY)
@blp.arguments(ProfilePatchSchema)
@blp.response(200, UserSchema)
def patch_me(body):
    """Change profile fields; fields left out stay as they are."""
    update = accounts.ProfileUpdate(
        full_name=body["full_name"] or "" if "full_name" in body else None,
        phone=body["phone"] or "" if "phone" in body else None,
        experience_years=(body["experience_years"] or 0) if "experience_years" in body else None,
        skills=body.get("skills"),
    )
    return accounts.update_profile(api_user().id, update).to_public()


@blp.delete("/me")
@token_required
@blp.doc(security=SECURITY)
@blp.arguments(PasswordSchema)
@blp.response(204)
def delete_me(body):
    """Delete your account and all your data (asks for your password)."""
    accounts.delete_account(api_user().id, body["password"])


@blp.post("/me/password")
@token_required
@blp.doc(security=SECURITY)
@blp.arguments(PasswordChangeSchema)
@blp.response(200, MessageSchema)
def change_password(body):
    """Change your password. Browser logins end; with ``revoke_tokens`` (the default) every API token but
    the one making this call is revoked."""
    revoked = accounts.change_password(api_user().id, body["current_password"], body["new_password"],
                                       revoke_tokens=body["revoke_tokens"], keep_token_id=api_token().id)
    return {"message": f"Your password has been changed. {revoked} other API token(s) revoked."}


@blp.post("/me/email")
@token_required
@limit("EMAIL_CHANGE_RATE_LIMIT")
@user_limit("EMAIL_CHANGE_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.arguments(EmailChangeSchema)
@blp.response(202, MessageSchema)
@blp.alt_response(422, schema=ErrorSchema, description="Wrong password, or not a valid new address.")
def change_email(body):
    """Ask to change your e-mail address: a confirmation link goes to the new address, a notice to the
    current one, and the address changes only when the link is followed. The answer is the same whether
    or not another account has the address (its owner is told instead)."""
    email_change.request_change(api_user().id, body["new_email"], body["password"],
                                lambda token: public_url("profile.confirm_email", token=token))
    return {"message": "A confirmation link has been sent to the new address (unless it belongs to another "
                       "account). The address changes when it is followed; it works for 24 hours."}


@blp.post("/auth/email-change/confirm")
@limit("RESET_RATE_LIMIT")
@blp.arguments(EmailConfirmSchema)
@blp.response(200, MessageSchema)
@blp.alt_response(409, schema=ErrorSchema, description="The address was registered by another account meanwhile.")
@blp.alt_response(422, schema=ErrorSchema, description="The token is invalid, used or expired.")
def confirm_email_change(body):
    """Confirm an e-mail change with the token from the link sent to the new address."""
    email_change.confirm_change(body["token"])
    return {"message": "Your e-mail address has been changed."}


@blp.get("/me/export")
@token_required
@blp.doc(security=SECURITY, responses={"200": {
    "description": "A ZIP: tables/<table>.json (your rows of each table), resume/ (your résumé file), "
                   "transcripts/ (mock interviews as Markdown) and README.txt. See the README's 'Your data'.",
    "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}})
def export_me():
    """Download all your data (GDPR Art. 20) as a ZIP."""
    user = api_user()
    return Response(export.export_zip(user.id), mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{export.file_name(user.username)}"'})


@blp.put("/me/resume")
@token_required
@user_limit("UPLOAD_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.arguments(ResumeUploadSchema, location="files")
@blp.response(200, ResumeSchema)
@blp.alt_response(413, schema=ErrorSchema, description="The file is over the size limit.")
@blp.alt_response(422, schema=ErrorSchema, description="Empty, unsupported, disguised or unreadable file.")
def put_resume(files):
    """Upload (or replace) your résumé; the type is checked from the content, not the name."""
    upload = files.get("file")
    if upload is None:
        raise Invalid.field("file", "Send the résumé as multipart form field 'file'.")
    return resumes.upload_resume(api_user().id, upload.read(), upload.filename)


@blp.get("/me/resume")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, ResumeSchema)
def get_resume():
    """Your stored résumé's name and extracted text."""
    return resumes.get_resume(api_user().id)


@blp.delete("/me/resume")
@token_required
@blp.doc(security=SECURITY)
@blp.response(204)
def delete_resume():
    """Remove your résumé file and text."""
    resumes.delete_resume(api_user().id)


def _new_token(user_id: int, body: dict) -> dict:
    """Create a token from a create request's options and return it with its secret."""
    token, secret = tokens.create_token(user_id, body["name"], scope=body["scope"],
                                        expires_in_days=body.get("expires_in_days", tokens.DEFAULT))
    return _token_dict(token, secret)


def _token_dict(token, secret=None):
    data = {"id": token.id, "name": token.name, "prefix": token.prefix, "scope": token.scope,
            "created_at": token.created_at, "last_used_at": token.last_used_at,
            "expires_at": token.expires_at, "expired": tokens.is_expired(token)}
    if secret:
        data["token"] = secret
    return data
