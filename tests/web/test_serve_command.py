"""`interview-coach db upgrade` then `interview-coach serve`: what `make run` does."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_upgrade_then_serve_answers_http(tmp_path):
    """On an empty instance folder the two commands create the database and serve the landing page."""
    env = dict(os.environ, APP_ENV="development", INSTANCE_PATH=str(tmp_path / "instance"))
    env.pop("DATABASE_URL", None)
    cli = [sys.executable, "-m", "interview_coach.cli"]
    upgrade = subprocess.run(cli + ["db", "upgrade"], env=env, capture_output=True, text=True, timeout=120)
    assert upgrade.returncode == 0, upgrade.stderr
    assert (tmp_path / "instance" / "interview_coach.db").exists()
    port = _free_port()
    server = subprocess.Popen(cli + ["serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer within 30 s"
                time.sleep(0.2)
        assert "Interview Coach" in body
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert f"http://127.0.0.1:{port}/" in output
