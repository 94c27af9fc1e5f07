"""The circuit breaker: opens after consecutive failures, lets exactly one probe through after the
reset period, and recovers; alone with a fake clock, then in the engine against the fault server."""

from __future__ import annotations

import threading
import time

import pytest
from ai_requests import REQUESTS, VALID_REPLIES, valid_reply
from fault_server import completion, error

from interview_coach.ai import AiEngine, CircuitBreaker
from interview_coach.ai.breaker import CLOSED, HALF_OPEN, OPEN

RESET = 30.0


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def breaker(clock):
    return CircuitBreaker(failures=3, reset_seconds=RESET, clock=clock)


def fail(breaker: CircuitBreaker, times: int) -> None:
    for _ in range(times):
        assert breaker.allow()
        breaker.failure()


def test_opens_after_n_consecutive_failures(breaker):
    """Two failures leave it closed; the third opens it and calls are refused."""
    fail(breaker, 2)
    assert breaker.state == CLOSED and breaker.allow()
    breaker.failure()
    assert breaker.state == OPEN
    assert not breaker.allow()
    assert breaker.seconds_until_probe() == RESET


def test_a_success_resets_the_count(breaker):
    """Failures must be consecutive: a success in between starts the count again."""
    fail(breaker, 2)
    breaker.success()
    fail(breaker, 2)
    assert breaker.state == CLOSED
    fail(breaker, 1)
    assert breaker.state == OPEN


def test_open_refuses_until_reset_seconds(breaker, clock):
    """While open every call is refused, and the wait counts down to the probe."""
    fail(breaker, 3)
    clock.advance(RESET - 0.5)
    assert not breaker.allow() and not breaker.allow()
    assert breaker.seconds_until_probe() == pytest.approx(0.5)
    clock.advance(0.5)
    assert breaker.state == HALF_OPEN and breaker.seconds_until_probe() == 0.0


