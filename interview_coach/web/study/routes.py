"""Study plan pages: the list with the new-plan form, a plan, its Markdown download and delete.

Creating a plan: the form posts to ``/study-plans``; a refused form comes back with status 422, each
problem at its field and what the user typed still in place. The checked request becomes a background
job (``study_plan``, see :mod:`interview_coach.jobs`). With the built-in engine (or ``?wait=1``) the
request waits for it and the browser goes to the plan. With an LLM configured the browser goes to the
job's page (:mod:`interview_coach.web.jobs.routes`), which streams the plan as the LLM writes it and
then opens it; reloading that page follows the same job, so it never writes a second plan.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ... import jobs
from ...ai import get_ai
from ...errors import Invalid
from ...ratelimits import user_limit
from ...services import study_plans
from ..forms import apply_errors
from ..quick.render import render_markdown
from .forms import PlanForm

bp = Blueprint("study", __name__, url_prefix="/study-plans")


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
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            job_id = jobs.enqueue("study_plan", current_user.id, days=checked.days,
                                  minutes_per_day=checked.minutes_per_day, topics=list(checked.topics),
                                  goal=checked.goal)
            if get_ai().uses_llm and not request.args.get("wait"):
                return redirect(url_for("jobs.show", job_id=job_id))
            view = jobs.wait(current_user.id, job_id)
            if view.status == "done":
                flash("Your study plan is ready.", "success")
                return redirect(url_for(".show", plan_id=view.result_id))
            if view.status == "failed":
                flash(view.error, "error")
                return redirect(url_for(".index"))
            return redirect(url_for("jobs.show", job_id=job_id))  # still writing: its page shows progress
    return _index(form, 422)


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
