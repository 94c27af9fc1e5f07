"""Interview Coach: self-hosted interview practice with measured, honest feedback.

Importing the package is cheap (no Flask import) so that the pure engine modules under
``interview_coach.engine`` load fast; ``create_app`` imports the web stack on first call.
``flask --app interview_coach`` finds ``create_app`` here.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def create_app(config: Any = None):
    """Build the Flask application; see :func:`interview_coach.app.create_app`."""
    from .app import create_app as _create_app

    return _create_app(config)
