"""CV + job-description mock interview (issue 6, second seed): create, give documents, start, answer,
feedback, transcript, list and soft delete. The built-in interviewer plans the questions, decides
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
  the answer ``signal`` that caused it: vague, no_result or off_topic).
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
  follow-up (engine ``classify_answer`` / ``follow_up``) when the last answer to a
  planned question was vague, had no result, or was off topic — at most one follow-up per planned
  question, and it counts as one of the 8 assistant messages. The 8th assistant message is always
  the plan's closing question (if not yet asked), so follow-ups displace the middle of the plan,
  never the close. After the 8th assistant message is answered the interview is complete and further
  answers are refused (Conflict).
- ``feedback`` is generated once per completed interview: computed outside any transaction, then
  written with INSERT … ON CONFLICT DO NOTHING on the unique ``feedback.session_id``, so racing calls
  store one row and all return it.
- Soft-deleted interviews (``deleted_at`` set) are NotFound everywhere; another user's are too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import case, func, select, update

from ..ai import FeedbackRequest, InterviewRequest, InterviewTurnRequest, get_ai
from ..content import load_content
from ..engine.feedback import AnsweredTurn, JobContext, band, strip_instructions
from ..engine.interviewer import InterviewPlan, classify_answer, follow_up, read_cv, read_job
from ..engine.scoring import get_scorer
from ..errors import Conflict, Conflicting, Invalid, NotFound
from ..extensions import db
from ..models import User, utcnow
from ..models.simulator import MAX_QUESTIONS, Feedback, Message, SimulatorSession
from .db_utils import insert_if_absent

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
            line = follow_up(question, last_answer, signal, read_job(session.job_description_text, bank),
                             read_cv(session.cv_text, bank))
            if line:
                return line, {"q": last["q"], "follow_up": True, "signal": signal.kind}
    nxt = min(last["q"] + 1, closing)
    return plan.questions[nxt].text, {"q": nxt, "follow_up": False}


# ----------------------------------------------------------------------------- feedback and export


def stored_feedback(session_id: int) -> Feedback | None:
    """The interview's feedback row if it has been written."""
    return db.session.scalar(select(Feedback).where(Feedback.session_id == session_id))


def feedback(user_id: int, session_id: int, on_delta=None) -> Feedback:
    """The interview's feedback, written once when the interview is complete (Conflict before).

    ``on_delta(text)`` receives an LLM's reply as it is written.
    """
    session = get(user_id, session_id)
    existing = stored_feedback(session_id)
    if existing is not None:
        return existing
    check_complete(session_id)
    request = feedback_request(session)
    outcome = get_ai().interview_feedback(request, on_delta)
    result = outcome.value
    annotations = [{"number": a.number, "kind": a.kind, "question": request.turns[a.number - 1].question,
                    "mark": a.mark, "notes_md": a.notes_md}
                   for a in result.annotations if 0 < a.number <= len(request.turns)]
    db.session.rollback()
    insert_if_absent(Feedback, {
        "session_id": session_id, "interview_score": int(result.interview_score),
        "strengths": result.strengths_md, "weaknesses": result.weaknesses_md,
        "cv_improvements": result.cv_improvements_md, "created_at": utcnow(),
        "engine": outcome.engine_label(), "engine_notice": outcome.notice, "score_note": result.score_note or None,
        "annotations": annotations,
    }, unique=["session_id"])
    db.session.commit()
    return stored_feedback(session_id)


def check_complete(session_id: int) -> None:
    """Conflict (``interview_incomplete``) unless every question has been answered."""
    if not is_complete(session_id):
        raise Conflict(f"Answer all {MAX_QUESTIONS} questions before asking for feedback.",
                       code="interview_incomplete")


def feedback_request(session: SimulatorSession) -> FeedbackRequest:
    """What the feedback is written from: the answered turns, the parsed job, the CV and the job text."""
    bank = load_content()
    job = read_job(session.job_description_text, bank)
    context = JobContext(
        session.job_title, session.company_name,
        required_skills=tuple(s.name for s in job.required_skills), nice_skills=tuple(s.name for s in job.nice_skills),
        keywords=tuple(dict.fromkeys(s.name for s in job.skills)), responsibilities=tuple(job.responsibilities))
    turns = answered_turns(session, messages(session.id))
    return FeedbackRequest(tuple(turns), context, session.cv_text or "", session.job_description_text or "")


