"""The feedback and the Markdown transcript of a finished mock interview (the second seed's
``Feedback``); the interview itself is :mod:`.simulator`.

- ``feedback`` is generated once per completed interview: computed outside any transaction, then
  written with INSERT … ON CONFLICT DO NOTHING on the unique ``feedback.session_id``, so racing calls
  store one row and all return it. Conflict before the 8th answer.
- The feedback reads each planned question together with its follow-up answers
  (:func:`answered_turns`), numbered as the transcript numbers the question, so the annotations, the
  strengths and the weaknesses name the numbers the candidate saw; a follow-up is shown inside the
  annotation of the question it follows up (:func:`annotated_answers`).
- Soft-deleted interviews and another user's are NotFound (through :func:`.simulator.get`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from ..ai import FeedbackRequest, get_ai
from ..content import load_content
from ..engine.degenerate import degenerate_reason
from ..engine.feedback import AnsweredTurn, JobContext, band
from ..engine.interviewer import InterviewPlan, read_job
from ..errors import Conflict
from ..extensions import db
from ..models import utcnow
from ..models.simulator import MAX_QUESTIONS, Feedback, Message, SimulatorSession
from .db_utils import insert_if_absent
from .simulator import get, is_complete, messages, question_number



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
    asked = {t.number: t for t in request.turns}
    annotations = [{"number": a.number, "kind": a.kind, "question": asked[a.number].question,
                    "mark": a.mark, "notes_md": a.notes_md}
                   for a in result.annotations if a.number in asked]
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
class Exchange:
    """One interviewer message and the candidate's answer to it; ``number`` is k in "question k of 8"."""

    number: int
    question: str
    answer: str


@dataclass(frozen=True)
class AnnotatedAnswer:
    """One answered planned question with the candidate's answer (follow-up answers joined) and the
    rubric's mark and notes from the stored feedback. ``number`` is the question's number in the
    transcript; ``exchanges`` are the messages it covers: the question, then any follow-up."""

    number: int
    kind: str
    question: str
    answer: str
    mark: int
    notes_md: str
    exchanges: tuple[Exchange, ...] = ()

    @property
    def follow_ups(self) -> tuple[Exchange, ...]:
        return self.exchanges[1:]


def annotated_answers(session: SimulatorSession, fb: Feedback | None) -> list[AnnotatedAnswer]:
    """The transcript annotated answer by answer (empty before feedback, or for feedback stored
    without annotations). Every answered question appears, numbered as the transcript numbers it;
    a follow-up appears inside the annotation of the question it follows up."""
    if fb is None or not fb.annotations:
        return []
    rows = messages(session.id)
    by_number = {t.number: t for t in answered_turns(session, rows)}
    exchanges = _exchanges(session, rows)
    return [AnnotatedAnswer(a["number"], a["kind"], a["question"], by_number[a["number"]].answer, a["mark"],
                            a["notes_md"], tuple(exchanges.get(a["number"], ())))
            for a in fb.annotations if a["number"] in by_number]


def _exchanges(session: SimulatorSession, rows: list[Message]) -> dict[int, list[Exchange]]:
    """The answered exchanges grouped by planned question, keyed by the transcript number of the
    message that first asked it, in conversation order."""
    turns = (session.plan_state or {}).get("turns", [])
    first_number: dict[int, int] = {}
    grouped: dict[int, list[Exchange]] = {}
    asked: tuple[int, str] | None = None
    number = 0
    for row in rows:
        if row.role == "assistant":
            number += 1
            asked = (number, row.content)
        elif row.role == "user" and asked is not None and number - 1 < len(turns):
            q = turns[number - 1]["q"]
            key = first_number.setdefault(q, asked[0])
            grouped.setdefault(key, []).append(Exchange(asked[0], asked[1], row.content))
            asked = None
    return grouped


def answered_turns(session: SimulatorSession, rows: list[Message]) -> list[AnsweredTurn]:
    """One AnsweredTurn per planned question answered, in order, numbered as the transcript numbers the
    message that asked it (follow-ups count there); a follow-up's answer joins its question's answer
    (an unreadable one is left out when another answer to the question can be read)."""
    plan = InterviewPlan.from_dict(session.plan)
    turns = (session.plan_state or {}).get("turns", [])
    out = []
    for number, exchanges in _exchanges(session, rows).items():
        p = plan.questions[turns[number - 1]["q"]]
        # An unreadable answer (the chat said so) adds nothing to the readable answer given after it.
        readable = [e.answer for e in exchanges if not degenerate_reason(e.answer)] or [e.answer for e in exchanges]
        out.append(AnsweredTurn(p.kind, p.text, "\n\n".join(readable), p.reference_answer,
                                p.concepts, p.competency, p.strong_answer_shows, p.red_flags, p.skill, number))
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
                numbers = " and ".join(f"Q{e.number}" for e in item.exchanges) or f"Q{item.number}"
                follow = "".join(f" (follow-up Q{e.number}: {md_escape(e.question)})" for e in item.follow_ups)
                out += [f"### {numbers} ({item.kind.replace('_', ' ')}): {item.mark}/10", "",
                        f"**Question:** {md_escape(item.question)}{follow}", "", item.notes_md, ""]
    return "\n".join(out)
