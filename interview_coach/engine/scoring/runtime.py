"""How the scorer shares the machine's cores: numpy's BLAS on one thread, model runs through a gate.

A web worker scores answers in several request threads at once, next to other requests' Python
work. Two thread pools competing for the same two cores made a long answer (~145 word pieces)
take 150 ms to score instead of 45, even for a single user (measured in ``practice.submit_answer``,
one user answering in sequence, 2 cores):

- **numpy's BLAS.** The word alignment (``semantic.semantic_features``) multiplies matrices of tens
  of words by 384. OpenBLAS splits even that over every core, and its worker threads then
  busy-wait for the next call while onnxruntime's threads run the model: the alignment took
  30 ms instead of 0.3 ms and the model pass 87 ms instead of 30. :func:`limit_blas_threads`
  keeps BLAS on the calling thread (process-wide: a web worker has no large matrices to share
  out). A product computed on one thread has the same value: each output element is the same
  dot product, only the work is split differently.
- **Concurrent model runs.** Each run already uses both cores (``intra_op_num_threads=2``), so two
  runs at once only slow each other down, and a learner waiting for a score waited behind the
  analysis of a question someone else had just been served. :class:`InferenceGate` admits one
  run at a time, and runs that a learner is waiting for (answers) before background work
  (:func:`background_priority`: preparing a question's reference while the learner reads it),
  each in arrival order. A run is never interrupted, so an answer waits at most for the one run
  in progress (a reference of ~150 pieces: ~25 ms).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["InferenceGate", "background_priority", "is_background", "limit_blas_threads"]

_BACKGROUND: ContextVar[bool] = ContextVar("scoring_background", default=False)
_BLAS_LOCK = threading.Lock()
_blas_limited = False


@contextmanager
def background_priority() -> Iterator[None]:
    """Model runs started inside this block yield to runs that a learner is waiting for."""
    token = _BACKGROUND.set(True)
    try:
        yield
    finally:
        _BACKGROUND.reset(token)


def is_background() -> bool:
    """True inside :func:`background_priority` (in this thread or task)."""
    return _BACKGROUND.get()


def limit_blas_threads() -> None:
    """Make numpy's BLAS (OpenBLAS, MKL, …) compute on the calling thread only; idempotent."""
    global _blas_limited
    with _BLAS_LOCK:
        if not _blas_limited:
            from threadpoolctl import threadpool_limits

            threadpool_limits(limits=1, user_api="blas")
            _blas_limited = True


class InferenceGate:
    """Lets at most ``slots`` model runs proceed at once: urgent runs first, then background ones.

    Within each class the order is arrival order. Use ``with gate.run():`` around one model call;
    the class is taken from :func:`is_background` unless ``background`` is given.
    """

    def __init__(self, slots: int = 1) -> None:
        if slots < 1:
            raise ValueError("an inference gate needs at least one slot")
        self.slots = slots
        self._running = 0
        self._queues: tuple[deque[object], deque[object]] = (deque(), deque())  # urgent, background
        self._cond = threading.Condition()

    @property
    def waiting(self) -> tuple[int, int]:
        """How many urgent and background runs are waiting now."""
        with self._cond:
            return len(self._queues[0]), len(self._queues[1])

    @contextmanager
    def run(self, background: bool | None = None) -> Iterator[None]:
        queue = self._queues[1 if (is_background() if background is None else background) else 0]
        ticket = object()
        with self._cond:
            queue.append(ticket)
            while not self._may_start(queue, ticket):
                self._cond.wait()
            queue.popleft()
            self._running += 1
            self._cond.notify_all()  # a further slot may be free for the next in line
        try:
            yield
        finally:
            with self._cond:
                self._running -= 1
                self._cond.notify_all()

    def _may_start(self, queue: deque[object], ticket: object) -> bool:
        urgent = self._queues[0]
        return self._running < self.slots and queue[0] is ticket and (queue is urgent or not urgent)
