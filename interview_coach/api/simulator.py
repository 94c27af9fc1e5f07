"""The CV + job-description mock interview over the API: create, documents (as JSON text or uploaded
files), start, answers, feedback, transcript (Markdown), list and delete. Every route is scoped to the
token's user."""

from __future__ import annotations

from flask import Response
from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from ..engine.feedback import band
from ..ratelimits import user_limit
from ..models.simulator import MAX_QUESTIONS
from ..services import mock_documents, mock_feedback, simulator
from .auth import SECURITY, api_user, token_required
from .blueprint import ApiBlueprint
from .jobs import JobSchema, WaitSchema, run_job
from .schemas import NOT_BLANK, ErrorSchema, Timestamp

blp = ApiBlueprint("mock_interviews", __name__, description="CV + job-description mock interviews.")


ENGINE_DOC = "Which AI engine wrote it: builtin, llm:<model>, or builtin-fallback (a configured LLM failed)."
NOTICE_DOC = "Why the built-in engine stood in for the configured LLM; None when it did not."


class MockCreateSchema(Schema):
    job_title = fields.Str(required=True, metadata={"description": "Non-empty, at most 200 characters.",
                                                    "pattern": NOT_BLANK, "maxLength": 200})
    company_name = fields.Str(required=True, metadata={"description": "Non-empty, at most 200 characters.",
                                                       "pattern": NOT_BLANK, "maxLength": 200})


class MockDocumentsSchema(Schema):
    cv_text = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=100_000),
                         metadata={"description": "The CV as text (at most 100,000 characters).",
                                   "pattern": NOT_BLANK})
    job_description_text = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=20_000),
                                      metadata={"description": "The job description, 50–20,000 characters.",
                                                # 50 or more once the outer spaces are stripped
                                                "pattern": r"^[^\s\x00][^\x00]{48,}[^\s\x00]$"})
    use_profile_resume = fields.Bool(load_default=False,
                                     metadata={"description": "Use the résumé text stored on your profile."})


class MockDocumentsUploadSchema(Schema):
    cv_file = Upload(metadata={"description": "The CV: PDF, DOCX or TXT (checked by content), at most 5 MB."})
    job_description_file = Upload(metadata={"description": "The job description: PDF, DOCX or TXT, at most "
                                                           "5 MB, 50–20,000 characters of text."})


class MockAnswerSchema(Schema):
    answer = fields.Str(required=True, validate=validate.Length(max=20_000), metadata={"pattern": NOT_BLANK})


class MockMessageSchema(Schema):
    id = fields.Int()
    role = fields.Str(metadata={"description": "assistant (interviewer), user (candidate) or system."})
    content = fields.Str()
    timestamp = Timestamp()


class MockFollowUpSchema(Schema):
    number = fields.Int(metadata={"description": "The follow-up's number in the transcript (k in 'question k of 8')."})
    question = fields.Str(metadata={"description": "The interviewer's follow-up."})
    answer = fields.Str(metadata={"description": "The candidate's answer to it."})


class MockAnnotationSchema(Schema):
    number = fields.Int(metadata={"description": "The question's number in the transcript (k in 'question k of 8'; "
                                                 "follow-ups count there), from 1."})
    kind = fields.Str(metadata={"description": "opener, deep_dive, technical, behavioural, scenario or closing."})
    question = fields.Str()
    answer = fields.Str(metadata={"description": "The candidate's answer (with any follow-up answer joined)."})
    mark = fields.Int(metadata={"description": "The rubric's mark for this answer, 1–10."})
    notes = fields.Str(metadata={"description": "The rubric's notes on this answer (Markdown)."})
    follow_ups = fields.List(fields.Nested(MockFollowUpSchema),
                             metadata={"description": "The follow-ups to this question, with their answers "
                                                      "(their answers are part of ``answer`` and of the mark)."})


class MockFeedbackSchema(Schema):
    interview_score = fields.Int(metadata={"description": "1–10 (1–3 needs significant improvement, "
                                                          "4–6 moderate, 7–8 strong, 9–10 exceptional)."})
    band = fields.Str()
    strengths = fields.Str(allow_none=True, metadata={"description": "Markdown."})
    weaknesses = fields.Str(allow_none=True, metadata={"description": "Markdown."})
    cv_improvements = fields.Str(allow_none=True, metadata={"description": "Markdown."})
    created_at = Timestamp()
    engine = fields.Str(allow_none=True, metadata={"description": ENGINE_DOC})
    engine_notice = fields.Str(allow_none=True, metadata={"description": NOTICE_DOC})
    annotations = fields.List(fields.Nested(MockAnnotationSchema),
                              metadata={"description": "The transcript annotated answer by answer."})
    score_note = fields.Str(allow_none=True, metadata={"description": "Why the AI model moved the rubric's score "
                                                                     "by one point; None when it did not."})


