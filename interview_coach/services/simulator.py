"""CV + job-description mock interview (issue 6, second seed): create, give documents, start, answer,
list and soft delete (its feedback and transcript: :mod:`.mock_feedback`). The built-in interviewer plans the questions, decides
each next message (planned question or follow-up) and scores the answers; with an LLM configured
(:func:`interview_coach.ai.get_ai`) the LLM words the plan's questions and each next message and
writes the feedback from the rubric's signals, and when it fails the built-in engine's own words are
used for that step — the interview carries on and nothing the candidate wrote is lost.

Rules and why they hold under concurrency:

- Documents: the job description must be 50–20,000 characters, the CV non-empty and at most
  100,000 (``use_profile_resume`` copies the user's stored ``resume_text``). Documents cannot change
  once the interview has started, because the stored plan was built from them.
- ``start`` asks the AI engine for :data:`MAX_QUESTIONS` questions, stores ``plan.to_dict()`` plus
  ``engine`` (which engine wrote it) and ``notice`` (the fallback sentence, or None) in
  ``sessions.plan`` and question 1 as the first ``assistant`` message, all in one write transaction
  that begins by claiming the row (``UPDATE sessions SET plan=… WHERE plan IS NULL``), so two racing
  starts give one first question. Calling it again returns the started interview.
- ``sessions.plan_state = {"turns": [{"q": i, "follow_up": bool}, …]}`` has one entry per assistant
  message: which planned question it asks and whether it is a follow-up (a follow-up also records
  the answer ``signal`` that caused it: degenerate, vague, no_result, no_ownership or off_topic, and the
  ``template`` that worded it, so no template is used twice in one interview).
- ``answer`` stores the candidate's ``user`` message *first*, in its own committed transaction, so
  nothing the user wrote is lost if producing the next question fails. That transaction begins with
  a write (``UPDATE sessions SET id=id``), which takes SQLite's database lock and PostgreSQL's row lock,
  and only then checks that the latest message is an ``assistant`` message awaiting an answer: a second
  racing answer sees the first one's ``user`` message and is refused (Conflict), so no assistant message
  ever has two answers.
- The next assistant message is written by :func:`_advance` in a second locked transaction that
  inserts only when the latest message is still that ``user`` message and fewer than 8 assistant
  messages exist — so racing calls never produce a ninth question. If the process died between the
  two transactions, ``start`` or the next ``answer`` call writes the missing question.
- Next message: chosen by the built-in interviewer and, with an LLM configured, worded by it
  (:func:`_worded`; ``turns`` entries then also record ``engine`` and any fallback ``notice``). A
  follow-up (engine ``classify_answer`` / ``follow_up``) when the last answer to a planned question
  was unreadable (repeated text, filler, noise), vague, had no result, told only as "we", or was off
  topic; it reacts to what the answer said (a cause, decision or number it named) — at most one
  follow-up per planned question, and it counts as one of the 8 assistant messages. The 8th assistant message is always
  the plan's closing question (if not yet asked), so follow-ups displace the middle of the plan,
  never the close. After the 8th assistant message is answered the interview is complete and further
  answers are refused (Conflict).
- Soft-deleted interviews (``deleted_at`` set) are NotFound everywhere; another user's are too.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select, update

from ..ai import InterviewRequest, InterviewTurnRequest, get_ai
from ..content import load_content
from ..engine.feedback import strip_instructions
from ..engine.interviewer import InterviewPlan, classify_answer, follow_up, read_cv, read_job
from ..engine.scoring import get_scorer
from ..errors import Conflict, Conflicting, Invalid, NotFound
from ..extensions import db
from ..models import User, utcnow
from ..models.simulator import MAX_QUESTIONS, Message, SimulatorSession

JD_MIN, JD_MAX = 50, 20_000
CV_MAX = 100_000
MAX_ANSWER_CHARS = 20_000


@dataclass(frozen=True)
class InterviewListItem:
    """One row of the interview list: the session and its message counts (computed in SQL)."""

    session: SimulatorSession
    message_count: int
    questions_asked: int


# ----------------------------------------------------------------------------- setup


def create(user_id: int, job_title: str, company_name: str) -> SimulatorSession:
    """A new interview; the model's validation raises Invalid for an empty or over-long title/company."""
    session = SimulatorSession(user_id=user_id, job_title=job_title, company_name=company_name)
    db.session.add(session)
    db.session.commit()
    return session


def get(user_id: int, session_id: int) -> SimulatorSession:
    """The user's interview, or NotFound (also for another user's or a deleted one)."""
    row = db.session.scalar(select(SimulatorSession).where(
        SimulatorSession.id == session_id, SimulatorSession.user_id == user_id,
        SimulatorSession.deleted_at.is_(None)))
    if row is None:
        raise NotFound("No such mock interview.")
    return row


