"""Write the feedback of a finished mock interview: strengths, weaknesses, CV improvements, notes.

``write_feedback(turns, job, cv_text) -> InterviewFeedback``. Pure Python; the answers are
measured by :mod:`.answers`, scored by :mod:`.rubric`; this module only chooses and words.

- **Strengths / weaknesses**: 2–5 Markdown bullets each, one per question (a question is never
  listed twice), best answers first for strengths and weakest first for weaknesses; each bullet
  names its question ("Q3", the number the transcript shows) and gives that answer's first two
  notes, which quote the sentence or clause that earned them (see :mod:`.answers`). When an
  interview yields fewer than two, a measured fact fills in (the best / weakest answer's mark).
- **CV improvements**: :func:`.cv_tips.cv_improvements`.
- **Annotations**: one per answer, a 1–10 mark (``1 + 9·quality``) and its notes as bullets.

Candidate text is data: every quote is escaped (``escape_markdown``) so an answer or CV cannot add
links, HTML or headings to the feedback; the page sanitises the rendered Markdown as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..interview_feedback import escape_markdown
from .answers import review_answers
from .cv_tips import cv_improvements
from .rubric import band, interview_score, score_ceiling
from .types import Annotation, AnsweredTurn, AnswerReview, InterviewFeedback, JobContext

__all__ = ["write_feedback"]

MAX_BULLETS, MIN_BULLETS = 5, 2


def write_feedback(turns: Sequence[AnsweredTurn], job: JobContext, cv_text: str) -> InterviewFeedback:
    """The complete feedback for ``turns`` (in interview order) against ``job`` and the CV."""
    reviews = review_answers(turns, job)
    score, mean, caps = interview_score(reviews)
    return InterviewFeedback(
        interview_score=score, band=band(score),
        strengths_md=_bullets(_strengths(reviews)), weaknesses_md=_bullets(_weaknesses(reviews, caps)),
        cv_improvements_md=_bullets(cv_improvements(cv_text, job)),
        annotations=tuple(_annotation(r) for r in reviews), caps=tuple(caps), raw_score=mean,
        ceiling=score_ceiling(reviews))


def _mark(review: AnswerReview) -> int:
    return max(1, min(10, round(1 + 9 * review.quality)))


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {item}" for item in items) + "\n" if items else ""


def _tag(review: AnswerReview) -> str:
    return f"**Q{review.number}** ({review.kind.replace('_', ' ')})"


def _per_question(review: AnswerReview, notes: Sequence[str]) -> str:
    """One bullet for one question: its first two notes (most specific first), so no question is
    listed twice and no bullet is a stock line without the answer's words."""
    return f"{_tag(review)}: " + " ".join(escape_markdown(n) for n in notes[:2])


def _strengths(reviews: list[AnswerReview]) -> list[str]:
    ranked = sorted((r for r in reviews if not r.empty and not r.off_topic), key=lambda r: -r.quality)
    out = [_per_question(r, r.notes_good) for r in ranked if r.notes_good and r.quality >= 0.35][:MAX_BULLETS]
    if len(out) < MIN_BULLETS and ranked and ranked[0].number not in _listed(out):
        best = ranked[0]
        said = _best_quote(best)
        out.append(f"{_tag(best)}: your best answer ({_mark(best)}/10)" + (f": {escape_markdown(said)}." if said else "."))
    if len(out) < MIN_BULLETS:
        answered = [r for r in reviews if r.words and not r.empty]
        out.append(f"You answered {len(answered)} of {len(reviews)} questions.")
    return out[:MAX_BULLETS]


def _weaknesses(reviews: list[AnswerReview], caps: list[str]) -> list[str]:
    ranked = sorted(reviews, key=lambda r: r.quality)
    out = [escape_markdown(c) for c in caps[:1]]
    injected = [r.number for r in reviews if r.injection]
    if injected:
        # Said once, up front: the candidate should know such text is read as words, not obeyed.
        out.append("Instructions addressed to the scorer (in answer " + ", ".join(f"Q{n}" for n in injected[:4])
                   + ") were ignored; they never change a score.")
    for review in ranked:
        notes = [n for n in review.notes_bad if not n.startswith("Instructions addressed")]
        if notes and len(out) < MAX_BULLETS:
            out.append(_per_question(review, notes))
    if len(out) < MIN_BULLETS and ranked and ranked[0].number not in _listed(out):
        worst = ranked[0]
        said = _best_quote(worst)
        out.append(f"{_tag(worst)}: your lowest-marked answer ({_mark(worst)}/10)"
                   + (f", {escape_markdown(said)}" if said else "")
                   + "; compare it with your best one and rehearse it aloud.")
    if len(out) < MIN_BULLETS:
        out.append("Close every story with its outcome and a number: how much faster, cheaper or safer it got.")
    return out[:MAX_BULLETS]


def _listed(bullets: Sequence[str]) -> set[int]:
    return {int(n) for b in bullets for n in re.findall(r"^\*\*Q(\d+)\*\*", b)}


def _best_quote(review: AnswerReview) -> str:
    """A whole sentence of the answer that the notes already quote, or its most measured one."""
    for note in (*review.notes_good, *review.notes_bad):
        m = re.search(r"“[^”]+”", note)
        if m:
            return m.group(0)
    return ""


def _annotation(review: AnswerReview) -> Annotation:
    notes = [f"✓ {escape_markdown(n)}" for n in review.notes_good[:3]]
    notes += [f"✗ {escape_markdown(n)}" for n in review.notes_bad[:3]]
    return Annotation(review.number, review.kind, _mark(review), _bullets(notes))
