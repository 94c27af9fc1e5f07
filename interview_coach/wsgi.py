"""The WSGI application for process managers such as gunicorn: ``gunicorn interview_coach.wsgi:app``.

Each worker process that imports this module builds the app from the environment and readies
it to serve (:func:`interview_coach.serving.prepare_to_serve`: content bank and scoring model
loaded, then frozen for the garbage collector) before it takes its first request.
"""

from __future__ import annotations

from .app import create_app
from .serving import prepare_to_serve

app = create_app()
prepare_to_serve()
