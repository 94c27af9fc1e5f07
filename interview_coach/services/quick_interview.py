"""The quick interview (the first seed's ``interview_session``): 5 or 10 questions, answered in order.

A technical interview draws bank questions at the user's current difficulty per topic (medium
for a topic without a ``user_mastery`` row), spread across the chosen topics and avoiding
questions asked in the last 14 days when the bank allows. A behavioural interview asks one
question per competency. Each question is a dict in ``interview_session.questions``::

    {ref, question, kind, topic | competency, difficulty?, answer, score, feedback, asked_at,
     answered_at, details}

``asked_at`` is set when the question is shown (the first at start, the next when the previous
one is answered); questions not yet shown are kept from the client by :func:`as_dict`.

Answers are scored on the server (technical: the scorer's combined score; behavioural:
:mod:`~interview_coach.engine.behavioural`). Concurrency: the slow scoring runs outside any
transaction; the write transaction then *starts* with ``UPDATE interview_session SET id = id
WHERE … AND completed_at IS NULL``. On PostgreSQL that locks the row until commit; on SQLite it
takes the database write lock. The row is then re-read and the answer applied only if its slot
is still the next empty one, so of two racing requests exactly one is stored and the other gets
Conflict. ``questions`` is reassigned as a new list so SQLAlchemy writes the JSON column.
When the last question is answered: ``score`` = mean of the question scores, ``feedback`` =
Markdown (:mod:`~interview_coach.engine.interview_feedback`), ``duration`` = whole seconds from
``created_at``, ``completed_at`` = now. ``speech_metrics`` stays empty (spoken answers come later).
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update

from ..content import load_content
from ..engine import behavioural
from ..engine.interview_feedback import AnsweredItem, verdict, write_feedback
from ..engine.scoring import AnswerInput, Concept, ModelFileError, get_scorer
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..models import InterviewSession, QuestionHistory, UserMastery, utcnow
from .db_utils import owned
from .practice import known_topics

log = logging.getLogger(__name__)

KINDS = ("technical", "behavioural")
LENGTHS = (5, 10)
MAX_ANSWER_CHARS = 10_000
REPEAT_DAYS = 14


@dataclass(frozen=True)
class AnswerOutcome:
    """The stored answer (``item``, a copy of the question dict) and the interview after it."""

    interview: InterviewSession
    index: int
    item: dict[str, Any]

    @property
    def completed(self) -> bool:
        return self.interview.completed_at is not None


def options() -> dict[str, list[dict[str, str]]]:
    """What a user can choose: technical topics and behavioural competencies (value, label)."""
    bank = load_content()
    return {"topics": [{"value": t.name, "label": t.name} for t in bank.topics],
            "competencies": [{"value": c.slug, "label": c.name} for c in bank.competencies]}


def start(user_id: int, kind: str, length: int, topics: list[str] | None = None) -> InterviewSession:
    """Create an interview of ``length`` (5 or 10) questions of ``kind`` on ``topics``.

    ``topics`` are topic names for technical interviews and competency slugs or names for
    behavioural ones; None or empty means all. Raises Invalid for anything else.
    """
    if kind not in KINDS:
        raise Invalid.field("kind", "Choose a technical or a behavioural interview.")
    if length not in LENGTHS:
        raise Invalid.field("length", "Choose 5 or 10 questions.")
    now = utcnow()
    recent = _recent_refs(user_id, now - timedelta(days=REPEAT_DAYS))
    rng = random.Random()
    if kind == "technical":
        questions = _pick_technical(user_id, _technical_topics(topics), length, recent, rng)
    else:
        questions = _pick_behavioural(_competencies(topics), length, recent, rng)
    questions[0]["asked_at"] = now.isoformat()
    interview = InterviewSession(user_id=user_id, session_type=kind, questions=questions, created_at=now)
    db.session.add(interview)
    db.session.commit()
    return interview


def get(user_id: int, interview_id: int) -> InterviewSession:
    """The user's interview, or NotFound (another user's interview is NotFound too)."""
    return owned(InterviewSession, user_id, "No such interview.", id=interview_id)


def list_recent(user_id: int, limit: int = 20) -> list[InterviewSession]:
    """The user's interviews, newest first."""
    return list(db.session.scalars(select(InterviewSession).where(InterviewSession.user_id == user_id)
                                   .order_by(InterviewSession.created_at.desc(), InterviewSession.id.desc())
                                   .limit(limit)))


