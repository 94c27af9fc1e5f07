"""Serving processes: `interview-coach db upgrade` then `serve` (what `make run` does), gunicorn on
`interview_coach.wsgi:app` (the README's command for several processes), and how a process readies
itself before its first request."""

from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import time
import urllib.request

from interview_coach.content import loader
from interview_coach.engine.scoring import get_scorer
from interview_coach.serving import prepare_to_serve

CLI = [sys.executable, "-m", "interview_coach.cli"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _upgraded_instance(tmp_path) -> dict[str, str]:
    """The environment of an app on its embedded defaults, with its database created."""
    env = dict(os.environ, APP_ENV="development", INSTANCE_PATH=str(tmp_path / "instance"))
    env.pop("DATABASE_URL", None)
    upgrade = subprocess.run(CLI + ["db", "upgrade"], env=env, capture_output=True, text=True, timeout=120)
    assert upgrade.returncode == 0, upgrade.stderr
    assert (tmp_path / "instance" / "interview_coach.db").exists()
    return env


def _get_when_up(url: str, server: subprocess.Popen, seconds: float = 60) -> str:
    """GET ``url`` as soon as the server answers; fails if it exits or stays silent for ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            assert server.poll() is None, f"the server exited: {server.communicate()[0]}"
            assert time.monotonic() < deadline, f"the server did not answer within {seconds:.0f} s"
            time.sleep(0.2)


def test_upgrade_then_serve_answers_http(tmp_path):
    """On an empty instance folder the two commands create the database and serve the landing page."""
    env = _upgraded_instance(tmp_path)
    port = _free_port()
    server = subprocess.Popen(CLI + ["serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body = _get_when_up(f"http://127.0.0.1:{port}/", server)
        assert "Interview Coach" in body
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert f"http://127.0.0.1:{port}/" in output


def test_gunicorn_serves_the_wsgi_module(tmp_path):
    """The README's production command, with one worker: the worker readies itself, then serves pages."""
    env = _upgraded_instance(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}", "interview_coach.wsgi:app"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert "Interview Coach" in _get_when_up(f"http://127.0.0.1:{port}/", server)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "ready to serve" in output  # the worker loaded the bank and model before its first request


def test_prepare_to_serve_loads_bank_and_model_then_freezes_them():
    gc.unfreeze()
    try:
        prepare_to_serve()
        assert loader.CONTENT_DIR in loader._cache, "the content bank was not loaded"
        assert get_scorer()._inner is not None, "the scoring model was not loaded"
        # The bank's objects now sit outside the collector's generations: full collections skip them.
        bank = loader._cache[loader.CONTENT_DIR]
        assert gc.is_tracked(bank) and gc.get_freeze_count() > 10_000
        assert not any(o is bank for o in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()
