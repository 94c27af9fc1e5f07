"""The JSON API under ``/api/v1`` (flask-smorest), its OpenAPI document and docs page.

Why flask-smorest: it works with a plain ``Flask`` app built by our factory (APIFlask would replace
the app class), it generates the OpenAPI 3 document from the same marshmallow schemas that parse and
validate requests, and it is mature and widely used. The docs page is our own template serving
Swagger UI from our static folder, so it works offline and under our CSP.

Authentication: ``Authorization: Bearer <personal token>``. The API never reads the browser session
cookie, so it needs no CSRF token and a page cannot be tricked into calling it.
"""

from __future__ import annotations

import json

from flask import Blueprint, Flask, current_app, render_template
from flask_smorest import Api

from ..extensions import csrf
from .document import complete
from .schemas import ErrorSchema

API_PREFIX = "/api/v1"

docs_bp = Blueprint("api_docs", __name__)


class CoachApi(Api):
    """flask-smorest's Api with our error shape and the app's own rules (``document.complete``) in the
    OpenAPI document."""

    ERROR_SCHEMA = ErrorSchema

    def _openapi_json(self):
        return current_app.response_class(json.dumps(complete(self.spec.to_dict()), indent=2),
                                          mimetype="application/json")


@docs_bp.get(f"{API_PREFIX}/docs")
def docs():
    """The interactive API reference (Swagger UI, served locally)."""
    return render_template("api/docs.html")


def register_api(app: Flask) -> Api:
    """Create the Api, register every API blueprint and the docs page."""
    app.config.setdefault("OPENAPI_URL_PREFIX", API_PREFIX)
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    api = CoachApi(
        app,
        spec_kwargs={
            "info": {
                "description": "Interview Coach JSON API. Authenticate with a personal token: "
                "create one on your profile page or with POST /api/v1/auth/token, then send "
                "`Authorization: Bearer <token>`. Tokens expire (90 days unless chosen otherwise at creation) and are "
                "read-write or read-only; a read-only token gets 403 (code read_only_token) on any request but GET. "
                "Expensive work (AI-written results, uploads, scoring) has a per-user hourly budget (429 beyond it). "
                "Errors have the shape "
                '`{"error": {"status", "code", "message", "details"}}`.'
            },
            "servers": [{"url": "/"}],
        },
    )
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "A personal API token (icp_…)."}
    )
    from .accounts import blp as accounts_blp
    from .jobs import blp as jobs_blp
    from .practice import blp as practice_blp
    from .quick_interview import blp as interviews_blp
    from .simulator import blp as mock_interviews_blp
    from .study_plans import blp as study_plans_blp
    from .tokens import blp as tokens_blp

    for blp in (accounts_blp, tokens_blp, practice_blp, interviews_blp, mock_interviews_blp, study_plans_blp,
                jobs_blp):
        api.register_blueprint(blp, url_prefix=API_PREFIX)
        csrf.exempt(blp)
    app.register_blueprint(docs_bp)
    return api
