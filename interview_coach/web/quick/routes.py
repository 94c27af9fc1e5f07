"""Quick interview pages: the start form, one question at a time, and the result.

Every view parses the form, calls one service function and turns the result (or a domain error)
into a page or a redirect; the answer form keeps the typed text when the answer is refused.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from ...errors import Conflict, Invalid
from ...ratelimits import user_limit
from ...services import quick_interview as quick
from ..forms import apply_errors
from .forms import AnswerForm, EmptyForm, StartForm
from .render import render_markdown

bp = Blueprint("quick", __name__, url_prefix="/interviews")


def _start_form(formdata=True) -> StartForm:
    form = StartForm() if formdata else StartForm(formdata=None)
    choices = quick.options()
    form.topics.choices = [SelectChoice(c["value"], c["label"]) for c in choices["topics"]]
    form.competencies.choices = [SelectChoice(c["value"], c["label"]) for c in choices["competencies"]]
    return form


def _index_page(form: StartForm, status: int = 200):
    interviews = [quick.as_dict(i) for i in quick.list_recent(current_user.id)]
    return render_template("quick/index.html", form=form, interviews=interviews, empty_form=EmptyForm()), status


@bp.get("")
@login_required
def index():
    return _index_page(_start_form(formdata=False))


@bp.post("")
@login_required
def start():
    form = _start_form()
    if form.validate_on_submit():
        topics = form.topics.data if form.kind.data == "technical" else form.competencies.data
        try:
            interview = quick.start(current_user.id, form.kind.data, int(form.length.data), topics or None)
        except Invalid as exc:
            apply_errors(form, exc, aliases={"topics": "topics" if form.kind.data == "technical" else "competencies"})
        else:
            return redirect(url_for("quick.show", interview_id=interview.id))
    return _index_page(form, 422)


def _question_page(view: dict, form: AnswerForm | None = None, status: int = 200):
    index = view["next_index"]
    form = form or AnswerForm(formdata=None, index=index)
    return render_template("quick/question.html", interview=view, question=view["questions"][index],
                           index=index, form=form, empty_form=EmptyForm()), status


@bp.get("/<int:interview_id>")
@login_required
def show(interview_id: int):
    view = quick.as_dict(quick.get(current_user.id, interview_id))
    if view["status"] == "completed":
        return render_template("quick/result.html", interview=view, feedback_html=render_markdown(view["feedback"]),
                               empty_form=EmptyForm())
    return _question_page(view)


@bp.post("/<int:interview_id>/answers")
@login_required
@user_limit("SCORING_RATE_LIMIT")
def answer(interview_id: int):
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            index = int(form.index.data)
        except (TypeError, ValueError):
            index = -1
        try:
            outcome = quick.answer(current_user.id, interview_id, index, form.answer.data)
        except Invalid as exc:
            apply_errors(form, exc, aliases={"index": "form_level"})  # the index is hidden: show it above the form
        except Conflict as exc:
            flash(exc.message, "error")
            return redirect(url_for("quick.show", interview_id=interview_id))
        else:
            if not outcome.completed:
                flash(f"Question {outcome.index + 1} scored {round(outcome.item['score'] * 100)}%. "
                      "Here is the next one.", "success")
            return redirect(url_for("quick.show", interview_id=interview_id))
    view = quick.as_dict(quick.get(current_user.id, interview_id))
    if view["status"] == "completed":
        return redirect(url_for("quick.show", interview_id=interview_id))
    return _question_page(view, form, 422)


@bp.post("/<int:interview_id>/delete")
@login_required
def delete(interview_id: int):
    if EmptyForm().validate_on_submit():
        quick.delete_interview(current_user.id, interview_id)
        flash("The interview was deleted.", "info")
    return redirect(url_for("quick.index"))