def test_exactly_one_of_many_concurrent_callers_gets_the_probe(breaker, clock):
    """Ten threads asking at once after the reset period: one probe, nine refusals."""
    fail(breaker, 3)
    clock.advance(RESET)
    barrier = threading.Barrier(10)
    answers: list[bool] = []
    lock = threading.Lock()

    def ask():
        barrier.wait()
        allowed = breaker.allow()
        with lock:
            answers.append(allowed)

    threads = [threading.Thread(target=ask) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert sorted(answers) == [False] * 9 + [True]
    assert breaker.state == HALF_OPEN and not breaker.allow()  # still refused while the probe runs


def test_probe_success_closes(breaker, clock):
    """A successful probe closes the breaker: everyone goes through again, with a fresh count."""
    fail(breaker, 3)
    clock.advance(RESET)
    assert breaker.allow()
    breaker.success()
    assert breaker.state == CLOSED
    assert all(breaker.allow() for _ in range(5))
    fail(breaker, 2)
    assert breaker.state == CLOSED


def test_probe_failure_reopens_for_a_full_period(breaker, clock):
    """A failed probe opens the breaker again for another reset_seconds from the probe's failure."""
    fail(breaker, 3)
    clock.advance(RESET + 5)
    assert breaker.allow()
    clock.advance(2)
    breaker.failure()
    assert breaker.state == OPEN and not breaker.allow()
    clock.advance(RESET - 0.01)
    assert not breaker.allow()
    clock.advance(0.01)
    assert breaker.allow()  # the next probe


def test_release_ends_a_probe_whose_reply_was_invalid(breaker, clock):
    """The server answered (badly): the probe is released, the breaker closes, calls go through."""
    fail(breaker, 3)
    clock.advance(RESET)
    assert breaker.allow() and not breaker.allow()
    breaker.release()
    assert breaker.state == CLOSED and breaker.allow()


def test_release_outside_a_probe_changes_nothing(breaker):
    """An invalid reply while closed neither counts as a failure nor forgives earlier ones."""
    fail(breaker, 2)
    breaker.release()
    fail(breaker, 1)
    assert breaker.state == OPEN


@pytest.mark.parametrize("failures, reset", [(0, 30.0), (3, 0.0), (3, -1.0)])
def test_rejects_settings_that_would_never_close_or_open(failures, reset):
    """failures < 1 or reset_seconds <= 0 is a configuration error, not a silent always-open breaker."""
    with pytest.raises(ValueError):
        CircuitBreaker(failures, reset)


# ----------------------------------------------------------------------------- through the engine

TASK = "write_question"


def test_engine_stops_calling_a_failing_server_and_recovers(fault_server, fault_provider, clock, call_log):
    """After N failures no request is sent until the reset period; then one probe, and a healthy server closes it."""
    breaker = CircuitBreaker(failures=2, reset_seconds=RESET, clock=clock)
    engine = AiEngine(fault_provider(), breaker)
    fault_server.script(error(500))
    for _ in range(2):
        assert engine.run(TASK, REQUESTS[TASK]).fallback_reason == "server error 500"
    assert len(fault_server.requests) == 2 and breaker.state == OPEN

    clock.advance(10)
    skipped = engine.run(TASK, REQUESTS[TASK])
    assert len(fault_server.requests) == 2  # no HTTP request at all
    assert skipped.provider == "builtin" and "tried again in 20 s" in skipped.fallback_reason
    assert "failed repeatedly" in skipped.notice
    assert engine.status()["breaker"] == OPEN and engine.status()["retry_in_seconds"] == 20.0

    clock.advance(RESET - 10)
    fault_server.script(completion(valid_reply(TASK)))
    probe = engine.run(TASK, REQUESTS[TASK])
    assert probe.provider == "openai_compatible" and probe.value.question == VALID_REPLIES[TASK]["question"]
    assert len(fault_server.requests) == 3 and breaker.state == CLOSED
    assert engine.run(TASK, REQUESTS[TASK]).provider == "openai_compatible"
    assert [line["outcome"] for line in call_log() if line["provider"] == "openai_compatible"] == [
        "unavailable", "unavailable", "skipped", "ok", "ok"]


def test_engine_probe_against_a_still_dead_server_reopens(fault_server, fault_provider, clock):
    """A failed probe costs one request and the next callers are skipped for another full period."""
    breaker = CircuitBreaker(failures=1, reset_seconds=RESET, clock=clock)
    engine = AiEngine(fault_provider(), breaker)
    fault_server.script(error(502))
    engine.run(TASK, REQUESTS[TASK])
    clock.advance(RESET)
    assert engine.run(TASK, REQUESTS[TASK]).fallback_reason == "server error 502"  # the probe
    assert len(fault_server.requests) == 2
    clock.advance(RESET - 1)
    assert "tried again in 1 s" in engine.run(TASK, REQUESTS[TASK]).fallback_reason
    assert len(fault_server.requests) == 2


def test_invalid_replies_do_not_open_the_breaker(fault_server, fault_provider, clock):
    """A model that writes nonsense is up: every call still reaches it (and falls back each time)."""
    breaker = CircuitBreaker(failures=2, reset_seconds=RESET, clock=clock)
    engine = AiEngine(fault_provider(), breaker)
    fault_server.script(completion("no JSON here"))
    for _ in range(4):
        assert engine.run(TASK, REQUESTS[TASK]).fallback_reason == "its reply did not pass validation"
    assert len(fault_server.requests) == 8 and breaker.state == CLOSED  # 4 calls, each with one repair


def test_engine_recovers_on_the_real_clock(fault_server, fault_provider):
    """With the default clock and a 0.2 s reset period, a server that comes back is used again."""
    engine = AiEngine(fault_provider(), CircuitBreaker(failures=1, reset_seconds=0.2))
    fault_server.script(error(500), completion(valid_reply(TASK)))
    assert engine.run(TASK, REQUESTS[TASK]).fell_back
    assert "tried again" in engine.run(TASK, REQUESTS[TASK]).fallback_reason
    assert len(fault_server.requests) == 1
    time.sleep(0.25)
    assert engine.run(TASK, REQUESTS[TASK]).provider == "openai_compatible"
    assert engine.breaker.state == CLOSED and len(fault_server.requests) == 2
