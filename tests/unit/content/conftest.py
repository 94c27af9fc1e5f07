"""Fixtures for the content tests: the real bundled bank and the small fixture directories."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_coach.content import ContentBank, load_content

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def bank() -> ContentBank:
    """The real content bank (interview_coach/content), loaded once for the session."""
    return load_content()


@pytest.fixture(scope="session")
def fixture_bank() -> ContentBank:
    """A tiny valid bank (tests/unit/content/fixtures/valid)."""
    return load_content(FIXTURES / "valid")
