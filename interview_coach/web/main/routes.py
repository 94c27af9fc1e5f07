"""The landing page for visitors and the signed-in home page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from ...services import health

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
    """200 when the database (and Redis, when configured) answer; 503 naming what failed."""
    healthy, report = health.liveness()
    return report, 200 if healthy else 503


@bp.get("/readyz")
def readyz():
    """200 once this process has loaded its models; 503 until then."""
    ready, report = health.readiness()
    return report, 200 if ready else 503
