"""A background job's page: progress while it runs (with the stream's address), the error and a way back when
it failed, straight to the result when it is done; the stream relays a failure as an error event."""

from __future__ import annotations

from interview_coach.extensions import db
from interview_coach.models import Job
from test_ai_engine_pages import _stream


def _job(app, user_id: int, **fields) -> int:
    with app.app_context():
        job = Job(user_id=user_id, kind="study_plan", params={}, **fields)
        db.session.add(job)
        db.session.commit()
        return job.id


def test_a_running_job_shows_its_progress_and_stream(app, logged_in):
    client, user = logged_in
    job_id = _job(app, user, status="running", progress=0.4, message="Writing day 2")
    html = client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert "Writing your study plan" in html and "Writing day 2 (40%)" in html
    assert f'data-stream-url="/jobs/{job_id}/stream"' in html


def test_a_failed_job_says_why_and_leads_back(app, logged_in):
    client, user = logged_in
    job_id = _job(app, user, status="failed", error="This took longer than 300 seconds and was stopped.")
    page = client.get(f"/jobs/{job_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'data-testid="job-error"' in html and "longer than 300 seconds" in html
    assert 'href="/study-plans"' in html and "data-stream-url" not in html
    assert _stream(client, "GET", f"/jobs/{job_id}/stream")[-1] == (
        "error", {"message": "This took longer than 300 seconds and was stopped."})


def test_a_done_job_goes_to_its_result(app, logged_in):
    client, user = logged_in
    job_id = _job(app, user, status="done", progress=1.0, result_ref="study_plan:42")
    response = client.get(f"/jobs/{job_id}")
    assert response.status_code == 302 and response.headers["Location"] == "/study-plans/42"
