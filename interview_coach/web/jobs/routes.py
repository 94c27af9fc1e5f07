"""A background job's page: its progress and streamed text while it runs, its result or error after.

``GET /jobs/<id>`` shows the writing page (``writing.html``): app.js relays ``GET /jobs/<id>/stream``
(:func:`~interview_coach.web.streaming.stream_job`) into it and opens the result when it is stored.
Without JavaScript its button loads ``/jobs/<id>?wait=1``, which waits for the job. A finished job's page
goes straight to the result; a failed one says why, with a link back. Reloading, or landing on another
app process, resumes from the job's state: nothing is kept in the cookie. Another user's job is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ... import jobs
from ..streaming import stream_job

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


@dataclass(frozen=True)
class _Page:
    section: str
    heading: str
    result: Callable[[jobs.JobView], str]
    back: Callable[[jobs.JobView], str]


PAGES = {
    "study_plan": _Page("study plan", "Writing your study plan",
                        lambda v: url_for("study.show", plan_id=v.result_id), lambda v: url_for("study.index")),
    "mock_start": _Page("mock interview", "Writing your interview questions",
                        lambda v: url_for("mock.show", session_id=v.result_id),
                        lambda v: url_for("mock.documents", session_id=v.params["session_id"])),
    "mock_feedback": _Page("mock interview", "Writing your feedback",
                           lambda v: url_for("mock.feedback", session_id=v.result_id),
                           lambda v: url_for("mock.show", session_id=v.params["session_id"])),
}


def result_url(view: jobs.JobView) -> str:
    """Where a done job's result is shown."""
    return PAGES[view.kind].result(view)


@bp.get("/<int:job_id>")
@login_required
def show(job_id: int):
    view = jobs.wait(current_user.id, job_id) if request.args.get("wait") else jobs.get(current_user.id, job_id)
    page = PAGES.get(view.kind)
    if page is None:
        return redirect(url_for("main.home"))
    if view.status == "done":
        return redirect(page.result(view))
    return render_template("writing.html", page_title=page.heading, section=page.section, heading=page.heading,
                           job=view, back_url=page.back(view),
                           stream_url=url_for(".stream", job_id=job_id), stream_method="GET",
                           wait_url=url_for(".show", job_id=job_id), wait_method="get")


@bp.get("/<int:job_id>/stream")
@login_required
def stream(job_id: int):
    """The job's progress and text as server-sent events, then its result's URL (or its error)."""
    return stream_job(current_user.id, job_id, result_url)
