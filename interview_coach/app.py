"""``create_app``: wiring only (settings, extensions, blueprints, CLI, error handlers)."""

from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from .config import Settings, instance_path_from_env


def create_app(config: Settings | Mapping[str, Any] | None = None) -> Flask:
    """Create the app from ``config`` (a Settings object, or overrides on top of the environment).

    Does no I/O beyond creating the instance folder: no migrations, no network, no model loading.
    """
    if isinstance(config, Settings):
        settings = config
    else:
        settings = Settings.from_env()
        for key, value in (config or {}).items():
            if hasattr(settings, key) and key != "extra":
                setattr(settings, key, value)
            else:
                settings.extra[key] = value
    instance_path = settings.INSTANCE_PATH or instance_path_from_env()
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=False)
    app.config.from_mapping(settings.to_flask(app.instance_path))

    from .wiring import wire

    wire(app)
    return app
