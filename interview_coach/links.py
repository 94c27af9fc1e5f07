"""Absolute links to this site (the ones that leave it, such as the password-reset link in an e-mail).

They are built from the configured ``PUBLIC_BASE_URL``, never from the request: the ``Host`` header is
chosen by whoever sends the request, so a link built from it could send a victim's live reset token to
an attacker's host.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def public_url(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` on PUBLIC_BASE_URL (its scheme, host, port and path prefix)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)
