"""Background jobs on RQ (needs REDIS_URL; uses its database, emptied first): a job enqueued by the app runs
on a worker and its streamed text is read back from Redis; with Redis unreachable a request still gets its
job, which the dispatcher delivers later; the worker health check sees a running worker."""

from __future__ import annotations

import pytest

from interview_coach import jobs
from interview_coach.extensions import db
from interview_coach.jobs import output, store
from interview_coach.jobs.runner import job_kind
from interview_coach.jobs.worker import work
from interview_coach.models import Job
from testkit import make_app

pytestmark = pytest.mark.redis


@pytest.fixture
def db_backend():
    """The Redis app runs on SQLite: make_user must register into the same database."""
    return "sqlite"


@job_kind("test_writes")
def _writes(ctx, words: str):
    """Streams ``words`` as an LLM's JSON reply would arrive, in pieces."""
    reply = '{"text": "' + words + '"}'
    for i in range(0, len(reply), 4):
        ctx.on_delta(reply[i:i + 4])
    return "thing:1"


def test_a_job_runs_on_an_rq_worker_and_its_text_streams_through_redis(redis_app, make_user):
    """The app delivers the job to RQ; a worker (burst) runs it; readers get the text from the Redis stream."""
    user = make_user()
    job_id = jobs.enqueue("test_writes", user, words="hello from the worker")
    assert jobs.get(user, job_id).status == "queued"
    work(burst=True)
    view = jobs.get(user, job_id)
    assert (view.status, view.result_ref, view.attempts) == ("done", "thing:1", 1)
    chunk = output.read(job_id, "0", wait=0)
    assert chunk.text.strip() == "hello from the worker" and chunk.status == "done"
    assert db.session.get(Job, job_id).output == ""  # the text went to Redis, not to the row


def test_with_redis_unreachable_a_job_is_kept_and_delivered_later(tmp_path, make_user):
    """Delivery fails quietly: the job stays queued and is due for the dispatcher at once."""
    app = make_app(tmp_path, REDIS_URL="redis://127.0.0.1:9/0")
    with app.app_context():
        db.create_all()
        user = make_user()
        job_id = jobs.enqueue("test_writes", user, words="later")
        assert jobs.get(user, job_id).status == "queued" and job_id in store.due()
        db.session.remove()
