"""Security headers on every response and the helper that keeps redirects on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


# One year: browsers then refuse plain HTTP to this host for that long after any visit.
HSTS = "max-age=31536000"


def register_security(app: Flask) -> None:
    """Add CSP (no inline script), nosniff, frame denial and a strict referrer policy; HSTS when the
    cookies are Secure (the site is meant to be reached over HTTPS only, so a browser should never
    try plain HTTP, where a network attacker could strip the TLS)."""
    hsts = bool(app.config.get("SESSION_COOKIE_SECURE"))

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if hsts:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint and not request.endpoint.startswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site (``/…``, not ``//…`` or a URL), else None."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    if any(ord(ch) < 32 for ch in target):
        return None
    return target
