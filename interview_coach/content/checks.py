"""Whole-bank quality checks: coverage targets (issue 4) and near-duplicate questions.

The schema checks each file on its own; these checks look at the bank as a whole. They return
lists of human-readable problems (empty = fine) so that tests, ``content stats`` and a future
admin page can all report them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .bank import ContentBank
from .schema import LANGUAGES, TOPIC_NAMES, Difficulty

__all__ = [
    "TARGETS",
    "Targets",
    "coverage_shortfalls",
    "near_duplicates",
    "lexical_similarity",
    "default_embedder",
    "DUPLICATE_COSINE",
    "DUPLICATE_JACCARD",
    "per_language_counts",
]

DUPLICATE_COSINE = 0.92
DUPLICATE_JACCARD = 0.8


@dataclass(frozen=True)
class Targets:
    """The minimum counts issue 4 asks for."""

    topics: tuple[str, ...] = TOPIC_NAMES
    subtopics_per_topic: int = 6
    concepts_per_subtopic: int = 4
    questions_per_difficulty: int = 3
    questions: int = 430
    behavioural: int = 60
    competencies: int = 10
    skills: int = 400
    debugging: int = 80
    debugging_per_language: tuple[tuple[str, int], ...] = (("python", 40), ("javascript", 15), ("java", 10), ("cpp", 10))


TARGETS = Targets()


def coverage_shortfalls(bank: ContentBank, targets: Targets = TARGETS) -> dict[str, list[str]]:
    """Where the bank falls short of the targets, by area: syllabus, questions, behavioural, skills, debugging."""
    out: dict[str, list[str]] = {"syllabus": [], "questions": [], "behavioural": [], "skills": [], "debugging": []}
    present = set(bank.topic_names)
    out["syllabus"] += [f"topic {name!r} is missing (no topics/{name}.yaml)" for name in targets.topics if name not in present]
    for topic in bank.topics:
        if len(topic.subtopics) < targets.subtopics_per_topic:
            out["syllabus"].append(f"{topic.id}: {len(topic.subtopics)} subtopics, need ≥ {targets.subtopics_per_topic}")
        for sub in topic.subtopics:
            if len(sub.concepts) < targets.concepts_per_subtopic:
                out["syllabus"].append(f"{sub.id}: {len(sub.concepts)} concepts, need ≥ {targets.concepts_per_subtopic}")
            counts = Counter(q.difficulty for q in sub.questions)
            for level in Difficulty:
                if counts[level] < targets.questions_per_difficulty:
                    out["questions"].append(
                        f"{sub.id}: {counts[level]} {level.value} questions, need ≥ {targets.questions_per_difficulty}"
                    )
    if len(bank.questions) < targets.questions:
        out["questions"].append(f"{len(bank.questions)} technical questions in all, need ≥ {targets.questions}")
    if len(bank.behavioural_questions) < targets.behavioural:
        out["behavioural"].append(f"{len(bank.behavioural_questions)} behavioural questions, need ≥ {targets.behavioural}")
    if len(bank.competencies) < targets.competencies:
        out["behavioural"].append(f"{len(bank.competencies)} competencies, need ≥ {targets.competencies}")
    if len(bank.skills) < targets.skills:
        out["skills"].append(f"{len(bank.skills)} skills, need ≥ {targets.skills}")
    per_language = Counter(c.language for c in bank.challenges)
    for language, need in targets.debugging_per_language:
        if per_language[language] < need:
            out["debugging"].append(f"{per_language[language]} {language} challenges, need ≥ {need}")
    if len(bank.challenges) < targets.debugging:
        out["debugging"].append(f"{len(bank.challenges)} debugging challenges in all, need ≥ {targets.debugging}")
    return out


# --------------------------------------------------------------------------- near-duplicates

_STOP = frozenset(
    """a an the of to in on for and or is are was be been it its this that these those what which who how
    why when where do does did you your we our i me my can could would should will with by as at from
    into about than then there their they them between vs versus give explain describe tell walk
    through""".split()
)


def _content_words(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9+#]+", text.lower())
    return frozenset(w.rstrip("s") if len(w) > 3 else w for w in words if w not in _STOP)


def lexical_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' content-word sets (stop words out, crude singulars)."""
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


Embedder = Callable[[Sequence[str]], np.ndarray]


def default_embedder() -> tuple[Embedder | None, str]:
    """The scoring engine's sentence embeddings when they can run here, else ``(None, reason)``.

    The near-duplicate check then falls back to :func:`lexical_similarity`.
    """
    try:
        from ..engine.scoring import embeddings
    except ImportError as exc:
        return None, f"scoring engine not importable ({exc})"
    try:
        backend = embeddings.create_backend()
    except Exception as exc:  # missing model files, onnxruntime missing: a check must still run
        return None, f"embedding backend unavailable ({exc})"
    return backend.embed, backend.name


def near_duplicates(
    items: Sequence[tuple[str, str]],
    embed: Embedder | None = None,
    cosine: float = DUPLICATE_COSINE,
    jaccard: float = DUPLICATE_JACCARD,
) -> list[tuple[str, str, float]]:
    """Pairs of ``(id, text)`` items that say nearly the same thing: ``(id_a, id_b, similarity)``.

    With ``embed`` (unit vectors for a list of texts), a pair is a duplicate when its cosine
    similarity exceeds ``cosine``; without, when :func:`lexical_similarity` exceeds ``jaccard``.
    """
    ids = [i for i, _ in items]
    texts = [t for _, t in items]
    pairs: list[tuple[str, str, float]] = []
    if embed is not None:
        vectors = np.asarray(embed(texts), dtype=np.float32)
        vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        sims = vectors @ vectors.T
        rows, cols = np.where(np.triu(sims, k=1) > cosine)
        pairs = [(ids[r], ids[c], float(sims[r, c])) for r, c in zip(rows, cols)]
    else:
        words = [_content_words(t) for t in texts]
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                union = len(words[i] | words[j])
                sim = len(words[i] & words[j]) / union if union else 0.0
                if sim > jaccard:
                    pairs.append((ids[i], ids[j], sim))
    return sorted(pairs, key=lambda p: -p[2])


def per_language_counts(bank: ContentBank) -> dict[str, int]:
    """Debugging challenges per language, every known language present (0 when none)."""
    counts = Counter(c.language for c in bank.challenges)
    return {language: counts[language] for language in LANGUAGES}
