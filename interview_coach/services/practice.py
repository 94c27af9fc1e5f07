"""Adaptive technical practice: start a session, serve questions, score answers, end with a summary.

The flow, and why it is safe under concurrency:

- ``next_question`` writes a ``question_history`` row when a question is served (``timestamp`` =
  served time, ``answer`` NULL). Asking again before answering returns the same row, so reloading a
  page neither skips a question nor resets its clock.
- ``submit_answer`` scores the answer outside any transaction (the model is the slow part), then
  opens a write transaction whose *first* statement claims the row:
  ``UPDATE question_history SET answer=… WHERE id=… AND answer IS NULL AND <session open>``.
  Only one of two tabs can claim it; the other gets Conflict. The claim also takes SQLite's write
  lock (and PostgreSQL locks the mastery rows with SELECT … FOR UPDATE), so the mastery updates
  that follow are never lost to a concurrent answer. Mastery rows are created with
  INSERT … ON CONFLICT DO NOTHING, so two first answers on a new topic cannot break the unique
  constraints.
- Scores come only from the server: the client sends text, never a number.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, select, update

from ..ai import ExpectedAnswerRequest, QuestionRequest, get_ai
from ..content import load_content
from ..content.bank import Question
from ..engine import mastery as rules
from ..engine.scoring import AnswerInput, Assessment, Concept, get_scorer
from ..engine.selection import LastAnswer, NoQuestionAvailable, SelectionContext, choose_next
from ..engine.summary import AnsweredQuestion, summarise
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..models import AdaptiveInterviewSession, MasterySnapshot, QuestionHistory, SubtopicMastery, UserMastery, utcnow
from .db_utils import for_update, insert_if_absent, owned, upsert

MAX_ANSWER_CHARS = 20_000
MAX_TOPICS = 8


@dataclass(frozen=True)
class AnswerResult:
    """A scored answer: the stored row, the assessment and how the topic moved."""

    history: QuestionHistory
    assessment: Assessment
    difficulty_before: str
    difficulty_after: str
    mastery_before: float
    mastery_after: float
    hint: str
    concept_names: dict[str, str]


def available_topics() -> list[str]:
    """Topic names the learner can choose from (the syllabus order)."""
    return list(load_content().topic_names)


def known_topics(names: list[str] | None) -> list[str]:
    """Syllabus topic names for ``names`` (names or ids, any order, duplicates dropped); Invalid if unknown."""
    bank = load_content()
    chosen: list[str] = []
    for name in names or []:
        try:
            topic = bank.topic(name).name
        except NotFound as exc:
            raise Invalid.field("topics", f"Unknown topic {name!r}. Choose from: {', '.join(bank.topic_names)}.") from exc
        if topic not in chosen:
            chosen.append(topic)
    return chosen


def start_session(user_id: int, topics: list[str] | None = None) -> AdaptiveInterviewSession:
    """Open a practice session on ``topics`` (names); none means the coach chooses from all."""
    chosen = known_topics(topics)
    if len(chosen) > MAX_TOPICS:
        raise Invalid.field("topics", f"Choose at most {MAX_TOPICS} topics.")
    session = AdaptiveInterviewSession(user_id=user_id, session_id=uuid.uuid4().hex,
                                       requested_topics=chosen or None, start_time=utcnow())
    db.session.add(session)
    db.session.commit()
    return session


def get_session(user_id: int, session_id: str) -> AdaptiveInterviewSession:
    """The user's session with this id, or NotFound (another user's session is NotFound too)."""
    return owned(AdaptiveInterviewSession, user_id, "No such practice session.", session_id=session_id)


def active_session(user_id: int) -> AdaptiveInterviewSession | None:
    """The user's most recent session that has not ended, if any."""
    return db.session.scalar(select(AdaptiveInterviewSession).where(
        AdaptiveInterviewSession.user_id == user_id, AdaptiveInterviewSession.end_time.is_(None))
        .order_by(AdaptiveInterviewSession.start_time.desc(), AdaptiveInterviewSession.id.desc()).limit(1))


