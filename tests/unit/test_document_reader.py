"""Uploads are read in a limited child process: hostile files are refused within the limits, and
ordinary ones read exactly as the in-process reader reads them."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest

from interview_coach.engine.documents import DocumentError, Limits, extract_text, isolated, read_document
from upload_corpus import CV_LINES, corpus, pdf_flate_bomb, pdf_slow_content, text_pdf

RESUMES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "resumes"
# Tighter time limits than the defaults keep the CPU bomb's case short; the memory limit is the default.
FAST = Limits(cpu_seconds=3, wall_seconds=8)


@pytest.mark.parametrize("sample", corpus(), ids=lambda s: s.name)
def test_every_corpus_file_is_read_or_refused_within_the_limits(sample):
    """Each hostile or awkward file is read or refused with its expected code, in time, never an exception."""
    started = time.monotonic()
    try:
        document = read_document(sample.data, FAST)
        outcome, code = "read", None
        assert document.text and len(document.text) <= FAST.max_chars
    except DocumentError as exc:
        outcome, code = "refused", exc.code
        assert exc.message.endswith(".")
    assert time.monotonic() - started < FAST.wall_seconds + 3
    if sample.expect != "either":
        assert outcome == sample.expect, code
    if sample.code:
        assert code == sample.code


def test_a_memory_bomb_is_refused_naming_the_memory_limit_and_the_caller_stays_small():
    """The PDF flate bomb (2 GiB inflated) is refused as needing more than 512 MB; this process does not grow."""
    data = pdf_flate_bomb()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DocumentError) as info:
        read_document(data)
    assert info.value.code == "too_complex" and "512 MB memory limit" in info.value.message
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 50


def test_a_cpu_bomb_is_stopped_at_the_time_limit():
    """A PDF that would keep a parser busy for half a minute is stopped after the 2-second limit, and says so."""
    started = time.monotonic()
    with pytest.raises(DocumentError) as info:
        read_document(pdf_slow_content(), Limits(cpu_seconds=2, wall_seconds=2))
    assert info.value.code == "too_slow" and "2-second limit" in info.value.message
    assert time.monotonic() - started < 5


def test_the_text_is_capped():
    """The text coming back is cut at max_chars, with a warning saying so."""
    document = read_document(("Ada Lovelace wrote the first program. " * 500).encode(), Limits(max_chars=1000))
    assert len(document.text) <= 1000 and document.truncated
    assert any("1,000 characters" in w for w in document.warnings)


def test_a_killed_reader_process_is_replaced_for_the_next_upload():
    """If the reader process dies (here: killed), the next upload starts a new one and is read."""
    read_document(text_pdf(CV_LINES))
    isolated._READER._process.kill()
    isolated._READER._process.wait()
    assert "Ada Lovelace" in read_document(text_pdf(CV_LINES)).text


def test_limits_hit_by_one_upload_do_not_affect_the_next():
    """After a memory bomb and a CPU bomb, an ordinary file is read by the same reader process at once."""
    pid = (isolated.start_reader(), isolated._READER._process.pid)[1]
    for data in (pdf_flate_bomb(), pdf_slow_content()):
        with pytest.raises(DocumentError):
            read_document(data, Limits(cpu_seconds=1, wall_seconds=1))
    started = time.monotonic()
    assert "Ada Lovelace" in read_document(text_pdf(CV_LINES)).text
    assert time.monotonic() - started < 1
    assert isolated._READER._process.pid == pid


def test_no_worker_is_left_behind():
    """After reads and refusals, the reader process has no child processes left running."""
    read_document(text_pdf(CV_LINES))
    with pytest.raises(DocumentError):
        read_document(pdf_slow_content(), Limits(cpu_seconds=1, wall_seconds=1))
    reader_pid = isolated._READER._process.pid
    time.sleep(1.5)  # the reader collects finished supervisors once a second
    children = [p for p in os.listdir("/proc") if p.isdigit() and _parent(p) == reader_pid]
    assert children == []


def _parent(pid: str) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2:].split()[1])


def test_real_resumes_read_the_same_as_in_process():
    """Every real résumé reads to exactly the text, pages and warnings the in-process reader gives."""
    if not RESUMES.is_dir():
        pytest.skip(f"résumé corpus not found at {RESUMES} (shared/data/resumes next to the repo)")
    for path in sorted(RESUMES.glob("*.pdf")):
        data = path.read_bytes()
        assert read_document(data) == extract_text(data), path.name
