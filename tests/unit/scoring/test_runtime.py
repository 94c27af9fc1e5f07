"""How the scorer shares the cores: one BLAS thread, model runs through a gate that serves answers first."""

from __future__ import annotations

import threading
import time

import pytest
import threadpoolctl

from interview_coach.engine.scoring import AnswerInput, Scorer
from interview_coach.engine.scoring.runtime import InferenceGate, background_priority, is_background


def _wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_waiting_answer_runs_before_earlier_background_work():
    """A queued answer goes before question preparation that queued earlier; each class in arrival order."""
    gate = InferenceGate(1)
    order: list[str] = []

    def enter(name, background):
        with gate.run(background=background):
            order.append(name)

    with gate.run(background=False):  # the model is busy
        threads = []
        for name, background, waiting in (("prep1", True, (0, 1)), ("prep2", True, (0, 2)),
                                          ("answer1", False, (1, 2)), ("answer2", False, (2, 2))):
            thread = threading.Thread(target=enter, args=(name, background))
            thread.start()
            threads.append(thread)
            _wait_until(lambda w=waiting: gate.waiting == w)
    for thread in threads:
        thread.join(5)
    assert order == ["answer1", "answer2", "prep1", "prep2"]


def test_gate_admits_at_most_its_slots():
    """No more model runs proceed at once than the gate's slots."""
    gate = InferenceGate(2)
    lock, running, peak = threading.Lock(), [0], [0]

    def work():
        with gate.run():
            with lock:
                running[0] += 1
                peak[0] = max(peak[0], running[0])
            time.sleep(0.01)
            with lock:
                running[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert peak[0] == 2
    with pytest.raises(ValueError):
        InferenceGate(0)


def test_background_priority_is_scoped_to_the_block_and_thread():
    """Only runs inside background_priority() in the same thread count as background work."""
    seen = []
    with background_priority():
        seen.append(is_background())
        other = threading.Thread(target=lambda: seen.append(is_background()))
        other.start()
        other.join()
    seen.append(is_background())
    assert seen == [True, False, False]


def test_scorer_keeps_numpy_blas_on_one_thread():
    """Once the scorer has loaded its model, numpy's BLAS computes on the calling thread only."""
    Scorer().score(AnswerInput("What is a stack?", "A last-in, first-out list.", "A LIFO list."))
    blas = [pool for pool in threadpoolctl.threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
