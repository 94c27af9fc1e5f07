"""Fixtures for the answer-scoring tests: one real scorer (real MiniLM files) per test session."""

from __future__ import annotations

import pytest

from interview_coach.engine.scoring import AnswerInput, get_scorer


@pytest.fixture(scope="session")
def scorer():
    """The process-wide scorer, loaded once for all scoring tests."""
    return get_scorer()


@pytest.fixture(scope="session")
def score(scorer):
    """score(question, reference, answer, concepts=()) -> Assessment."""

    def _score(question, reference, answer, concepts=()):
        return scorer.score(AnswerInput(question, reference, answer, tuple(concepts)))

    return _score
