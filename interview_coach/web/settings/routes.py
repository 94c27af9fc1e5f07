"""The AI settings page: which engine is active, how it is configured, a connection test and a reset
of the circuit breaker. For administrators only (``interview-coach users promote NAME``): it shows the
LLM server's address and acts on every user's engine; anyone else gets a 404, as for a page that
does not exist.

Read-only on purpose: the engine is chosen by the deployment's ``LLM_*`` environment (one setting for
every user of a school's or company's server), so the page explains the settings rather than edit them.
"""

from __future__ import annotations

import functools

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from ...ai import get_ai
from ...ai.check import check_engine

bp = Blueprint("settings", __name__, url_prefix="/settings")


def _page(report=None):
    config = current_app.config
    return render_template(
        "settings/ai.html", status=get_ai().status(), report=report, api_key_set=bool(config.get("LLM_API_KEY")),
        connect_timeout=config.get("LLM_CONNECT_TIMEOUT"), read_timeout=config.get("LLM_READ_TIMEOUT"),
        max_retries=config.get("LLM_MAX_RETRIES"), breaker_failures=config.get("LLM_BREAKER_FAILURES"),
        breaker_reset=config.get("LLM_BREAKER_RESET_SECONDS"))


def admin_required(view):
    """Administrators only; anyone else (signed in or not) gets a 404."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not (current_user.is_authenticated and current_user.is_admin):
            abort(404)
        return view(*args, **kwargs)

    return wrapper


@bp.get("/ai")
@admin_required
def ai():
    return _page()


@bp.post("/ai/check")
@admin_required
def ai_check():
    """Send one test request to the configured LLM and show the result (CSRF-protected POST)."""
    return _page(check_engine(get_ai()))


@bp.post("/ai/breaker/reset")
@admin_required
def ai_breaker_reset():
    """Close the circuit breaker now, so the next AI task tries the LLM at once (after a fix, say)."""
    get_ai().breaker.success()
    flash("The circuit breaker is closed: the next AI task tries the LLM server.", "info")
    return redirect(url_for(".ai"))
