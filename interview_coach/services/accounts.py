"""Account use cases: register, authenticate, profile, password change, administrators and account
deletion. (E-mail changes: :mod:`.email_change`; browser logins: :mod:`.logins`.)

Services take plain values and the acting user's id; they never touch the request or Flask-Login.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict, Conflicting, Invalid, NotFound, Unauthorized
from ..extensions import db
from ..models import ApiToken, User, utcnow
from . import files, logins, throttle
from .passwords import hash_password, needs_rehash, password_problems, verify_password

log = logging.getLogger(__name__)

USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,79}$")
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{5,20}$")
TAKEN = "is already registered."
MAX_SKILLS = 100
MAX_SKILL_LENGTH = 60

# A real hash so that logging in as an unknown user costs the same time as a wrong password.
_DUMMY_HASH = hash_password("timing-equaliser-not-a-password")


def normalise_email(raw: str) -> str:
    """Validate an e-mail address (syntax only, no DNS) and return its normalised form."""
    try:
        return validate_email((raw or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Invalid.field("email", str(exc)) from exc


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not USERNAME_RE.match(username):
        raise Invalid.field(
            "username",
            "Use 3–80 letters, digits, dots, dashes or underscores, starting with a letter or digit.",
        )
    return username


def registration_problems(username: str, email: str, password: str) -> dict[str, list[str]]:
    """Every problem with these registration fields, by field name (empty when all is well)."""
    reasons: dict[str, list[str]] = {}
    try:
        username = _check_username(username)
    except Invalid as exc:
        reasons.update(exc.reasons)
    try:
        email = normalise_email(email)
    except Invalid as exc:
        reasons.update(exc.reasons)
    problems = password_problems(password or "", username=username or "", email=email or "")
    if problems:
        reasons["password"] = problems
    if not reasons:
        for field in _taken_fields(username.strip(), email):
            reasons[field] = [TAKEN]
    return reasons


def register(username: str, email: str, password: str) -> User:
    """Create an account. Raises Invalid (bad or taken fields) or Conflict (lost a race)."""
    reasons = registration_problems(username, email, password)
    if reasons:
        taken = all(problems == [TAKEN] for problems in reasons.values())
        raise (Conflicting if taken else Invalid)(reasons)
    username, email = _check_username(username), normalise_email(email)
    user = User(username=username, email=email, password_hash=hash_password(password))
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError as exc:  # a concurrent registration won the race
        db.session.rollback()
        raise Conflict("That username or e-mail address is already registered.") from exc
    log.info("registered user id=%s", user.id)
    return user


def _taken_fields(username: str, email: str) -> list[str]:
    rows = db.session.execute(
        select(User.username, User.email).where(
            or_(func.lower(User.username) == username.lower(), User.email == email)
        )
    ).all()
    taken = []
    if any(r.username.lower() == username.lower() for r in rows):
        taken.append("username")
    if any(r.email == email for r in rows):
        taken.append("email")
    return taken


def find_by_login(login: str) -> User | None:
    """The user whose username (case-insensitive) or e-mail address is ``login``."""
    login = (login or "").strip()
    if not login:
        return None
    column = User.email if "@" in login else func.lower(User.username)
    return db.session.scalar(select(User).where(column == login.lower()))


def authenticate(login: str, password: str) -> User:
    """The user for these credentials; raises Unauthorized with one message for every failure, or
    TooManyAttempts while the account (or unknown name) is in its failed-login back-off."""
    user = find_by_login(login)
    key = throttle.key_for(user.id if user else None, login)
    throttle.check(key)
    if user is None:
        verify_password(_DUMMY_HASH, password or "")
        throttle.record_failure(key)
        raise Unauthorized("Wrong username/e-mail or password.", code="bad_credentials")
    if not verify_password(user.password_hash, password or ""):
        throttle.record_failure(key)
        raise Unauthorized("Wrong username/e-mail or password.", code="bad_credentials")
    throttle.record_success(key)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def get_user(user_id: int) -> User:
    """The user with this id, or NotFound."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


@dataclass
class ProfileUpdate:
    """Fields a user may change on their profile; ``None`` means "leave as is"."""

    full_name: str | None = None
    phone: str | None = None
    experience_years: int | None = None
    skills: list[str] | None = None


