"""Fixtures for the interviewer tests: the real content bank and the real embedding model."""

from __future__ import annotations

import pytest

from interview_coach.content import load_content


@pytest.fixture(scope="session")
def bank():
    return load_content()


@pytest.fixture(scope="session")
def backend():
    from interview_coach.engine.scoring import get_scorer

    return get_scorer().embeddings
