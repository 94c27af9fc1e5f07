"""Write the feedback of a finished mock interview: strengths, weaknesses, CV improvements, notes.

``write_feedback(turns, job, cv_text) -> InterviewFeedback``. Pure Python; the answers are
measured by :mod:`.answers`, scored by :mod:`.rubric`; this module only chooses and words.

- **Strengths / weaknesses**: 2–5 Markdown bullets each, taken from the per-answer notes of the
  best (strengths) and weakest (weaknesses) answers, so every bullet cites the candidate's own
  words or a measured fact; each bullet names its question ("Q3"); a weakness note that does not quote the answer gets the answer's opening words appended as evidence. When an interview yields fewer
  than two, a measured fact fills in (the best / weakest answer quoted with its mark).
- **CV improvements**, in this order, at most 8 bullets: required skills the CV never names;
  job keywords absent from the CV (tailoring); bullets with no number (quoted, at most 3); weak
  verbs (quoted, with stronger ones); missing sections (summary, skills, experience, education,
  projects). An empty CV gets one bullet saying so.
- **Annotations**: one per answer, a 1–10 mark (``1 + 9·quality``) and its notes as bullets.

Candidate text is data: every quote is escaped (``escape_markdown``) so an answer or CV cannot add
links, HTML or headings to the feedback; the page sanitises the rendered Markdown as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...content import load_content
from ..interview_feedback import escape_markdown
from .answers import quote, review_answers
from .rubric import band, interview_score, score_ceiling
from .types import Annotation, AnsweredTurn, AnswerReview, InterviewFeedback, JobContext

__all__ = ["write_feedback", "cv_improvements", "WEAK_VERBS", "SECTIONS"]

MAX_BULLETS, MIN_BULLETS, MAX_CV_BULLETS = 5, 2, 8
WEAK_VERBS = {
    "responsible for": "owned, led", "worked on": "built, delivered", "helped": "enabled, drove",
    "assisted": "supported, co-designed", "involved in": "contributed, implemented",
    "participated in": "contributed to, ran", "duties included": "delivered", "handled": "resolved, managed",
    "tasked with": "delivered, led", "did": "executed, completed", "was part of": "contributed to",
}
SECTIONS = {
    "summary": r"summary|profile|objective|about me",
    "skills": r"skills|technologies|tech stack|competencies",
    "experience": r"experience|employment|work history",
    "education": r"education|qualifications",
    "projects": r"projects",
}
_BULLET = re.compile(r"^\s*(?:[•◦▪●*\-–]|\d+\.)\s+(.{12,})$", re.M)
_DIGIT = re.compile(r"\d")


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


def _strengths(reviews: list[AnswerReview]) -> list[str]:
    ranked = sorted((r for r in reviews if not r.empty and not r.off_topic), key=lambda r: -r.quality)
    out: list[str] = []
    # Round-robin over the best answers so the strengths are not five notes on one question.
    for depth in range(3):
        for review in ranked[:4]:
            if depth < len(review.notes_good) and len(out) < MAX_BULLETS and review.quality >= 0.35:
                out.append(f"{_tag(review)}: {escape_markdown(review.notes_good[depth])}")
    if len(out) < MIN_BULLETS and ranked:
        best = ranked[0]
        out.append(f"{_tag(best)}: your best answer ({_mark(best)}/10) began "
                   f"{escape_markdown(quote(best.answer))}.")
    if len(out) < MIN_BULLETS:
        answered = [r for r in reviews if r.words]
        out.append(f"You answered {len(answered)} of {len(reviews)} questions"
                   + (f", for example {escape_markdown(quote(answered[0].answer))}." if answered else "."))
    return out[:MAX_BULLETS]


def _weaknesses(reviews: list[AnswerReview], caps: list[str]) -> list[str]:
    ranked = sorted(reviews, key=lambda r: r.quality)
    out = [escape_markdown(c) for c in caps[:1]]
    injected = [r.number for r in reviews if r.injection]
    if injected:
        # Said once, up front: the candidate should know such text is read as words, not obeyed.
        out.append("Instructions addressed to the scorer (in answer " + ", ".join(f"Q{n}" for n in injected[:4])
                   + ") were ignored; they never change a score.")
    for depth in range(3):
        for review in ranked[:4]:
            if depth < len(review.notes_bad) and len(out) < MAX_BULLETS:
                note = review.notes_bad[depth]
                if note.startswith("Instructions addressed"):
                    continue
                # Notes that do not quote (e.g. "no numbers") get the answer's opening words as evidence.
                if not _quotes(note, review.answer) and review.answer.strip():
                    note += f" You said: {quote(review.answer, 10)}"
                out.append(f"{_tag(review)}: {escape_markdown(note)}")
    if len(out) < MIN_BULLETS and ranked:
        worst = ranked[0]
        said = escape_markdown(quote(worst.answer)) if worst.answer.strip() else "no answer"
        out.append(f"{_tag(worst)}: your lowest-marked answer ({_mark(worst)}/10) was {said}; "
                   "compare it with your best one and rehearse it aloud.")
    if len(out) < MIN_BULLETS:
        out.append("Close every story with its outcome and a number: how much faster, cheaper or safer it got.")
    return out[:MAX_BULLETS]


def _quotes(note: str, answer: str) -> bool:
    """Whether ``note`` quotes ``answer`` (a quoted fragment whose first words are the answer's)."""
    flat = " ".join(answer.split())
    for fragment in re.findall(r"“([^”]+)”", note):
        head = " ".join(fragment.rstrip("…").split()[:4])
        if head and head in flat:
            return True
    return False


def _annotation(review: AnswerReview) -> Annotation:
    notes = [f"✓ {escape_markdown(n)}" for n in review.notes_good[:3]]
    notes += [f"✗ {escape_markdown(n)}" for n in review.notes_bad[:3]]
    return Annotation(review.number, review.kind, _mark(review), _bullets(notes))


def cv_improvements(cv_text: str, job: JobContext) -> list[str]:
    """Concrete CV changes for this job, as Markdown bullet texts (see the module docstring)."""
    cv = cv_text or ""
    if not cv.strip():
        return ["The CV is empty: upload or paste it so it can be compared with the role."]
    out: list[str] = []
    in_cv = {s.name.lower() for s, _ in load_content().find_skills(cv)}
    missing = [s for s in job.required_skills if not _named(s, cv, in_cv)]
    if missing:
        out.append("The role requires " + ", ".join(f"**{escape_markdown(s)}**" for s in missing[:6])
                   + ", which your CV never mentions: add where you used "
                   + ("it" if len(missing) == 1 else "them") + ", or a project that shows "
                   + ("it" if len(missing) == 1 else "them") + ".")
    absent = [k for k in job.keywords if not _named(k, cv, in_cv) and k not in job.required_skills]
    if absent:
        out.append(f"Tailor the CV to {escape_markdown(job.job_title)} at {escape_markdown(job.company)}: "
                   "the job description stresses " + ", ".join(f"“{escape_markdown(k)}”" for k in absent[:5])
                   + ", which the CV does not use; mirror those words where they are true of you.")
    bullets = [m.group(1).strip() for m in _BULLET.finditer(cv)]
    unmeasured = [b for b in bullets if not _DIGIT.search(b)]
    if unmeasured:
        out.append("Add a measurable result to bullets such as "
                   + "; ".join(escape_markdown(quote(b, 10)) for b in unmeasured[:3])
                   + ": how many users, how much faster, what it saved.")
    weak = []
    for phrase, better in WEAK_VERBS.items():
        m = re.search(rf"[^\n.;•]*\b{re.escape(phrase)}\b[^\n.;•]*", cv, re.I)
        if m and len(weak) < 3:
            weak.append(f"{escape_markdown(quote(m.group(0).strip(), 10))} (“{phrase}” → {better})")
    if weak:
        out.append("Replace weak verbs with what you did: " + "; ".join(weak) + ".")
    missing_sections = [name for name, pattern in SECTIONS.items()
                        if not re.search(rf"(?im)^\W*(?:[\w ]+ )?(?:{pattern})\W*$", cv)]
    if missing_sections:
        out.append("Add the missing section" + ("s " if len(missing_sections) > 1 else " ")
                   + ", ".join(f"**{s}**" for s in missing_sections)
                   + ": recruiters and CV parsers look for these headings.")
    if not out:
        out.append(f"The CV already covers the role's required skills; lead the summary with the one "
                   f"most relevant to {escape_markdown(job.job_title)}.")
    return out[:MAX_CV_BULLETS]


def _named(term: str, cv: str, skills_in_cv: set[str]) -> bool:
    """Whether the CV names ``term``: as a taxonomy skill (any alias) or as the words themselves."""
    skills = load_content().find_skills(term)
    if skills and all(s.name.lower() in skills_in_cv for s, _ in skills):
        return True
    return re.search(rf"(?<![\w+#]){re.escape(term)}(?![\w+#])", cv, re.I) is not None
