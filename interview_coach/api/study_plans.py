"""Study action plans over the API: create (written by the AI engine for your weak areas), list, get and
delete. Every route is scoped to the token's user; another user's plan is a 404."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..services import study_plans
from ..ratelimits import user_limit
from .auth import SECURITY, api_user, token_required
from .blueprint import ApiBlueprint
from .jobs import JobSchema, WaitSchema, run_job
from .schemas import ErrorSchema, Timestamp
from .simulator import ENGINE_DOC, NOTICE_DOC

blp = ApiBlueprint("study_plans", __name__, description="Study action plans for your weak areas.")

_DAYS, _MINUTES = study_plans.DAYS, study_plans.MINUTES


class StudyPlanCreateSchema(Schema):
    days = fields.Int(required=True, strict=True, validate=validate.Range(*_DAYS),
                      metadata={"description": f"How many days the plan covers, {_DAYS[0]}–{_DAYS[1]}."})
    minutes_per_day = fields.Int(required=True, strict=True, validate=validate.Range(*_MINUTES),
                                 metadata={"description": f"Study time a day, {_MINUTES[0]}–{_MINUTES[1]} minutes."})
    topics = fields.List(fields.Str(), load_default=None, allow_none=True, metadata={
        "description": "Syllabus topic names or ids to plan for (a topic you never practised counts as 0% "
                       "mastery). Omitted or empty: every topic you have practised, weakest first; with no "
                       "practice either, the fundamentals of every topic."})
    goal = fields.Str(load_default="", allow_none=True, metadata={
        "description": f"Optional, at most {study_plans.GOAL_MAX} characters (runs of spaces count as one), "
                       "e.g. 'a backend interview in two weeks'."})


class StudyPlanSummarySchema(Schema):
    id = fields.Int()
    days = fields.Int()
    topics = fields.List(fields.Str(), metadata={"description": "The topics the plan covers."})
    created_at = Timestamp()
    engine = fields.Str(allow_none=True, metadata={"description": ENGINE_DOC})


class StudyPlanSchema(StudyPlanSummarySchema):
    plan_markdown = fields.Str(metadata={"description": "The plan in Markdown: its title, summary and one "
                                                        "section per day (focus, activity, minutes); "
                                                        "every generated text is Markdown-escaped."})
    engine_notice = fields.Str(allow_none=True, metadata={"description": NOTICE_DOC})


def _plan(plan) -> dict:
    return {"id": plan.id, "days": plan.days, "topics": study_plans.topic_list(plan), "created_at": plan.created_at,
            "engine": plan.engine, "engine_notice": plan.engine_notice, "plan_markdown": plan.plan_markdown}


@blp.post("/study-plans")
@token_required
@user_limit("AI_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.arguments(WaitSchema, location="query")
@blp.arguments(StudyPlanCreateSchema)
@blp.response(201, StudyPlanSchema)
@blp.alt_response(202, schema=JobSchema, description="The plan is still being written: poll the job (Location).")
@blp.alt_response(422, schema=ErrorSchema, description="Days, minutes a day, topics or goal out of bounds or unknown.")
@blp.alt_response(429, schema=ErrorSchema, description="Over the hourly budget, or too many jobs of yours running.")
def create(query, body):
    """Write a study plan for your weak areas and store it (with an LLM configured, it writes the plan;
    when it fails, the built-in engine does, and ``engine_notice`` says so). It is written by a
    background job: see ``wait``."""
    checked = study_plans.check(body["days"], body["minutes_per_day"], body["topics"], body["goal"])
    user_id = api_user().id
    return run_job("study_plan", query["wait"], lambda view: _plan(study_plans.get(user_id, view.result_id)), 201,
                   days=checked.days, minutes_per_day=checked.minutes_per_day, topics=list(checked.topics),
                   goal=checked.goal, stream=False)


@blp.get("/study-plans")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, StudyPlanSummarySchema(many=True))
def list_plans():
    """Your study plans, newest first."""
    return [_plan(p) for p in study_plans.list_plans(api_user().id)]


@blp.get("/study-plans/<int:plan_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, StudyPlanSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such study plan of yours.")
def get_one(plan_id: int):
    """One study plan with its Markdown."""
    return _plan(study_plans.get(api_user().id, plan_id))


@blp.delete("/study-plans/<int:plan_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(204)
@blp.alt_response(404, schema=ErrorSchema, description="No such study plan of yours.")
def delete(plan_id: int):
    """Delete the study plan."""
    study_plans.delete(api_user().id, plan_id)
