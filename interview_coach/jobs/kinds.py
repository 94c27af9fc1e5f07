"""The job functions: each takes a :class:`~interview_coach.jobs.runner.JobContext` and ids or plain values,
calls one service, and returns the result reference ("<kind>:<id>") the pages open when it is done.

Each can run twice for one job (a retry after a worker died) and still leaves one result: the study plan
is stored with :meth:`~interview_coach.jobs.runner.JobContext.claim_result` in its own transaction; the
interview's questions and its feedback are written once per interview by their services.
"""

from __future__ import annotations

from .runner import JobContext, job_kind


def _delta(ctx: JobContext, stream: bool):
    """The LLM streams its reply to the job's page only when one may be watching (not for API calls,
    whose clients read the finished result)."""
    return ctx.on_delta if stream else None


@job_kind("study_plan")
def study_plan(ctx: JobContext, days, minutes_per_day, topics=None, goal="", stream=True) -> str:
    """Write and store a study plan for the job's user (``stream``: ask the LLM to stream, for a page)."""
    from ..services import study_plans

    ctx.progress(0.1, "Reading your mastery and recent interviews")
    stored: list[int] = []

    def claim(plan) -> bool:
        stored.append(plan.id)
        return ctx.claim_result(f"study_plan:{plan.id}")

    study_plans.create(ctx.user_id, days, minutes_per_day, topics, goal, on_delta=_delta(ctx, stream), claim=claim)
    return f"study_plan:{stored[-1]}"


@job_kind("mock_feedback", single=True)
def mock_feedback(ctx: JobContext, session_id: int, stream=True) -> str:
    """Write the mock interview's feedback (once per interview)."""
    from ..services import mock_feedback as feedback_service

    ctx.progress(0.1, "Reading your answers")
    feedback_service.feedback(ctx.user_id, session_id, on_delta=_delta(ctx, stream))
    return f"mock_feedback:{session_id}"


@job_kind("mock_start", single=True)
def mock_start(ctx: JobContext, session_id: int, stream=True) -> str:
    """Plan the mock interview's questions and ask the first (once per interview)."""
    from ..services import simulator

    ctx.progress(0.1, "Reading the CV and the job description")
    simulator.start(ctx.user_id, session_id, on_delta=_delta(ctx, stream))
    return f"mock_session:{session_id}"


@job_kind("retention", single=True, queue="maintenance")
def retention(ctx: JobContext) -> None:
    """The retention sweep (as ``interview-coach retention`` with the configured periods)."""
    from flask import current_app

    from ..services.retention import archive_old_interviews, prune_login_records, purge_deleted_interviews

    archived = archive_old_interviews(current_app.config["RETENTION_DAYS"])
    purged = purge_deleted_interviews(current_app.config["DELETED_RETENTION_DAYS"])
    pruned = prune_login_records()
    ctx.progress(1.0, f"Archived {archived.archived}, purged {purged.purged} interviews; removed {pruned} login records")
    return None
