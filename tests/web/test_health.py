"""Health endpoints: /healthz reports the database and Redis (503 naming what failed), /readyz whether this
process has loaded its models, and the worker health check exits 1 when no worker is alive."""

from __future__ import annotations

import pytest

from interview_coach.extensions import db
from testkit import make_app


def test_healthz_reports_the_database_and_that_redis_is_not_configured(client):
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok" and body["database"] == "ok"
    assert body["redis"].startswith("not configured")


def test_healthz_is_503_when_redis_is_unreachable(tmp_path):
    """With REDIS_URL pointing at nothing, the check fails and says it was Redis."""
    app = make_app(tmp_path, REDIS_URL="redis://127.0.0.1:9/0")
    with app.app_context():
        db.create_all()
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["redis"].startswith("failed")
    assert response.get_json()["database"] == "ok"


@pytest.mark.redis
def test_healthz_with_redis_counts_workers_and_the_worker_check_fails_without_one(redis_app):
    app = redis_app
    body = app.test_client().get("/healthz").get_json()
    assert body["redis"] == "ok" and body["workers"] == 0
    result = app.test_cli_runner().invoke(args=["worker-health"])
    assert result.exit_code == 1 and "0 worker(s) alive" in result.output


def test_readyz_is_503_until_the_models_are_loaded(client):
    from interview_coach.serving import is_ready, prepare_to_serve

    if not is_ready():
        response = client.get("/readyz")
        assert response.status_code == 503 and response.get_json()["ready"] is False
    prepare_to_serve()
    response = client.get("/readyz")
    assert response.status_code == 200 and response.get_json() == {"ready": True, "models": "loaded"}
