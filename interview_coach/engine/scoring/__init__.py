"""Answer assessment: semantic and keyword scores that agree with human graders.

Pure Python (no Flask, no database): practice sessions, the mock interview, debugging
explanations and the CLI all call it the same way::

    from interview_coach.engine.scoring import AnswerInput, Concept, get_scorer

    result = get_scorer().score(AnswerInput(
        question="What is a stack?",
        reference_answer="A collection where the last element pushed is the first popped (LIFO).",
        answer="It's a LIFO structure: you push onto the top and pop from the top.",
        concepts=(Concept("last in first out", aliases=("LIFO",)), Concept("push"), Concept("pop")),
    ))
    result.semantic_score, result.keyword_score, result.combined_score, result.correct

Modules: ``types`` (data in and out), ``embeddings`` (model backends), ``analysis`` (one model
pass per text), ``semantic`` (calibrated semantic score), ``concepts`` (key concepts),
``signals`` (depth, confidence, key terms), ``guards`` (reason codes), ``scorer`` (all together).
"""

from .embeddings import (
    CachedBackend,
    EmbeddingBackend,
    MiniLMOnnxBackend,
    ModelFileError,
    create_backend,
    register_backend,
)
from .scorer import CORRECT_ABOVE, KEYWORD_WEIGHT, SEMANTIC_WEIGHT, Scorer, get_scorer
from .semantic import to_five_point
from .types import (
    AnswerInput,
    Assessment,
    Concept,
    ConceptMatch,
    ConceptVerdict,
    CoverageStatus,
    Notice,
    NoticeCode,
    Outcome,
)

__all__ = [
    "AnswerInput",
    "Assessment",
    "CachedBackend",
    "Concept",
    "ConceptMatch",
    "ConceptVerdict",
    "CoverageStatus",
    "CORRECT_ABOVE",
    "EmbeddingBackend",
    "KEYWORD_WEIGHT",
    "MiniLMOnnxBackend",
    "ModelFileError",
    "Notice",
    "NoticeCode",
    "Outcome",
    "SEMANTIC_WEIGHT",
    "Scorer",
    "create_backend",
    "get_scorer",
    "register_backend",
    "to_five_point",
]
