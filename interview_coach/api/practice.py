"""Adaptive practice over the API: sessions, next question, answers, summary, mastery and history."""

from __future__ import annotations

from marshmallow import Schema, fields, post_dump, validate

from ..models import MAX_INT
from ..services import practice, progress
from ..ratelimits import user_limit
from .auth import SECURITY, api_user, token_required
from .blueprint import ApiBlueprint
from .schemas import NOT_BLANK, ErrorSchema, Timestamp

blp = ApiBlueprint("practice", __name__, description="Adaptive technical practice.")


class StartSessionSchema(Schema):
    topics = fields.List(fields.Str(), load_default=None, allow_none=True,
                         metadata={"description": "Topic names; empty or null lets the coach choose."})


class SessionSchema(Schema):
    session_id = fields.Str()
    start_time = Timestamp()
    end_time = Timestamp(allow_none=True)
    duration = fields.Int()
    questions_asked = fields.Int()
    avg_semantic = fields.Float()
    avg_keyword = fields.Float()
    overall_score = fields.Float()
    learning_velocity = fields.Float(metadata={"description": "Combined-score points gained per question."})
    attention_score = fields.Float(metadata={"description": "Share of answers that were genuine attempts."})
    topics_covered = fields.List(fields.Str())
    weakest_topics = fields.List(fields.Str())
    strongest_topics = fields.List(fields.Str())
    requested_topics = fields.List(fields.Str(), allow_none=True)


class QuestionSchema(Schema):
    id = fields.Int(metadata={"description": "Send this id with the answer."})
    session_id = fields.Str()
    topic = fields.Str()
    subtopic = fields.Str(allow_none=True)
    question = fields.Str()
    difficulty = fields.Str()
    reason = fields.Str(allow_none=True, metadata={"description": "Why it was chosen: new, weak, review, "
                                                                   "stagnating, follow_up or practice."})
    timestamp = Timestamp(metadata={"description": "When it was served (response time starts here)."})


class AnswerSchema(Schema):
    question_id = fields.Int(required=True, validate=validate.Range(1, MAX_INT))
    answer = fields.Str(required=True, validate=validate.Length(max=20_000), metadata={"pattern": NOT_BLANK})


class ConceptResultSchema(Schema):
    id = fields.Str()
    name = fields.Str()
    status = fields.Str(metadata={"enum": ["covered", "named_but_wrong", "missing"],
                                  "description": "covered: stated correctly; named_but_wrong: named, but what the "
                                                 "answer says about it is wrong or empty; missing: not stated"})
    covered = fields.Bool()
    words = fields.Str(metadata={"description": "the answer's words the verdict rests on"})
    reason = fields.Str(metadata={"description": "why, in one sentence"})
    matched_words = fields.Str(allow_none=True)


class AnswerResultSchema(Schema):
    question_id = fields.Int()
    semantic_score = fields.Float()
    keyword_score = fields.Float()
    combined_score = fields.Float()
    correct = fields.Bool()
    depth = fields.Str()
    confidence = fields.Str()
    key_terms = fields.List(fields.Str())
    concepts = fields.List(fields.Nested(ConceptResultSchema))
    missing_concepts = fields.List(fields.Str())
    reasons = fields.List(fields.Str())
    outcome = fields.Str()
    notices = fields.List(fields.Str())
    response_time = fields.Float()
    model_answer = fields.Str()
    hint = fields.Str()
    difficulty_before = fields.Str()
    difficulty_after = fields.Str()
    mastery_before = fields.Float()
    mastery_after = fields.Float()


class HistoryItemSchema(Schema):
    id = fields.Int()
    session_id = fields.Str()
    topic = fields.Str()
    subtopic = fields.Str(allow_none=True)
    question = fields.Str()
    answer = fields.Str(allow_none=True)
    expected_answer = fields.Str(allow_none=True, metadata={"description": "The reference answer; null until "
                                                                          "the question is answered."})
    difficulty = fields.Str()
    semantic_score = fields.Float()
    keyword_score = fields.Float()
    depth = fields.Str()
    confidence = fields.Str()
    key_terms = fields.List(fields.Str())
    sampled_concepts = fields.List(fields.Str())
    missing_concepts = fields.List(fields.Str())
    response_time = fields.Float()
    timestamp = Timestamp()
    answered_at = Timestamp(allow_none=True)
    question_ref = fields.Str(allow_none=True)
    reason = fields.Str(allow_none=True)
    details = fields.Dict(allow_none=True)

    @post_dump
    def _hide_expected_until_answered(self, data: dict, **_kwargs) -> dict:
        """A served question's reference answer would answer it: null until the answer is in."""
        if data.get("answer") is None and "expected_answer" in data:
            data["expected_answer"] = None
        return data


