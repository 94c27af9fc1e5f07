"""Run a piece of code with its test in a subprocess, with time, memory and output limits.

Used by the content checks (each debugging challenge's test must fail on ``buggy_code`` and pass
on ``correct_code``) and by the debugging interview to run a candidate's fix.

How a program is put together (the debugging content follows these conventions):

- python: ``code + "\\n\\n" + test`` in ``main.py``, run with ``sys.executable -I -B main.py``;
- javascript: the same in ``main.js``, run with ``node --max-old-space-size=… main.js``;
- java: code (non-public classes) + test (``public class Main``) in ``Main.java``; ``javac``, then
  ``java -Xmx128m -cp <dir> Main``;
- cpp: code + test (with ``int main()``) in ``main.cpp``; ``g++ -std=c++17 -O1 -pthread``, then ``./prog``.

The test passes when the program exits 0 within the time limit. Limits: wall-clock timeouts
(the whole process group is killed), ``RLIMIT_AS`` for python and C++ (node and the JVM reserve
large address ranges up front, so they get their own heap flags instead), ``RLIMIT_FSIZE`` and
``RLIMIT_CORE`` for all; output goes to files and only a tail is kept; the environment is
reduced to ``PATH``/``HOME``/``LANG`` so no secret of the app reaches the program.

This limits resources; it is **not** a security boundary. Code from untrusted users must run in
a container or VM (the runner works unchanged inside one).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Limits", "SandboxResult", "LanguageUnavailable", "available", "run_test", "run_challenge", "LANGUAGES"]

LANGUAGES = ("python", "javascript", "java", "cpp")
_TOOLS = {"python": (), "javascript": ("node",), "java": ("javac", "java"), "cpp": ("g++",)}
_TAIL = 4000
# At most this many programs at once per process: the web app and the test suite share the cores.
_SLOTS = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))


@dataclass(frozen=True)
class Limits:
    run_timeout: float = 10.0  # seconds of wall clock for the program
    compile_timeout: float = 60.0  # seconds for javac / g++
    memory_mb: int = 512  # address space for python / C++ programs; heap size for node
    java_heap_mb: int = 128
    compile_memory_mb: int = 2048  # g++ on <iostream> + <thread> needs a few hundred MB
    file_size_mb: int = 16  # largest file the program may write (its output files included)


@dataclass(frozen=True)
class SandboxResult:
    """What happened. ``passed`` means it compiled and the program exited 0 in time."""

    passed: bool
    exit_code: int | None  # None when killed for time; negative = killed by that signal
    stdout: str  # the last few thousand characters
    stderr: str
    timed_out: bool
    phase: str  # "compile" when compilation failed or timed out, else "run"
    duration: float  # seconds, compile + run

    @property
    def compile_error(self) -> bool:
        return self.phase == "compile" and not self.passed


class LanguageUnavailable(RuntimeError):
    """The tool a language needs (node, javac/java, g++) is not installed."""


def available(language: str) -> tuple[bool, str]:
    """Whether programs in ``language`` can run here, and if not, why (for a clear test skip)."""
    if language not in _TOOLS:
        return False, f"unknown language {language!r}; known: {', '.join(LANGUAGES)}"
    missing = [tool for tool in _TOOLS[language] if shutil.which(tool) is None]
    if missing:
        return False, f"{' and '.join(missing)} not found on PATH: {language} programs cannot run here"
    return True, ""


def run_challenge(challenge, code: str | None = None, limits: Limits | None = None) -> SandboxResult:
    """Run a debugging challenge's test against ``code`` (default: its correct code).

    ``challenge`` is anything with ``language``, ``test`` and ``correct_code`` attributes, such as
    :class:`~interview_coach.content.bank.Challenge`; pass a candidate's fix as ``code``.
    """
    return run_test(challenge.language, challenge.correct_code if code is None else code, challenge.test, limits)


def run_test(language: str, code: str, test: str, limits: Limits | None = None) -> SandboxResult:
    """Put ``code`` and ``test`` together as one program of ``language`` and run it (see module doc).

    Raises :class:`LanguageUnavailable` when the needed tool is missing, ``ValueError`` for an
    unknown language. Never raises because of what the program does.
    """
    ok, reason = available(language)
    if not ok:
        raise (ValueError if language not in _TOOLS else LanguageUnavailable)(reason)
    limits = limits or Limits()
    source = code.rstrip("\n") + "\n\n" + test.rstrip("\n") + "\n"
    with _SLOTS, tempfile.TemporaryDirectory(prefix="ic-sandbox-") as tmp:
        work = Path(tmp)
        started = time.monotonic()
        if language == "python":
            (work / "main.py").write_text(source, encoding="utf-8")
            return _run([sys.executable, "-I", "-B", "main.py"], work, limits, started, limit_memory=True)
        if language == "javascript":
            (work / "main.js").write_text(source, encoding="utf-8")
            cmd = ["node", f"--max-old-space-size={limits.memory_mb}", "main.js"]
            return _run(cmd, work, limits, started, limit_memory=False)
        if language == "java":
            (work / "Main.java").write_text(source, encoding="utf-8")
            fast = ["-XX:TieredStopAtLevel=1", "-Xshare:auto"]  # start-up dominates these tiny programs
            compiled = _compile(["javac", *[f"-J{f}" for f in fast], "-J-Xmx512m", "-nowarn", "-d", ".", "Main.java"], work, limits, started)
            if compiled is not None:
                return compiled
            cmd = ["java", *fast, f"-Xmx{limits.java_heap_mb}m", "-Xss8m", "-cp", ".", "Main"]
            return _run(cmd, work, limits, started, limit_memory=False)
        (work / "main.cpp").write_text(source, encoding="utf-8")
        compiled = _compile(["g++", "-std=c++17", "-O1", "-pthread", "-o", "prog", "main.cpp"], work, limits, started)
        if compiled is not None:
            return compiled
        return _run(["./prog"], work, limits, started, limit_memory=True)


def _compile(cmd: list[str], work: Path, limits: Limits, started: float) -> SandboxResult | None:
    """None when compilation succeeded; otherwise the failed result (phase "compile")."""
    code, out, err, timed_out = _execute(cmd, work, limits.compile_timeout, limits.compile_memory_mb if cmd[0] == "g++" else None, limits)
    if code == 0 and not timed_out:
        return None
    return SandboxResult(False, code, out, err, timed_out, "compile", time.monotonic() - started)


def _run(cmd: list[str], work: Path, limits: Limits, started: float, *, limit_memory: bool) -> SandboxResult:
    code, out, err, timed_out = _execute(cmd, work, limits.run_timeout, limits.memory_mb if limit_memory else None, limits)
    return SandboxResult(code == 0 and not timed_out, code, out, err, timed_out, "run", time.monotonic() - started)


def _execute(cmd: list[str], work: Path, timeout: float, memory_mb: int | None, limits: Limits) -> tuple[int | None, str, str, bool]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"}
    # Output goes to files, not pipes: a runaway print loop then costs disk (capped by
    # RLIMIT_FSIZE) instead of this process's memory.
    with open(work / ".stdout", "wb") as out, open(work / ".stderr", "wb") as err:
        proc = subprocess.Popen(
            cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            start_new_session=True, preexec_fn=_limiter(memory_mb, limits.file_size_mb),
        )
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            # The whole group: a program's own children (threads are fine, forks are not) die too.
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            proc.wait()
    return (None if timed_out else proc.returncode), _tail(work / ".stdout"), _tail(work / ".stderr"), timed_out


def _limiter(memory_mb: int | None, file_mb: int):
    """A ``preexec_fn`` setting rlimits in the child. It calls only ``setrlimit``: no locks, no imports."""
    import resource

    def apply() -> None:
        if memory_mb is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_mb << 20, file_mb << 20))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _tail(path: Path) -> str:
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - _TAIL))
        return fh.read().decode("utf-8", errors="replace")
