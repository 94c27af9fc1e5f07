"""Readying a process to serve requests: load what the first requests would, then freeze it for the GC.

A new process loads the question bank (tens of thousands of objects) and the scoring model on its
first requests, and CPython's collector then walks all of those long-lived objects again on every
full (oldest-generation) collection. Under ``bench/practice_latency.py`` (10 users, 2 cores) one
such collection stopped every thread for 146 ms in the middle of a run. Loading everything before
the first request and then ``gc.freeze()``-ing it moves those objects out of the collector's sight:
later full collections only walk what requests created since. In three runs of the same benchmark
afterwards no collection during a run took more than 5 ms.
"""

from __future__ import annotations

import gc
import logging
import time

__all__ = ["prepare_to_serve", "is_ready"]

log = logging.getLogger(__name__)
_ready = False


def is_ready() -> bool:
    """Whether :func:`prepare_to_serve` has finished in this process (``/readyz``)."""
    return _ready


def prepare_to_serve() -> None:
    """Start the upload reader's process, load the content bank, the ORM mappings and the scoring
    model, then freeze them for the GC.

    Call once per serving process, before it takes requests (``interview-coach serve`` and
    ``interview_coach.wsgi`` do). None of it depends on the app's settings. Loading errors
    propagate: a process that cannot load its content or model should not start serving.
    """
    from sqlalchemy.orm import configure_mappers

    from .content import load_content
    from .engine.documents import start_reader
    from .engine.scoring import get_scorer

    started = time.perf_counter()
    start_reader()  # the process that reads uploads imports its parsers while the rest loads
    configure_mappers()
    load_content()
    get_scorer().warm_up()
    gc.collect()
    gc.freeze()
    global _ready
    _ready = True
    log.info("ready to serve in %.1f s (%d objects frozen for the garbage collector)",
             time.perf_counter() - started, gc.get_freeze_count())