class HistoryPageSchema(Schema):
    items = fields.List(fields.Nested(HistoryItemSchema))
    page = fields.Int()
    pages = fields.Int()
    total = fields.Int()


class HistoryQuerySchema(Schema):
    page = fields.Int(load_default=1, validate=validate.Range(1, MAX_INT))
    topic = fields.Str(load_default=None)


class SummarySchema(Schema):
    session = fields.Nested(SessionSchema)
    answers = fields.List(fields.Nested(HistoryItemSchema))


class TopicsSchema(Schema):
    topics = fields.List(fields.Str())


class DashboardSchema(Schema):
    overall = fields.Dict(metadata={"description": "mastery, questions, correct, streak_days, sessions"})
    topics = fields.List(fields.Dict(), metadata={"description": "Per topic: the user_mastery fields."})
    subtopics = fields.List(fields.Dict(), metadata={"description": "Per subtopic: status, mastery, attempts."})
    weak_concepts = fields.List(fields.Dict())
    trend = fields.Dict(metadata={"description": "Per topic: [{date, mastery}] at the end of each day."})
    recent_sessions = fields.List(fields.Dict())


@blp.get("/practice/topics")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, TopicsSchema)
def topics():
    """The syllabus topics a session can cover."""
    return {"topics": practice.available_topics()}


@blp.post("/practice/sessions")
@token_required
@blp.doc(security=SECURITY)
@blp.arguments(StartSessionSchema)
@blp.response(201, SessionSchema)
@blp.alt_response(422, schema=ErrorSchema, description="Unknown topic.")
def start(body):
    """Start a practice session on some topics (or let the coach choose)."""
    return practice.start_session(api_user().id, body.get("topics"))


@blp.get("/practice/sessions")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, SessionSchema(many=True))
def list_sessions():
    """Your recent sessions, newest first."""
    return progress.recent_sessions(api_user().id, limit=50)


@blp.get("/practice/sessions/<session_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, SummarySchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such session of yours.")
def summary(session_id: str):
    """A session's summary and its answered questions."""
    return {"session": practice.get_session(api_user().id, session_id),
            "answers": practice.session_answers(api_user().id, session_id)}


@blp.post("/practice/sessions/<session_id>/next")
@token_required
@user_limit("SCORING_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.response(200, QuestionSchema)
@blp.alt_response(409, schema=ErrorSchema, description="The session has ended, or no question is left.")
def next_question(session_id: str):
    """The next question chosen for you (the same one until it is answered)."""
    return practice.next_question(api_user().id, session_id)


@blp.post("/practice/sessions/<session_id>/answers")
@token_required
@user_limit("SCORING_RATE_LIMIT")
@blp.doc(security=SECURITY)
@blp.arguments(AnswerSchema)
@blp.response(200, AnswerResultSchema)
@blp.alt_response(409, schema=ErrorSchema, description="Already answered, or the session has ended.")
def answer(body, session_id: str):
    """Answer the served question; the scores are computed on the server."""
    result = practice.submit_answer(api_user().id, session_id, body["question_id"], body["answer"])
    return progress.answer_result_dict(result)


@blp.post("/practice/sessions/<session_id>/end")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, SummarySchema)
def end(session_id: str):
    """End the session and get its summary."""
    session = practice.end_session(api_user().id, session_id)
    return {"session": session, "answers": practice.session_answers(api_user().id, session_id)}


@blp.get("/practice/mastery")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, DashboardSchema)
def mastery():
    """Your progress: per-topic mastery and difficulty, subtopic statuses, weak concepts, streak, trend."""
    return progress.dashboard(api_user().id)


@blp.get("/practice/history")
@token_required
@blp.doc(security=SECURITY)
@blp.arguments(HistoryQuerySchema, location="query")
@blp.response(200, HistoryPageSchema)
def history(query):
    """Answered questions, newest first, 20 a page."""
    return progress.history_page(api_user().id, page=query["page"], topic=query.get("topic"))


@blp.get("/practice/history/<int:item_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, HistoryItemSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such answer of yours.")
def history_item(item_id: int):
    """One answered question in full."""
    return progress.history_item(api_user().id, item_id)


@blp.post("/practice/history/<int:item_id>/retry")
@token_required
@blp.doc(security=SECURITY)
@blp.response(201, QuestionSchema)
@blp.alt_response(404, schema=ErrorSchema, description="No such answer of yours.")
def retry(item_id: int):
    """Try a past question again, as a deliberate review (in your open session or a new one)."""
    return progress.retry(api_user().id, item_id)
