"""The landing page for visitors and the signed-in home page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return render_template("main/index.html")


@bp.get("/home")
@login_required
def home():
    return render_template("main/home.html", user=current_user)


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}
