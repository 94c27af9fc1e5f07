"""Mock interview pages: the list, create, documents, the chat, feedback and the Markdown transcript.

Every view parses the form, calls the ``services.simulator`` and ``services.mock_feedback`` use cases
and turns the result or a domain error into a page or a redirect. Every page works without JavaScript; the answer form also
posts with htmx, which gets the conversation fragment back instead of a redirect. A refused form
comes back with status 422 (invalid) or 409 (conflict) and the text the user typed still in place.
Another user's or a deleted interview is a 404 (the service's NotFound). The documents form is
multipart: the CV and the job description can each be uploaded (PDF, DOCX, TXT) or pasted; a
refused file is explained at its own field (the browser cannot refill a file input, the text boxes
come back as typed).

CV, job description and answer text arrive with the browser's CRLF line breaks; they are made LF
here so lengths and the Markdown export match what the API stores for the same text.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ... import jobs
from ...ai import get_ai
from ...engine.feedback import band
from ...errors import Conflict, Invalid
from ...ratelimits import user_limit
from ...models.simulator import MAX_QUESTIONS
from ...services import mock_documents, mock_feedback, simulator
from ..forms import apply_errors
from ..quick.render import render_markdown
from .forms import AnswerForm, DocumentsForm, EmptyForm, NewForm

bp = Blueprint("mock", __name__, url_prefix="/mock-interviews")


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


@bp.get("")
@login_required
def index():
    return render_template("mock/index.html", items=simulator.list_interviews(current_user.id))


@bp.get("/new")
@login_required
def new():
    return render_template("mock/new.html", form=NewForm(formdata=None))


@bp.post("")
@login_required
def create():
    form = NewForm()
    if form.validate_on_submit():
        try:
            session = simulator.create(current_user.id, (form.job_title.data or "").strip(),
                                       (form.company_name.data or "").strip())
        except Invalid as exc:
            apply_errors(form, exc)
        else:
            return redirect(url_for(".documents", session_id=session.id))
    return render_template("mock/new.html", form=form), 422


def _documents_page(session, form: DocumentsForm, status: int = 200):
    return render_template("mock/documents.html", s=session, form=form), status


@bp.get("/<int:session_id>/documents")
@login_required
def documents(session_id: int):
    session = simulator.get(current_user.id, session_id)
    if session.plan is not None:
        return redirect(url_for(".show", session_id=session_id))
    return _documents_page(session, DocumentsForm(formdata=None))


@bp.post("/<int:session_id>/documents")
@login_required
@user_limit("UPLOAD_RATE_LIMIT")
def save_documents(session_id: int):
    form = DocumentsForm()
    if form.validate_on_submit():
        # An empty box or file input means "keep what is stored", so the CV and the job description
        # can be given one at a time; the service decides what is acceptable.
        cv = _text(form.cv_text.data) or None
        jd = _text(form.job_description_text.data) or None
        cv_file, jd_file = _upload(form.cv_file.data), _upload(form.job_description_file.data)
        try:
            saved = mock_documents.save_documents(
                current_user.id, session_id, cv_text=cv, job_description_text=jd,
                use_profile_resume=bool(form.use_profile_resume.data), cv_file=cv_file, job_description_file=jd_file)
        except Invalid as exc:
            apply_errors(form, exc)
        except Conflict as exc:
            flash(exc.message, "error")
            return redirect(url_for(".show", session_id=session_id))
        else:
            read = [f" {mock_documents.LABELS[name]}: {count:,} characters read from the file."
                    for name, count in saved.characters_read.items()]
            flash("Saved." + "".join(read), "success")
            for warning in saved.warnings:
                flash(warning, "info")
            return redirect(url_for(".documents", session_id=session_id))
    # Refused: the page again with each problem at its field and the pasted text still in place.
    return _documents_page(simulator.get(current_user.id, session_id), form, 422)


def _upload(storage) -> mock_documents.UploadedFile | None:
    """The chosen file's bytes, or None when the file input was left empty."""
    if storage is None or not storage.filename:
        return None
    return mock_documents.UploadedFile(storage.read(), storage.filename)


@bp.post("/<int:session_id>/start")
@login_required
@user_limit("AI_RATE_LIMIT")
def start(session_id: int):
    """Start the interview. With an LLM configured the questions are written by a background job whose
    page streams them as they come (``?wait=1``, the no-JavaScript form, waits for it); the built-in
    interviewer plans them at once."""
    if EmptyForm().validate_on_submit():
        session = simulator.get(current_user.id, session_id)
        if session.plan is None and session.is_ready and get_ai().uses_llm:
            job_id = jobs.enqueue("mock_start", current_user.id, session_id=session_id)
            if not request.args.get("wait"):
                return redirect(url_for("jobs.show", job_id=job_id))
            view = jobs.wait(current_user.id, job_id)
            if view.status != "done":
                flash(view.error or "Your questions are still being written.", "error" if view.error else "info")
                return redirect(url_for("jobs.show", job_id=job_id) if not view.error
                                else url_for(".documents", session_id=session_id))
            return redirect(url_for(".show", session_id=session_id))
        try:
            simulator.start(current_user.id, session_id)
        except Invalid as exc:
            flash(exc.message if not exc.reasons else " ".join(sum(exc.reasons.values(), [])), "error")
            return redirect(url_for(".documents", session_id=session_id))
    return redirect(url_for(".show", session_id=session_id))


