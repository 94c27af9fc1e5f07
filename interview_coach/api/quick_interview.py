"""The quick interview over the API: start, list, read, and answer one question at a time."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..services import quick_interview as quick
from ..ratelimits import user_limit
from .auth import SECURITY, api_user, token_required
from .blueprint import ApiBlueprint
from .schemas import NOT_BLANK, ErrorSchema, Timestamp

blp = ApiBlueprint("interviews", __name__, description="Quick interviews: 5 or 10 technical or behavioural questions.")


class StartInterviewSchema(Schema):
    kind = fields.Str(required=True, validate=validate.OneOf(quick.KINDS),
                      metadata={"description": "technical or behavioural"})
    length = fields.Int(required=True, validate=validate.OneOf(quick.LENGTHS),
                        metadata={"description": "Number of questions: 5 or 10."})
    topics = fields.List(fields.Str(), load_default=None, allow_none=True, validate=validate.Length(max=12),
                         metadata={"description": "Technical: topic names. Behavioural: competency slugs or "
                                                  "names. Empty or null: all."})


class InterviewQuestionSchema(Schema):
    index = fields.Int(metadata={"description": "0-based position; send it with the answer."})
    ref = fields.Str(metadata={"description": "Id of the bank question."})
    question = fields.Str()
    kind = fields.Str()
    topic = fields.Str(metadata={"description": "Technical questions: the topic."})
    subtopic = fields.Str()
    difficulty = fields.Str(metadata={"description": "Technical questions: easy, medium or hard."})
    competency = fields.Str(metadata={"description": "Behavioural questions: the competency assessed."})
    answer = fields.Str(allow_none=True)
    score = fields.Float(allow_none=True, metadata={"description": "0–1, computed on the server."})
    feedback = fields.Str(allow_none=True)
    asked_at = Timestamp(allow_none=True, metadata={"description": "When the question was shown."})
    answered_at = Timestamp(allow_none=True)
    details = fields.Dict(allow_none=True, metadata={
        "description": "Technical: semantic/keyword scores, covered and missing concepts, model answer. "
                       "Behavioural: the STAR rubric findings, strengths, improvements; `star` (each of situation, "
                       "task, action, result: present, the candidate's words that show it, and whether a label or the "
                       "wording showed it); `story` (false when the answer tells no story); `red_flags` and "
                       "`red_flag_evidence` (each flag with the sentence that raised it); `advice` (the sentences "
                       "shown as this answer's feedback)."})


class InterviewSchema(Schema):
    id = fields.Int()
    kind = fields.Str(metadata={"description": "technical or behavioural (the seed's session_type)."})
    length = fields.Int()
    status = fields.Str(metadata={"description": "in_progress or completed"})
    next_index = fields.Int(allow_none=True, metadata={"description": "The question waiting for an answer."})
    answered = fields.Int()
    score = fields.Float(allow_none=True, metadata={"description": "Mean of the question scores (0–1)."})
    verdict = fields.Str(allow_none=True, metadata={"description": "Strong, Good, Developing or Needs work."})
    feedback = fields.Str(allow_none=True, metadata={"description": "Written feedback in Markdown."})
    duration = fields.Int(allow_none=True, metadata={"description": "Seconds from start to completion."})
    created_at = Timestamp()
    completed_at = Timestamp(allow_none=True)
    speech_metrics = fields.Dict(allow_none=True, metadata={"description": "Empty until spoken answers."})
    questions = fields.List(fields.Nested(InterviewQuestionSchema),
                            metadata={"description": "Questions shown so far (later ones stay hidden)."})


class InterviewAnswerSchema(Schema):
    index = fields.Int(required=True, validate=validate.Range(0, max(quick.LENGTHS) - 1),
                       metadata={"description": "The waiting question's index (0-based)."})
    answer = fields.Str(required=True, validate=validate.Length(max=quick.MAX_ANSWER_CHARS),
                        metadata={"pattern": NOT_BLANK})


class InterviewAnswerResultSchema(Schema):
    index = fields.Int()
    score = fields.Float()
    feedback = fields.Str()
    details = fields.Dict()
    completed = fields.Bool()
    next_index = fields.Int(allow_none=True)
    interview_score = fields.Float(allow_none=True, metadata={"description": "Set when this was the last answer."})


@blp.post("/interviews")
@token_required
@blp.doc(security=SECURITY)
@blp.arguments(StartInterviewSchema)
@blp.response(201, InterviewSchema)
@blp.alt_response(422, schema=ErrorSchema, description="Unknown kind, length, topic or competency.")
def start(body):
    """Start a quick interview; the first question is in ``questions``."""
    interview = quick.start(api_user().id, body["kind"], body["length"], body.get("topics"))
    return quick.as_dict(interview)


@blp.get("/interviews")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, InterviewSchema(many=True))
def list_interviews():
    """Your quick interviews, newest first (at most 50)."""
    return [quick.as_dict(i) for i in quick.list_recent(api_user().id, limit=50)]


@blp.get("/interviews/<int:interview_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, InterviewSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
def get_interview(interview_id: int):
    """One interview: the questions shown so far, and when finished its score and feedback."""
    return quick.as_dict(quick.get(api_user().id, interview_id))


@blp.delete("/interviews/<int:interview_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(204)
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
def delete_interview(interview_id: int):
    """Delete an interview (finished or abandoned)."""
    quick.delete_interview(api_user().id, interview_id)


@blp.post("/interviews/<int:interview_id>/answers")
@token_required
@user_limit("SCORING_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.arguments(InterviewAnswerSchema)
@blp.response(200, InterviewAnswerResultSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such interview of yours.")
@blp.alt_response(409, schema=ErrorSchema, description="Already answered, answered out of order, or the "
                                                       "interview is finished (see error.code).")
@blp.alt_response(422, schema=ErrorSchema, description="Empty or over-long answer, or no such question.")
def answer(body, interview_id: int):
    """Answer the waiting question; it is scored on the server and the next one is revealed."""
    outcome = quick.answer(api_user().id, interview_id, body["index"], body["answer"])
    return {
        "index": outcome.index, "score": outcome.item["score"], "feedback": outcome.item["feedback"],
        "details": outcome.item["details"], "completed": outcome.completed,
        "next_index": quick.next_index(outcome.interview),
        "interview_score": outcome.interview.score if outcome.completed else None,
    }
