"""A circuit breaker for the LLM server, so a dead server costs one timeout, not one per request.

States, as the README documents them:

- **closed** — calls go through. Each *availability* failure (connection refused, timeout, HTTP 5xx
  or 429 after the SDK's retries) adds one to a count; a success sets it back to 0. At
  ``failures`` consecutive failures the breaker opens.
- **open** — calls are not attempted; the built-in provider answers at once. After
  ``reset_seconds`` the next caller becomes the *probe* (half-open).
- **half-open** — exactly one call (the probe) goes through; every other caller is refused as if
  open until the probe ends. The probe's success closes the breaker; its failure opens it for
  another ``reset_seconds``.

A reply that arrives but fails validation is not an availability failure (the server is up, the
model wrote poorly) and does not count. The state is per process: each worker learns of a dead server
from its own first failures, which costs at most ``failures`` timeouts per worker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["CircuitBreaker", "CLOSED", "OPEN", "HALF_OPEN"]

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitBreaker:
    """Thread-safe breaker; ``clock`` is injectable so tests need not sleep."""

    def __init__(self, failures: int = 3, reset_seconds: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if failures < 1 or reset_seconds <= 0:
            raise ValueError("failures must be ≥ 1 and reset_seconds > 0")
        self.failures = failures
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._count = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        """closed, open or half-open (open whose wait is over, or whose probe is running)."""
        with self._lock:
            return self._state()

    def _state(self) -> str:
        if self._opened_at is None:
            return CLOSED
        if self._probing or self._clock() - self._opened_at >= self.reset_seconds:
            return HALF_OPEN
        return OPEN

    def allow(self) -> bool:
        """May this caller try the server? In half-open, True for the one caller that becomes the probe."""
        with self._lock:
            state = self._state()
            if state == CLOSED:
                return True
            if state == HALF_OPEN and not self._probing:
                self._probing = True
                return True
            return False

    def success(self) -> None:
        with self._lock:
            self._count = 0
            self._opened_at = None
            self._probing = False

    def failure(self) -> None:
        with self._lock:
            self._count += 1
            if self._probing or self._count >= self.failures:
                self._opened_at = self._clock()
            self._probing = False

    def release(self) -> None:
        """End a probe that neither succeeded nor failed on availability (e.g. invalid output)."""
        with self._lock:
            if self._probing:
                self._probing = False
                self._opened_at = None
                self._count = 0

    def seconds_until_probe(self) -> float:
        """How long until an open breaker lets a probe through (0 when closed or half-open)."""
        with self._lock:
            if self._opened_at is None or self._probing:
                return 0.0
            return max(0.0, self.reset_seconds - (self._clock() - self._opened_at))