def _chat_page(session, form: AnswerForm | None = None, notice: str | None = None, status: int = 200):
    rows = simulator.messages(session.id)
    complete = simulator.is_complete(session.id)
    # htmx posts get only the conversation back (swapped into #mock-region); plain requests the page.
    template = "mock/_conversation.html" if _is_htmx() else "mock/chat.html"
    return render_template(template, s=session, rows=rows, complete=complete, notice=notice,
                           number=simulator.question_number(session), max_questions=MAX_QUESTIONS,
                           form=form or AnswerForm(formdata=None)), status


@bp.get("/<int:session_id>")
@login_required
def show(session_id: int):
    session = simulator.get(current_user.id, session_id)
    if session.plan is None:
        return redirect(url_for(".documents", session_id=session_id))
    return _chat_page(session)


@bp.post("/<int:session_id>/answers")
@login_required
@user_limit("SCORING_RATE_LIMIT")
def answer(session_id: int):
    form = AnswerForm()
    notice = None
    if form.validate_on_submit():
        try:
            simulator.answer(current_user.id, session_id, _text(form.answer.data))
        except Invalid as exc:
            apply_errors(form, exc)
        except Conflict as exc:
            notice = exc.message
        else:
            if _is_htmx():
                return _chat_page(simulator.get(current_user.id, session_id))
            return redirect(url_for(".show", session_id=session_id))
    # Refused: the chat again with the reason, and the typed text still in the textarea.
    form.answer.render_kw = {**(form.answer.render_kw or {}), "autofocus": True}
    return _chat_page(simulator.get(current_user.id, session_id), form, notice, 409 if notice else 422)


@bp.get("/<int:session_id>/feedback")
@login_required
def feedback(session_id: int):
    """The feedback page. Reading it never writes anything: feedback not yet written gets a page with the
    button that writes it (a POST), and an interview still running goes back to its chat."""
    session = simulator.get(current_user.id, session_id)
    fb = mock_feedback.stored_feedback(session_id)
    if fb is None:
        if not simulator.is_complete(session_id):
            flash("Answer all the questions first; then your feedback can be written.", "error")
            return redirect(url_for(".show", session_id=session_id))
        return render_template("mock/feedback_pending.html", s=session, form=EmptyForm())
    notes = [(item, render_markdown(item.notes_md)) for item in mock_feedback.annotated_answers(session, fb)]
    return render_template("mock/feedback.html", s=session, fb=fb, band=band(fb.interview_score), notes=notes,
                           asked=simulator.question_number(session), max_questions=MAX_QUESTIONS,
                           strengths=render_markdown(fb.strengths), weaknesses=render_markdown(fb.weaknesses),
                           cv_improvements=render_markdown(fb.cv_improvements))


@bp.post("/<int:session_id>/feedback")
@login_required
@user_limit("AI_RATE_LIMIT")
def write_feedback(session_id: int):
    """Write the feedback (once, as a background job), then show it. With an LLM configured (and ``?wait``
    absent) the job's page, which streams it, comes first."""
    if not EmptyForm().validate_on_submit():
        return redirect(url_for(".feedback", session_id=session_id))
    simulator.get(current_user.id, session_id)
    if mock_feedback.stored_feedback(session_id) is not None:
        return redirect(url_for(".feedback", session_id=session_id))
    if not simulator.is_complete(session_id):
        flash(f"Answer all {MAX_QUESTIONS} questions before asking for feedback.", "error")
        return redirect(url_for(".show", session_id=session_id))
    job_id = jobs.enqueue("mock_feedback", current_user.id, session_id=session_id)
    if get_ai().uses_llm and not request.args.get("wait"):
        return redirect(url_for("jobs.show", job_id=job_id))
    view = jobs.wait(current_user.id, job_id)
    if view.status == "failed":
        flash(view.error, "error")
        return redirect(url_for(".show", session_id=session_id))
    if view.status != "done":
        return redirect(url_for("jobs.show", job_id=job_id))
    return redirect(url_for(".feedback", session_id=session_id))


@bp.get("/<int:session_id>/transcript.md")
@login_required
def transcript(session_id: int):
    text = mock_feedback.transcript_markdown(current_user.id, session_id)
    return Response(text, mimetype="text/markdown", headers={
        "Content-Disposition": f'attachment; filename="mock-interview-{session_id}.md"'})


@bp.post("/<int:session_id>/delete")
@login_required
def delete(session_id: int):
    if EmptyForm().validate_on_submit():
        simulator.delete(current_user.id, session_id)
        flash("The mock interview was deleted.", "info")
    return redirect(url_for(".index"))


def _text(value: str | None) -> str:
    """Form text with the browser's CRLF line breaks made LF, so lengths and exports match the API's;
    whitespace-only text becomes empty."""
    text = (value or "").replace("\r\n", "\n")
    return text if text.strip() else ""