def pending_question(user_id: int, session_id: str) -> QuestionHistory | None:
    """The served, not yet answered question of the session, if any."""
    return db.session.scalar(select(QuestionHistory).where(
        QuestionHistory.user_id == user_id, QuestionHistory.session_id == session_id,
        QuestionHistory.answer.is_(None)).order_by(QuestionHistory.id.desc()).limit(1))


def next_question(user_id: int, session_id: str, question_ref: str | None = None) -> QuestionHistory:
    """Serve the next question (or the one still waiting for an answer).

    ``question_ref`` asks for a specific bank question (\"try this question again\"); it is served as a
    deliberate review. Raises Conflict when the session has ended, NotFound for another's session.
    """
    session = get_session(user_id, session_id)
    if session.end_time is not None:
        raise Conflict("This practice session has ended. Start a new one.", code="session_ended")
    waiting = pending_question(user_id, session_id)
    if waiting is not None and question_ref is None:
        return waiting
    bank = load_content()
    if question_ref is not None:
        question = bank.question(question_ref)
        reason = "review"
        difficulty = question.difficulty
        if waiting is not None:
            db.session.delete(waiting)
    else:
        selection = _select(user_id, session, bank)
        question = bank.question(selection.question_id)
        reason, difficulty = selection.reason, selection.difficulty
    text, expected, origin = _worded(user_id, question, str(_value(difficulty)), bank)
    row = QuestionHistory(
        user_id=user_id, session_id=session_id, topic=question.topic, subtopic=question.subtopic,
        question=text, expected_answer=expected,
        sampled_concepts=list(question.key_concepts), difficulty=str(_value(difficulty)),
        question_ref=question.id, reason=reason, timestamp=utcnow(), details=origin or None,
    )
    db.session.add(row)
    db.session.commit()
    # Analyse the reference now, while the learner reads and types, so the answer is scored quickly.
    get_scorer().prepare(text, expected, _scoring_concepts(bank.concepts_of(question)))
    return row


def _worded(user_id: int, question: Question, difficulty: str, bank) -> tuple[str, str, dict]:
    """The question text and reference answer to serve for the selected bank question.

    With the built-in engine: the bank's own. With an LLM configured: the LLM writes a new question on
    the same subtopic, at the same difficulty, testing the same concepts (so mastery stays comparable),
    and its model answer; when either call fails the bank's question is served instead, with the
    notice. ``origin`` is ``{"engine": …, "notice": …}`` for an LLM deployment, else empty.
    """
    ai = get_ai()
    if not ai.uses_llm:
        return question.question, question.reference_answer, {}
    concepts = tuple(c.name for c in bank.concepts_of(question))
    seen = tuple(db.session.scalars(select(QuestionHistory.question).where(
        QuestionHistory.user_id == user_id, QuestionHistory.topic == question.topic)
        .order_by(QuestionHistory.id.desc()).limit(10)))
    wrote = ai.run("write_question", QuestionRequest(question.topic, difficulty, question.subtopic, concepts, seen),
                   fallback=lambda: None)
    if wrote.fell_back:
        return question.question, question.reference_answer, {"engine": wrote.engine_label(), "notice": wrote.notice}
    answer = ai.run("expected_answer", ExpectedAnswerRequest(wrote.value.question, question.topic, difficulty, concepts),
                    fallback=lambda: None)
    if answer.fell_back:
        return question.question, question.reference_answer, {"engine": answer.engine_label(), "notice": answer.notice}
    return wrote.value.question, answer.value.reference_answer, {"engine": wrote.engine_label()}