class MockInterviewSummarySchema(Schema):
    id = fields.Int()
    job_title = fields.Str()
    company_name = fields.Str()
    created_at = Timestamp()
    ready = fields.Bool(metadata={"description": "Both the CV and the job description are present."})
    message_count = fields.Int()
    questions_asked = fields.Int()


class MockInterviewSchema(Schema):
    id = fields.Int()
    job_title = fields.Str()
    company_name = fields.Str()
    created_at = Timestamp()
    ready = fields.Bool(metadata={"description": "Both the CV and the job description are present."})
    started = fields.Bool()
    complete = fields.Bool(metadata={"description": f"All {MAX_QUESTIONS} questions answered."})
    question_number = fields.Int(metadata={"description": "k in 'question k of 8'."})
    max_questions = fields.Int()
    progress = fields.Str(metadata={"description": "'Question k of 8'."})
    cv_text = fields.Str(allow_none=True)
    job_description_text = fields.Str(allow_none=True)
    messages = fields.List(fields.Nested(MockMessageSchema))
    feedback = fields.Nested(MockFeedbackSchema, allow_none=True)
    questions_engine = fields.Str(allow_none=True, metadata={"description": "Which AI engine wrote the questions "
                                                                          "(None before the start). " + ENGINE_DOC})
    questions_notice = fields.Str(allow_none=True, metadata={"description": NOTICE_DOC})


class MockDocumentsUploadedSchema(MockInterviewSchema):
    characters_read = fields.Dict(keys=fields.Str(), values=fields.Int(),
                                  metadata={"description": "Characters of text read from each file sent, by field."})
    warnings = fields.List(fields.Str(), metadata={"description": "Things worth checking in the text read, "
                                                                  "e.g. that it was cut or looked garbled."})


def _feedback_dict(session, fb) -> dict | None:
    if fb is None:
        return None
    notes = [{"number": a.number, "kind": a.kind, "question": a.question, "answer": a.answer, "mark": a.mark,
              "notes": a.notes_md, "follow_ups": [{"number": e.number, "question": e.question, "answer": e.answer}
                                                  for e in a.follow_ups]}
             for a in mock_feedback.annotated_answers(session, fb)]
    return {"annotations": notes, "interview_score": fb.interview_score, "band": band(fb.interview_score), "strengths": fb.strengths,
            "weaknesses": fb.weaknesses, "cv_improvements": fb.cv_improvements, "created_at": fb.created_at,
            "engine": fb.engine, "engine_notice": fb.engine_notice, "score_note": fb.score_note}


def _interview(session) -> dict:
    k = simulator.question_number(session)
    return {
        "id": session.id, "job_title": session.job_title, "company_name": session.company_name,
        "created_at": session.created_at, "ready": session.is_ready, "started": session.plan is not None,
        "complete": simulator.is_complete(session.id), "question_number": k, "max_questions": MAX_QUESTIONS,
        "progress": f"Question {k} of {MAX_QUESTIONS}", "cv_text": session.cv_text,
        "job_description_text": session.job_description_text,
        "questions_engine": (session.plan or {}).get("engine"), "questions_notice": (session.plan or {}).get("notice"),
        "messages": simulator.messages(session.id), "feedback": _feedback_dict(session, session.feedback),
    }


@blp.post("/mock-interviews")
@token_required
@blp.doc(security=SECURITY)
@blp.arguments(MockCreateSchema)
@blp.response(201, MockInterviewSchema)
@blp.alt_response(422, schema=ErrorSchema, description="Empty or over-long job title or company.")
def create(body):
    """Create a mock interview for a job title at a company."""
    return _interview(simulator.create(api_user().id, body["job_title"], body["company_name"]))


@blp.get("/mock-interviews")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, MockInterviewSummarySchema(many=True))
def list_interviews():
    """Your mock interviews, most recent first, with message counts."""
    return [{"id": i.session.id, "job_title": i.session.job_title, "company_name": i.session.company_name,
             "created_at": i.session.created_at, "ready": i.session.is_ready, "message_count": i.message_count,
             "questions_asked": i.questions_asked} for i in simulator.list_interviews(api_user().id)]


