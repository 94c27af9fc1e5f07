"""Profile: details, e-mail change, résumé upload, password change, API tokens, data export and
account deletion."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, logout_user
from wtforms.fields.choices import SelectChoice

from ...errors import Conflict, DomainError, Invalid
from ...links import public_url
from ...ratelimits import limit, user_limit
from ...services import accounts, email_change, export, resumes, tokens
from ..forms import apply_errors
from .forms import (
    EXPIRY_CHOICES,
    ChangePasswordForm,
    DeleteAccountForm,
    EmailForm,
    EmptyForm,
    ProfileForm,
    ResumeForm,
    TokenForm,
)

bp = Blueprint("profile", __name__, url_prefix="/profile")


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _page(**forms):
    user = current_user
    profile_form = forms.get("profile_form") or _profile_form()
    context = dict(
        user=user,
        profile_form=profile_form,
        email_form=forms.get("email_form") or EmailForm(formdata=None),
        resume_form=forms.get("resume_form") or ResumeForm(),
        password_form=forms.get("password_form") or ChangePasswordForm(formdata=None),
        token_form=forms.get("token_form") or _token_form(formdata=None),
        tokens=tokens.list_tokens(user.id),
        is_expired=tokens.is_expired,
        new_token=forms.get("new_token"),
        empty_form=EmptyForm(),
    )
    return render_template("profile/profile.html", **context)


def _profile_form() -> ProfileForm:
    user = current_user
    return ProfileForm(formdata=None, full_name=user.full_name, phone=user.phone,
                       experience_years=user.experience_years, skills=", ".join(user.skills or []))


def _token_form(**kwargs) -> TokenForm:
    """The token form with the configured default lifetime preselected (added to the choices if unusual)."""
    form = TokenForm(**kwargs)
    default = str(current_app.config["API_TOKEN_DAYS"])
    if default not in {choice.value for choice in EXPIRY_CHOICES}:
        form.expires.choices = [SelectChoice(default, f"{default} days")] + list(EXPIRY_CHOICES)
    if kwargs.get("formdata", True) is None:
        form.expires.data = default
    return form


def _token_fragment(form: TokenForm, new_token: str | None = None):
    return render_template("profile/_tokens.html", token_form=form, tokens=tokens.list_tokens(current_user.id),
                           new_token=new_token, empty_form=EmptyForm(), is_expired=tokens.is_expired)


@bp.get("")
@login_required
def show():
    return _page()


@bp.post("")
@login_required
def update():
    form = ProfileForm()
    if form.validate_on_submit():
        try:
            accounts.update_profile(current_user.id, accounts.ProfileUpdate(
                full_name=form.full_name.data or "",
                phone=form.phone.data or "",
                experience_years=form.experience_years.data if form.experience_years.data is not None else 0,
                skills=accounts.parse_skills(form.skills.data),
            ))
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            if _is_htmx():
                return render_template("profile/_profile_form.html", profile_form=_profile_form(), saved=True)
            flash("Your profile is saved.", "success")
            return redirect(url_for("profile.show"))
    if _is_htmx():
        return render_template("profile/_profile_form.html", profile_form=form), 422
    return _page(profile_form=form), 422


@bp.post("/email")
@login_required
@limit("EMAIL_CHANGE_RATE_LIMIT")
@user_limit("EMAIL_CHANGE_RATE_LIMIT")
def change_email():
    """Ask for an e-mail change: a link goes to the new address; nothing changes until it is followed."""
    form = EmailForm()
    if form.validate_on_submit():
        try:
            email_change.request_change(
                current_user.id, form.new_email.data, form.password.data,
                lambda token: public_url("profile.confirm_email", token=token))
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            flash("We have sent a confirmation link to the new address (unless it belongs to another "
                  "account). Your address changes when you follow it; the link works for 24 hours.", "info")
            return redirect(url_for("profile.show"))
    return _page(email_form=form), 422


@bp.route("/email/confirm/<token>", methods=["GET", "POST"])
@limit("RESET_RATE_LIMIT", methods=["POST"])
def confirm_email(token: str):
    """The link from the confirmation mail: a page with a button (a GET never changes anything)."""
    try:
        user = email_change.pending_for_token(token)
    except Invalid as exc:
        flash(exc.message, "error")
        return redirect(url_for("profile.show" if current_user.is_authenticated else "auth.login"))
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            email_change.confirm_change(token)
        except (Invalid, Conflict) as exc:
            flash(exc.message, "error")
        else:
            flash("Your e-mail address is changed.", "success")
        return redirect(url_for("profile.show" if current_user.is_authenticated else "auth.login"))
    return render_template("profile/confirm_email.html", new_email=user.pending_email, form=form)


@bp.get("/export")
@login_required
def download_data():
    """Download my data: a ZIP of every row and file of mine (see ``services.export``)."""
    data = export.export_zip(current_user.id)
    return Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{export.file_name(current_user.username)}"'})


@bp.post("/resume")
@login_required
@user_limit("UPLOAD_RATE_LIMIT")
def upload_resume():
    form = ResumeForm()
    if form.validate_on_submit():
        upload = form.resume.data
        try:
            info = resumes.upload_resume(current_user.id, upload.read(), upload.filename)
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            flash(f"Résumé '{info.filename}' uploaded: {info.characters:,} characters of text read.",
                  "success")
            for warning in info.warnings:
                flash(warning, "info")
            return redirect(url_for("profile.show") + "#resume-section")
    return _page(resume_form=form), 422


@bp.post("/resume/delete")
@login_required
def delete_resume():
    if EmptyForm().validate_on_submit():
        try:
            resumes.delete_resume(current_user.id)
            flash("Your résumé was removed.", "info")
        except DomainError as exc:
            flash(exc.message, "error")
    return redirect(url_for("profile.show") + "#resume-section")


@bp.get("/resume/text")
@login_required
def resume_text():
    info = resumes.get_resume(current_user.id)
    return render_template("profile/resume_text.html", info=info)


@bp.post("/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            revoked = accounts.change_password(current_user.id, form.current_password.data,
                                               form.new_password.data, revoke_tokens=bool(form.revoke_tokens.data),
                                               keep_login_key=current_user.login_key)
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            flash("Your password is changed. Other devices have been logged out"
                  + (f" and {revoked} API token(s) revoked." if revoked else "."), "success")
            return redirect(url_for("profile.show"))
    return _page(password_form=form), 422


@bp.post("/tokens")
@login_required
def create_token():
    form = _token_form()
    new_token = None
    if form.validate_on_submit():
        try:
            _, new_token = tokens.create_token(current_user.id, form.name.data, scope=form.scope.data,
                                               expires_in_days=form.expires_in_days())
            form = _token_form(formdata=None)
        except Invalid as exc:
            apply_errors(form, exc)
    if _is_htmx():
        return _token_fragment(form, new_token)
    return _page(token_form=form, new_token=new_token)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    if EmptyForm().validate_on_submit():
        tokens.revoke_token(current_user.id, token_id)
    if _is_htmx():
        return _token_fragment(_token_form(formdata=None))
    flash("The token is revoked.", "info")
    return redirect(url_for("profile.show") + "#tokens-section")


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            accounts.delete_account(current_user.id, form.password.data)
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            logout_user()  # the login row went with the account
            flash("Your account and all its data have been deleted.", "info")
            return redirect(url_for("main.index"))
    status = 422 if form.errors else 200
    return render_template("profile/delete.html", form=form), status
