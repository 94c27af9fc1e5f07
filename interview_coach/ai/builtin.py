"""The built-in provider: every AI task from the offline engine and the content bank.

No network and no model weights beyond the bundled MiniLM: it is the default, the fallback when an
LLM fails, and the baseline the LLM's interview score is checked against. Deterministic for the
same request and content.
"""

from __future__ import annotations

import random

import numpy as np

from ..content import load_content
from ..content.bank import Challenge, Question
from ..engine.feedback import InterviewFeedback, write_feedback
from ..engine.interviewer import InterviewPlan, plan_interview, read_cv, read_job
from ..engine.plans import draft_plan
from ..engine.scoring import get_scorer
from ..errors import Invalid, NotFound
from .schemas import (
    DebuggingRequest, DebuggingScenario, ExpectedAnswer, ExpectedAnswerRequest, FeedbackRequest, InterviewRequest,
    InterviewTurnRequest,
    QuestionDraft, QuestionRequest, StudyPlan, StudyPlanRequest, StudyStep,
)

__all__ = ["BuiltinProvider"]

# A bank question this similar (cosine of MiniLM embeddings) to the asked one is taken to be the
# same question, and its reference answer is used as is.
SAME_QUESTION = 0.85
CONCEPTS_IN_ANSWER = 3


class BuiltinProvider:
    """Implements :class:`~interview_coach.ai.provider.Provider` from ``engine/`` and ``content/``."""

    name = "builtin"
    model = "built-in engine"

    # ------------------------------------------------------------------------- practice

    def write_question(self, req: QuestionRequest) -> QuestionDraft:
        """A bank question on the topic/subtopic at the difficulty (nearest level when that one is
        empty) that the user has not seen, preferring one testing the requested concepts."""
        bank = load_content()
        pool = self._questions(bank, req)
        seen = set(req.avoid)
        fresh = [q for q in pool if q.id not in seen and q.question not in seen] or list(pool)
        wanted = {c.lower() for c in req.concepts}

        def overlap(q: Question) -> int:
            return sum(1 for c in bank.concepts_of(q) if c.name.lower() in wanted or c.id in wanted)

        best = max(fresh, key=lambda q: (overlap(q), -fresh.index(q)))
        return QuestionDraft(question=best.question, difficulty=best.difficulty.value,
                             concepts=[c.name for c in bank.concepts_of(best)], bank_ref=best.id)

    @staticmethod
    def _questions(bank, req: QuestionRequest) -> tuple[Question, ...]:
        order = {"easy": ("easy", "medium", "hard"), "medium": ("medium", "easy", "hard"),
                 "hard": ("hard", "medium", "easy")}.get(req.difficulty, ("medium", "easy", "hard"))
        for level in order:
            pool = bank.questions_for(req.topic, req.subtopic, level)
            if pool:
                return pool
        raise NotFound(f"The question bank has no questions on {req.topic}.")

    def expected_answer(self, req: ExpectedAnswerRequest) -> ExpectedAnswer:
        """The bank's reference answer for a bank question (or one that is the same question in
        other words); otherwise an answer built from the definitions of the topic's concepts
        closest in meaning to the question."""
        bank = load_content()
        if req.bank_ref:
            q = bank.question(req.bank_ref)
            return ExpectedAnswer(reference_answer=q.reference_answer,
                                  key_points=[c.name for c in bank.concepts_of(q)][:8] or [q.subtopic])
        backend = get_scorer().embeddings
        try:
            questions = bank.questions_for(req.topic)
        except NotFound:
            questions = bank.questions_for()
        target = backend.embed([req.question])[0]
        sims = backend.embed([q.question for q in questions]) @ target
        best = int(np.argmax(sims))
        if sims[best] >= SAME_QUESTION:
            q = questions[best]
            return ExpectedAnswer(reference_answer=q.reference_answer,
                                  key_points=[c.name for c in bank.concepts_of(q)][:8] or [q.subtopic])
        concepts = list({c.id: c for q in questions for c in bank.concepts_of(q)}.values())
        wanted = {c.lower() for c in req.concepts}
        named = [c for c in concepts if c.name.lower() in wanted]
        rest = [c for c in concepts if c not in named]
        if rest:
            csims = backend.embed([f"{c.name}: {c.definition}" for c in rest]) @ target
            rest = [rest[i] for i in np.argsort(-csims)]
        chosen = (named + rest)[:CONCEPTS_IN_ANSWER]
        answer = " ".join(f"{c.name}: {c.definition}" for c in chosen)
        return ExpectedAnswer(reference_answer=answer, key_points=[c.name for c in chosen])

    # ------------------------------------------------------------------------- mock interviews

    def interview_questions(self, req: InterviewRequest) -> InterviewPlan:
        """The built-in interviewer's plan (:func:`~interview_coach.engine.interviewer.plan_interview`)."""
        if req.baseline is not None:
            return req.baseline
        bank = load_content()
        return plan_interview(read_job(req.job_description, bank), read_cv(req.cv_text, bank), req.job_title,
                              req.company, bank, rng_seed=req.seed)

    def interview_turn(self, req: InterviewTurnRequest) -> str:
        """The built-in interviewer's own next message, as planned."""
        return req.planned

    def interview_feedback(self, req: FeedbackRequest) -> InterviewFeedback:
        """The built-in feedback writer's rubric score and notes."""
        if req.baseline is not None:
            return req.baseline
        return write_feedback(list(req.turns), req.job, req.cv_text)

    # ------------------------------------------------------------------------- study plans

    def study_plan(self, req: StudyPlanRequest) -> StudyPlan:
        """The built-in plan (:func:`~interview_coach.engine.plans.draft_plan`): one distinct day per day
        over the weak areas, the goal and what interviews showed; the request's ``baseline`` when set."""
        if req.baseline is not None:
            return req.baseline
        if req.days < 1 or req.minutes_per_day < 5:
            raise Invalid({"days": ["A plan needs at least 1 day of at least 5 minutes."]})
        draft = draft_plan(req.areas, req.days, req.minutes_per_day, req.goal, req.weaknesses, load_content())
        return StudyPlan(title=draft.title, summary=draft.summary,
                         steps=[StudyStep(day=s.day, topic=s.topic, focus=s.focus, activity=s.activity,
                                          minutes=s.minutes) for s in draft.steps][:30])

    # ------------------------------------------------------------------------- debugging

    def debugging_scenario(self, req: DebuggingRequest) -> DebuggingScenario:
        """A bank challenge in the language (any difficulty when none at this one) not yet seen;
        among the fresh ones, a stable random pick so that two users do not all get the first."""
        bank = load_content()
        pool = bank.debugging(req.language, req.difficulty) or bank.debugging(req.language)
        if req.topic:
            pool = tuple(c for c in pool if c.topic.lower() == req.topic.lower()) or pool
        if not pool:
            raise NotFound(f"The bank has no debugging challenges in {req.language}.")
        seen = set(req.avoid)
        fresh = [c for c in pool if c.id not in seen and c.title not in seen] or list(pool)
        pick = random.Random(len(seen)).choice(fresh)
        return self._scenario(pick)

    @staticmethod
    def _scenario(c: Challenge) -> DebuggingScenario:
        return DebuggingScenario(title=c.title, language=c.language, difficulty=c.difficulty.value,
                                 description=c.description, buggy_code=c.buggy_code, correct_code=c.correct_code,
                                 bug_concept=c.bug_concept, explanation=c.expected_answer, bank_ref=c.id)
