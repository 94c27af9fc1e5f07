"""Settings from environment variables: the only module that reads ``os.environ``.

``Settings.from_env()`` turns the environment into a plain object; ``create_app`` copies it into
``app.config``. Tests pass overrides instead of touching the environment.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

ENVIRONMENTS = ("development", "testing", "production")
# Where absolute links point when PUBLIC_BASE_URL is not set: the address `make run` serves (its
# HOST and PORT) in development, and the test client's host in testing. Production has no default.
DEFAULT_BASE_URLS = {"development": "http://127.0.0.1:5000", "testing": "http://localhost"}
# The names a local run is reached by; development and testing accept them whatever PUBLIC_BASE_URL says.
LOCAL_HOSTS = ("localhost", "127.0.0.1")


class ConfigError(RuntimeError):
    """The configuration cannot run the app; the message says what to set."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc
    if value <= 0:
        raise ConfigError(f"{name} must be greater than 0, got {raw!r}")
    return value


LLM_RESPONSE_FORMATS = ("auto", "json_schema", "json_object", "text")


def _int(env: Mapping[str, str], name: str, default: int, minimum: int | None = None) -> int:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {raw!r}")
    return value


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    return _int(env, name, default, minimum=1)


def _token_days(env: Mapping[str, str]) -> int:
    days = _positive(env, "API_TOKEN_DAYS", 90)
    if days > 3650:
        raise ConfigError(f"API_TOKEN_DAYS must be at most 3650 (ten years), got {days}")
    return days


RATE_LIMITS = ("LOGIN_RATE_LIMIT", "REGISTER_RATE_LIMIT", "RESET_RATE_LIMIT", "EMAIL_CHANGE_RATE_LIMIT",
               "AI_RATE_LIMIT", "UPLOAD_RATE_LIMIT", "SCORING_RATE_LIMIT")


def _rate_limits(env: Mapping[str, str]) -> dict[str, str]:
    """The *_RATE_LIMIT settings that are set, each checked against the limits syntax."""
    from limits import parse_many

    out = {}
    for name in RATE_LIMITS:
        raw = (env.get(name) or "").strip()
        if not raw:
            continue
        try:
            parse_many(raw)
        except ValueError as exc:
            raise ConfigError(f"{name} must look like '10 per minute;100 per day', got {raw!r}") from exc
        out[name] = raw
    return out


