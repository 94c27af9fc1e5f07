"""Changing the account's e-mail address: asked for with the current password, done by a link.

Contract:

- :func:`request_change` checks the current password (Invalid ``password``) and the new address's
  syntax (Invalid ``new_email``), then answers the same whether or not another account has the
  address, so the form tells no one which addresses are registered:
  free address: a confirmation link goes to it (32 random bytes; only the SHA-256 is stored in
  ``user.email_change_token``, valid 24 hours, one use; a new request replaces the old) and a notice
  goes to the current address; taken address: that address's owner is told someone tried, and nothing
  changes. Both the page and the API also limit how often it can be asked (``EMAIL_CHANGE_RATE_LIMIT``,
  per client address and per account).
- :func:`pending_for_token` / :func:`confirm_change`: following the link changes the address; the
  current address is told. If the address was registered meanwhile, Conflict and nothing changes.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict, Invalid
from ..extensions import db
from ..models import User, utcnow
from .accounts import get_user, normalise_email
from .mailer import send_mail
from .passwords import verify_password

log = logging.getLogger(__name__)

LIFETIME = timedelta(hours=24)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def mask(address: str) -> str:
    """``n***@example.com``: enough for the owner to recognise, not enough to harvest."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def request_change(user_id: int, new_email: str, password: str, link_for: Callable[[str], str]) -> None:
    """Start an e-mail change (see the module docstring); the answer never says whether the address is taken."""
    user = get_user(user_id)
    if not verify_password(user.password_hash, password or ""):
        raise Invalid.field("password", "is not your current password.")
    try:
        address = normalise_email(new_email)
    except Invalid as exc:
        raise Invalid({"new_email": exc.reasons.get("email", ["is not a valid e-mail address."])}) from exc
    if address == user.email:
        raise Invalid.field("new_email", "is already your address.")
    if db.session.scalar(select(User.id).where(User.email == address)) is not None:
        send_mail(address, "Someone tried to use your address on Interview Coach",
                  "Someone asked to move another Interview Coach account to this e-mail address. It already "
                  "belongs to your account, so nothing was changed.\n\nIf you forgot your password, use "
                  "'Forgot password' on the login page.")
        log.info("e-mail change for user id=%s asked for a registered address", user.id)
        return
    token = secrets.token_urlsafe(32)
    user.pending_email = address
    user.email_change_token = _digest(token)
    user.email_change_expiry = utcnow() + LIFETIME
    db.session.commit()
    send_mail(address, "Confirm your new Interview Coach e-mail address",
              f"Someone (hopefully you) asked to use this address for the Interview Coach account "
              f"'{user.username}'.\n\nOpen this link within 24 hours to confirm it:\n{link_for(token)}\n\n"
              "Until you do, nothing changes. If you did not ask for this, ignore this message.")
    send_mail(user.email, "Your Interview Coach e-mail address is about to change",
              f"Someone asked to change the e-mail address of your account '{user.username}' to "
              f"{mask(address)}. The change happens only when the link sent there is followed.\n\n"
              "If this was not you, change your password now: it also ends the request.")


def pending_for_token(token: str) -> User:
    """The user whose live change request this token is; Invalid(code=bad_token) otherwise."""
    if not token or len(token) > 200:
        raise _bad_token()
    user = db.session.scalar(select(User).where(User.email_change_token == _digest(token)))
    if user is None or user.email_change_expiry is None or user.email_change_expiry < utcnow() \
            or not user.pending_email:
        raise _bad_token()
    return user


def confirm_change(token: str) -> User:
    """Make the pending address the account's; the old address is told. Conflict if it was taken meanwhile."""
    user = pending_for_token(token)
    old, new = user.email, user.pending_email
    user.email = new
    user.pending_email = user.email_change_token = user.email_change_expiry = None
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise Conflict("That address has been registered by another account meanwhile.") from exc
    send_mail(old, "Your Interview Coach e-mail address was changed",
              f"The e-mail address of your account '{user.username}' is now {mask(new)}. "
              "If this was not you, reset your password from the login page and contact the administrator.")
    log.info("e-mail changed for user id=%s", user.id)
    return user



def _bad_token() -> Invalid:
    return Invalid.field("token", "This confirmation link is invalid, used or expired. Ask for a new one.",
                         code="bad_token")