def parse_skills(raw: str | list[str] | None) -> list[str]:
    """Skills from a comma/newline separated string or a list: trimmed, de-duplicated, in order."""
    items = raw if isinstance(raw, list) else re.split(r"[,\n;]", raw or "")
    seen: dict[str, str] = {}
    for item in items:
        skill = " ".join(str(item).split())
        if skill and skill.lower() not in seen:
            seen[skill.lower()] = skill
    return list(seen.values())


def update_profile(user_id: int, update: ProfileUpdate) -> User:
    """Apply ``update`` to the user's profile. Raises Invalid with every bad field at once."""
    user = get_user(user_id)
    reasons: dict[str, list[str]] = {}
    changes: dict[str, Any] = {}
    if update.full_name is not None:
        name = " ".join(update.full_name.split())
        if len(name) > 100:
            reasons["full_name"] = ["Use at most 100 characters."]
        changes["full_name"] = name or None
    if update.phone is not None:
        phone = update.phone.strip()
        if phone and not PHONE_RE.match(phone):
            reasons["phone"] = ["Use digits, spaces, +, -, ( ) and . only (5–20 characters)."]
        changes["phone"] = phone or None
    if update.experience_years is not None:
        if not 0 <= update.experience_years <= 70:
            reasons["experience_years"] = ["Use a whole number from 0 to 70."]
        changes["experience_years"] = update.experience_years
    if update.skills is not None:
        skills = parse_skills(update.skills)
        if len(skills) > MAX_SKILLS:
            reasons.setdefault("skills", []).append(f"List at most {MAX_SKILLS} skills.")
        if any(len(s) > MAX_SKILL_LENGTH for s in skills):
            reasons.setdefault("skills", []).append(
                f"Keep each skill under {MAX_SKILL_LENGTH} characters."
            )
        changes["skills"] = skills
    if reasons:
        raise Invalid(reasons)
    for key, value in changes.items():
        setattr(user, key, value)
    db.session.commit()
    return user


def change_password(user_id: int, current: str, new: str, *, revoke_tokens: bool = True,
                    keep_login_key: str | None = None, keep_token_id: int | None = None) -> int:
    """Change the password after checking the current one. Every other browser login ends (the one
    with ``keep_login_key`` stays); with ``revoke_tokens`` every API token but ``keep_token_id`` is
    revoked. Returns how many tokens were revoked."""
    user = get_user(user_id)
    if not verify_password(user.password_hash, current or ""):
        raise Invalid.field("current_password", "is not your current password.")
    problems = password_problems(new or "", username=user.username, email=user.email)
    if problems:
        raise Invalid({"new_password": problems})
    set_password(user, new, keep_login_key=keep_login_key)
    revoked = revoke_api_tokens(user.id, keep_token_id=keep_token_id) if revoke_tokens else 0
    db.session.commit()
    return revoked


def set_password(user: User, password: str, keep_login_key: str | None = None) -> None:
    """Store a new hash, end the user's browser logins but ``keep_login_key``'s and drop any pending
    e-mail change (its link may be in the wrong hands too). Does not commit."""
    user.password_hash = hash_password(password)
    user.pending_email = user.email_change_token = user.email_change_expiry = None
    logins.end_logins(user.id, keep_key=keep_login_key)


def revoke_api_tokens(user_id: int, keep_token_id: int | None = None) -> int:
    """Revoke every live API token of the user but ``keep_token_id``; returns how many. Does not commit."""
    query = update(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
    if keep_token_id is not None:
        query = query.where(ApiToken.id != keep_token_id)
    result = db.session.execute(query.values(revoked_at=utcnow()).execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


def set_admin(username: str, is_admin: bool) -> User:
    """Make the user with this username (case-insensitive) an administrator, or not; NotFound if none."""
    user = db.session.scalar(select(User).where(func.lower(User.username) == (username or "").strip().lower()))
    if user is None:
        raise NotFound(f"No user is called {username!r}.")
    user.is_admin = is_admin
    db.session.commit()
    return user


def delete_account(user_id: int, password: str) -> None:
    """Delete the user, every row they own and their files, after checking their password."""
    user = get_user(user_id)
    if not verify_password(user.password_hash, password or ""):
        raise Invalid.field("password", "is not your password.")
    stored = user.resume_stored_name
    throttle.forget(throttle.keys_for_user(user))
    db.session.delete(user)
    db.session.commit()
    files.delete_resume_file(stored)
    log.info("deleted user id=%s and their data", user_id)
