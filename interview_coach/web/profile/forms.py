"""Profile, résumé, password, API-token and account-deletion forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from ...services.passwords import RULE


class ProfileForm(FlaskForm):
    full_name = StringField("Full name", validators=[Optional(), Length(max=100)],
                            render_kw={"autocomplete": "name"})
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
    new_password = PasswordField("New password", validators=[DataRequired()], description=RULE,
                                 render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Repeat new password",
                            validators=[DataRequired(), EqualTo("new_password", "The passwords differ.")],
                            render_kw={"autocomplete": "new-password"})
    revoke_tokens = BooleanField("Also revoke all my API tokens", default=True)


class EmailForm(FlaskForm):
    new_email = EmailField("New e-mail address", validators=[DataRequired(), Length(max=120)],
                           render_kw={"autocomplete": "email"})
    password = PasswordField("Current password", validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})


EXPIRY_CHOICES = [SelectChoice("7", "7 days"), SelectChoice("30", "30 days"), SelectChoice("90", "90 days"),
                  SelectChoice("365", "1 year"), SelectChoice("never", "Never")]


class TokenForm(FlaskForm):
    name = StringField("Token name", validators=[DataRequired(), Length(max=100)],
                       description="For example: laptop script")
    expires = SelectField("Expires after", choices=EXPIRY_CHOICES, default="90")
    scope = SelectField("Access", choices=[SelectChoice("read_write", "Read and write"), SelectChoice("read_only", "Read only")],
                        default="read_write")

    def expires_in_days(self) -> int | None:
        """The chosen lifetime in days; None for "never"."""
        return None if self.expires.data == "never" else int(self.expires.data)


class DeleteAccountForm(FlaskForm):
    password = PasswordField("Your password", validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})
    confirm = BooleanField("I understand that this deletes my account, my history and my files.",
                           validators=[DataRequired("Tick the box to confirm.")])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that post."""
