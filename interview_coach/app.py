"""``create_app``: wiring only (settings, extensions, blueprints, CLI, error handlers)."""

from __future__ import annotations

import logging
from typing import Any, Mapping

from flask import Flask

from .config import Settings, instance_path_from_env


def create_app(config: Settings | Mapping[str, Any] | None = None) -> Flask:
    """Create the app from ``config``: a Settings object, or overrides applied on the environment.

    Does no I/O beyond creating the instance folder: no migrations, no network, no model loading.
    Raises ``ConfigError`` when the settings cannot run (e.g. no SECRET_KEY in production).
    """
    settings = _settings(config)
    app = Flask(
        __name__,
        instance_path=settings.INSTANCE_PATH or instance_path_from_env(),
        instance_relative_config=False,
    )
    app.config.from_mapping(settings.to_flask(app.instance_path))
    logging.basicConfig(level=app.config["LOG_LEVEL"], format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("interview_coach").setLevel(app.config["LOG_LEVEL"])
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    logging.getLogger("httpx2").setLevel(logging.WARNING)  # the LLM client's per-request lines; ours say more

    from .web.request_guards import register_request_guards

    _trust_proxies(app)
    _init_extensions(app)
    register_request_guards(app)  # before the blueprints: it serves their <int:…> arguments
    _register_blueprints(app)

    from .cli import register_cli
    from .web.errors import register_error_handlers
    from .web.security import register_security

    register_error_handlers(app)
    register_security(app)
    register_cli(app)
    from .ratelimits import warn_if_memory_storage

    warn_if_memory_storage(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind PROXY_COUNT reverse proxies, take the client address and scheme from the headers they
    add (X-Forwarded-For, X-Forwarded-Proto); with none (the default) those headers are ignored, so a
    client cannot pick the address its rate limits are counted under."""
    count = app.config["PROXY_COUNT"]
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def _settings(config: Settings | Mapping[str, Any] | None) -> Settings:
    if isinstance(config, Settings):
        return config
    settings = Settings.from_env()
    for key, value in (config or {}).items():
        if key != "extra" and hasattr(settings, key):
            setattr(settings, key, value)
        else:
            settings.extra[key] = value
    return settings


def _init_extensions(app: Flask) -> None:
    from . import models  # noqa: F401  (registers every table on the metadata)
    from .db_events import install_sqlite_pragmas
    from .extensions import csrf, db, limiter, login_manager, migrate
    from .services.logins import load_user

    db.init_app(app)
    with app.app_context():
        install_sqlite_pragmas(db.engine)
    migrate.init_app(app, db, directory=_migrations_dir())
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)


def _migrations_dir() -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parent / "migrations")


def _register_blueprints(app: Flask) -> None:
    from .api import register_api
    from .web.auth.routes import bp as auth_bp
    from .web.jobs.routes import bp as jobs_bp
    from .web.main.routes import bp as main_bp
    from .web.mock.routes import bp as mock_bp
    from .web.practice.routes import bp as practice_bp
    from .web.profile.routes import bp as profile_bp
    from .web.quick.routes import bp as quick_bp
    from .web.settings.routes import bp as settings_bp
    from .web.study.routes import bp as study_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(profile_bp)
    app.register_blueprint(quick_bp)
    app.register_blueprint(practice_bp)
    app.register_blueprint(mock_bp)
    app.register_blueprint(settings_bp)
    app.register_blueprint(study_bp)
    app.register_blueprint(jobs_bp)
    register_api(app)
