"""Domain exceptions raised by services and turned into responses by the web and API layers.

Each carries a stable machine-readable ``code`` and a human ``message``; ``Invalid`` also carries
``reasons``: a mapping from field name to the list of problems with it.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base class: something the user can be told about."""

    status = 400
    code = "error"

    def __init__(self, message: str | None = None, *, code: str | None = None):
        super().__init__(message or self.__class__.__doc__ or self.code)
        self.message = message or (self.__class__.__doc__ or self.code).strip()
        if code:
            self.code = code


class NotFound(DomainError):
    """The resource does not exist or is not yours."""

    status = 404
    code = "not_found"


class Forbidden(DomainError):
    """You may not do that."""

    status = 403
    code = "forbidden"


class Unauthorized(DomainError):
    """Authentication failed or is missing."""

    status = 401
    code = "unauthorized"


class Conflict(DomainError):
    """The request conflicts with the current state."""

    status = 409
    code = "conflict"


class Invalid(DomainError):
    """The input is not valid; ``reasons`` maps field names to messages."""

    status = 422
    code = "invalid"

    def __init__(
        self,
        reasons: dict[str, list[str]] | None = None,
        message: str | None = None,
        *,
        code: str | None = None,
    ):
        self.reasons = {k: list(v) for k, v in (reasons or {}).items()}
        if message is None:
            message = "; ".join(f"{k}: {' '.join(v)}" for k, v in self.reasons.items()) or None
        super().__init__(message or "The input is not valid.", code=code)

    @classmethod
    def field(cls, name: str, message: str, *, code: str | None = None) -> "Invalid":
        """Shortcut for a single field's problem."""
        return cls({name: [message]}, code=code)


class TooManyAttempts(DomainError):
    """Too many attempts; wait before trying again. ``retry_after`` is in whole seconds."""

    status = 429
    code = "too_many_attempts"

    def __init__(self, message: str | None = None, *, retry_after: int = 60, code: str | None = None):
        super().__init__(message, code=code)
        self.retry_after = max(1, int(retry_after))


class Conflicting(Invalid):
    """Input that is well formed but refused by the current state (a username already taken, the token
    cap reached): a 409 rather than a 422, with ``reasons`` by field like Invalid."""

    status = 409
    code = "conflict"


class JobFailed(DomainError):
    """The background job doing this failed; ``message`` says why (the job's error)."""

    status = 500
    code = "job_failed"
