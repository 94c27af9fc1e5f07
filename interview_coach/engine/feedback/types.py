"""Data in and out of the built-in interview feedback writer (issue 6, second seed's ``Feedback``).

Plain frozen dataclasses, no Flask and no database: a service builds an :class:`AnsweredTurn` per
answered interviewer question and a :class:`JobContext` from the parsed job description, passes them
with the CV text to :func:`interview_coach.engine.feedback.write_feedback`, and stores the
:class:`InterviewFeedback` it returns (``interview_score``, ``strengths``, ``weaknesses`` and
``cv_improvements`` map one-to-one onto the seed's ``Feedback`` columns).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["KINDS", "AnsweredTurn", "JobContext", "AnswerReview", "Annotation", "InterviewFeedback"]

KINDS = ("opener", "deep_dive", "technical", "behavioural", "scenario", "closing")


@dataclass(frozen=True, slots=True)
class AnsweredTurn:
    """One interviewer question and the candidate's answer.

    ``kind`` is one of :data:`KINDS`. Technical questions from the bank carry ``reference_answer``
    and ``concepts`` (``(name, aliases)`` pairs) so the answer is scored for correctness;
    behavioural ones carry ``competency``, ``strong_answer_shows`` and ``red_flags`` for the STAR
    rubric. ``skill`` names the job skill the question probes, when there is one. ``answer`` holds
    every answer given to the question, its follow-up answers included. ``number`` is the
    question's place in the transcript as the candidate saw it (follow-ups count there); ``None``
    numbers the turns 1, 2, 3 … in order.
    """

    kind: str
    question: str
    answer: str
    reference_answer: str | None = None
    concepts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    competency: str | None = None
    strong_answer_shows: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    skill: str | None = None
    number: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")


@dataclass(frozen=True, slots=True)
class JobContext:
    """What the job description asks for, as the interview planner parsed it."""

    job_title: str
    company: str
    required_skills: tuple[str, ...] = ()
    nice_skills: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    responsibilities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AnswerReview:
    """The observable signals of one answer (see :mod:`.answers` for how each is measured).

    Every score is in [0, 1]. ``content`` is the correctness score (technical with a reference),
    the STAR score (behavioural) or ``None`` (other kinds). ``quality`` is the rubric's per-answer
    value (:mod:`.rubric`). ``notes_good`` / ``notes_bad`` are short sentences quoting the answer.
    ``repeat_of`` is the number of the question this same answer was credited to, when it repeats one.
    """

    number: int
    kind: str
    question: str
    answer: str
    words: int
    relevance: float
    cosine: float
    content: float | None
    specificity: float
    length: float
    quality: float
    off_topic: bool
    empty: bool
    injection: bool
    numbers: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    keywords_used: tuple[str, ...] = ()
    missing_concepts: tuple[str, ...] = ()
    notes_good: tuple[str, ...] = ()
    notes_bad: tuple[str, ...] = ()
    repeat_of: int | None = None  # the question whose answer this one repeats (it then earns nothing)


@dataclass(frozen=True, slots=True)
class Annotation:
    """The note shown under one answer in the transcript: a 1–10 mark and Markdown bullet text."""

    number: int
    kind: str
    mark: int
    notes_md: str


@dataclass(frozen=True, slots=True)
class InterviewFeedback:
    """The feedback row of a finished interview (seed: interview_score 1–10, Markdown texts)."""

    interview_score: int
    band: str
    strengths_md: str
    weaknesses_md: str
    cv_improvements_md: str
    annotations: tuple[Annotation, ...] = ()
    caps: tuple[str, ...] = field(default_factory=tuple)  # the rubric caps that applied, as sentences
    raw_score: float = 0.0  # the 0–1 weighted mean before mapping and caps
    ceiling: int = 10  # the lowest cap that applies to these answers (10: none), applied or not
    # Why an LLM moved the rubric's score (by at most one point); empty when it did not.
    score_note: str = ""
