"""The OpenAI-compatible provider: Ollama, vLLM, llama.cpp's server, LM Studio, OpenAI and the like.

One request per task through the ``openai`` SDK pointed at ``base_url``:

1. **Structured output.** ``response_format`` is, in order of preference, a JSON schema
   (``json_schema``), JSON mode carrying the schema (``json_object`` + ``schema``, which llama.cpp's
   Python server understands), plain JSON mode, or nothing (``text``). With ``auto`` the provider
   starts at the top and steps down when the server rejects the parameter (HTTP 400/422), and
   remembers the first mode that the server accepted. The schema is also in the prompt, for
   servers that ignore it.
2. **Parse, validate, repair once.** The reply is parsed as JSON (a Markdown fence or prose around
   the object is tolerated) and validated against the task's pydantic model. If that fails the
   provider sends one repair message quoting the errors; a second failure raises
   :class:`InvalidOutput` and the reply is never used.
3. **Resilience.** Connect and read timeouts; the SDK retries 429, 5xx and connection errors with
   exponential backoff (``max_retries``). What still fails raises :class:`Unavailable`, which the
   engine counts towards its circuit breaker before falling back to the built-in provider.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field, replace

import openai
from pydantic import BaseModel, ValidationError

from ..engine.feedback import InterviewFeedback, band
from ..engine.interview_feedback import escape_markdown
from ..engine.interviewer import InterviewPlan, PlannedQuestion
from .prompts import messages_for, repair_message
from .schemas import (
    INTERVIEW_SLOTS, DebuggingScenario, ExpectedAnswer, InterviewFeedbackOut, InterviewQuestionsOut, InterviewTurnOut,
    QuestionDraft, StudyPlan, llm_schema,
)

__all__ = ["OpenAICompatibleProvider", "LlmError", "Unavailable", "InvalidOutput", "CallStats", "MODES"]

MODES = ("json_schema", "json_object_schema", "json_object", "text")
OUTPUT_MODELS: dict[str, type[BaseModel]] = {
    "write_question": QuestionDraft, "expected_answer": ExpectedAnswer, "interview_questions": InterviewQuestionsOut,
    "interview_turn": InterviewTurnOut, "interview_feedback": InterviewFeedbackOut, "study_plan": StudyPlan,
    "debugging_scenario": DebuggingScenario,
}
MAX_TOKENS = {"write_question": 400, "expected_answer": 900, "interview_questions": 2000, "interview_turn": 400,
              "interview_feedback": 1500, "study_plan": 2000, "debugging_scenario": 2500}


class LlmError(Exception):
    """The LLM gave no usable result. ``reason`` is short and safe to show and log."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class Unavailable(LlmError):
    """The server could not be reached or did not answer properly (counts towards the breaker)."""


class InvalidOutput(LlmError):
    """The server answered, but the reply failed validation twice (does not count towards the breaker)."""


class _Refused(Exception):
    """The server refused the request's parameters (HTTP 400/422, or a 500 naming response_format)."""

    def __init__(self, exc: openai.APIStatusError) -> None:
        super().__init__(str(exc))
        self.exc = exc


@dataclass
class CallStats:
    """Filled in by a call: tokens, whether a repair was needed, the response-format mode used, the replies."""

    tokens_in: int = 0
    tokens_out: int = 0
    repaired: bool = False
    mode: str | None = None
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)  # each raw reply, for tests and debugging
    finish_reason: str | None = None  # of the latest reply: "stop", or "length" when cut at max_tokens


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.I)


def parse_json(text: str) -> object:
    """The JSON value in a reply: the whole text, else inside a Markdown fence, else its first {...}."""
    # strict=False: raw newlines and tabs inside strings, which grammar-constrained servers emit.
    text = (text or "").strip()
    for candidate in (text, _FENCE.sub("", text)):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            pass
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        return json.loads(text[start:end + 1], strict=False)  # ValueError propagates: not JSON
    raise ValueError("the reply contains no JSON object")