def delete_interview(user_id: int, interview_id: int) -> None:
    """Delete (or abandon) the user's interview; NotFound when it is not theirs."""
    get(user_id, interview_id)
    db.session.execute(delete(InterviewSession).where(InterviewSession.id == interview_id,
                                                      InterviewSession.user_id == user_id))
    db.session.commit()


def next_index(interview: InterviewSession) -> int | None:
    """The 0-based index of the question waiting for an answer, or None when all are answered."""
    return _next_index(interview.questions or [])


def answer(user_id: int, interview_id: int, index: int, text: str) -> AnswerOutcome:
    """Score and store the answer to question ``index`` (0-based); finish the interview after the last.

    Refuses, storing nothing: empty or over-long text and an index outside the interview
    (Invalid); another user's interview (NotFound); a finished interview, an answered question
    or a question after the waiting one (Conflict, codes ``interview_completed``,
    ``already_answered``, ``out_of_order``).
    """
    answer_text = (text or "").strip()
    if not answer_text:
        raise Invalid.field("answer", "Write an answer before sending it.")
    if len(answer_text) > MAX_ANSWER_CHARS:
        raise Invalid.field("answer", f"Keep the answer under {MAX_ANSWER_CHARS:,} characters "
                                      f"(it has {len(answer_text):,}).")
    interview = get(user_id, interview_id)
    questions = interview.questions or []
    if not isinstance(index, int) or not 0 <= index < len(questions):
        raise Invalid.field("index", f"Choose a question between 0 and {len(questions) - 1}.")
    _check_slot(interview, index)
    item = dict(questions[index])
    given = {n: (q.get("details") or {}).get("advice") or [] for n, q in enumerate(questions[:index], start=1)}
    db.session.rollback()  # end the read transaction: the write below must start with its lock

    scored = _score(item, answer_text, given, index + 1)

    locked = db.session.execute(
        update(InterviewSession)
        .where(InterviewSession.id == interview_id, InterviewSession.user_id == user_id,
               InterviewSession.completed_at.is_(None))
        .values(id=InterviewSession.id)
        .execution_options(synchronize_session=False))
    if locked.rowcount != 1:
        db.session.rollback()
        raise Conflict("This interview is finished; the answer was not recorded.", code="interview_completed")
    interview = db.session.scalar(select(InterviewSession).where(InterviewSession.id == interview_id)
                                  .execution_options(populate_existing=True))
    try:
        _check_slot(interview, index)
    except Conflict:
        db.session.rollback()
        raise
    now = utcnow()
    questions = [dict(q) for q in interview.questions or []]
    questions[index].update(answer=answer_text, answered_at=now.isoformat(), **scored)
    if index + 1 < len(questions):
        questions[index + 1]["asked_at"] = now.isoformat()
    interview.questions = questions  # a new list: SQLAlchemy sees the JSON change
    if _next_index(questions) is None:
        _finish(interview, questions, now)
    db.session.commit()
    return AnswerOutcome(interview, index, dict(questions[index]))


def as_dict(interview: InterviewSession) -> dict[str, Any]:
    """The interview as the API and pages show it: only questions already shown are included."""
    questions = interview.questions or []
    shown = [dict(q, index=i) for i, q in enumerate(questions) if q.get("asked_at")]
    waiting = _next_index(questions)
    return {
        "id": interview.id, "kind": interview.session_type, "length": len(questions),
        "status": "completed" if interview.completed_at else "in_progress",
        "next_index": waiting, "answered": sum(1 for q in questions if q.get("answer") is not None),
        "score": interview.score, "verdict": verdict(interview.score)[0] if interview.score is not None else None,
        "feedback": interview.feedback, "duration": interview.duration,
        "created_at": interview.created_at, "completed_at": interview.completed_at,
        "speech_metrics": interview.speech_metrics, "questions": shown,
    }