def set_documents(user_id: int, session_id: int, cv_text: str | None = None,
                  job_description_text: str | None = None, use_profile_resume: bool = False) -> SimulatorSession:
    """Store the CV and/or job description (None leaves a field as it is); see the module rules."""
    session = get(user_id, session_id)
    if session.plan is not None:
        raise Conflict("The interview has started; its CV and job description can no longer change.",
                       code="interview_started")
    reasons: dict[str, list[str]] = {}
    if use_profile_resume:
        if cv_text is not None:
            reasons.setdefault("cv_text", []).append("Send a CV or use the profile résumé, not both.")
        cv_text = db.session.scalar(select(User.resume_text).where(User.id == user_id)) or ""
        if not cv_text.strip():
            reasons.setdefault("use_profile_resume", []).append("Your profile has no résumé text yet.")
            cv_text = None
    if cv_text is not None:
        cv = cv_text.strip()
        if not cv and not use_profile_resume:
            reasons.setdefault("cv_text", []).append("must not be empty.")
        elif len(cv) > CV_MAX:
            reasons.setdefault("cv_text", []).append(f"must be at most {CV_MAX:,} characters (got {len(cv):,}).")
    if job_description_text is not None:
        jd = job_description_text.strip()
        if not JD_MIN <= len(jd) <= JD_MAX:
            reasons.setdefault("job_description_text", []).append(
                f"must be {JD_MIN}–{JD_MAX:,} characters (got {len(jd):,}).")
    if reasons:  # a profile without a résumé is the account's state, not a bad request
        raise (Conflicting if set(reasons) == {"use_profile_resume"} else Invalid)(reasons)
    if cv_text is not None:
        session.cv_text = cv_text.strip()
    if job_description_text is not None:
        session.job_description_text = job_description_text.strip()
    db.session.commit()
    return session


def list_interviews(user_id: int) -> list[InterviewListItem]:
    """The user's interviews, most recent first, with message counts from one grouped query."""
    rows = db.session.execute(
        select(SimulatorSession, func.count(Message.id),
               func.coalesce(func.sum(case((Message.role == "assistant", 1), else_=0)), 0))
        .outerjoin(Message, Message.session_id == SimulatorSession.id)
        .where(SimulatorSession.user_id == user_id, SimulatorSession.deleted_at.is_(None))
        .group_by(SimulatorSession.id)
        .order_by(SimulatorSession.created_at.desc(), SimulatorSession.id.desc())).all()
    return [InterviewListItem(s, int(n), int(asked)) for s, n, asked in rows]


def delete(user_id: int, session_id: int) -> None:
    """Soft delete: the interview disappears from every read (rows kept until retention)."""
    session = get(user_id, session_id)
    session.deleted_at = utcnow()
    db.session.commit()


# ----------------------------------------------------------------------------- the interview


def start(user_id: int, session_id: int, on_delta=None) -> SimulatorSession:
    """Plan the interview and ask question 1 (idempotent; Invalid until the CV and job description exist).

    ``on_delta(text)`` receives an LLM's reply as it is written (see :mod:`interview_coach.web.streaming`).
    """
    session = get(user_id, session_id)
    if session.plan is not None:
        _advance(session.id)  # writes a question lost to a crash after an answer, if any
        return get(user_id, session_id)
    if not session.is_ready:
        raise Invalid({"documents": ["Add both the CV and the job description before starting."]},
                      code="not_ready")
    outcome = get_ai().interview_questions(InterviewRequest(
        session.job_title, session.company_name, session.job_description_text, session.cv_text, seed=session.id),
        on_delta)
    plan = outcome.value
    stored_plan = {**plan.to_dict(), "engine": outcome.engine_label(), "notice": outcome.notice}
    db.session.rollback()  # end the read transaction: the write must start with its claim
    claimed = db.session.execute(
        update(SimulatorSession).where(SimulatorSession.id == session_id, SimulatorSession.plan.is_(None))
        .values(plan=stored_plan, plan_state={"turns": [{"q": 0, "follow_up": False}]})
        .execution_options(synchronize_session=False))
    if claimed.rowcount == 1:
        db.session.add(Message(session_id=session_id, role="assistant", content=plan.questions[0].text,
                               timestamp=utcnow()))
    db.session.commit()
    db.session.expire_all()
    return get(user_id, session_id)


def messages(session_id: int) -> list[Message]:
    """The interview's messages in conversation order."""
    return list(db.session.scalars(select(Message).where(Message.session_id == session_id)
                                   .order_by(Message.timestamp, Message.id)))


def question_number(session: SimulatorSession) -> int:
    """k in "question k of 8": the number of assistant messages so far."""
    return len((session.plan_state or {}).get("turns", []))


def is_complete(session_id: int) -> bool:
    """True when the 8th assistant message has been answered."""
    assistants, latest = _progress(session_id)
    return assistants >= MAX_QUESTIONS and latest is not None and latest.role == "user"


