"""What each AI task takes and gives: request dataclasses in, pydantic models out.

Every task has one output model. The OpenAI-compatible provider sends the model's JSON schema
(:func:`llm_schema`) to the server and validates the reply against the model before anything uses
it; the built-in provider builds the same models from the engine, so callers never know or care
which provider answered. Bounds on lengths, counts and scores are the "outputs are checked" rule:
an LLM reply outside them is invalid and is never used.

Interview plans and interview feedback are the exception that proves the rule: their output models
(:class:`InterviewQuestionsOut`, :class:`InterviewFeedbackOut`) are what the LLM must return, and
the provider turns them into the engine's own :class:`~interview_coach.engine.interviewer.InterviewPlan`
and :class:`~interview_coach.engine.feedback.InterviewFeedback`, which the mock interview stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ..content.schema import check_question_form
from ..engine.feedback import AnsweredTurn, InterviewFeedback, JobContext
from ..engine.interviewer import InterviewPlan
from ..engine.plans import InterviewWeakness

__all__ = [
    "TASKS", "Difficulty", "QuestionRequest", "QuestionDraft", "ExpectedAnswerRequest", "ExpectedAnswer",
    "InterviewRequest", "INTERVIEW_SLOTS", "InterviewQuestionsOut", "InterviewTurnRequest", "InterviewTurnOut",
    "FeedbackRequest",
    "InterviewFeedbackOut", "WeakArea", "StudyPlanRequest", "StudyStep", "StudyPlan", "DebuggingRequest",
    "DebuggingScenario", "llm_schema", "clean_text",
]

# The task names: the method names of a provider, the ``task=`` of the log line.
TASKS = ("write_question", "expected_answer", "interview_questions", "interview_turn", "interview_feedback",
         "study_plan", "debugging_scenario")

Difficulty = Literal["easy", "medium", "hard"]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Text from a model with control characters removed and surrounding space trimmed."""
    return _CONTROL.sub("", value).strip()


def _text(low: int, high: int):
    return Annotated[str, StringConstraints(min_length=low, max_length=high)]


