"""Profile, résumé, password, API-token and account-deletion forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional


class ProfileForm(FlaskForm):
    full_name = StringField("Full name", validators=[Optional(), Length(max=100)],
                            render_kw={"autocomplete": "name"})
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=120)],
                       render_kw={"autocomplete": "email"})
    phone = StringField("Phone", validators=[Optional(), Length(max=20)],
                        render_kw={"autocomplete": "tel"})
    experience_years = IntegerField("Years of experience",
                                    validators=[Optional(), NumberRange(min=0, max=70)])
    skills = TextAreaField("Skills", description="Separate skills with commas or new lines.",
                           validators=[Optional(), Length(max=6000)])


class ResumeForm(FlaskForm):
    resume = FileField("Résumé (PDF, DOCX or TXT, up to 5 MB)",
                       validators=[FileRequired("Choose a file to upload.")])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField("New password", validators=[DataRequired()],
                                 render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Repeat new password",
                            validators=[DataRequired(), EqualTo("new_password", "The passwords differ.")],
                            render_kw={"autocomplete": "new-password"})


class TokenForm(FlaskForm):
    name = StringField("Token name", validators=[DataRequired(), Length(max=100)],
                       description="For example: laptop script")


class DeleteAccountForm(FlaskForm):
    password = PasswordField("Your password", validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})
    confirm = BooleanField("I understand that this deletes my account, my history and my files.",
                           validators=[DataRequired("Tick the box to confirm.")])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that post."""
