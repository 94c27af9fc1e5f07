"""Turn domain exceptions and HTTP errors into pages (or JSON under /api)."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, make_response, render_template, request
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed, SecurityError

from ..errors import DomainError, Invalid, TooManyAttempts

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
          422: "invalid", 429: "rate_limited", 500: "server_error"}


def wants_json() -> bool:
    """API requests get JSON errors; pages get HTML."""
    return request.path.startswith("/api/")


def error_body(status: int, code: str, message: str, details: dict | None = None) -> dict:
    """The stable JSON error shape: ``{"error": {"status", "code", "message", "details"}}``."""
    return {"error": {"status": status, "code": code, "message": message, "details": details or {}}}


def _respond(status: int, code: str, message: str, details: dict | None = None):
    if wants_json():
        response = jsonify(error_body(status, code, message, details))
        response.status_code = status
        return response
    return render_template("errors/error.html", status=status, message=message), status


def register_error_handlers(app: Flask) -> None:
    """Install handlers; registered after flask-smorest so they replace its JSON-only handler."""

    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        details = {"fields": exc.reasons} if isinstance(exc, Invalid) else None
        response = _respond(exc.status, exc.code, exc.message, details)
        if isinstance(exc, TooManyAttempts):
            response = make_response(response)
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError):
        return _respond(400, "csrf_failed",
                        "The form expired or was not sent from this site. Reload the page and try again.")

    @app.errorhandler(RateLimitExceeded)
    def _rate(exc: RateLimitExceeded):
        response = _respond(429, "rate_limited",
                            f"Too many attempts ({exc.description}). Wait a moment and try again.")
        return response

    @app.errorhandler(SecurityError)
    def _untrusted_host(exc: SecurityError):
        # A Host header outside TRUSTED_HOSTS: Flask could not bind URLs to it, so pages (which build
        # links) cannot render. A short plain answer, JSON under /api.
        message = "This site is not served under that host name."
        if wants_json():
            return _respond(400, "bad_request", message)
        return message, 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        details = None
        data = getattr(exc, "data", None)  # webargs/flask-smorest validation messages
        if isinstance(data, dict) and data.get("messages"):
            details = {"fields": _flatten(data["messages"])}
            status, code, message = 422, "invalid", "The request body is not valid."
        else:
            code = _CODES.get(status, "error")
            message = exc.description or exc.name
            if status == 413:
                limit = app.config["RESUME_MAX_BYTES"] // (1024 * 1024)
                message = f"The upload is too large: the limit is {limit} MB."
        response = app.make_response(_respond(status, code, message, details))
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            response.headers["Allow"] = ", ".join(sorted(exc.valid_methods))  # RFC 9110: a 405 says what is allowed
        return response

    @app.errorhandler(InternalServerError)
    def _server(exc: InternalServerError):
        # The route's pattern, not the path: a path can carry a secret (a live password-reset token).
        log.exception("unhandled error on %s %s", request.method,
                      request.url_rule.rule if request.url_rule else request.path)
        return _respond(500, "server_error", "Something went wrong on our side. Nothing you sent was lost; try again.")


def _flatten(messages: dict) -> dict[str, list[str]]:
    flat: dict[str, list[str]] = {}
    for location in messages.values():
        if isinstance(location, dict):
            for field, problems in location.items():
                flat[field] = [str(p) for p in (problems if isinstance(problems, list) else [problems])]
    return flat
