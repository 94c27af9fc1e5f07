"""The AI engine the features call: the configured LLM when it answers, the built-in provider when not.

``AiEngine.run(task, request)`` returns an :class:`Outcome`: the value, which provider produced it,
and — when an LLM is configured but the built-in provider had to stand in — why, as a sentence a
page can show (:attr:`Outcome.notice`). Nothing raises because an LLM failed; errors from the
built-in provider itself (bad request, empty bank) propagate as the domain errors they are.

Interview questions, feedback and study plans are written *from* the built-in result: the engine computes it
first and passes it as the request's ``baseline`` (the plan whose questions the LLM words; the
rubric score, caps and per-answer notes the LLM writes feedback from); it is also the fallback.

Checks on what an LLM returns beyond its schema live here (``_GUARDS``): an LLM's interview score may
differ from the rubric's by at most :data:`SCORE_MARGIN` (1) and only with a stated reason, and never
rise above the ceiling the answers' caps set (empty or off-topic answers), so no wording in an answer
can buy a better mark; an LLM's study plan keeps one step per day and no two days alike (the built-in
plan's step stands in for a day it left out or copied).

Each provider call writes one log line on the ``interview_coach.ai`` logger::

    ai task=interview_feedback provider=openai_compatible model=qwen2.5 latency_ms=812 tokens_in=1530
       tokens_out=402 outcome=ok

``outcome`` is ``ok``, ``repaired`` (valid after the one repair), ``invalid``, ``unavailable``
(with ``reason=``), ``skipped`` (breaker open), ``baseline`` (the built-in result an LLM writes from)
or, on the built-in line that follows a failure, ``fallback``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from typing import Any, Callable, Generic, TypeVar

from ..engine.feedback import InterviewFeedback, band
from .breaker import CircuitBreaker
from .builtin import BuiltinProvider
from .openai_compat import CallStats, InvalidOutput, LlmError, OpenAICompatibleProvider, Unavailable
from .schemas import TASKS

__all__ = ["AiEngine", "Outcome", "SCORE_MARGIN"]

log = logging.getLogger("interview_coach.ai")
T = TypeVar("T")
SCORE_MARGIN = 1


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A task's result. ``fallback_reason`` is set when a configured LLM failed and the built-in stood in."""

    value: T
    provider: str
    model: str
    fallback_reason: str | None = None

    @property
    def fell_back(self) -> bool:
        return self.fallback_reason is not None

    @property
    def notice(self) -> str | None:
        """The sentence a page shows when the built-in engine stood in for the LLM."""
        if self.fallback_reason is None:
            return None
        return (f"The AI model could not be used ({self.fallback_reason}), so the built-in engine "
                "wrote this instead.")

    def engine_label(self) -> str:
        """What to store beside a generated row: ``builtin``, ``llm:<model>`` or ``builtin-fallback``."""
        if self.fell_back:
            return "builtin-fallback"
        return "builtin" if self.provider == BuiltinProvider.name else f"llm:{self.model}"[:100]