def _at_least(env: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    value = _int(env, name, default)
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


@dataclass
class Settings:
    """Everything the app can be configured with. Field names are the Flask config keys."""

    APP_ENV: str = "production"
    SECRET_KEY: str | None = None
    INSTANCE_PATH: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    REDIS_URL: str | None = None
    RATELIMIT_ENABLED: bool = True
    MAIL_SERVER: str | None = None
    MAIL_PORT: int = 587
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_USE_TLS: bool = True
    MAIL_FROM: str = "Interview Coach <no-reply@localhost>"
    PUBLIC_BASE_URL: str | None = None
    TRUSTED_HOSTS: tuple[str, ...] = ()
    ALLOW_LOG_RESET_LINKS: bool | None = None  # None: yes in development and testing, no in production
    RESUME_MAX_BYTES: int = 5 * 1024 * 1024
    # The child process that reads each uploaded document (engine/documents/isolated.py).
    DOCUMENT_MEMORY_MB: int = 512
    DOCUMENT_CPU_SECONDS: float = 10.0
    DOCUMENT_WALL_SECONDS: float = 10.0
    DOCUMENT_MAX_CHARS: int = 100_000
    RETENTION_DAYS: int = 90
    DELETED_RETENTION_DAYS: int = 7
    SESSION_COOKIE_SECURE: bool = False
    # Browser logins (services/logins.py): idle timeout and lifetime without remember-me, and with it.
    SESSION_IDLE_MINUTES: int = 120
    SESSION_LIFETIME_HOURS: int = 12
    REMEMBER_ME_DAYS: int = 30
    API_TOKEN_DAYS: int = 90
    # Failed logins per login name (services/throttle.py): free attempts, then a doubling wait up to this.
    LOGIN_FAILURES_BEFORE_BACKOFF: int = 5
    LOGIN_BACKOFF_MAX_MINUTES: int = 15
    # Trusted reverse proxies in front of the app (X-Forwarded-For / -Proto are believed this many hops).
    PROXY_COUNT: int = 0
    # Rate limits (limits' syntax, e.g. "10 per minute;100 per day"): by client address, then per user.
    LOGIN_RATE_LIMIT: str = "10 per minute;100 per day"
    REGISTER_RATE_LIMIT: str = "10 per hour"
    RESET_RATE_LIMIT: str = "5 per 15 minutes"
    EMAIL_CHANGE_RATE_LIMIT: str = "5 per hour"
    AI_RATE_LIMIT: str = "60 per hour"
    UPLOAD_RATE_LIMIT: str = "30 per hour"
    SCORING_RATE_LIMIT: str = "600 per hour"
    LOG_LEVEL: str = "INFO"
    # Background jobs (interview_coach/jobs): the in-process pool's size when REDIS_URL is unset, how long one
    # attempt may run, attempts for transient failures (back-off doubling from JOB_RETRY_SECONDS), the jobs
    # a user may have queued or running at once, and when a running job whose worker stopped beating is
    # given to another worker.
    JOB_POOL_SIZE: int = 2
    JOB_TIMEOUT_SECONDS: int = 300
    JOB_MAX_ATTEMPTS: int = 3
    JOB_RETRY_SECONDS: float = 2.0
    JOB_USER_LIMIT: int = 3
    JOB_STALE_SECONDS: int = 30
    # How long a request that asked to wait (the no-JavaScript forms, the API) waits for its job.
    JOB_WAIT_SECONDS: int = 120
    # The AI engine: built-in unless LLM_BASE_URL and LLM_MODEL name an OpenAI-compatible server.
    LLM_BASE_URL: str | None = None
    LLM_MODEL: str | None = None
    LLM_API_KEY: str | None = None
    LLM_CONNECT_TIMEOUT: float = 5.0
    LLM_READ_TIMEOUT: float = 120.0
    LLM_MAX_RETRIES: int = 2
    LLM_BREAKER_FAILURES: int = 3
    LLM_BREAKER_RESET_SECONDS: float = 30.0
    LLM_RESPONSE_FORMAT: str = "auto"
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        """Read settings from ``env`` (default ``os.environ``). Raises ConfigError on bad values."""
        env = os.environ if env is None else env
        app_env = (env.get("APP_ENV") or "production").strip().lower()
        if app_env not in ENVIRONMENTS:
            raise ConfigError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}; got {app_env!r}")
        return cls(
            APP_ENV=app_env,
            SECRET_KEY=env.get("SECRET_KEY") or None,
            INSTANCE_PATH=env.get("INSTANCE_PATH") or None,
            SQLALCHEMY_DATABASE_URI=env.get("DATABASE_URL") or None,
            REDIS_URL=env.get("REDIS_URL") or None,
            RATELIMIT_ENABLED=_bool(env.get("RATELIMIT_ENABLED"), True),
            MAIL_SERVER=env.get("MAIL_SERVER") or None,
            MAIL_PORT=_int(env, "MAIL_PORT", 587),
            MAIL_USERNAME=env.get("MAIL_USERNAME") or None,
            MAIL_PASSWORD=env.get("MAIL_PASSWORD") or None,
            MAIL_USE_TLS=_bool(env.get("MAIL_USE_TLS"), True),
            MAIL_FROM=env.get("MAIL_FROM") or "Interview Coach <no-reply@localhost>",
            PUBLIC_BASE_URL=_checked_base_url((env.get("PUBLIC_BASE_URL") or "").strip() or None),
            TRUSTED_HOSTS=tuple(h.strip().lower() for h in (env.get("TRUSTED_HOSTS") or "").split(",")
                                if h.strip()),
            ALLOW_LOG_RESET_LINKS=(_bool(env.get("ALLOW_LOG_RESET_LINKS"))
                                   if env.get("ALLOW_LOG_RESET_LINKS") else None),
            RESUME_MAX_BYTES=_int(env, "RESUME_MAX_BYTES", 5 * 1024 * 1024),
            # The reader's own process needs about 100 MB before it opens anything.
            DOCUMENT_MEMORY_MB=_at_least(env, "DOCUMENT_MEMORY_MB", 512, 192),
            DOCUMENT_CPU_SECONDS=_float(env, "DOCUMENT_CPU_SECONDS", 10.0),
            DOCUMENT_WALL_SECONDS=_float(env, "DOCUMENT_WALL_SECONDS", 10.0),
            DOCUMENT_MAX_CHARS=_at_least(env, "DOCUMENT_MAX_CHARS", 100_000, 1000),
            RETENTION_DAYS=_int(env, "RETENTION_DAYS", 90),
            DELETED_RETENTION_DAYS=_positive(env, "DELETED_RETENTION_DAYS", 7),
            SESSION_COOKIE_SECURE=_bool(env.get("SESSION_COOKIE_SECURE"), app_env == "production"),
            SESSION_IDLE_MINUTES=_positive(env, "SESSION_IDLE_MINUTES", 120),
            SESSION_LIFETIME_HOURS=_positive(env, "SESSION_LIFETIME_HOURS", 12),
            REMEMBER_ME_DAYS=_positive(env, "REMEMBER_ME_DAYS", 30),
            API_TOKEN_DAYS=_token_days(env),
            LOGIN_FAILURES_BEFORE_BACKOFF=_positive(env, "LOGIN_FAILURES_BEFORE_BACKOFF", 5),
            LOGIN_BACKOFF_MAX_MINUTES=_positive(env, "LOGIN_BACKOFF_MAX_MINUTES", 15),
            PROXY_COUNT=_int(env, "PROXY_COUNT", 0, minimum=0),
            **_rate_limits(env),
            LOG_LEVEL=(env.get("LOG_LEVEL") or "INFO").upper(),
            JOB_POOL_SIZE=_positive(env, "JOB_POOL_SIZE", 2),
            JOB_TIMEOUT_SECONDS=_positive(env, "JOB_TIMEOUT_SECONDS", 300),
            JOB_MAX_ATTEMPTS=_positive(env, "JOB_MAX_ATTEMPTS", 3),
            JOB_RETRY_SECONDS=_float(env, "JOB_RETRY_SECONDS", 2.0),
            JOB_USER_LIMIT=_positive(env, "JOB_USER_LIMIT", 3),
            JOB_STALE_SECONDS=_positive(env, "JOB_STALE_SECONDS", 30),
            JOB_WAIT_SECONDS=_positive(env, "JOB_WAIT_SECONDS", 120),
            **_llm_settings(env),
        )

    def to_flask(self, instance_path: str) -> dict[str, Any]:
        """Resolve defaults that depend on the instance folder and return Flask config keys.

        Outside development and testing a SECRET_KEY is required. In development a random key
        is created once in ``instance/secret_key`` so sessions survive restarts. Production also needs
        PUBLIC_BASE_URL, and MAIL_SERVER unless ALLOW_LOG_RESET_LINKS says reset links may be logged.
        TRUSTED_HOSTS becomes the Host header values Flask accepts (see ``_trusted_hosts``).
        """
        values = asdict(self)
        extra = values.pop("extra")
        values.update(extra)
        values.pop("INSTANCE_PATH")
        if not values["SECRET_KEY"]:
            if self.APP_ENV == "production":
                raise ConfigError(
                    "SECRET_KEY is not set. Interview Coach refuses to start in production without "
                    "one: set SECRET_KEY to a long random string, e.g. "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`, "
                    "or set APP_ENV=development for a local run."
                )
            values["SECRET_KEY"] = _development_secret(Path(instance_path))
        if values["ALLOW_LOG_RESET_LINKS"] is None:
            values["ALLOW_LOG_RESET_LINKS"] = self.APP_ENV != "production"
        if self.APP_ENV == "production":
            _check_production(self.PUBLIC_BASE_URL, self.MAIL_SERVER, values["ALLOW_LOG_RESET_LINKS"])
        values["PUBLIC_BASE_URL"] = _checked_base_url(self.PUBLIC_BASE_URL or DEFAULT_BASE_URLS.get(self.APP_ENV))
        values["TRUSTED_HOSTS"] = _trusted_hosts(values["PUBLIC_BASE_URL"], self.TRUSTED_HOSTS, self.APP_ENV)
        if not values["SQLALCHEMY_DATABASE_URI"]:
            values["SQLALCHEMY_DATABASE_URI"] = (
                f"sqlite:///{Path(instance_path, 'interview_coach.db').resolve()}"
            )
        values["TESTING"] = self.APP_ENV == "testing"
        values["DEBUG"] = False
        values["RATELIMIT_STORAGE_URI"] = self.REDIS_URL or "memory://"
        values["RATELIMIT_HEADERS_ENABLED"] = True
        # Redis away for a moment must not fail requests that need no job: limits count in this process's
        # memory until it answers again (and an unexpected storage error lets the request through).
        values["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] = True
        values["RATELIMIT_SWALLOW_ERRORS"] = True
        values["RATELIMIT_STORAGE_OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 2}
        values["SESSION_COOKIE_HTTPONLY"] = True
        values["SESSION_COOKIE_SAMESITE"] = "Lax"
        values["REMEMBER_COOKIE_HTTPONLY"] = True
        values["REMEMBER_COOKIE_SAMESITE"] = "Lax"
        values["REMEMBER_COOKIE_SECURE"] = self.SESSION_COOKIE_SECURE
        values["REMEMBER_COOKIE_DURATION"] = timedelta(days=self.REMEMBER_ME_DAYS)
        # Room for the largest form: the mock interview's CV and job-description files, each up to the
        # limit, plus its text boxes. A bigger request is refused before any view runs (413).
        values["MAX_CONTENT_LENGTH"] = 2 * self.RESUME_MAX_BYTES + 1024 * 1024
        values["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}
        values["WTF_CSRF_TIME_LIMIT"] = None
        values["API_TITLE"] = "Interview Coach API"
        values["API_VERSION"] = "v1"
        values["OPENAPI_VERSION"] = "3.0.3"
        return values


def _checked_base_url(url: str | None) -> str | None:
    """``url`` without a trailing slash, or ConfigError when it is not an http(s) address of a site."""
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError("PUBLIC_BASE_URL must be the address people use to reach the app, such as "
                          f"https://coach.example.org (optionally with a path); got {url!r}")
    return url.rstrip("/")


def _trusted_hosts(base_url: str, extra: tuple[str, ...], app_env: str) -> list[str]:
    """The Host header values requests may carry: PUBLIC_BASE_URL's host, TRUSTED_HOSTS, and in
    development and testing the local names a local run is reached by."""
    hosts = [urlsplit(base_url).hostname or "", *extra]
    if app_env != "production":
        hosts += LOCAL_HOSTS
    return list(dict.fromkeys(h for h in hosts if h))


def _check_production(public_base_url: str | None, mail_server: str | None, allow_log_links: bool) -> None:
    """Settings production cannot run without, each refusal saying what to set."""
    if not public_base_url:
        raise ConfigError(
            "PUBLIC_BASE_URL is not set. In production every absolute link (such as the password-reset "
            "link) is built from it and only its host is accepted in the Host header: set it to the "
            "address people use, e.g. PUBLIC_BASE_URL=https://coach.example.org.")
    if not mail_server and not allow_log_links:
        raise ConfigError(
            "MAIL_SERVER is not set. Without it password-reset links could only be written to the server "
            "log, where anyone who reads the log could take over accounts: set MAIL_SERVER (and MAIL_* as "
            "needed), or ALLOW_LOG_RESET_LINKS=true to accept that risk knowingly.")


def _llm_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """The LLM_* settings; both LLM_BASE_URL and LLM_MODEL, or neither."""
    base_url = (env.get("LLM_BASE_URL") or "").strip() or None
    model = (env.get("LLM_MODEL") or "").strip() or None
    if bool(base_url) != bool(model):
        missing = "LLM_MODEL" if base_url else "LLM_BASE_URL"
        raise ConfigError(f"{missing} is not set: set both LLM_BASE_URL and LLM_MODEL to use an LLM, "
                          "or neither for the built-in engine.")
    if base_url and not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"LLM_BASE_URL must start with http:// or https://, got {base_url!r}")
    response_format = (env.get("LLM_RESPONSE_FORMAT") or "auto").strip().lower()
    if response_format not in LLM_RESPONSE_FORMATS:
        raise ConfigError(f"LLM_RESPONSE_FORMAT must be one of {', '.join(LLM_RESPONSE_FORMATS)}; "
                          f"got {response_format!r}")
    retries = _int(env, "LLM_MAX_RETRIES", 2)
    failures = _int(env, "LLM_BREAKER_FAILURES", 3)
    if retries < 0 or failures < 1:
        raise ConfigError("LLM_MAX_RETRIES must be 0 or more and LLM_BREAKER_FAILURES 1 or more.")
    return {
        "LLM_BASE_URL": base_url, "LLM_MODEL": model, "LLM_API_KEY": env.get("LLM_API_KEY") or None,
        "LLM_CONNECT_TIMEOUT": _float(env, "LLM_CONNECT_TIMEOUT", 5.0),
        "LLM_READ_TIMEOUT": _float(env, "LLM_READ_TIMEOUT", 120.0),
        "LLM_MAX_RETRIES": retries, "LLM_BREAKER_FAILURES": failures,
        "LLM_BREAKER_RESET_SECONDS": _float(env, "LLM_BREAKER_RESET_SECONDS", 30.0),
        "LLM_RESPONSE_FORMAT": response_format,
    }


def _development_secret(instance: Path) -> str:
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def instance_path_from_env(env: Mapping[str, str] | None = None) -> str | None:
    """The INSTANCE_PATH override, if any (Flask's default instance folder otherwise)."""
    env = os.environ if env is None else env
    return env.get("INSTANCE_PATH") or None


def model_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where model files derived at first use are kept: MODEL_CACHE_DIR, else the user's cache folder.

    The scoring engine asks for it when it loads its model (no app is needed for that); the default
    follows the XDG convention: ``$XDG_CACHE_HOME/interview-coach``, else ``~/.cache/interview-coach``.
    """
    env = os.environ if env is None else env
    if env.get("MODEL_CACHE_DIR"):
        return Path(env["MODEL_CACHE_DIR"])
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "interview-coach"
