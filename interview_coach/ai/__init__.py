"""AI providers behind one interface (issue 7).

With no ``LLM_*`` settings every task runs on the built-in provider (offline engine + content bank).
With ``LLM_BASE_URL`` and ``LLM_MODEL`` set, tasks go to that OpenAI-compatible server first and
fall back to the built-in provider when it fails; see :mod:`.router` for the contract.

Features call ``get_ai().<task>(request)`` and get an :class:`~.router.Outcome`::

    outcome = get_ai().interview_questions(InterviewRequest(title, company, jd, cv, seed=id))
    plan = outcome.value            # an InterviewPlan, whichever provider wrote it
    outcome.notice                  # None, or the sentence saying the built-in engine stood in

Modules: ``schemas`` (requests and output models), ``builtin``, ``openai_compat``, ``prompts``,
``breaker`` (circuit breaker), ``router`` (the engine with fallback and logging).
"""

from __future__ import annotations

from typing import Any, Mapping

from flask import current_app

from .breaker import CircuitBreaker
from .builtin import BuiltinProvider
from .openai_compat import InvalidOutput, LlmError, OpenAICompatibleProvider, Unavailable
from .router import AiEngine, Outcome
from .schemas import *  # noqa: F403 - the request and output types are part of this package's interface
from .schemas import __all__ as _schema_names

__all__ = ["AiEngine", "Outcome", "BuiltinProvider", "OpenAICompatibleProvider", "CircuitBreaker", "LlmError",
           "Unavailable", "InvalidOutput", "engine_from_config", "get_ai", *_schema_names]

_EXTENSION = "interview_coach.ai"


def engine_from_config(config: Mapping[str, Any]) -> AiEngine:
    """An engine for these settings (Flask config keys, see :class:`~interview_coach.config.Settings`)."""
    base_url, model = config.get("LLM_BASE_URL"), config.get("LLM_MODEL")
    breaker = CircuitBreaker(int(config.get("LLM_BREAKER_FAILURES", 3)),
                             float(config.get("LLM_BREAKER_RESET_SECONDS", 30.0)))
    if not (base_url and model):
        return AiEngine(None, breaker)
    llm = OpenAICompatibleProvider(
        base_url, model, config.get("LLM_API_KEY"),
        connect_timeout=float(config.get("LLM_CONNECT_TIMEOUT", 5.0)),
        read_timeout=float(config.get("LLM_READ_TIMEOUT", 120.0)),
        max_retries=int(config.get("LLM_MAX_RETRIES", 2)),
        response_format=config.get("LLM_RESPONSE_FORMAT", "auto"))
    return AiEngine(llm, breaker)


def get_ai() -> AiEngine:
    """The app's engine, built from its config on first use and kept for the app's life (the
    breaker and the learned response format live in it)."""
    app = current_app._get_current_object()
    engine = app.extensions.get(_EXTENSION)
    if engine is None:
        engine = app.extensions.setdefault(_EXTENSION, engine_from_config(app.config))
    return engine