def submit_answer(user_id: int, session_id: str, history_id: int, answer: str) -> AnswerResult:
    """Score ``answer`` to the served question ``history_id`` and update every mastery record.

    Refuses (nothing stored): empty or over-long text (Invalid), a question of another user or
    session (NotFound), an answered question or an ended session (Conflict).
    """
    text = (answer or "").strip()
    if not text:
        raise Invalid.field("answer", "Write an answer before sending it.")
    if len(text) > MAX_ANSWER_CHARS:
        raise Invalid.field("answer", f"Keep the answer under {MAX_ANSWER_CHARS:,} characters (it has {len(text):,}).")
    row = db.session.scalar(select(QuestionHistory).where(
        QuestionHistory.id == history_id, QuestionHistory.user_id == user_id,
        QuestionHistory.session_id == session_id))
    if row is None:
        raise NotFound("That question was not asked in this session.")
    session = get_session(user_id, session_id)
    if session.end_time is not None:
        raise Conflict("This practice session has ended; the answer was not recorded.", code="session_ended")
    if row.answer is not None:
        raise Conflict("This question has already been answered.", code="already_answered")
    bank = load_content()
    concepts = {cid: bank.concept(cid) for cid in (row.sampled_concepts or []) if _has_concept(bank, cid)}
    question_ref = row.question_ref
    served_at, topic, subtopic = row.timestamp, row.topic, row.subtopic
    question_text, expected, origin = row.question, row.expected_answer or "", row.details
    db.session.rollback()  # end the read transaction: the write below must start with its claim

    assessment = get_scorer().score(AnswerInput(
        question=question_text, reference_answer=expected, answer=text,
        concepts=_scoring_concepts(concepts.values()),
    ))
    hint = answer_hint(bank, question_ref, assessment.missing_concepts)
    by_name = {c.name: cid for cid, c in concepts.items()}
    missing_ids = [by_name.get(name, name) for name in assessment.missing_concepts]
    answered_at = utcnow()
    response_time = max(0.0, (answered_at - served_at).total_seconds()) if served_at else 0.0

    claimed = db.session.execute(
        update(QuestionHistory)
        .where(QuestionHistory.id == history_id, QuestionHistory.answer.is_(None),
               exists().where(and_(AdaptiveInterviewSession.session_id == session_id,
                                   AdaptiveInterviewSession.end_time.is_(None))))
        .values(answer=text, answered_at=answered_at, response_time=response_time,
                semantic_score=assessment.semantic_score, keyword_score=assessment.keyword_score,
                depth=assessment.depth, confidence=assessment.confidence, key_terms=assessment.key_terms,
                missing_concepts=missing_ids, outcome=assessment.outcome,
                details={**(origin or {}), **_details(assessment)})
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise Conflict("This question was already answered (perhaps in another tab), or the session ended.",
                       code="already_answered")
    first_in_session = not db.session.scalar(select(exists().where(
        QuestionHistory.session_id == session_id, QuestionHistory.topic == topic,
        QuestionHistory.answer.is_not(None), QuestionHistory.id != history_id)))
    session = get_session(user_id, session_id)
    topic_row, before, after = _update_topic(user_id, topic, assessment, response_time, missing_ids, concepts,
                                             first_in_session, session_start=session.start_time)
    # The dashboard's trend point for today, in the same transaction as the mastery it records.
    upsert(MasterySnapshot, dict(user_id=user_id, topic=topic, day=answered_at.date(),
                                 mastery_level=after.mastery_level), ("user_id", "topic", "day"))
    if subtopic:
        _update_subtopic(user_id, topic, subtopic, assessment, answered_at, bank, topic_row)
    _refresh_summary(session)
    db.session.commit()
    stored = db.session.get(QuestionHistory, history_id)
    return AnswerResult(
        history=stored, assessment=assessment,
        difficulty_before=before.current_difficulty, difficulty_after=after.current_difficulty,
        mastery_before=before.mastery_level, mastery_after=after.mastery_level, hint=hint,
        concept_names={cid: c.name for cid, c in concepts.items()},
    )


def end_session(user_id: int, session_id: str) -> AdaptiveInterviewSession:
    """End the session (idempotent): drop an unanswered question and store the final summary."""
    session = get_session(user_id, session_id)
    if session.end_time is None:
        waiting = pending_question(user_id, session_id)
        if waiting is not None:
            db.session.delete(waiting)
        session.end_time = utcnow()
        _refresh_summary(session)
        db.session.commit()
    return session


def session_answers(user_id: int, session_id: str) -> list[QuestionHistory]:
    """The answered questions of a session, oldest first."""
    return list(db.session.scalars(select(QuestionHistory).where(
        QuestionHistory.user_id == user_id, QuestionHistory.session_id == session_id,
        QuestionHistory.answer.is_not(None)).order_by(QuestionHistory.timestamp, QuestionHistory.id)))


# ----------------------------------------------------------------------------- internals


def _select(user_id: int, session: AdaptiveInterviewSession, bank):
    masteries = {m.topic: m for m in db.session.scalars(select(UserMastery).where(UserMastery.user_id == user_id))}
    concepts: dict[str, dict] = {}
    for row in masteries.values():
        concepts.update(row.concept_masteries or {})
    now = utcnow()
    recent = db.session.execute(
        select(QuestionHistory.question_ref, QuestionHistory.timestamp)
        .where(QuestionHistory.user_id == user_id, QuestionHistory.timestamp >= now - timedelta(days=14),
               QuestionHistory.question_ref.is_not(None)))
    asked_at: dict[str, datetime] = {}
    for ref, when in recent:
        asked_at[ref] = max(asked_at.get(ref, when), when)
    # Only the columns the choice needs: loading whole rows would decode every JSON field.
    answered = db.session.execute(
        select(QuestionHistory.topic, QuestionHistory.question_ref, QuestionHistory.reason)
        .where(QuestionHistory.user_id == user_id, QuestionHistory.session_id == session.session_id,
               QuestionHistory.answer.is_not(None))
        .order_by(QuestionHistory.timestamp, QuestionHistory.id)).all()
    last = None
    if answered:
        latest = db.session.scalar(select(QuestionHistory).where(
            QuestionHistory.user_id == user_id, QuestionHistory.session_id == session.session_id,
            QuestionHistory.answer.is_not(None)).order_by(QuestionHistory.timestamp.desc(),
                                                          QuestionHistory.id.desc()).limit(1))
        last = LastAnswer(latest.question_ref or "", latest.topic, _subtopic_id(bank, latest),
                          tuple(latest.missing_concepts or ()), was_follow_up=latest.reason == "follow_up")
    topics = session.requested_topics or list(bank.topic_names)
    ctx = SelectionContext(
        topics=topics,
        difficulty={t: (masteries[t].current_difficulty if t in masteries else "medium") for t in topics},
        mastery={t: (masteries[t].mastery_level or 0.0) if t in masteries else 0.0 for t in topics},
        concepts=concepts, asked_at=asked_at, session_topics=[a.topic for a in answered],
        now=now, last=last,
    )
    try:
        return choose_next([q for t in topics for q in bank.questions_for(t)], ctx)
    except NoQuestionAvailable as exc:
        raise Conflict(str(exc) + " Try other topics or come back later.", code="no_question") from exc


def _update_topic(user_id, topic, assessment, response_time, missing_ids, concepts, first_in_session, session_start):
    now = utcnow()
    query = for_update(select(UserMastery).where(UserMastery.user_id == user_id, UserMastery.topic == topic))
    row = db.session.scalar(query)
    if row is None:  # first answer on this topic: create the row, tolerating a concurrent creator
        insert_if_absent(UserMastery, dict(
            user_id=user_id, topic=topic, first_attempt=now, last_attempt=now, sessions_attempted=0,
            questions_attempted=0, correct_count=0, mastery_level=0.0, semantic_avg=0.0, keyword_avg=0.0,
            avg_response_time=0.0, mastery_velocity=0.0, last_mastery=0.0, current_difficulty="medium",
            consecutive_good=0, consecutive_poor=0, concept_masteries={}, missing_concepts=[],
            weak_concepts=[], strong_concepts=[], concept_stagnation={}, last_seen=0.0),
            ("user_id", "topic"))
        row = db.session.scalar(query)
    before = rules.TopicMastery.from_row(row)
    after = rules.update_topic(before, assessment.semantic_score, assessment.keyword_score, response_time)
    after.apply_to(row)
    rules.update_concepts(row.concept_masteries, list(concepts), missing_ids, time.time()).apply_to(row)
    if first_in_session:
        row.sessions_attempted = (row.sessions_attempted or 0) + 1
        row.last_session_date = session_start
    row.last_attempt = now
    row.last_seen = time.time()
    return row, before, after


def _update_subtopic(user_id, topic, subtopic, assessment, answered_at, bank, topic_row: UserMastery):
    query = for_update(select(SubtopicMastery).where(
        SubtopicMastery.user_id == user_id, SubtopicMastery.topic == topic, SubtopicMastery.subtopic == subtopic))
    row = db.session.scalar(query)
    if row is None:
        insert_if_absent(SubtopicMastery, dict(user_id=user_id, topic=topic, subtopic=subtopic, mastery_level=0.0,
                                               attempts=0, subtopic_status="not_started", concept_data={},
                                               last_asked=answered_at), ("user_id", "topic", "subtopic"))
        row = db.session.scalar(query)
    state = rules.update_subtopic(rules.SubtopicState(row.mastery_level or 0.0, row.attempts or 0,
                                                      row.subtopic_status or "not_started"),
                                  assessment.combined_score)
    row.mastery_level, row.attempts, row.subtopic_status = state.mastery_level, state.attempts, state.subtopic_status
    row.last_asked = answered_at
    try:
        ids = {c.id for c in bank.subtopic(topic, subtopic).concepts}
    except NotFound:
        ids = set()
    row.concept_data = {cid: data for cid, data in (topic_row.concept_masteries or {}).items() if cid in ids}


def _refresh_summary(session: AdaptiveInterviewSession) -> None:
    # Plain columns only (no JSON fields): this runs on every answer.
    answered = db.session.execute(
        select(QuestionHistory.topic, QuestionHistory.semantic_score, QuestionHistory.keyword_score,
               QuestionHistory.response_time, QuestionHistory.answer, QuestionHistory.outcome,
               QuestionHistory.answered_at)
        .where(QuestionHistory.user_id == session.user_id, QuestionHistory.session_id == session.session_id,
               QuestionHistory.answer.is_not(None))
        .order_by(QuestionHistory.timestamp, QuestionHistory.id)).all()
    summary = summarise([
        AnsweredQuestion(topic=a.topic, semantic=a.semantic_score or 0.0, keyword=a.keyword_score or 0.0,
                         response_time=a.response_time or 0.0, words=len((a.answer or "").split()),
                         outcome=a.outcome or "scored", answered_at=a.answered_at)
        for a in answered
    ], session.start_time or utcnow(), session.end_time)
    for name, value in summary.__dict__.items():
        setattr(session, name, value)


def _scoring_concepts(concepts) -> tuple[Concept, ...]:
    return Concept.from_bank(load_content(), concepts)


def _details(assessment: Assessment) -> dict:
    return {
        "reasons": list(assessment.reasons),
        "matched": {name: {"words": m.matched_words, "how": m.how} for name, m in assessment.matched_concepts.items()},
        # One verdict per key concept (covered / named_but_wrong / missing), by concept name.
        "concepts": {v.concept: {"status": v.status, "words": v.words, "reason": v.reason} for v in assessment.concepts},
        "notices": [{"code": n.code, "message": n.message} for n in assessment.notices],
        "combined_score": assessment.combined_score,
        "correct": assessment.correct,
    }


def answer_hint(bank, question_ref: str | None, missing: list[str] | tuple[str, ...]) -> str:
    """The question's hint, shown only when the answer left something out (never under a full answer)."""
    if not missing or not question_ref or not _has_question(bank, question_ref):
        return ""
    return bank.question(question_ref).hint or ""


def _subtopic_id(bank, row: QuestionHistory) -> str:
    if row.question_ref and _has_question(bank, row.question_ref):
        return bank.question(row.question_ref).subtopic_id
    return ""


def _has_question(bank, ref: str) -> bool:
    try:
        bank.question(ref)
        return True
    except NotFound:
        return False


def _has_concept(bank, cid: str) -> bool:
    try:
        bank.concept(cid)
        return True
    except NotFound:
        return False


def _value(difficulty) -> str:
    return getattr(difficulty, "value", difficulty)
