"""Study plan pages: the list with the new-plan form, a plan, its Markdown download and delete.

Creating a plan: the form posts to ``/study-plans``; a refused form comes back with status 422, each
problem at its field and what the user typed still in place. With the built-in engine (or ``?wait=1``)
the plan is written at once and the browser goes to it. With an LLM configured, the checked request is
kept in the signed session cookie under a one-time token and the browser goes to a "writing" page
that streams the plan as the LLM writes it (``POST …/writing/<token>/stream``, see
:mod:`interview_coach.web.streaming`) and then opens it; without JavaScript its button posts to
``…/writing/<token>/wait``. Either endpoint uses the token up, so reloading the page never writes a
second plan. At most :data:`MAX_PENDING` requests are kept (the oldest is dropped).
"""

from __future__ import annotations

import secrets

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask import session as cookie
from flask_login import current_user, login_required

from ...ai import get_ai
from ...ratelimits import user_limit
from ...errors import Invalid, NotFound
from ...services import study_plans
from ..forms import apply_errors
from ..quick.render import render_markdown
from ..streaming import stream_task
from .forms import PlanForm

bp = Blueprint("study", __name__, url_prefix="/study-plans")

PENDING_KEY = "study_plans_pending"
MAX_PENDING = 3


def _form(ticked: bool) -> PlanForm:
    """The new-plan form: every topic labelled with the user's mastery; a fresh form ticks the weakest."""
    choices = study_plans.topic_choices(current_user.id)
    labels = [(c.name, c.name + (f" ({c.mastery:.0%} mastery)" if c.mastery is not None else " (not practised yet)"))
              for c in choices]
    return PlanForm.for_topics(labels, [c.name for c in choices if c.suggested] if ticked else None)


def _index(form: PlanForm, status: int = 200):
    return render_template("study/index.html", form=form, plans=study_plans.list_plans(current_user.id)), status


@bp.get("")
@login_required
def index():
    return _index(_form(ticked=True))


@bp.post("")
@login_required
@user_limit("AI_RATE_LIMIT")
def create():
    form = _form(ticked=False)
    if form.validate_on_submit():
        try:
            checked = study_plans.check(form.days.data, form.minutes_per_day.data, form.topics.data, form.goal.data)
            if get_ai().uses_llm and not request.args.get("wait"):
                return redirect(url_for(".writing", token=_keep(checked)))
            plan = study_plans.create(current_user.id, **_fields(checked))
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            flash("Your study plan is ready.", "success")
            return redirect(url_for(".show", plan_id=plan.id))
    return _index(form, 422)


def _fields(checked: study_plans.PlanInput) -> dict:
    return {"days": checked.days, "minutes_per_day": checked.minutes_per_day, "topics": list(checked.topics),
            "goal": checked.goal}


def _keep(checked: study_plans.PlanInput) -> str:
    """Keep the checked request for the writing page; returns its one-time token."""
    pending = dict(cookie.get(PENDING_KEY) or {})
    while len(pending) >= MAX_PENDING:
        pending.pop(next(iter(pending)))
    token = secrets.token_urlsafe(12)
    pending[token] = _fields(checked)
    cookie[PENDING_KEY] = pending
    return token


def _take(token: str) -> dict | None:
    """The kept request for ``token``, removed so that it is used once; None if there is none."""
    pending = dict(cookie.get(PENDING_KEY) or {})
    fields = pending.pop(token, None)
    cookie[PENDING_KEY] = pending
    return fields


def _already_written():
    flash("That plan has been written (or is still being written): it appears in your list.", "info")
    return redirect(url_for(".index"))


@bp.get("/writing/<token>")
@login_required
def writing(token: str):
    if token not in (cookie.get(PENDING_KEY) or {}):
        return _already_written()
    return render_template("writing.html", page_title="Your study plan", section="study plan",
                           heading="Writing your study plan",
                           stream_url=url_for(".write_stream", token=token), stream_method="POST",
                           wait_url=url_for(".write_wait", token=token), wait_method="post")


@bp.post("/writing/<token>/stream")
@login_required
def write_stream(token: str):
    """The plan as the LLM writes it (server-sent events), then the plan page's URL."""
    fields = _take(token)
    if fields is None:
        raise NotFound("This plan has already been written: see your study plans.")
    user_id, plans_url = current_user.id, url_for(".index")
    return stream_task(lambda on_delta: study_plans.create(user_id, **fields, on_delta=on_delta),
                       lambda plan: f"{plans_url}/{plan.id}")  # no url_for in the worker thread


@bp.post("/writing/<token>/wait")
@login_required
def write_wait(token: str):
    """The no-JavaScript way: write the kept request's plan, then open it."""
    fields = _take(token)
    if fields is None:
        return _already_written()
    try:
        plan = study_plans.create(current_user.id, **fields)
    except Invalid as exc:
        flash(exc.message, "error")
        return redirect(url_for(".index"))
    return redirect(url_for(".show", plan_id=plan.id))


@bp.get("/<int:plan_id>")
@login_required
def show(plan_id: int):
    plan = study_plans.get(current_user.id, plan_id)
    return render_template("study/plan.html", plan=plan, topics=study_plans.topic_list(plan),
                           plan_html=render_markdown(plan.plan_markdown))


@bp.get("/<int:plan_id>/study-plan.md")
@login_required
def download(plan_id: int):
    plan = study_plans.get(current_user.id, plan_id)
    return Response(plan.plan_markdown, mimetype="text/markdown", headers={
        "Content-Disposition": f'attachment; filename="study-plan-{plan_id}.md"'})


@bp.post("/<int:plan_id>/delete")
@login_required
def delete(plan_id: int):
    study_plans.delete(current_user.id, plan_id)
    flash("The study plan was deleted.", "info")
    return redirect(url_for(".index"))
