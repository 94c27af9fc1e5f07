"""Profile: details, résumé upload, password change, API tokens, account deletion."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ...errors import DomainError, Invalid
from ...services import accounts, resumes, tokens
from ..forms import apply_errors
from .forms import ChangePasswordForm, DeleteAccountForm, EmptyForm, ProfileForm, ResumeForm, TokenForm

bp = Blueprint("profile", __name__, url_prefix="/profile")


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _page(**forms):
    user = current_user
    profile_form = forms.get("profile_form") or ProfileForm(
        formdata=None,
        full_name=user.full_name, email=user.email, phone=user.phone,
        experience_years=user.experience_years, skills=", ".join(user.skills or []),
    )
    context = dict(
        user=user,
        profile_form=profile_form,
        resume_form=forms.get("resume_form") or ResumeForm(),
        password_form=forms.get("password_form") or ChangePasswordForm(),
        token_form=forms.get("token_form") or TokenForm(),
        tokens=tokens.list_tokens(user.id),
        new_token=forms.get("new_token"),
        empty_form=EmptyForm(),
    )
    return render_template("profile/profile.html", **context)


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
                email=form.email.data,
                phone=form.phone.data or "",
                experience_years=form.experience_years.data if form.experience_years.data is not None else 0,
                skills=accounts.parse_skills(form.skills.data),
            ))
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            if _is_htmx():
                form = ProfileForm(formdata=None, full_name=current_user.full_name,
                                   email=current_user.email, phone=current_user.phone,
                                   experience_years=current_user.experience_years,
                                   skills=", ".join(current_user.skills or []))
                return render_template("profile/_profile_form.html", profile_form=form, saved=True)
            flash("Your profile is saved.", "success")
            return redirect(url_for("profile.show"))
    if _is_htmx():
        return render_template("profile/_profile_form.html", profile_form=form), 422
    return _page(profile_form=form), 422


@bp.post("/resume")
@login_required
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
            user = accounts.change_password(current_user.id, form.current_password.data,
                                            form.new_password.data)
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            login_user(user)  # the session follows the new auth_version; other logins end
            flash("Your password is changed. Other devices have been logged out.", "success")
            return redirect(url_for("profile.show"))
    return _page(password_form=form), 422


@bp.post("/tokens")
@login_required
def create_token():
    form = TokenForm()
    new_token = None
    if form.validate_on_submit():
        try:
            _, new_token = tokens.create_token(current_user.id, form.name.data)
            form = TokenForm(formdata=None)
        except Invalid as exc:
            apply_errors(form, exc)
    if _is_htmx():
        return render_template("profile/_tokens.html", token_form=form,
                               tokens=tokens.list_tokens(current_user.id), new_token=new_token,
                               empty_form=EmptyForm())
    return _page(token_form=form, new_token=new_token)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    if EmptyForm().validate_on_submit():
        tokens.revoke_token(current_user.id, token_id)
    if _is_htmx():
        return render_template("profile/_tokens.html", token_form=TokenForm(),
                               tokens=tokens.list_tokens(current_user.id), new_token=None,
                               empty_form=EmptyForm())
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
            logout_user()
            flash("Your account and all its data have been deleted.", "info")
            return redirect(url_for("main.index"))
    status = 422 if form.errors else 200
    return render_template("profile/delete.html", form=form), status
