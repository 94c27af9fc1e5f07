"""Practice pages: start a session, answer questions (htmx or plain posts), end with a summary;
the progress dashboard and the answer history with "try this question again".

Every page works without JavaScript: htmx posts get fragments back, plain posts get a redirect.
A refused answer is 422 (invalid) or 409 (conflict: already answered, session ended), for htmx
and plain posts alike; ``static/js/app.js`` swaps both, and either way the typed text comes back.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask import session as cookie
from flask_login import current_user, login_required

from ...errors import Conflict, Invalid, NotFound
from ...models import MAX_INT
from ...ratelimits import user_limit
from ...services import practice, progress
from ..forms import apply_errors
from . import present
from .chart import mastery_chart
from .forms import ActionForm, AnswerForm, StartForm

bp = Blueprint("practice_pages", __name__)  # "practice" is the API blueprint's name

MOVED_KEY = "practice_moved"  # difficulty/mastery change of the last plain-post answer, for its result page


@bp.context_processor
def _helpers() -> dict:
    return {"reason_text": present.reason_text}


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _start_form(**kwargs) -> StartForm:
    return StartForm.with_topics(practice.available_topics(), **kwargs)


@bp.get("/practice")
@login_required
def start_page():
    return render_template("practice/start.html", form=_start_form(),
                           active=practice.active_session(current_user.id))


@bp.post("/practice")
@login_required
@user_limit("SCORING_RATE_LIMIT")
def start():
    form = _start_form()
    if form.validate_on_submit():
        # "Let the coach choose" ignores ticks; so does "Start" with nothing ticked.
        topics = None if request.form.get("coach") else (form.topics.data or None)
        try:
            session = practice.start_session(current_user.id, topics)
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            try:
                practice.next_question(current_user.id, session.session_id)  # served here: GETs only read
            except Conflict:
                pass  # the session page says why there is no question
            return redirect(url_for(".session_page", session_id=session.session_id))
    return render_template("practice/start.html", form=form,
                           active=practice.active_session(current_user.id)), 422


@bp.get("/practice/<session_id>")
@login_required
def session_page(session_id: str):
    session = practice.get_session(current_user.id, session_id)
    if session.end_time is not None:
        flash("This session has ended. Here is its summary.", "info")
        return redirect(url_for(".summary", session_id=session_id))
    # Reading the page never serves a question (that is the POSTs' work: start, next, retry), so a reload
    # or a prefetch neither skips a question nor restarts its response-time clock.
    question = practice.pending_question(current_user.id, session_id)
    if question is None:
        return render_template("practice/session.html", session=session, ready=True)
    return render_template("practice/session.html", session=session, question=question,
                           number=(session.questions_asked or 0) + 1,
                           form=AnswerForm(formdata=None, question_id=question.id))


@bp.post("/practice/<session_id>/answer")
@login_required
@user_limit("SCORING_RATE_LIMIT")
def answer(session_id: str):
    form = AnswerForm()
    question_id = _int(form.question_id.data)
    error: Conflict | None = None
    if form.validate_on_submit() and question_id is not None:
        try:
            result = practice.submit_answer(current_user.id, session_id, question_id, form.answer.data or "")
        except Invalid as exc:
            apply_errors(form, exc)
        except Conflict as exc:
            error = exc
        except NotFound:
            # Ending a session drops its unanswered question, so an answer typed in another tab
            # arrives for a question that is gone: say the session ended and give the text back.
            session = practice.get_session(current_user.id, session_id)  # another user's: still a 404
            if session.end_time is None:
                raise
            context = dict(session=session, kept=form.answer.data or "",
                           message="This practice session has ended; the answer was not recorded.")
            if _is_htmx():
                return render_template("practice/_kept.html", **context), 409
            return render_template("practice/session.html", **context), 409
        else:
            view = present.result_view(progress.answer_result_dict(result), result.history)
            if _is_htmx():
                return render_template("practice/_result.html", r=view, swapped=True)
            cookie[MOVED_KEY] = {"id": result.history.id, "difficulty_before": result.difficulty_before,
                                 "difficulty_after": result.difficulty_after,
                                 "mastery_before": result.mastery_before, "mastery_after": result.mastery_after}
            return redirect(url_for(".result", session_id=session_id, history_id=result.history.id))
    # Refused: show the same question again with the reason, and the typed text in the textarea
    # (focused, so the keyboard user lands where the problem is).
    form.answer.render_kw = {**(form.answer.render_kw or {}), "autofocus": True}
    form.form_errors.extend(form.question_id.errors)  # a hidden field: its problem is said above the form
    session = practice.get_session(current_user.id, session_id)
    question = (_question_of(session_id, question_id) if question_id is not None
                else practice.pending_question(current_user.id, session_id))
    if question is None:
        return redirect(url_for(".session_page", session_id=session_id))
    context = dict(session=session, question=question, form=form, error=error,
                   number=(session.questions_asked or 0) + (1 if question.answer is None else 0))
    if _is_htmx():
        return render_template("practice/_question.html", swapped=True, **context), (409 if error else 422)
    return render_template("practice/session.html", **context), (409 if error else 422)


@bp.get("/practice/<session_id>/answers/<int:history_id>")
@login_required
def result(session_id: str, history_id: int):
    row = _question_of(session_id, history_id)
    if row.answer is None:
        return redirect(url_for(".session_page", session_id=session_id))
    session = practice.get_session(current_user.id, session_id)
    view = present.result_from_row(row, cookie.get(MOVED_KEY))
    return render_template("practice/session.html", session=session, r=view)


@bp.post("/practice/<session_id>/next")
@login_required
@user_limit("SCORING_RATE_LIMIT")
def next_question(session_id: str):
    try:
        question = practice.next_question(current_user.id, session_id)
    except Conflict as exc:
        if exc.code == "session_ended":
            flash(exc.message, "info")
            target = url_for(".summary", session_id=session_id)
            return ("", 204, {"HX-Redirect": target}) if _is_htmx() else redirect(target)
        if _is_htmx():
            return render_template("practice/_notice.html", notice=exc.message, session_id=session_id), 409
        return render_template("practice/session.html", session=practice.get_session(current_user.id, session_id),
                               notice=exc.message), 409
    if not _is_htmx():
        return redirect(url_for(".session_page", session_id=session_id))
    session = practice.get_session(current_user.id, session_id)
    return render_template("practice/_question.html", session=session, question=question, swapped=True,
                           number=(session.questions_asked or 0) + 1,
                           form=AnswerForm(formdata=None, question_id=question.id))


@bp.post("/practice/<session_id>/end")
@login_required
def end(session_id: str):
    practice.end_session(current_user.id, session_id)
    return redirect(url_for(".summary", session_id=session_id))


@bp.get("/practice/<session_id>/summary")
@login_required
def summary(session_id: str):
    session = practice.get_session(current_user.id, session_id)
    answers = practice.session_answers(current_user.id, session_id)
    return render_template("practice/summary.html", session=session, answers=present.answer_rows(answers))


@bp.get("/progress")
@login_required
def dashboard():
    data = progress.dashboard(current_user.id)
    return render_template("progress/dashboard.html", d=data, chart=mastery_chart(data["trend"]),
                           groups=present.subtopic_groups(data["subtopics"]), action_form=ActionForm())


@bp.get("/history")
@login_required
def history():
    topics = practice.available_topics()
    page = max(1, request.args.get("page", 1, type=int) or 1)
    topic = request.args.get("topic") or None
    if topic not in topics:
        topic = None  # an unknown filter shows everything rather than an empty page
    data = progress.history_page(current_user.id, page=page, topic=topic)
    return render_template("progress/history.html", data=data, rows=present.answer_rows(data["items"]),
                           topics=topics, topic=topic)


@bp.get("/history/<int:item_id>")
@login_required
def history_item(item_id: int):
    row = progress.history_item(current_user.id, item_id)
    view = present.result_from_row(row) if row.answer is not None else None
    return render_template("progress/item.html", row=row, r=view, action_form=ActionForm(),
                           reason=present.reason_text(row.reason))


@bp.post("/history/<int:item_id>/retry")
@login_required
def retry(item_id: int):
    try:
        question = progress.retry(current_user.id, item_id)
    except (Invalid, Conflict) as exc:
        flash(exc.message, "error")
        return redirect(url_for(".history_item", item_id=item_id))
    return redirect(url_for(".session_page", session_id=question.session_id))


@bp.app_template_global("practice_home")
def practice_home() -> dict | None:
    """What the signed-in home page shows of practice: a start form, a resume link, a progress glance.

    A template global rather than a context variable of ``main.home`` so the main package does not
    depend on this feature; it runs only when the home template asks for it.
    """
    if not current_user.is_authenticated:
        return None
    data = progress.dashboard(current_user.id)
    practised = [t for t in data["topics"] if t["questions_attempted"]]
    weakest = min(practised, key=lambda t: (t["mastery_level"], t["topic"])) if practised else None
    return {"overall": data["overall"], "weakest": weakest, "form": _start_form(),
            "active": practice.active_session(current_user.id)}


def _question_of(session_id: str, history_id: int):
    """The user's question ``history_id`` if it belongs to this session; NotFound (a 404) otherwise."""
    row = progress.history_item(current_user.id, history_id)
    if row.session_id != session_id:
        raise NotFound("That question was not asked in this session.")
    return row


def _int(value) -> int | None:
    """A question id from a form, or None when it is not a whole number an id can be."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_INT else None
