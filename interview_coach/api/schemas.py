"""Request and response schemas shared by the account and token endpoints."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import email_validator

from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from ..services.accounts import USERNAME_RE
from ..services.passwords import MAX_LENGTH, MIN_LENGTH

# Rules the services enforce (with their own messages), stated in the document for clients. Every
# string a request sends is also free of null characters (web/request_guards.py; see api/document.py).
NOT_BLANK = r"^[^\x00]*[^\s\x00][^\x00]*$"
"""A string with at least one character that is not whitespace (the services strip what they store)."""
NEW_PASSWORD = {"minLength": MIN_LENGTH, "maxLength": MAX_LENGTH, "description": (
    f"{MIN_LENGTH}–{MAX_LENGTH} characters; not one of the 10,000 most common passwords, nor your "
    "username or e-mail address.")}


def _special_use_domains() -> str:
    """A pattern refusing addresses whose domain ends in a special-use name (``.test``, ``.local`` …),
    which the e-mail check refuses; written case by case since JSON Schema patterns have no flags."""
    names = "|".join("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in name)
                     for name in email_validator.SPECIAL_USE_DOMAIN_NAMES)
    return rf"^(?![^\x00]*[.@](?:{names})\.?$)[^\x00]*$"


EMAIL = {"format": "email", "pattern": _special_use_domains(),
         "description": "An e-mail address (checked for syntax, not deliverability; special-use domains such "
                        "as .test or .local are refused)."}


class Timestamp(fields.DateTime):
    """A moment in time as an RFC 3339 ``date-time`` in UTC, e.g. ``2026-12-05T13:02:55.137353+00:00``.

    The database keeps naive UTC (see models/base.py) and some JSON fields keep ISO strings without an
    offset; both are written here with their time zone, as the OpenAPI ``date-time`` format requires.
    """

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class ErrorDetailSchema(Schema):
    status = fields.Int(required=True)
    code = fields.Str(required=True, metadata={"description": "Stable machine-readable code."})
    message = fields.Str(required=True)
    details = fields.Dict(metadata={"description": "For invalid input: {'fields': {name: [problems]}}."})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)


class RegisterSchema(Schema):
    username = fields.Str(required=True, validate=validate.Length(max=80), metadata={
        "pattern": USERNAME_RE.pattern,
        "description": "3–80 letters, digits, dots, dashes or underscores, starting with a letter or digit."})
    email = fields.Str(required=True, validate=validate.Length(max=120), metadata=EMAIL)
    password = fields.Str(required=True, load_only=True, validate=validate.Length(max=256), metadata=NEW_PASSWORD)


EXPIRES_DOC = ("Days until the token expires, 1–3650; omitted: the server's default (90 unless configured "
               "otherwise); null: never expires (only when asked for like this).")
SCOPE_DOC = "read_write (default) or read_only: a read-only token gets 403 on any request but GET."


class TokenOptionsSchema(Schema):
    expires_in_days = fields.Int(allow_none=True, validate=validate.Range(min=1, max=3650),
                                 metadata={"description": EXPIRES_DOC})
    scope = fields.Str(load_default="read_write", validate=validate.OneOf(["read_write", "read_only"]),
                       metadata={"description": SCOPE_DOC})


class LoginTokenSchema(TokenOptionsSchema):
    login = fields.Str(required=True, metadata={"description": "Username or e-mail address."})
    password = fields.Str(required=True, load_only=True)
    name = fields.Str(load_default="API token", validate=validate.Length(min=1, max=100),
                      metadata={"pattern": NOT_BLANK})


class UserSchema(Schema):
    id = fields.Int(dump_only=True)
    username = fields.Str(dump_only=True)
    email = fields.Str()
    full_name = fields.Str(allow_none=True)
    phone = fields.Str(allow_none=True)
    experience_years = fields.Int(allow_none=True)
    skills = fields.List(fields.Str())
    resume_filename = fields.Str(dump_only=True, allow_none=True)
    resume_uploaded_at = Timestamp(dump_only=True, allow_none=True)
    created_at = Timestamp(dump_only=True, allow_none=True)


class ProfilePatchSchema(Schema):
    full_name = fields.Str(allow_none=True, validate=validate.Length(max=100))
    # The service strips the number before checking it, so the document asks for no outer spaces.
    phone = fields.Str(allow_none=True, validate=validate.Length(max=20), metadata={
        "pattern": r"^$|^\+?[0-9().-][0-9 ().-]{3,18}[0-9().-]$",
        "description": "Digits, spaces, +, -, ( ) and . (5–20 characters); empty or null removes it."})
    experience_years = fields.Int(allow_none=True, validate=validate.Range(min=0, max=70))
    skills = fields.List(fields.Str(validate=validate.Length(max=60)), validate=validate.Length(max=100))


class PasswordSchema(Schema):
    password = fields.Str(required=True, load_only=True)


class PasswordChangeSchema(Schema):
    current_password = fields.Str(required=True, load_only=True)
    new_password = fields.Str(required=True, load_only=True, metadata=NEW_PASSWORD)
    revoke_tokens = fields.Bool(load_default=True, metadata={
        "description": "Revoke every other API token of yours (the one making this call stays)."})


class EmailChangeSchema(Schema):
    new_email = fields.Str(required=True, validate=validate.Length(min=1, max=120), metadata=EMAIL)
    password = fields.Str(required=True, load_only=True, metadata={"description": "Your current password."})


class EmailConfirmSchema(Schema):
    token = fields.Str(required=True, validate=validate.Length(min=1, max=200),
                       metadata={"description": "The token from the confirmation link sent to the new address."})


class ResetRequestSchema(Schema):
    email = fields.Str(required=True, metadata=EMAIL)


class ResetConfirmSchema(Schema):
    token = fields.Str(required=True, metadata={"minLength": 1, "maxLength": 200,
                                                "description": "The token from the reset link."})
    password = fields.Str(required=True, load_only=True, metadata=NEW_PASSWORD)


class MessageSchema(Schema):
    message = fields.Str(required=True)


class ResumeUploadSchema(Schema):
    file = Upload(required=True, metadata={"description": "PDF, DOCX or TXT, at most 5 MB."})


class ResumeSchema(Schema):
    filename = fields.Str()
    kind = fields.Str(metadata={"description": "pdf, docx or txt (from the file's content)."})
    uploaded_at = Timestamp(allow_none=True)
    characters = fields.Int()
    text = fields.Str()
    warnings = fields.List(fields.Str())


class TokenSchema(Schema):
    id = fields.Int()
    name = fields.Str()
    prefix = fields.Str(metadata={"description": "The first characters of the token."})
    created_at = Timestamp()
    last_used_at = Timestamp(allow_none=True, metadata={"description": "Last request made with it "
                                                                             "(to the minute)."})
    expires_at = Timestamp(allow_none=True, metadata={"description": "None: never expires."})
    expired = fields.Bool()
    scope = fields.Str(metadata={"description": "read_write or read_only."})


class NewTokenSchema(TokenSchema):
    token = fields.Str(metadata={"description": "The secret. Shown once; store it safely."})


class TokenCreateSchema(TokenOptionsSchema):
    name = fields.Str(required=True, validate=validate.Length(min=1, max=100),
                      metadata={"pattern": NOT_BLANK})
