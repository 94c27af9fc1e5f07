"""The AI settings page: which engine is active, how it is configured, and a connection test.

Read-only on purpose: the engine is chosen by the deployment's ``LLM_*`` environment (one setting for
every user of a school's or company's server), so the page explains the settings rather than edit them.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import login_required

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


@bp.get("/ai")
@login_required
def ai():
    return _page()


@bp.post("/ai/check")
@login_required
def ai_check():
    """Send one test request to the configured LLM and show the result (CSRF-protected POST)."""
    return _page(check_engine(get_ai()))
