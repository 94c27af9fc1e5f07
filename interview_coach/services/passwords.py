"""Password hashing (Argon2id) and the password policy.

Policy: at least ``MIN_LENGTH`` characters (12, OWASP ASVS 2.1.1), at most ``MAX_LENGTH`` (hashing cost stays bounded),
not one of the 10,000 commonest passwords (zxcvbn's frequency list, shipped with the package, so it
works offline), and not the username or e-mail address.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 256
COMMON_LIMIT = 10_000
# The rule as shown next to every field where a new password is chosen.
RULE = f"At least {MIN_LENGTH} characters; common passwords are refused. A few words make a good passphrase."

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    """Return an Argon2id hash of ``password`` (fits the seed's String(120) column)."""
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; never raises for bad hashes."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@functools.lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"][:COMMON_LIMIT])


def password_problems(password: str, *, username: str = "", email: str = "") -> list[str]:
    """Human-readable reasons why ``password`` is not acceptable; empty when it is fine."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Use at least {MIN_LENGTH} characters (this one has {len(password)}); "
                        "a few words make a good passphrase.")
    if len(password) > MAX_LENGTH:
        problems.append(f"Use at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    if lowered in _common_passwords() or len(set(lowered)) <= 2:
        problems.append("This password is one of the most commonly used; choose another.")
    identity = {username.strip().lower(), email.strip().lower(), email.split("@")[0].lower()}
    if lowered in identity - {""}:
        problems.append("Your password must not be your username or e-mail address.")
    return problems
