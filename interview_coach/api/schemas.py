"""Request and response schemas shared by the account and token endpoints."""

from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate


class ErrorDetailSchema(Schema):
    status = fields.Int(required=True)
    code = fields.Str(required=True, metadata={"description": "Stable machine-readable code."})
    message = fields.Str(required=True)
    details = fields.Dict(metadata={"description": "For invalid input: {'fields': {name: [problems]}}."})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)


class RegisterSchema(Schema):
    username = fields.Str(required=True, validate=validate.Length(max=80))
    email = fields.Str(required=True, validate=validate.Length(max=120))
    password = fields.Str(required=True, load_only=True, validate=validate.Length(max=256))


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
    name = fields.Str(load_default="API token", validate=validate.Length(min=1, max=100))


class UserSchema(Schema):
    id = fields.Int(dump_only=True)
    username = fields.Str(dump_only=True)
    email = fields.Str()
    full_name = fields.Str(allow_none=True)
    phone = fields.Str(allow_none=True)
    experience_years = fields.Int(allow_none=True)
    skills = fields.List(fields.Str())
    resume_filename = fields.Str(dump_only=True, allow_none=True)
    resume_uploaded_at = fields.DateTime(dump_only=True, allow_none=True)
    created_at = fields.DateTime(dump_only=True, allow_none=True)


class ProfilePatchSchema(Schema):
    full_name = fields.Str(allow_none=True, validate=validate.Length(max=100))
    phone = fields.Str(allow_none=True, validate=validate.Length(max=20))
    experience_years = fields.Int(allow_none=True, validate=validate.Range(min=0, max=70))
    skills = fields.List(fields.Str(validate=validate.Length(max=60)), validate=validate.Length(max=100))


class PasswordSchema(Schema):
    password = fields.Str(required=True, load_only=True)


class PasswordChangeSchema(Schema):
    current_password = fields.Str(required=True, load_only=True)
    new_password = fields.Str(required=True, load_only=True)
    revoke_tokens = fields.Bool(load_default=True, metadata={
        "description": "Revoke every other API token of yours (the one making this call stays)."})


class EmailChangeSchema(Schema):
    new_email = fields.Str(required=True, validate=validate.Length(min=1, max=120))
    password = fields.Str(required=True, load_only=True, metadata={"description": "Your current password."})


class EmailConfirmSchema(Schema):
    token = fields.Str(required=True, validate=validate.Length(min=1, max=200),
                       metadata={"description": "The token from the confirmation link sent to the new address."})


class ResetRequestSchema(Schema):
    email = fields.Str(required=True)


class ResetConfirmSchema(Schema):
    token = fields.Str(required=True)
    password = fields.Str(required=True, load_only=True)


class MessageSchema(Schema):
    message = fields.Str(required=True)


class ResumeUploadSchema(Schema):
    file = Upload(required=True, metadata={"description": "PDF, DOCX or TXT, at most 5 MB."})


class ResumeSchema(Schema):
    filename = fields.Str()
    kind = fields.Str(metadata={"description": "pdf, docx or txt (from the file's content)."})
    uploaded_at = fields.DateTime(allow_none=True)
    characters = fields.Int()
    text = fields.Str()
    warnings = fields.List(fields.Str())


class TokenSchema(Schema):
    id = fields.Int()
    name = fields.Str()
    prefix = fields.Str(metadata={"description": "The first characters of the token."})
    created_at = fields.DateTime()
    last_used_at = fields.DateTime(allow_none=True, metadata={"description": "Last request made with it "
                                                                             "(to the minute)."})
    expires_at = fields.DateTime(allow_none=True, metadata={"description": "None: never expires."})
    expired = fields.Bool()
    scope = fields.Str(metadata={"description": "read_write or read_only."})


class NewTokenSchema(TokenSchema):
    token = fields.Str(metadata={"description": "The secret. Shown once; store it safely."})


class TokenCreateSchema(TokenOptionsSchema):
    name = fields.Str(required=True, validate=validate.Length(min=1, max=100))
