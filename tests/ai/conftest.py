"""Fixtures of the AI provider tests: the scripted fault server and the parsed ``interview_coach.ai``
log lines."""

from __future__ import annotations

import logging
import re

import pytest
from fault_server import FaultServer

from interview_coach.ai import OpenAICompatibleProvider

# The line the router writes for every provider call (see interview_coach/ai/router.py).
CALL_LINE = re.compile(
    r"^ai task=(?P<task>\S+) provider=(?P<provider>\S+) model=(?P<model>.+?) latency_ms=(?P<latency_ms>\d+) "
    r"tokens_in=(?P<tokens_in>\d+) tokens_out=(?P<tokens_out>\d+) outcome=(?P<outcome>\w+)(?: reason=(?P<reason>.*))?$")


@pytest.fixture
def fault_server():
    """A scripted OpenAI-compatible server on a free port for this test."""
    with FaultServer() as server:
        yield server


@pytest.fixture
def fault_provider(fault_server):
    """``make(**overrides)``: an OpenAI-compatible provider pointed at the fault server, with a 0.5 s
    read timeout and no retries unless overridden."""
    def make(**overrides) -> OpenAICompatibleProvider:
        options = {"connect_timeout": 1.0, "read_timeout": 0.5, "max_retries": 0} | overrides
        return OpenAICompatibleProvider(fault_server.url, "fault-model", **options)
    return make


@pytest.fixture
def call_log(caplog):
    """``call_log()``: the per-call lines logged so far on ``interview_coach.ai``, parsed into dicts."""
    caplog.set_level(logging.INFO, logger="interview_coach.ai")

    def lines() -> list[dict]:
        parsed = [CALL_LINE.match(r.getMessage()) for r in caplog.records if r.name == "interview_coach.ai"]
        return [m.groupdict() for m in parsed if m]
    return lines