def answer(user_id: int, session_id: int, text: str) -> Message:
    """Store the answer to the waiting question, then ask the next one; returns the stored answer.

    Invalid for empty or over-long text; Conflict when the interview has not started, is complete,
    or the waiting question was just answered (e.g. in another tab).
    """
    text = (text or "").strip()
    if not text:
        raise Invalid.field("answer", "Write an answer before sending it.")
    if len(text) > MAX_ANSWER_CHARS:
        raise Invalid.field("answer", f"Keep the answer under {MAX_ANSWER_CHARS:,} characters.")
    session = get(user_id, session_id)
    if session.plan is None:
        raise Conflict("Start the interview first.", code="not_started")
    db.session.rollback()
    _lock(session_id)
    assistants, latest = _progress(session_id)
    if latest is None or latest.role != "assistant":
        db.session.rollback()
        if assistants >= MAX_QUESTIONS:
            raise Conflict("The interview is complete; no more answers are taken.", code="interview_complete")
        _advance(session_id)  # a question lost to a crash: ask it now rather than take a blind answer
        raise Conflict("That question was already answered; answer the next one.", code="already_answered")
    stored = Message(session_id=session_id, role="user", content=text, timestamp=utcnow())
    db.session.add(stored)
    db.session.commit()  # the answer is safe before anything else happens
    _advance(session_id)
    return stored


def _lock(session_id: int) -> None:
    """Start a write transaction with a write, so the checks that follow see a stable conversation."""
    db.session.execute(update(SimulatorSession).where(SimulatorSession.id == session_id)
                       .values(id=SimulatorSession.id).execution_options(synchronize_session=False))


def _progress(session_id: int) -> tuple[int, Message | None]:
    assistants = db.session.scalar(select(func.count(Message.id)).where(
        Message.session_id == session_id, Message.role == "assistant"))
    latest = db.session.scalar(select(Message).where(Message.session_id == session_id)
                               .order_by(Message.id.desc()).limit(1))
    return int(assistants or 0), latest


def _advance(session_id: int) -> None:
    """Write the next assistant message when the latest message is an answer and fewer than 8 were asked."""
    db.session.rollback()
    session = db.session.get(SimulatorSession, session_id)
    assistants, latest = _progress(session_id)
    if session is None or session.plan is None or latest is None or latest.role != "user" \
            or assistants >= MAX_QUESTIONS:
        db.session.rollback()
        return
    turns = list((session.plan_state or {}).get("turns", []))
    content, turn = _next_message(session, turns, latest.content)
    content, turn = _worded(session, turns, turn, content, latest.content)
    answered_id = latest.id
    db.session.rollback()  # the classification above was slow; the write starts with its lock
    _lock(session_id)
    assistants, latest = _progress(session_id)
    if latest is None or latest.id != answered_id or assistants >= MAX_QUESTIONS:
        db.session.rollback()  # another call asked it already
        return
    db.session.execute(update(SimulatorSession).where(SimulatorSession.id == session_id)
                       .values(plan_state={"turns": turns + [turn]}).execution_options(synchronize_session=False))
    db.session.add(Message(session_id=session_id, role="assistant", content=content, timestamp=utcnow()))
    db.session.commit()
    db.session.expire_all()


def _worded(session: SimulatorSession, turns: list[dict], turn: dict, planned: str, last_answer: str) -> tuple[str, dict]:
    """The next message as an LLM words it, when one is configured: it may react to the answer in one
    sentence and must keep the planned question's meaning. When it fails, the built-in message is
    used and the turn records the notice (the chat shows it); either way the turn records the engine."""
    ai = get_ai()
    if not ai.uses_llm:
        return planned, turn
    plan = InterviewPlan.from_dict(session.plan)
    last_question = db.session.scalar(select(Message.content).where(
        Message.session_id == session.id, Message.role == "assistant").order_by(Message.id.desc()).limit(1)) or ""
    outcome = ai.interview_turn(InterviewTurnRequest(
        session.job_title, session.company_name, plan.questions[turn["q"]].kind, planned, last_question,
        last_answer, len(turns) + 1, turn.get("signal")))
    turn = {**turn, "engine": outcome.engine_label()}
    if outcome.notice:
        turn["notice"] = outcome.notice
    return outcome.value, turn


def _next_message(session: SimulatorSession, turns: list[dict], last_answer: str) -> tuple[str, dict]:
    """The next assistant line and its turn entry (see the module rules)."""
    plan = InterviewPlan.from_dict(session.plan)
    last = turns[-1]
    closing = len(plan.questions) - 1
    asked = {t["q"] for t in turns}
    if len(turns) == MAX_QUESTIONS - 1 and closing not in asked:
        return plan.questions[closing].text, {"q": closing, "follow_up": False}
    if not last["follow_up"]:
        question = plan.questions[last["q"]]
        bank = load_content()
        # Judged without instruction-like lines, as the feedback is: "ignore previous instructions…"
        # must not steer the interview either.
        answer_text, _ = strip_instructions(last_answer)
        signal = classify_answer(question, answer_text, backend=get_scorer().embeddings, bank=bank)
        if signal.kind != "ok":
            used = frozenset(t["template"] for t in turns if t.get("template"))
            line = follow_up(question, answer_text, signal, read_job(session.job_description_text, bank),
                             read_cv(session.cv_text, bank), used)
            if line:
                return line.text, {"q": last["q"], "follow_up": True, "signal": signal.kind,
                                   "template": line.template}
    nxt = min(last["q"] + 1, closing)
    return plan.questions[nxt].text, {"q": nxt, "follow_up": False}