@blp.get("/mock-interviews/<int:interview_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, MockInterviewSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
def get_one(interview_id: int):
    """One interview with its messages, progress and feedback."""
    return _interview(simulator.get(api_user().id, interview_id))


@blp.put("/mock-interviews/<int:interview_id>/documents")
@token_required
@blp.doc(security=SECURITY)
@blp.arguments(MockDocumentsSchema)
@blp.response(200, MockInterviewSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
@blp.alt_response(409, schema=ErrorSchema, description="The interview has started, or your profile has no résumé "
                  "to use.")
@blp.alt_response(422, schema=ErrorSchema, description="A document is empty or the wrong length.")
def documents(body, interview_id: int):
    """Set the CV (text, or your profile résumé) and/or the job description."""
    return _interview(simulator.set_documents(
        api_user().id, interview_id, cv_text=body.get("cv_text"),
        job_description_text=body.get("job_description_text"), use_profile_resume=body["use_profile_resume"]))


@blp.post("/mock-interviews/<int:interview_id>/documents/upload")
@token_required
@user_limit("UPLOAD_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.arguments(MockDocumentsUploadSchema, location="files")
@blp.response(200, MockDocumentsUploadedSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
@blp.alt_response(409, schema=ErrorSchema, description="The interview has started.")
@blp.alt_response(413, schema=ErrorSchema, description="The request is over the upload size limit.")
@blp.alt_response(422, schema=ErrorSchema, description="No file (send 'cv_file' and/or 'job_description_file'), "
                  "or a file that is empty, too large, not a PDF, DOCX or TXT, unreadable, without text "
                  "(e.g. a scan), or a job description of the wrong length.")
def upload_documents(files, interview_id: int):
    """Upload the CV and/or the job description as files; their text is stored (the files are not kept)."""
    uploads = {name: mock_documents.UploadedFile(f.read(), f.filename) for name, f in files.items()}
    saved = mock_documents.save_documents(api_user().id, interview_id, cv_file=uploads.get("cv_file"),
                                          job_description_file=uploads.get("job_description_file"))
    return {**_interview(saved.session), "characters_read": saved.characters_read, "warnings": list(saved.warnings)}


@blp.post("/mock-interviews/<int:interview_id>/start")
@token_required
@user_limit("AI_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.response(200, MockInterviewSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
@blp.alt_response(422, schema=ErrorSchema, description="The CV or the job description is missing.")
def start(interview_id: int):
    """Plan the interview and ask question 1 (again: returns the interview as it is)."""
    return _interview(simulator.start(api_user().id, interview_id))


@blp.post("/mock-interviews/<int:interview_id>/answers")
@token_required
@user_limit("SCORING_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.arguments(MockAnswerSchema)
@blp.response(200, MockInterviewSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
@blp.alt_response(409, schema=ErrorSchema, description="Not started, complete, or the question was just answered.")
@blp.alt_response(422, schema=ErrorSchema, description="Empty or over-long answer.")
def answer(body, interview_id: int):
    """Answer the waiting question; the response includes the next question (if any)."""
    user_id = api_user().id
    simulator.answer(user_id, interview_id, body["answer"])
    return _interview(simulator.get(user_id, interview_id))


@blp.post("/mock-interviews/<int:interview_id>/feedback")
@token_required
@user_limit("AI_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.arguments(WaitSchema, location="query")
@blp.response(200, MockFeedbackSchema)
@blp.alt_response(202, schema=JobSchema, description="The feedback is still being written: poll the job (Location).")
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
@blp.alt_response(409, schema=ErrorSchema, description="The interview is not complete yet.")
@blp.alt_response(429, schema=ErrorSchema, description="Over the hourly budget, or too many jobs of yours running.")
def feedback(query, interview_id: int):
    """The interview's feedback (written once, by a background job, when all 8 questions are answered;
    see ``wait``)."""
    user_id = api_user().id
    session = simulator.get(user_id, interview_id)
    stored = mock_feedback.stored_feedback(interview_id)
    if stored is not None:
        return _feedback_dict(session, stored)
    mock_feedback.check_complete(interview_id)
    return run_job("mock_feedback", query["wait"], lambda view: _feedback_dict(
        simulator.get(user_id, interview_id), mock_feedback.stored_feedback(interview_id)), 200, session_id=interview_id,
                   stream=False)


@blp.get("/mock-interviews/<int:interview_id>/transcript")
@token_required
@blp.doc(security=SECURITY, responses={"200": {
    "description": "The role, setup, questions and answers (candidate text escaped) and feedback as Markdown.",
    "content": {"text/markdown": {"schema": {"type": "string"}}}}})
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
def transcript(interview_id: int):
    """Export the interview as Markdown."""
    text = mock_feedback.transcript_markdown(api_user().id, interview_id)
    return Response(text, mimetype="text/markdown", headers={
        "Content-Disposition": f'attachment; filename="mock-interview-{interview_id}.md"'})


@blp.delete("/mock-interviews/<int:interview_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(204)
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
def delete(interview_id: int):
    """Delete the interview (it disappears everywhere)."""
    simulator.delete(api_user().id, interview_id)