class _Out(BaseModel):
    """Base of every output model: unknown keys are ignored, text is cleaned before length checks."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _clean(cls, value):
        if isinstance(value, str):
            return clean_text(value)
        if isinstance(value, list):
            return [clean_text(v) if isinstance(v, str) else v for v in value]
        return value


# ----------------------------------------------------------------------------- practice questions


@dataclass(frozen=True)
class QuestionRequest:
    """Write one practice question on ``topic``/``subtopic`` at ``difficulty`` testing ``concepts``.

    ``avoid`` lists question texts (and, for the built-in bank, question ids) the user has seen.
    """

    topic: str
    difficulty: str = "medium"
    subtopic: str | None = None
    concepts: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()


class QuestionDraft(_Out):
    question: _text(15, 600)
    difficulty: Difficulty
    concepts: list[_text(2, 80)] = Field(min_length=1, max_length=8)
    bank_ref: str | None = Field(default=None, json_schema_extra={"llm": False})

    @field_validator("question")
    @classmethod
    def _asks(cls, v: str) -> str:
        return check_question_form(v)  # the bank's own rule: ends with '?' or starts with an instruction


@dataclass(frozen=True)
class ExpectedAnswerRequest:
    """The model answer a strong candidate would give to ``question`` (``bank_ref`` when it is the bank's)."""

    question: str
    topic: str
    difficulty: str = "medium"
    concepts: tuple[str, ...] = ()
    bank_ref: str | None = None


class ExpectedAnswer(_Out):
    reference_answer: _text(40, 2500)
    key_points: list[_text(3, 200)] = Field(min_length=1, max_length=8)


# ----------------------------------------------------------------------------- mock interviews


@dataclass(frozen=True)
class InterviewRequest:
    """Write the 8 questions of a mock interview for this job description and CV.

    ``baseline`` is the built-in interviewer's plan (the engine fills it in before an LLM is asked):
    the LLM words the questions *of that plan*, so each keeps its kind, its purpose and, for a
    technical one, the reference answer it is scored against.
    """

    job_title: str
    company: str
    job_description: str
    cv_text: str
    seed: int = 0
    baseline: InterviewPlan | None = None


# The plan's eight slots in interview order, and the kind of question each one is. One named field per
# slot (rather than a list) makes the order and the mix part of the schema a server enforces.
INTERVIEW_SLOTS = (("opener", "opener"), ("deep_dive_1", "deep_dive"), ("deep_dive_2", "deep_dive"),
                   ("technical_1", "technical"), ("technical_2", "technical"), ("behavioural", "behavioural"),
                   ("scenario", "scenario"), ("closing", "closing"))


class InterviewQuestionsOut(_Out):
    opener: _text(15, 700)
    deep_dive_1: _text(15, 700)
    deep_dive_2: _text(15, 700)
    technical_1: _text(15, 700)
    technical_2: _text(15, 700)
    behavioural: _text(15, 700)
    scenario: _text(15, 700)
    closing: _text(15, 700)

    def in_order(self) -> list[str]:
        """The eight questions in interview order."""
        return [getattr(self, slot) for slot, _ in INTERVIEW_SLOTS]

    @model_validator(mode="after")
    def _distinct(self) -> InterviewQuestionsOut:
        texts = [t.lower() for t in self.in_order()]
        if len(set(texts)) != len(texts):
            raise ValueError("the 8 questions must all be different")
        return self


@dataclass(frozen=True)
class InterviewTurnRequest:
    """Word the interviewer's next message after the candidate's last answer.

    ``planned`` is what the built-in interviewer would say next: the next planned question, or — when
    ``signal`` is ``degenerate``, ``vague``, ``no_result``, ``no_ownership`` or ``off_topic`` — its
    follow-up. The LLM keeps that meaning and may open with one short sentence that reacts to the answer.
    """

    job_title: str
    company: str
    kind: str
    planned: str
    last_question: str
    last_answer: str
    number: int
    signal: str | None = None


class InterviewTurnOut(_Out):
    message: _text(15, 800)


@dataclass(frozen=True)
class FeedbackRequest:
    """Write the feedback of a finished interview: its answered turns, the job and the CV.

    ``baseline`` is the built-in feedback (the engine fills it in before an LLM is asked): its
    rubric score, caps and per-answer notes are the signals the LLM writes from.
    """

    turns: tuple[AnsweredTurn, ...]
    job: JobContext
    cv_text: str
    job_description: str = ""
    baseline: InterviewFeedback | None = None


class InterviewFeedbackOut(_Out):
    interview_score: int = Field(ge=1, le=10)
    score_reason: _text(0, 300) = ""
    strengths: list[_text(5, 500)] = Field(min_length=1, max_length=6)
    weaknesses: list[_text(5, 500)] = Field(min_length=1, max_length=6)
    cv_improvements: list[_text(5, 500)] = Field(min_length=1, max_length=6)


# ----------------------------------------------------------------------------- study plans


@dataclass(frozen=True)
class WeakArea:
    """A topic/subtopic the user is weak in: its mastery (0–1) and the concepts they keep missing."""

    topic: str
    mastery: float
    subtopic: str | None = None
    missing_concepts: tuple[str, ...] = ()


@dataclass(frozen=True)
class StudyPlanRequest:
    """A plan over ``days`` days for the weak areas, weakest first; ``minutes_per_day`` of study.

    ``weaknesses`` are what the user's quick and mock interviews showed
    (:class:`~interview_coach.engine.plans.InterviewWeakness`). ``baseline`` is the built-in plan (the
    engine fills it in before an LLM is asked): the LLM words and extends that plan, day for day.
    """

    areas: tuple[WeakArea, ...]
    days: int = 7
    minutes_per_day: int = 45
    goal: str = ""
    weaknesses: tuple[InterviewWeakness, ...] = ()
    baseline: "StudyPlan | None" = None


class StudyStep(_Out):
    day: int = Field(ge=1, le=60)
    topic: _text(2, 80)
    focus: _text(3, 200)
    activity: _text(10, 600)
    minutes: int = Field(ge=5, le=240)


class StudyPlan(_Out):
    title: _text(5, 120)
    summary: _text(10, 800)
    steps: list[StudyStep] = Field(min_length=1, max_length=30)


# ----------------------------------------------------------------------------- debugging interviews


@dataclass(frozen=True)
class DebuggingRequest:
    """A "find the bug" challenge in ``language``; ``avoid`` lists challenge titles/ids already seen."""

    language: Literal["python", "javascript", "java", "cpp"]
    difficulty: str = "medium"
    topic: str | None = None
    avoid: tuple[str, ...] = field(default_factory=tuple)


class DebuggingScenario(_Out):
    title: _text(5, 120)
    language: Literal["python", "javascript", "java", "cpp"]
    difficulty: Difficulty
    description: _text(20, 1200)
    buggy_code: _text(20, 4000)
    correct_code: _text(20, 4000)
    bug_concept: _text(3, 120)
    explanation: _text(20, 2000)
    bank_ref: str | None = Field(default=None, json_schema_extra={"llm": False})

    @field_validator("correct_code")
    @classmethod
    def _differs(cls, v: str, info) -> str:
        if v.strip() == (info.data.get("buggy_code") or "").strip():
            raise ValueError("correct_code must differ from buggy_code")
        return v


# ----------------------------------------------------------------------------- the schema an LLM sees


def llm_schema(model: type[BaseModel]) -> dict:
    """``model``'s JSON schema without the fields only the built-in provider fills (``"llm": False``).

    Those fields are dropped from ``properties`` and ``required`` wherever they appear, nested
    models included, so a server that constrains its output to the schema never writes them; string
    upper length bounds are dropped too (see :func:`_drop_lengths`).
    """
    schema = model.model_json_schema()

    def prune(node):
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                hidden = [k for k, v in props.items() if isinstance(v, dict) and v.get("llm") is False]
                for key in hidden:
                    props.pop(key)
                if "required" in node:
                    node["required"] = [r for r in node["required"] if r not in hidden]
            for value in node.values():
                prune(value)
        elif isinstance(node, list):
            for value in node:
                prune(value)

    prune(schema)
    _drop_lengths(schema)
    return schema


_GRAMMAR_HEAVY = ("maxLength",)


def _drop_lengths(node) -> None:
    """Upper string-length bounds removed: servers that compile the schema into a grammar (llama.cpp)
    expand them into one rule per character and fail on long texts. Validation still applies them;
    the lower bounds are short and stay, so a constrained server cannot write an empty field."""
    if isinstance(node, dict):
        for key in _GRAMMAR_HEAVY:
            node.pop(key, None)
        for value in node.values():
            _drop_lengths(value)
    elif isinstance(node, list):
        for value in node:
            _drop_lengths(value)