class AiEngine:
    """Routes each task to the LLM (through the breaker) or the built-in provider."""

    def __init__(self, llm: OpenAICompatibleProvider | None = None, breaker: CircuitBreaker | None = None,
                 builtin: BuiltinProvider | None = None) -> None:
        self.llm = llm
        self.builtin = builtin or BuiltinProvider()
        self.breaker = breaker or CircuitBreaker()

    @property
    def uses_llm(self) -> bool:
        return self.llm is not None

    def status(self) -> dict[str, Any]:
        """What the settings page and ``interview-coach llm check`` show about the active engine."""
        if self.llm is None:
            return {"engine": "builtin", "model": self.builtin.model, "base_url": None, "breaker": None}
        return {"engine": "openai_compatible", "model": self.llm.model, "base_url": self.llm.base_url,
                "breaker": self.breaker.state, "response_format": self.llm.response_format,
                "retry_in_seconds": round(self.breaker.seconds_until_probe(), 1)}

    def run(self, task: str, req, on_delta: Callable[[str], None] | None = None,
            fallback: Callable[[], Any] | None = None) -> Outcome:
        """The task's result from the LLM if configured and it succeeds, else from the built-in provider.

        ``fallback``, when given, produces the built-in result instead of the built-in provider's task
        method: a feature that already has a better built-in answer at hand (practice's adaptive pick
        from the bank) passes it here.
        """
        if task not in TASKS:
            raise ValueError(f"unknown AI task {task!r}")
        if self.llm is None:
            return Outcome(self._builtin(task, req, "ok", fallback), self.builtin.name, self.builtin.model)
        if task in _BASELINE_TASKS and req.baseline is None:
            # The LLM writes from the built-in result (the plan, the rubric's signals), which is then
            # also the fallback: computed once, before the LLM is asked.
            req = replace(req, baseline=self._builtin(task, req, "baseline"))
        reason = self._try_llm(task, req, on_delta)
        if isinstance(reason, Outcome):
            return reason
        value = self._builtin(task, req, "fallback", fallback)
        return Outcome(value, self.builtin.name, self.builtin.model, fallback_reason=reason)

    def _try_llm(self, task: str, req, on_delta) -> Outcome | str:
        """The LLM's Outcome, or the reason it could not give one."""
        llm = self.llm
        if not self.breaker.allow():
            wait = self.breaker.seconds_until_probe()
            _log(task, llm.name, llm.model, 0.0, CallStats(), "skipped", "circuit open")
            return f"the AI server failed repeatedly; it will be tried again in {wait:.0f} s"
        stats = CallStats()
        started = time.perf_counter()
        try:
            value = getattr(llm, task)(req, stats, on_delta)
            guard = _GUARDS.get(task)
            if guard is not None:
                value = guard(value, req, self.builtin)
        except Unavailable as exc:
            self.breaker.failure()
            _log(task, llm.name, llm.model, time.perf_counter() - started, stats, "unavailable", str(exc)[:300],
                 level=logging.WARNING)
            return exc.reason
        except InvalidOutput as exc:
            self.breaker.release()
            _log(task, llm.name, llm.model, time.perf_counter() - started, stats, "invalid", exc.detail[:200])
            return "its reply did not pass validation"
        except LlmError as exc:  # pragma: no cover - every LlmError is one of the two above
            self.breaker.failure()
            return exc.reason
        self.breaker.success()
        _log(task, llm.name, llm.model, time.perf_counter() - started, stats, "repaired" if stats.repaired else "ok")
        return Outcome(value, llm.name, llm.model)

    def _builtin(self, task: str, req, outcome: str, fallback: Callable[[], Any] | None = None):
        started = time.perf_counter()
        value = fallback() if fallback is not None else getattr(self.builtin, task)(req)
        _log(task, self.builtin.name, "builtin", time.perf_counter() - started, CallStats(), outcome)
        return value

    # One method per task, for readable call sites.
    def write_question(self, req, on_delta=None) -> Outcome:
        return self.run("write_question", req, on_delta)

    def expected_answer(self, req, on_delta=None) -> Outcome:
        return self.run("expected_answer", req, on_delta)

    def interview_questions(self, req, on_delta=None) -> Outcome:
        return self.run("interview_questions", req, on_delta)

    def interview_turn(self, req, on_delta=None) -> Outcome:
        return self.run("interview_turn", req, on_delta)

    def interview_feedback(self, req, on_delta=None) -> Outcome:
        return self.run("interview_feedback", req, on_delta)

    def study_plan(self, req, on_delta=None) -> Outcome:
        return self.run("study_plan", req, on_delta)

    def debugging_scenario(self, req, on_delta=None) -> Outcome:
        return self.run("debugging_scenario", req, on_delta)


def _guard_feedback(value: InterviewFeedback, req, builtin: BuiltinProvider) -> InterviewFeedback:
    """The LLM's words with a score anchored to the measured rubric (see the module docstring): moved
    by at most :data:`SCORE_MARGIN`, never up past a cap, and only with a stated reason."""
    baseline = req.baseline if req.baseline is not None else builtin.interview_feedback(req)
    rubric = baseline.interview_score
    note = value.score_note.strip()
    low = max(1, rubric - SCORE_MARGIN)
    high = min(10, rubric + SCORE_MARGIN, baseline.ceiling)
    score = min(max(value.interview_score, low), high) if note else rubric
    note = note if score != rubric else ""
    return replace(value, interview_score=score, band=band(score), annotations=baseline.annotations,
                   caps=baseline.caps, raw_score=baseline.raw_score, ceiling=baseline.ceiling, score_note=note)


def _guard_plan(value, req, builtin: BuiltinProvider):
    """The LLM's wording of the plan, one step per day and no two days alike: a day the LLM left out, wrote
    twice, or made a copy of another day's activity gets the built-in plan's step for that day."""
    baseline = req.baseline if req.baseline is not None else builtin.study_plan(req)
    fallback = {s.day: s for s in baseline.steps}
    kept, seen = {}, set()
    for step in sorted(value.steps, key=lambda s: s.day):
        key = " ".join(step.activity.lower().split())
        if step.day in kept or key in seen:
            continue
        kept[step.day] = step
        seen.add(key)
    steps = []
    for day in range(1, req.days + 1):
        step = kept.get(day) or fallback.get(day)
        if step is not None:
            steps.append(step)
    return value.model_copy(update={"steps": steps})


_GUARDS: dict[str, Callable] = {"interview_feedback": _guard_feedback, "study_plan": _guard_plan}
_BASELINE_TASKS = frozenset({"interview_questions", "interview_feedback", "study_plan"})


def _log(task: str, provider: str, model: str, seconds: float, stats: CallStats, outcome: str,
         reason: str | None = None, level: int = logging.INFO) -> None:
    log.log(level, "ai task=%s provider=%s model=%s latency_ms=%d tokens_in=%d tokens_out=%d outcome=%s%s",
             task, provider, model, round(seconds * 1000), stats.tokens_in, stats.tokens_out, outcome,
             f" reason={reason!r}" if reason else "")