# ----------------------------------------------------------------------------- choosing questions


def _technical_topics(topics: list[str] | None) -> list[str]:
    return known_topics(topics) or list(load_content().topic_names)


def _competencies(topics: list[str] | None):
    bank = load_content()
    by_name = {c.name.lower(): c for c in bank.competencies}
    chosen = []
    for name in topics or []:
        competency = by_name.get(str(name).lower())
        if competency is None:
            try:
                competency = bank.competency(name)
            except NotFound as exc:
                names = ", ".join(c.slug for c in bank.competencies)
                raise Invalid.field("topics", f"Unknown competency {name!r}. Choose from: {names}.") from exc
        if competency not in chosen:
            chosen.append(competency)
    return chosen or list(bank.competencies)


def _recent_refs(user_id: int, since: datetime) -> set[str]:
    """Question ids this user was asked since ``since``, in practice sessions or quick interviews."""
    refs = set(db.session.scalars(select(QuestionHistory.question_ref).where(
        QuestionHistory.user_id == user_id, QuestionHistory.timestamp >= since,
        QuestionHistory.question_ref.is_not(None))))
    for questions in db.session.scalars(select(InterviewSession.questions).where(
            InterviewSession.user_id == user_id, InterviewSession.created_at >= since)):
        refs.update(q.get("ref") for q in questions or [] if q.get("asked_at"))
    return refs


def _slot_topics(topics: list[str], length: int, rng: random.Random) -> list[str]:
    # Spread evenly: every topic once before any topic twice, in a random order.
    order = list(topics)
    rng.shuffle(order)
    return [order[i % len(order)] for i in range(length)]


def _pick_technical(user_id, topics, length, recent, rng) -> list[dict]:
    bank = load_content()
    levels = dict(db.session.execute(select(UserMastery.topic, UserMastery.current_difficulty).where(
        UserMastery.user_id == user_id, UserMastery.topic.in_(topics))).all())
    picked, used_subtopics, out = set(), set(), []
    for topic in _slot_topics(topics, length, rng):
        level = levels.get(topic) or "medium"
        pool = [q for q in bank.questions_for(topic, difficulty=level) if q.id not in picked] or \
               [q for q in bank.questions_for(topic) if q.id not in picked]
        # Prefer, in order: not asked in 14 days, then a subtopic this interview has not covered.
        fresh = [q for q in pool if q.id not in recent] or pool
        varied = [q for q in fresh if q.subtopic_id not in used_subtopics] or fresh
        question = rng.choice(varied)
        picked.add(question.id)
        used_subtopics.add(question.subtopic_id)
        out.append(_slot(question.id, question.question, "technical", topic=question.topic,
                         subtopic=question.subtopic, difficulty=getattr(question.difficulty, "value", str(question.difficulty))))
    return out


def _pick_behavioural(competencies, length, recent, rng) -> list[dict]:
    order = list(competencies)
    rng.shuffle(order)
    # Competencies with a question not asked lately come first, so repeats are a last resort.
    order.sort(key=lambda c: all(q.id in recent for q in c.questions))
    picked, out = set(), []
    for i in range(length):
        competency = order[i % len(order)]
        pool = [q for q in competency.questions if q.id not in picked]
        if not pool:  # a narrow choice of competencies: widen to the whole bank
            pool = [q for c in load_content().competencies for q in c.questions if q.id not in picked]
        fresh = [q for q in pool if q.id not in recent] or pool
        question = rng.choice(fresh)
        picked.add(question.id)
        name = load_content().competency(question.competency).name
        out.append(_slot(question.id, question.question, "behavioural", competency=name))
    return out


def _slot(ref: str, question: str, kind: str, **extra) -> dict:
    return {"ref": ref, "question": question, "kind": kind, **extra, "answer": None, "score": None,
            "feedback": None, "asked_at": None, "answered_at": None, "details": None}


