"""Register, log in (username or e-mail), log out, forgot and reset password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ...errors import Conflict, Invalid, TooManyAttempts, Unauthorized
from ...links import public_url
from ...ratelimits import limit
from ...services import accounts, logins, password_reset
from ..forms import apply_errors
from ..security import safe_next
from .forms import ForgotPasswordForm, LoginForm, RegisterForm, ResetPasswordForm

bp = Blueprint("auth", __name__)


def _limit(name: str):
    return limit(name, methods=["POST"])


@bp.route("/register", methods=["GET", "POST"])
@_limit("REGISTER_RATE_LIMIT")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.register(form.username.data, form.email.data, form.password.data)
        except Invalid as exc:
            apply_errors(form, exc)
        except Conflict as exc:
            form.form_errors.append(exc.message)
        else:
            sign_in(user, remember=False)
            flash(f"Welcome, {user.username}! Your account is ready.", "success")
            return redirect(url_for("main.home"))
    elif form.is_submitted():
        # Report the account rules too, not only the empty fields WTForms caught.
        problems = accounts.registration_problems(
            form.username.data or "", form.email.data or "", form.password.data or ""
        )
        unreported = {k: v for k, v in problems.items() if not getattr(form, k).errors}
        if unreported:
            apply_errors(form, Invalid(unreported))
    return render_template("auth/register.html", form=form), 422 if form.errors or form.form_errors else 200


@bp.route("/login", methods=["GET", "POST"])
@_limit("LOGIN_RATE_LIMIT")
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if current_user.is_authenticated:
        return redirect(safe_next(form.next.data) or url_for("main.home"))
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.login.data, form.password.data)
        except TooManyAttempts as exc:
            form.form_errors.append(exc.message)
            return render_template("auth/login.html", form=form), 429, {"Retry-After": str(exc.retry_after)}
        except Unauthorized as exc:
            form.form_errors.append(exc.message)
        else:
            sign_in(user, remember=bool(form.remember.data))
            flash("You are logged in.", "success")
            return redirect(safe_next(form.next.data) or url_for("main.home"))
    status = 401 if form.form_errors else (422 if form.errors else 200)
    return render_template("auth/login.html", form=form), status


def sign_in(user, remember: bool) -> None:
    """Start a server-side login for ``user`` and put it in this browser's cookies."""
    user.login_key = logins.start_login(user.id, remember)
    login_user(user, remember=remember)


@bp.post("/logout")
@login_required
def logout():
    logins.end_login(current_user.login_key)
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("main.index"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@_limit("RESET_RATE_LIMIT")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.request_reset(
                form.email.data,
                lambda token: public_url("auth.reset_password", token=token),
            )
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            flash("If an account uses that address, we have sent it a link to reset the password. "
                  "The link works for 30 minutes.", "info")
            return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@_limit("RESET_RATE_LIMIT")
def reset_password(token: str):
    try:
        password_reset.user_for_token(token)
    except Invalid as exc:
        flash(exc.message, "error")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset_password(token, form.password.data)
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            logout_user()
            flash("Your password has been changed. Log in with the new one.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)
