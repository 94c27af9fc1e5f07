"""The interviewer tests' inputs: the hand-written CV/job fixtures and the real résumé PDFs, read
through the real text extractor."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from interview_coach.engine.documents import extract_text

FIXTURES = Path(__file__).parent / "fixtures"
RESUMES = Path(__file__).resolve().parents[4] / "shared" / "data" / "resumes"  # /work/shared next to the checkout


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@cache
def resume_text(stem: str) -> str:
    path = RESUMES / f"{stem}.pdf"
    if not path.is_file():
        pytest.skip(f"résumé {path} is not available")
    return extract_text(path.read_bytes(), str(path)).text