class OpenAICompatibleProvider:
    """Every task through one OpenAI-compatible chat-completions endpoint."""

    name = "openai_compatible"

    def __init__(self, base_url: str, model: str, api_key: str | None = None, *, connect_timeout: float = 5.0,
                 read_timeout: float = 120.0, max_retries: int = 2, response_format: str = "auto") -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.response_format = response_format
        self._mode: str | None = None if response_format == "auto" else (
            "json_object_schema" if response_format == "json_object" else response_format)
        self.client = openai.OpenAI(
            base_url=self.base_url, api_key=api_key or "not-needed", max_retries=max_retries,
            timeout=openai.Timeout(read_timeout, connect=connect_timeout))

    # ------------------------------------------------------------------------- the call

    def complete(self, task: str, req, stats: CallStats | None = None, on_delta=None) -> BaseModel:
        """The task's validated output model for ``req``; raises Unavailable or InvalidOutput.

        ``on_delta(text)`` is called with each piece of the reply as it streams in (the reply is
        then requested with ``stream=True``).
        """
        stats = stats if stats is not None else CallStats()
        out_model = OUTPUT_MODELS[task]
        schema = llm_schema(out_model)
        if task == "study_plan":  # one step per day: no more steps than days, on days 1..days
            schema["properties"]["steps"]["maxItems"] = max(1, min(req.days, 30))
            schema["$defs"]["StudyStep"]["properties"]["day"]["maximum"] = req.days
        messages = messages_for(task, req, schema)
        content = self._chat(task, messages, schema, stats, on_delta)
        try:
            return self._validate(task, req, content)
        except (ValueError, ValidationError) as first:
            stats.errors.append(_short(first))
            if stats.finish_reason == "length":  # a repair would be cut at the same limit
                raise InvalidOutput("invalid output", "the reply was cut at the token limit") from first
            stats.repaired = True
            messages = messages + [{"role": "assistant", "content": content[:4000]}, repair_message(_short(first))]
            content = self._chat(task, messages, schema, stats, on_delta)
            try:
                return self._validate(task, req, content)
            except (ValueError, ValidationError) as second:
                stats.errors.append(_short(second))
                raise InvalidOutput("invalid output", _short(second)) from second

    @staticmethod
    def _validate(task: str, req, content: str) -> BaseModel:
        """The reply as the task's output model, checked against the request where the schema cannot
        say it (servers that compile schemas into grammars ignore numeric bounds)."""
        out = OUTPUT_MODELS[task].model_validate(parse_json(content))
        if task == "study_plan":
            outside = sorted({step.day for step in out.steps if not 1 <= step.day <= req.days})
            if outside:
                raise ValueError(f"steps must fall on days 1 to {req.days}; got day(s) {outside}")
        elif task == "debugging_scenario" and out.language != req.language:
            raise ValueError(f"language must be {req.language}, not {out.language}")
        return out

    def _chat(self, task: str, messages: list[dict], schema: dict, stats: CallStats, on_delta) -> str:
        modes = [self._mode] if self._mode else list(MODES)
        last: Exception | None = None
        for mode in modes:
            try:
                content = self._request(task, messages, schema, mode, stats, on_delta)
            except _Refused as refused:
                if self._mode:  # a mode that worked before is refused: the request itself is at fault
                    raise Unavailable("request refused", _api_detail(refused.exc)) from refused.exc
                last = refused.exc
                continue  # the server does not take this response_format: try the next one
            if self._mode is None:
                self._mode = mode
            stats.mode = mode
            stats.replies.append(content)
            return content
        raise Unavailable("request refused", _api_detail(last))

    def _request(self, task: str, messages: list[dict], schema: dict, mode: str, stats: CallStats, on_delta) -> str:
        kwargs: dict = {"model": self.model, "messages": messages, "temperature": 0.2,
                        "max_tokens": MAX_TOKENS[task]}
        if mode == "json_schema":
            kwargs["response_format"] = {"type": "json_schema",
                                         "json_schema": {"name": task, "schema": schema, "strict": False}}
        elif mode == "json_object_schema":
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        elif mode == "json_object":
            kwargs["response_format"] = {"type": "json_object"}
        stats.requests += 1
        try:
            if on_delta is not None:
                return self._stream(kwargs, stats, on_delta)
            completion = self.client.chat.completions.create(**kwargs)
        except (openai.BadRequestError, openai.UnprocessableEntityError) as exc:
            raise _Refused(exc) from exc
        except openai.APIStatusError as exc:
            # Some servers (llama.cpp's Python server) answer an unknown response_format with a 500
            # whose body names the parameter: that is a refusal of the mode, not an outage.
            if mode != "text" and "response_format" in str(getattr(exc, "body", "") or exc.message):
                raise _Refused(exc) from exc
            if isinstance(exc, openai.RateLimitError):
                raise Unavailable("rate limited (429)", _api_detail(exc)) from exc
            raise Unavailable(f"server error {exc.status_code}", _api_detail(exc)) from exc
        except openai.APITimeoutError as exc:
            raise Unavailable("timeout", str(exc)) from exc
        except openai.APIConnectionError as exc:
            raise Unavailable("connection failed", str(exc.__cause__ or exc)) from exc
        except openai.APIError as exc:  # an error event inside a stream (vLLM, llama.cpp): no status code
            raise Unavailable("server error", str(exc)) from exc
        except (ValueError, TypeError) as exc:  # a body that is not the JSON the SDK expects
            raise Unavailable("malformed response", str(exc)) from exc
        try:
            choice = completion.choices[0]
            content = choice.message.content or ""
            stats.finish_reason = getattr(choice, "finish_reason", None)
        except (AttributeError, IndexError, TypeError) as exc:
            raise Unavailable("malformed response", "no choices in the reply") from exc
        usage = getattr(completion, "usage", None)
        if usage is not None:
            stats.tokens_in += int(getattr(usage, "prompt_tokens", 0) or 0)
            stats.tokens_out += int(getattr(usage, "completion_tokens", 0) or 0)
        return content

    def _stream(self, kwargs: dict, stats: CallStats, on_delta) -> str:
        parts: list[str] = []
        try:
            stream = self.client.chat.completions.create(stream=True, stream_options={"include_usage": True},
                                                         **kwargs)
        except (openai.BadRequestError, openai.UnprocessableEntityError):
            # Servers that do not know stream_options refuse it; usage is then simply not counted.
            stream = self.client.chat.completions.create(stream=True, **kwargs)
        for chunk in stream:
            for choice in getattr(chunk, "choices", None) or ():
                stats.finish_reason = getattr(choice, "finish_reason", None) or stats.finish_reason
                piece = getattr(choice.delta, "content", None)
                if piece:
                    parts.append(piece)
                    on_delta(piece)
            usage = getattr(chunk, "usage", None)
            if usage is not None:
                stats.tokens_in += int(getattr(usage, "prompt_tokens", 0) or 0)
                stats.tokens_out += int(getattr(usage, "completion_tokens", 0) or 0)
        return "".join(parts)

    # ------------------------------------------------------------------------- the tasks

    def write_question(self, req, stats=None, on_delta=None) -> QuestionDraft:
        return self.complete("write_question", req, stats, on_delta)

    def expected_answer(self, req, stats=None, on_delta=None) -> ExpectedAnswer:
        return self.complete("expected_answer", req, stats, on_delta)

    def interview_questions(self, req, stats=None, on_delta=None) -> InterviewPlan:
        """The LLM's wording of the plan's eight questions, each keeping the planned kind, purpose and
        (for a technical question) reference answer and concepts."""
        out: InterviewQuestionsOut = self.complete("interview_questions", req, stats, on_delta)
        texts = out.in_order()
        if req.baseline is None:
            planned = [PlannedQuestion(kind=kind, text=text, purpose=slot.replace("_", " "))
                       for (slot, kind), text in zip(INTERVIEW_SLOTS, texts)]
        else:
            planned = [replace(q, text=text) for q, text in zip(req.baseline.questions, texts)]
        return InterviewPlan(req.job_title, req.company, req.seed, tuple(planned))

    def interview_turn(self, req, stats=None, on_delta=None) -> str:
        out: InterviewTurnOut = self.complete("interview_turn", req, stats, on_delta)
        return out.message

    def interview_feedback(self, req, stats=None, on_delta=None) -> InterviewFeedback:
        out: InterviewFeedbackOut = self.complete("interview_feedback", req, stats, on_delta)
        return InterviewFeedback(
            interview_score=out.interview_score, band=band(out.interview_score),
            strengths_md=_bullets(out.strengths), weaknesses_md=_bullets(out.weaknesses),
            cv_improvements_md=_bullets(out.cv_improvements), score_note=out.score_reason)

    def study_plan(self, req, stats=None, on_delta=None) -> StudyPlan:
        return self.complete("study_plan", req, stats, on_delta)

    def debugging_scenario(self, req, stats=None, on_delta=None) -> DebuggingScenario:
        return self.complete("debugging_scenario", req, stats, on_delta)

    def ping(self) -> tuple[float, str]:
        """One tiny request: (seconds taken, the model's reply). Raises Unavailable."""
        started = time.perf_counter()
        try:
            completion = self.client.chat.completions.create(
                model=self.model, max_tokens=5, temperature=0,
                messages=[{"role": "user", "content": "Reply with the word: ready"}])
            reply = (completion.choices[0].message.content or "").strip()
        except openai.APITimeoutError as exc:
            raise Unavailable("timeout", str(exc)) from exc
        except openai.APIConnectionError as exc:
            raise Unavailable("connection failed", str(exc.__cause__ or exc)) from exc
        except openai.APIStatusError as exc:
            raise Unavailable(f"server error {exc.status_code}", _api_detail(exc)) from exc
        except (AttributeError, IndexError, TypeError, ValueError) as exc:
            raise Unavailable("malformed response", str(exc)) from exc
        return time.perf_counter() - started, reply


def _bullets(items: list[str]) -> str:
    """LLM text as Markdown bullets with every Markdown/HTML control character escaped."""
    return "\n".join(f"- {escape_markdown(item)}" for item in items) + "\n"


def _short(exc: BaseException | None) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}" for e in exc.errors()[:6])
    return str(exc)[:300] if exc else ""


def _api_detail(exc: BaseException | None) -> str:
    if exc is None:
        return ""
    status = getattr(exc, "status_code", None)
    message = getattr(exc, "message", None) or str(exc)
    return f"HTTP {status}: {message[:200]}" if status else message[:200]
