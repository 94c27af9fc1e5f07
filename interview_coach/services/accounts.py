"""Account use cases: register, authenticate, profile, password change and account deletion.

Services take plain values and the acting user's id; they never touch the request or Flask-Login.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict, Invalid, NotFound, Unauthorized
from ..extensions import db
from ..models import User
from . import files
from .passwords import hash_password, needs_rehash, password_problems, verify_password

log = logging.getLogger(__name__)

USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,79}$")
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{5,20}$")
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
            reasons[field] = ["is already registered."]
    return reasons


def register(username: str, email: str, password: str) -> User:
    """Create an account. Raises Invalid (bad or taken fields) or Conflict (lost a race)."""
    reasons = registration_problems(username, email, password)
    if reasons:
        raise Invalid(reasons)
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
    """The user for these credentials; raises Unauthorized with one message for every failure."""
    user = find_by_login(login)
    if user is None:
        verify_password(_DUMMY_HASH, password or "")
        raise Unauthorized("Wrong username/e-mail or password.", code="bad_credentials")
    if not verify_password(user.password_hash, password or ""):
        raise Unauthorized("Wrong username/e-mail or password.", code="bad_credentials")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def load_user_for_session(session_id: str) -> User | None:
    """Flask-Login loader: ``"<id>:<auth_version>"``; a stale version means logged out."""
    try:
        raw_id, raw_version = session_id.split(":", 1)
        user_id, version = int(raw_id), int(raw_version)
    except (AttributeError, ValueError):
        return None
    user = db.session.get(User, user_id)
    if user is None or user.auth_version != version:
        return None
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
    email: str | None = None


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
    if update.email is not None:
        try:
            email = normalise_email(update.email)
            if email != user.email and "email" in _taken_fields("\0", email):
                reasons["email"] = ["is already registered."]
            changes["email"] = email
        except Invalid as exc:
            reasons.update(exc.reasons)
    if reasons:
        raise Invalid(reasons)
    for key, value in changes.items():
        setattr(user, key, value)
    db.session.commit()
    return user


def change_password(user_id: int, current: str, new: str) -> User:
    """Change the password after checking the current one; ends every other login."""
    user = get_user(user_id)
    if not verify_password(user.password_hash, current or ""):
        raise Invalid.field("current_password", "is not your current password.")
    problems = password_problems(new or "", username=user.username, email=user.email)
    if problems:
        raise Invalid({"new_password": problems})
    set_password(user, new)
    db.session.commit()
    return user


def set_password(user: User, password: str) -> None:
    """Store a new hash and bump ``auth_version`` (old sessions and cookies stop working)."""
    user.password_hash = hash_password(password)
    user.auth_version = (user.auth_version or 0) + 1


def delete_account(user_id: int, password: str) -> None:
    """Delete the user, every row they own and their files, after checking their password."""
    user = get_user(user_id)
    if not verify_password(user.password_hash, password or ""):
        raise Invalid.field("password", "is not your password.")
    stored = user.resume_stored_name
    db.session.delete(user)
    db.session.commit()
    files.delete_resume_file(stored)
    log.info("deleted user id=%s and their data", user_id)