# ----------------------------------------------------------------------------- scoring and finishing


def _next_index(questions: list[dict]) -> int | None:
    return next((i for i, q in enumerate(questions) if q.get("answer") is None), None)


def _check_slot(interview: InterviewSession, index: int) -> None:
    if interview.completed_at is not None:
        raise Conflict("This interview is finished; the answer was not recorded.", code="interview_completed")
    waiting = _next_index(interview.questions or [])
    if waiting is None or index < waiting:
        raise Conflict(f"Question {index + 1} has already been answered (perhaps in another tab).",
                       code="already_answered")
    if index > waiting:
        raise Conflict(f"Answer question {waiting + 1} first: questions are answered in order.",
                       code="out_of_order")


def _score(item: dict, text: str, given: dict[int, list[str]] | None = None, number: int = 1) -> dict:
    """Score one answer: returns the ``score``, ``feedback`` and ``details`` to store. ``given`` maps each
    earlier question's number to the advice sentences it received: a behavioural answer's advice skips
    them, so no sentence repeats within an interview (each quotes the answer it is about, so repeats are
    rare; when everything was said before, the note points to that earlier question instead)."""
    bank = load_content()
    if item["kind"] == "behavioural":
        question = bank.behavioural_question(item["ref"])
        prompt = behavioural.BehaviouralPrompt(question.question, question.strong_answer_shows, question.red_flags)
        result = behavioural.assess(prompt, text, _embedding_backend())
        given = given or {}
        sentences = behavioural.advice(result, avoid=[s for said in given.values() for s in said])
        if not sentences:
            earlier = next((n for n, said in given.items() if set(said) & set(result.improvements + result.strengths)),
                           None)
            missing = behavioural.gaps(result)
            sentences = [f"Question {number} has the same gaps as question {earlier or number - 1}"
                         + (f": no {', no '.join(missing)}." if missing else ".")]
        return {"score": result.score, "feedback": " ".join(sentences),
                "details": {**result.to_dict(), "advice": sentences}}
    question = bank.question(item["ref"])
    concepts = bank.concepts_of(question)
    assessment = get_scorer().score(AnswerInput(
        question=question.question, reference_answer=question.reference_answer, answer=text,
        concepts=Concept.from_bank(bank, concepts)))
    feedback = " ".join(assessment.reasons[:2])
    if assessment.missing_concepts:
        feedback += f" Missing: {', '.join(assessment.missing_concepts)}."
    details = {
        "semantic_score": assessment.semantic_score, "keyword_score": assessment.keyword_score,
        "combined_score": assessment.combined_score, "correct": assessment.correct,
        "missing_concepts": list(assessment.missing_concepts),
        "covered_concepts": sorted(assessment.matched_concepts), "depth": assessment.depth,
        "confidence": assessment.confidence, "outcome": assessment.outcome,
        "reasons": list(assessment.reasons), "model_answer": question.reference_answer,
    }
    return {"score": assessment.combined_score, "feedback": feedback.strip(), "details": details}


def _finish(interview: InterviewSession, questions: list[dict], now: datetime) -> None:
    scores = [float(q["score"] or 0.0) for q in questions]
    interview.score = sum(scores) / len(scores)
    items = [AnsweredItem(number=i + 1, question=q["question"], label=q.get("topic") or q.get("competency") or "",
                          answer=q["answer"] or "", score=float(q["score"] or 0.0), feedback=q.get("feedback") or "",
                          details=q.get("details") or {}) for i, q in enumerate(questions)]
    interview.feedback = write_feedback(interview.session_type, items, interview.score)
    interview.completed_at = now
    interview.duration = max(0, int((now - (interview.created_at or now)).total_seconds()))


def _embedding_backend():
    """The scorer's sentence-embedding model (one copy per process); None (word-overlap matching)
    when the model files are missing, so an answer is never lost."""
    try:
        return get_scorer().embeddings
    except (ModelFileError, ImportError, OSError) as exc:
        log.warning("behavioural answers use word overlap: %s", exc)
        return None
