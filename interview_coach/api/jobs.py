"""Background jobs over the API: ``GET /jobs/<id>`` (status, progress, result, error), and :func:`run_job`, how
an endpoint whose work runs as a job answers.

An endpoint backed by a job waits for it by default and answers with the result, as a synchronous call
would; with ``?wait=false``, or when the job is still running after ``JOB_WAIT_SECONDS``, it answers 202
with the job (``Location``: the job's URL) and the client polls the job until ``status`` is ``done``,
then reads ``result_url``. Another user's job is a 404.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import jsonify, url_for
from marshmallow import Schema, fields

from .. import jobs
from ..errors import JobFailed
from .auth import SECURITY, api_user, token_required
from .blueprint import ApiBlueprint
from .schemas import ErrorSchema, Timestamp

blp = ApiBlueprint("api_jobs", __name__, description="Background jobs: AI-written study plans, feedback and questions.")

RESULTS = {  # kind → (API endpoint, its id argument)
    "study_plan": ("study_plans.get_one", "plan_id"),
    "mock_feedback": ("mock_interviews.get_one", "interview_id"),
    "mock_start": ("mock_interviews.get_one", "interview_id"),
}


class WaitSchema(Schema):
    wait = fields.Bool(load_default=True, metadata={
        "description": "true (default): wait for the job and answer with its result (or 202 with the job if it "
                       "is still running after the server's wait limit); false: answer 202 with the job at once."})


class JobSchema(Schema):
    id = fields.Int()
    kind = fields.Str(metadata={"description": "study_plan, mock_feedback or mock_start."})
    status = fields.Str(metadata={"description": "queued, running, done, failed or cancelled."})
    progress = fields.Float(metadata={"description": "0 to 1."})
    message = fields.Str(metadata={"description": "What the job is doing, in a few words."})
    result_url = fields.Str(allow_none=True, metadata={"description": "The API URL of the result once done."})
    error = fields.Str(allow_none=True, metadata={"description": "Why it failed (or why an attempt failed and "
                                                                 "is being retried)."})
    attempts = fields.Int()
    created_at = Timestamp()
    started_at = Timestamp(allow_none=True)
    finished_at = Timestamp(allow_none=True)


def job_dict(view: jobs.JobView) -> dict:
    endpoint, argument = RESULTS.get(view.kind, (None, None))
    url = url_for(endpoint, **{argument: view.result_id}) if endpoint and view.status == "done" else None
    return {"id": view.id, "kind": view.kind, "status": view.status, "progress": view.progress,
            "message": view.message, "result_url": url, "error": view.error, "attempts": view.attempts,
            "created_at": view.created_at, "started_at": view.started_at, "finished_at": view.finished_at}


def run_job(kind: str, wait: bool, done: Callable[[jobs.JobView], object], success: int, **params):
    """Enqueue ``kind`` for the token's user; the result (``done(view)``, status ``success``) or 202 with the job."""
    user_id = api_user().id
    job_id = jobs.enqueue(kind, user_id, **params)
    view = jobs.wait(user_id, job_id) if wait else jobs.get(user_id, job_id)
    if view.status == "done":
        return done(view), success
    if view.status in ("failed", "cancelled"):
        raise JobFailed(view.error or "The job was cancelled.")
    # A Response of its own: flask-smorest would dump the dict with the endpoint's result schema.
    response = jsonify(JobSchema().dump(job_dict(view)))
    response.status_code, response.headers["Location"] = 202, url_for("api_jobs.get_one", job_id=job_id)
    return response


@blp.get("/jobs/<int:job_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, JobSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such job of yours.")
def get_one(job_id: int):
    """A background job: its status, progress, result URL once done, or error."""
    return job_dict(jobs.get(api_user().id, job_id))
