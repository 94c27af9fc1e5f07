"""Which engine is active and whether the configured LLM answers: for ``interview-coach llm check``
and the AI settings page, so both say the same thing."""

from __future__ import annotations

from dataclasses import dataclass

from .openai_compat import Unavailable
from .router import AiEngine

__all__ = ["CheckReport", "check_engine"]


@dataclass(frozen=True)
class CheckReport:
    """``ok`` is True for the built-in engine and for an LLM that answered the test request."""

    engine: str
    model: str
    base_url: str | None
    ok: bool
    seconds: float | None = None
    reply: str | None = None
    error: str | None = None
    breaker: str | None = None

    def lines(self) -> list[str]:
        """The report as lines of plain text."""
        if self.engine == "builtin":
            return ["Active engine: built-in (offline; no LLM configured).",
                    "Set LLM_BASE_URL and LLM_MODEL to use an OpenAI-compatible server."]
        out = [f"Active engine: OpenAI-compatible LLM, model {self.model} at {self.base_url}"]
        if self.ok:
            out.append(f"Connection: OK, answered in {self.seconds:.2f} s (reply: {self.reply!r}).")
        else:
            out.append(f"Connection: FAILED ({self.error}). Until it answers, the built-in engine stands in.")
        out.append(f"Circuit breaker: {self.breaker}.")
        return out


def check_engine(engine: AiEngine) -> CheckReport:
    """Send one tiny request to the configured LLM (none for the built-in engine).

    A success also closes the breaker, so an administrator who fixed the server need not wait for
    the half-open probe.
    """
    status = engine.status()
    if engine.llm is None:
        return CheckReport("builtin", status["model"], None, True)
    try:
        seconds, reply = engine.llm.ping()
    except Unavailable as exc:
        return CheckReport("openai_compatible", status["model"], status["base_url"], False, error=str(exc)[:300],
                           breaker=engine.breaker.state)
    engine.breaker.success()
    return CheckReport("openai_compatible", status["model"], status["base_url"], True, seconds=seconds,
                       reply=reply[:80], breaker=engine.breaker.state)