@dataclass(frozen=True)
class AnnotatedAnswer:
    """One answered planned question with the candidate's answer (follow-up answers joined) and the
    rubric's mark and notes from the stored feedback."""

    number: int
    kind: str
    question: str
    answer: str
    mark: int
    notes_md: str


def annotated_answers(session: SimulatorSession, fb: Feedback | None) -> list[AnnotatedAnswer]:
    """The transcript annotated answer by answer (empty before feedback, or for feedback stored
    without annotations)."""
    if fb is None or not fb.annotations:
        return []
    turns = answered_turns(session, messages(session.id))
    return [AnnotatedAnswer(a["number"], a["kind"], a["question"], turns[a["number"] - 1].answer, a["mark"],
                            a["notes_md"]) for a in fb.annotations if 0 < a["number"] <= len(turns)]


def answered_turns(session: SimulatorSession, rows: list[Message]) -> list[AnsweredTurn]:
    """One AnsweredTurn per planned question asked; a follow-up's answer joins its question's answer."""
    plan = InterviewPlan.from_dict(session.plan)
    turns = (session.plan_state or {}).get("turns", [])
    answers: dict[int, list[str]] = {}
    order: list[int] = []
    assistant_index = -1
    for row in rows:
        if row.role == "assistant":
            assistant_index += 1
        elif row.role == "user" and 0 <= assistant_index < len(turns):
            q = turns[assistant_index]["q"]
            if q not in answers:
                order.append(q)
            answers.setdefault(q, []).append(row.content)
    out = []
    for q in order:
        p = plan.questions[q]
        out.append(AnsweredTurn(p.kind, p.text, "\n\n".join(answers[q]), p.reference_answer, p.concepts,
                                p.competency, p.strong_answer_shows, p.red_flags, p.skill))
    return out


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_escape(text: str) -> str:
    """Candidate text made inert in an exported Markdown file, keeping its lines: HTML characters
    as entities (safe even where a viewer renders raw HTML), Markdown syntax backslash-escaped."""
    text = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def transcript_markdown(user_id: int, session_id: int) -> str:
    """The role, the setup, the questions and answers and the feedback (if any) as Markdown."""
    session = get(user_id, session_id)
    rows = messages(session_id)
    fb = stored_feedback(session_id)
    out = [f"# Mock interview: {md_escape(session.job_title)} at {md_escape(session.company_name)}", ""]
    out += ["## Setup", "", f"- Created: {session.created_at:%Y-%m-%d %H:%M} UTC" if session.created_at else "- Created: -",
            f"- CV: {len(session.cv_text or ''):,} characters",
            f"- Job description: {len(session.job_description_text or ''):,} characters",
            f"- Questions asked: {question_number(session)} of {MAX_QUESTIONS}", "", "## Transcript", ""]
    number = 0
    for row in rows:
        if row.role == "assistant":
            number += 1
            out += [f"### Question {number} of {MAX_QUESTIONS}", "", f"**Interviewer:** {md_escape(row.content)}", ""]
        elif row.role == "user":
            body = "\n".join(f"> {line}" if line else ">" for line in md_escape(row.content).splitlines())
            out += ["**Candidate:**", "", body, ""]
    if fb is not None:
        out += ["## Feedback", "", f"**Score: {fb.interview_score}/10** ({band(fb.interview_score)})", ""]
        if fb.score_note:
            out += [f"The AI model moved the rubric's score by one point: {md_escape(fb.score_note)}", ""]
        out += ["### Strengths", "", fb.strengths or "", "", "### Weaknesses", "", fb.weaknesses or "", "",
                "### CV improvements", "", fb.cv_improvements or "", ""]
        notes = annotated_answers(session, fb)
        if notes:
            out += ["## Your answers, annotated", ""]
            for item in notes:
                out += [f"### Q{item.number} ({item.kind.replace('_', ' ')}): {item.mark}/10", "",
                        f"**Question:** {md_escape(item.question)}", "", item.notes_md, ""]
    return "\n".join(out)
