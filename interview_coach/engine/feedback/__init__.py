"""The built-in feedback writer of the CV + job-description mock interview (issue 6).

Pure Python, no Flask, no database: plain data in, plain data out::

    from interview_coach.engine.feedback import AnsweredTurn, JobContext, write_feedback

    feedback = write_feedback(turns, JobContext("Backend Engineer", "Acme", ("Python",), ...), cv_text)
    feedback.interview_score, feedback.band, feedback.strengths_md, feedback.weaknesses_md,
    feedback.cv_improvements_md, feedback.annotations

Modules: ``types`` (the contract), ``answers`` (per-answer signals), ``rubric`` (the documented
1–10 rubric and the seed's bands), ``evidence`` (figures and the
clauses quoted), ``cv_tips`` (CV improvements), ``writer`` (strengths, weaknesses, notes).
"""

from .answers import review_answers, strip_instructions
from .rubric import BANDS, band, interview_score, quality
from .types import KINDS, AnsweredTurn, AnswerReview, Annotation, InterviewFeedback, JobContext
from .cv_tips import cv_improvements, work_bullets
from .writer import write_feedback

__all__ = [
    "KINDS", "AnsweredTurn", "AnswerReview", "Annotation", "InterviewFeedback", "JobContext",
    "BANDS", "band", "interview_score", "quality", "review_answers", "strip_instructions",
    "cv_improvements", "work_bullets", "write_feedback",
]
