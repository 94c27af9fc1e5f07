"""The sandbox runs code + test in each language with time, memory and environment limits."""

from __future__ import annotations

import os
import time

import pytest

from interview_coach.content.sandbox import LanguageUnavailable, Limits, available, run_test

FAST = Limits(run_timeout=5, compile_timeout=60)


def _need(language: str) -> None:
    ok, reason = available(language)
    if not ok:
        pytest.skip(reason)


PROGRAMS = {
    "python": ("def add(a, b):\n    return a + b\n", "assert add(2, 3) == 5\n", "assert add(2, 3) == 6\n"),
    "javascript": (
        "function add(a, b) { return a + b; }\n",
        "require('assert').strictEqual(add(2, 3), 5);\n",
        "require('assert').strictEqual(add(2, 3), 6);\n",
    ),
    "java": (
        "class Calc { static int add(int a, int b) { return a + b; } }\n",
        "public class Main { public static void main(String[] a) { if (Calc.add(2, 3) != 5) System.exit(1); } }\n",
        "public class Main { public static void main(String[] a) { if (Calc.add(2, 3) != 6) System.exit(1); } }\n",
    ),
    "cpp": (
        "#include <thread>\nint add(int a, int b) { return a + b; }\n",
        "int main() { int r = 0; std::thread t([&] { r = add(2, 3); }); t.join(); return r == 5 ? 0 : 1; }\n",
        "int main() { return add(2, 3) == 6 ? 0 : 1; }\n",
    ),
}


@pytest.mark.parametrize("language", sorted(PROGRAMS))
def test_passing_and_failing_tests_in_each_language(language):
    """A true test passes (exit 0) and a false one fails with a non-zero exit, in every language."""
    _need(language)
    code, good, bad = PROGRAMS[language]
    passed = run_test(language, code, good, FAST)
    assert passed.passed and passed.exit_code == 0 and passed.phase == "run", passed
    failed = run_test(language, code, bad, FAST)
    assert not failed.passed and failed.exit_code not in (0, None) and not failed.timed_out, failed


def test_python_failure_reports_the_assertion():
    """The failing assertion is in the stderr tail, so a candidate can see why the test failed."""
    result = run_test("python", "x = 1\n", "assert x == 2, 'x should be 2'\n", FAST)
    assert "AssertionError: x should be 2" in result.stderr


def test_infinite_loop_is_stopped_by_the_timeout():
    """A program that never ends is killed at the wall-clock limit and reported as timed out."""
    result = run_test("python", "while True:\n    pass\n", "", Limits(run_timeout=1))
    assert result.timed_out and not result.passed and result.exit_code is None
    assert result.duration < 5


def test_node_infinite_loop_is_stopped_by_the_timeout():
    """The timeout also applies to node programs (no rlimit on address space there)."""
    _need("javascript")
    result = run_test("javascript", "while (true) {}\n", "", Limits(run_timeout=1))
    assert result.timed_out and not result.passed


def test_memory_hog_is_stopped_by_the_memory_limit():
    """A Python program allocating far beyond its limit fails with MemoryError instead of taking the machine."""
    result = run_test("python", "block = bytearray(1 << 30)\n", "", Limits(memory_mb=256))
    assert not result.passed and "MemoryError" in result.stderr


def test_child_processes_are_killed_with_the_program():
    """A background child started by the program does not outlive the timeout."""
    if not os.path.exists("/proc/self/status"):
        pytest.skip("needs /proc to inspect the child process")
    code = "import subprocess, time\np = subprocess.Popen(['sleep', '30'])\nprint(p.pid, flush=True)\ntime.sleep(30)\n"
    result = run_test("python", code, "", Limits(run_timeout=1))
    pid = int(result.stdout.split()[0])
    assert result.timed_out
    # SIGKILL takes effect when the killed process is next scheduled: allow a loaded machine a moment.
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    """Running and not a zombie (an orphan killed here may wait a moment for init to reap it)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            state = next(line for line in fh if line.startswith("State:"))
    except (FileNotFoundError, ProcessLookupError):
        return False
    return " Z " not in state and "(zombie)" not in state


def test_program_does_not_see_the_apps_environment(monkeypatch):
    """Secrets in the server's environment (SECRET_KEY, DATABASE_URL) are not passed to the program."""
    monkeypatch.setenv("SECRET_KEY", "do-not-leak")
    result = run_test("python", "import os\n", "assert 'SECRET_KEY' not in os.environ, dict(os.environ)\n", FAST)
    assert result.passed, result.stderr


def test_compile_error_is_reported_as_compile_phase():
    """A C++ program that does not compile fails in the compile phase with the compiler's message."""
    _need("cpp")
    result = run_test("cpp", "int add(int a, int b) { return a + ; }\n", "int main() { return 0; }\n", FAST)
    assert result.compile_error and "error" in result.stderr


def test_unknown_language_is_a_value_error():
    """Only python, javascript, java and cpp can run."""
    with pytest.raises(ValueError, match="unknown language 'cobol'"):
        run_test("cobol", "", "")
    assert issubclass(LanguageUnavailable, RuntimeError)


def test_run_challenge_checks_a_candidates_fix(fixture_bank):
    """The debugging interview runs a candidate's code against the challenge's test."""
    from interview_coach.content.sandbox import run_challenge

    challenge = fixture_bank.challenge("debug.python.off-by-one-sum")
    assert run_challenge(challenge, limits=FAST).passed  # the reference fix
    assert not run_challenge(challenge, challenge.buggy_code, FAST).passed
    candidate = challenge.buggy_code.replace("range(1, n)", "range(n + 1)")
    assert run_challenge(challenge, candidate, FAST).passed
