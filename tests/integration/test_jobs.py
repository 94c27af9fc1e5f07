"""Background jobs on the in-process pool (SQLite and PostgreSQL): status and result, scoping, the per-user
cap, retries with back-off, permanent failures, the timeout, and one result when a job runs twice."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, update

from interview_coach import jobs
from interview_coach.errors import Invalid, NotFound, TooManyAttempts
from interview_coach.extensions import db
from interview_coach.jobs.runner import execute, job_kind
from interview_coach.models import Job, StudyActionPlan

RELEASE = threading.Event()
CALLS: list[int] = []


@job_kind("test_blocks")
def _blocks(ctx, n: int = 0):
    """Waits until the test releases it (holds a place in the user's cap)."""
    RELEASE.wait(10)
    return None


@job_kind("test_flaky")
def _flaky(ctx, fail_times: int):
    """Fails with a connection error on its first ``fail_times`` attempts."""
    CALLS.append(ctx.job_id)
    if len(CALLS) <= fail_times:
        raise ConnectionError("database went away")
    return "thing:7"


@job_kind("test_refused")
def _refused(ctx):
    raise Invalid.field("days", "Choose a whole number of days from 1 to 30.")


@job_kind("test_slow")
def _slow(ctx):
    import time

    while True:
        ctx.progress(0.5, "still going")
        time.sleep(0.05)


@job_kind("test_pausing_stream")
def _pausing_stream(ctx):
    """Streams three quick pieces, then pauses (as an LLM does before its last words) until released."""
    for piece in ('{"title": "Day one', " and day two", ' and day three"'):
        ctx.on_delta(piece)
    RELEASE.wait(10)
    return None


@pytest.fixture(autouse=True)
def _fresh():
    RELEASE.clear()
    CALLS.clear()
    yield
    RELEASE.set()


def test_study_plan_job_stores_the_plan_and_reports_done(ctx, make_user):
    """A study plan job ends done with a reference to the plan it stored for its user."""
    user = make_user()
    job_id = jobs.enqueue("study_plan", user, days=3, minutes_per_day=30, topics=["OS"], goal="")
    view = jobs.wait(user, job_id, 30)
    assert view.status == "done", view.error
    assert view.progress == 1.0 and view.attempts == 1
    plan = db.session.get(StudyActionPlan, view.result_id)
    assert plan.user_id == user and plan.days == 3 and "OS" in plan.topics


def test_another_users_job_is_not_found(ctx, make_user):
    """Job ids reveal nothing: another user's job is NotFound, like a missing one."""
    owner, other = make_user(), make_user()
    job_id = jobs.enqueue("study_plan", owner, days=2, minutes_per_day=30, topics=[], goal="")
    with pytest.raises(NotFound):
        jobs.get(other, job_id)
    with pytest.raises(NotFound):
        jobs.get(owner, job_id + 1000)


def test_per_user_cap_refuses_with_429_until_a_job_finishes(ctx, make_user):
    """Past JOB_USER_LIMIT queued or running jobs a user is refused (429, a clear message); others are not."""
    ctx.config["JOB_USER_LIMIT"] = 2
    user, other = make_user(), make_user()
    first = [jobs.enqueue("test_blocks", user, n=i) for i in range(2)]
    with pytest.raises(TooManyAttempts) as refused:
        jobs.enqueue("test_blocks", user, n=3)
    assert refused.value.status == 429 and "Wait for one to finish" in refused.value.message
    jobs.enqueue("study_plan", other, days=2, minutes_per_day=30, topics=[], goal="")
    RELEASE.set()
    assert all(jobs.wait(user, j, 10).status == "done" for j in first)
    assert jobs.enqueue("test_blocks", user, n=4)


def test_transient_failure_is_retried_with_back_off(ctx, make_user):
    """A connection error is retried after a back-off; the second attempt's result is kept."""
    ctx.config["JOB_RETRY_SECONDS"] = 0.2
    user = make_user()
    view = jobs.wait(user, jobs.enqueue("test_flaky", user, fail_times=1), 10)
    assert (view.status, view.attempts, view.result_ref) == ("done", 2, "thing:7")
    ran = db.session.get(Job, view.id)
    assert (ran.finished_at - ran.created_at).total_seconds() >= 0.2


def test_failure_on_every_attempt_ends_failed_with_a_message(ctx, make_user):
    """After JOB_MAX_ATTEMPTS transient failures the job fails and says to try again."""
    ctx.config.update(JOB_RETRY_SECONDS=0.05, JOB_MAX_ATTEMPTS=3)
    user = make_user()
    view = jobs.wait(user, jobs.enqueue("test_flaky", user, fail_times=99), 10)
    assert (view.status, view.attempts) == ("failed", 3) and "try again" in view.error
    assert len(CALLS) == 3


def test_refused_work_fails_at_once_with_the_reason(ctx, make_user):
    """A domain error is not retried: the job fails on its first attempt with the service's message."""
    user = make_user()
    view = jobs.wait(user, jobs.enqueue("test_refused", user), 10)
    assert (view.status, view.attempts) == ("failed", 1) and "whole number of days" in view.error


def test_timeout_stops_the_job(ctx, make_user):
    """A job past JOB_TIMEOUT_SECONDS is stopped and failed with the limit in its message."""
    ctx.config["JOB_TIMEOUT_SECONDS"] = 1
    user = make_user()
    view = jobs.wait(user, jobs.enqueue("test_slow", user), 10)
    assert view.status == "failed" and "longer than 1 seconds" in view.error


def test_a_job_run_again_after_a_crash_stores_one_result(ctx, make_user):
    """A study plan job whose worker died after storing the plan runs again and stores no second plan."""
    user = make_user()
    job_id = jobs.enqueue("study_plan", user, days=2, minutes_per_day=30, topics=["OS"], goal="")
    first = jobs.wait(user, job_id, 30)
    assert first.status == "done"
    # The worker "died" after the plan's commit, before the job was marked done: it is queued again.
    db.session.execute(update(Job).where(Job.id == job_id).values(status="queued"))
    db.session.commit()
    assert execute(job_id) == "done"
    again = jobs.get(user, job_id)
    assert again.result_ref == first.result_ref and again.attempts == 2
    assert db.session.scalar(select(func.count()).select_from(StudyActionPlan)) == 1


def test_a_delivered_twice_job_runs_once(ctx, make_user):
    """A job delivered again while it is done is left alone."""
    user = make_user()
    view = jobs.wait(user, jobs.enqueue("test_flaky", user, fail_times=0), 10)
    assert execute(view.id) == "skipped" and len(CALLS) == 1


def test_single_kinds_return_the_active_job(ctx, make_user):
    """Asking twice for a single-kind job (a mock interview's feedback) while one is active returns that one."""
    user = make_user()
    db.session.add(Job(user_id=user, kind="mock_feedback", params={"session_id": 5}, status="running"))
    db.session.commit()
    existing = db.session.scalar(select(Job.id))
    assert jobs.enqueue("mock_feedback", user, session_id=5) == existing


def test_the_retention_sweep_runs_as_a_job_from_the_command(app, ctx):
    """`interview-coach retention --as-job` queues the sweep; it ends done and says what it did."""
    result = app.test_cli_runner().invoke(args=["retention", "--as-job"])
    assert result.exit_code == 0 and "retention sweep queued as job" in result.output
    job_id = int(result.output.split()[-1])
    for _ in range(200):
        job = db.session.get(Job, job_id)
        db.session.rollback()
        if job.status == "done":
            break
        threading.Event().wait(0.05)
    assert job.status == "done" and job.user_id is None and job.message.startswith("Archived 0, purged 0 interviews")


def test_streamed_text_is_published_while_the_job_pauses(ctx, make_user):
    """Pieces written in quick succession reach readers within moments even if no further piece comes."""
    import time

    from interview_coach.jobs.output import read

    user = make_user()
    job_id = jobs.enqueue("test_pausing_stream", user)
    deadline, text = time.monotonic() + 5, ""
    while time.monotonic() < deadline and "day three" not in text:
        text = read(job_id, "0", wait=0.2).text
    RELEASE.set()
    assert "Day one and day two and day three" in text
