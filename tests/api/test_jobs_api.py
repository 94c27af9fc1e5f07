"""Background jobs over the API, checked against the OpenAPI document: a study plan asked for without
waiting is a 202 with the job, which is polled to done and leads to the plan; another user's job is a 404;
past the per-user cap a request is a 429 that says why."""

from __future__ import annotations

import time

from interview_coach import jobs
from interview_coach.models import Job
from interview_coach.extensions import db


def test_a_plan_without_waiting_is_a_job_polled_to_its_result(call, api_token):
    """?wait=false answers 202 with the job; polling it ends done with the plan's URL, which holds the plan."""
    headers, _ = api_token
    accepted = call("POST", "/api/v1/study-plans", query_string={"wait": "false"}, headers=headers,
                    json={"days": 2, "minutes_per_day": 20, "topics": ["OS"]})
    job = accepted.get_json()
    assert accepted.status_code == 202 and job["kind"] == "study_plan" and job["status"] in ("queued", "running", "done")
    assert accepted.headers["Location"] == f"/api/v1/jobs/{job['id']}"
    deadline = time.monotonic() + 30
    while job["status"] != "done" and time.monotonic() < deadline:
        time.sleep(0.1)
        job = call("GET", accepted.headers["Location"], headers=headers).get_json()
    assert job["status"] == "done" and job["progress"] == 1.0 and job["attempts"] == 1 and job["error"] is None
    plan = call("GET", job["result_url"], headers=headers).get_json()
    assert plan["days"] == 2 and plan["topics"] == ["OS"]


def test_another_users_job_is_a_404(call, app, api_token, make_user):
    headers, _ = api_token
    other = make_user("other")
    with app.app_context():
        job_id = jobs.enqueue("study_plan", other, days=2, minutes_per_day=20, topics=[], goal="")
    response = call("GET", f"/api/v1/jobs/{job_id}", headers=headers)
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_past_the_per_user_cap_a_plan_is_a_429_that_says_why(call, app, api_token):
    """With JOB_USER_LIMIT jobs of the user still running, one more is refused with a clear message."""
    headers, user = api_token
    app.config["JOB_USER_LIMIT"] = 1
    with app.app_context():
        db.session.add(Job(user_id=user, kind="study_plan", params={}, status="running"))
        db.session.commit()
    refused = call("POST", "/api/v1/study-plans", headers=headers, json={"days": 2, "minutes_per_day": 20})
    error = refused.get_json()["error"]
    assert refused.status_code == 429 and error["code"] == "too_many_jobs" and "Wait for one to finish" in error["message"]
    assert refused.headers["Retry-After"]
