"""The answer scorer: guards, one model pass, semantic score, concept coverage, signals, reasons.

``Scorer`` is cheap to create: the embedding model loads on first use, once, under a lock.
``get_scorer()`` returns one shared scorer per process (per backend name). Everything about a
question that does not depend on the answer (the reference's analysis, the concepts and their
vectors) is computed once and cached, so scoring many answers to one question costs one model
pass per answer, batched by ``score_many``.

Seed formulas, implemented exactly: combined = 0.7 × semantic + 0.3 × keyword, and an answer
is correct when keyword_score > 0.6.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import guards, semantic
from .analysis import AnalyzedText, analyze
from .concepts import (
    PreparedConcept,
    derive_concepts,
    find_lexical,
    paraphrase_candidates,
    prepare_concepts,
    verify_paraphrases,
)
from .embeddings import CachedBackend, EmbeddingBackend, create_backend
from .runtime import background_priority, limit_blas_threads
from .signals import confidence_of, depth_of, key_terms, measure
from .text import Token, content_tokens, tokenize
from .types import AnswerInput, Assessment, Concept, ConceptMatch, Notice, NoticeCode, Outcome

__all__ = ["Scorer", "get_scorer", "SEMANTIC_WEIGHT", "KEYWORD_WEIGHT", "CORRECT_ABOVE"]

SEMANTIC_WEIGHT, KEYWORD_WEIGHT = 0.7, 0.3  # seed: overall = semantic × 0.7 + keyword × 0.3
CORRECT_ABOVE = 0.6  # seed: a question counts as correct when its keyword score is > 0.6
# A bare list of terms explains nothing: it may name concepts but cannot be a good or correct answer.
KEYWORD_LIST_SEMANTIC_CAP = 0.25
KEYWORD_LIST_KEYWORD_FACTOR = 0.5

_REJECTED = {
    Outcome.EMPTY: "The answer is empty, so there is nothing to score.",
    Outcome.GIBBERISH: "The answer is mostly not words, so it cannot be scored.",
    Outcome.NON_ENGLISH: "The answer does not seem to be in English; answers are scored in English only.",
    Outcome.RESTATES_QUESTION: "The answer only repeats words of the question, which earns no credit.",
}
_HOW = {
    "exact": "you wrote “{w}”",
    "inflection": "“{w}”, another form of the word",
    "typo": "“{w}”, read as a typo",
    "alias": "“{w}”, another name for it",
    "paraphrase": "“{w}”, said in other words (similarity {s:.2f})",
}


@dataclass(slots=True)
class _Reference:
    """Everything about one question that does not depend on the answer."""

    question_tokens: list[Token]
    question_stems: frozenset[str]
    analysed: AnalyzedText
    words: np.ndarray  # the reference's content-word vectors, question words left out
    concepts: list[PreparedConcept]
    derived: bool
    no_reference: bool
    reference_stems: set[str]
    known_stems: set[str]


class Scorer:
    """Scores answers against reference answers and key concepts.

    ``backend`` is an :class:`EmbeddingBackend`, the name of a registered one, or None for the
    offline MiniLM. Safe to share between threads.
    """

    def __init__(self, backend: EmbeddingBackend | str | None = None, cache_size: int = 1024) -> None:
        self._backend_spec = backend if backend is not None else "minilm"
        self._inner: EmbeddingBackend | None = None
        self._cached: CachedBackend | None = None
        self._lock = threading.Lock()
        self._refs: OrderedDict[tuple, _Reference] = OrderedDict()
        self._cache_size = cache_size

    def _backends(self) -> tuple[EmbeddingBackend, CachedBackend]:
        if self._inner is None:
            with self._lock:
                if self._inner is None:
                    limit_blas_threads()  # see runtime.py: BLAS threads fought the model's for the cores
                    spec = self._backend_spec
                    inner = create_backend(spec) if isinstance(spec, str) else spec
                    self._cached = CachedBackend(inner)
                    self._inner = inner
        assert self._cached is not None
        return self._inner, self._cached

    def warm_up(self) -> None:
        """Load the model now instead of on the first answer."""
        self.score(
            AnswerInput("What is a stack?", "A last-in, first-out collection.", "A LIFO list of items.")
        )

    @property
    def embeddings(self) -> CachedBackend:
        """The scorer's (cached) embedding backend, shared so a process loads the model once."""
        return self._backends()[1]

    def prepare(self, question: str, reference_answer: str, concepts: Sequence[Concept] = ()) -> None:
        """Analyse a question's reference and concepts now (cached), so scoring its answers is fast.

        Call it when a question is served: the learner's answer then costs one model pass. Its model
        runs give way to answers being scored (``runtime.background_priority``).
        """
        with background_priority():
            self._reference(AnswerInput(question, reference_answer, "", tuple(concepts)))

    def score(self, item: AnswerInput) -> Assessment:
        """Assess one answer (see :class:`Assessment`)."""
        return self.score_many([item])[0]

    def score_many(self, items: Sequence[AnswerInput]) -> list[Assessment]:
        """Assess many answers, in order, with one batched model call for all of them."""
        results: list[Assessment | None] = [None] * len(items)
        pending: list[tuple[int, _Reference, str, str | None, list[Notice], list[Token]]] = []
        for i, item in enumerate(items):
            ref = self._reference(item)
            tokens = tokenize(item.answer or "")
            text, cut = guards.truncate(item.answer or "", tokens)
            notices = []
            if cut:
                notices.append(
                    Notice(
                        NoticeCode.TRUNCATED,
                        f"The answer has {len(tokens)} words; only the first {guards.MAX_WORDS} were scored.",
                    )
                )
                tokens = tokens[: guards.MAX_WORDS]
            if ref.no_reference:
                notices.append(
                    Notice(
                        NoticeCode.NO_REFERENCE,
                        "There is no expected answer, so the answer was compared with the question.",
                    )
                )
            if ref.derived and ref.concepts:
                notices.append(
                    Notice(
                        NoticeCode.DERIVED_CONCEPTS,
                        "No key concepts were given, so they were taken from the expected answer.",
                    )
                )
            code = guards.check(text, tokens, ref.question_tokens, ref.known_stems)
            if code in _REJECTED:
                results[i] = self._rejected(code, ref, notices)
            else:
                pending.append((i, ref, text, code, notices, tokens))
        if pending:
            inner, _ = self._backends()
            analysed = analyze(inner, [p[2] for p in pending], [p[5] for p in pending])
            lexical, candidates = [], []
            for (_i, ref, *_rest), answer in zip(pending, analysed):
                found = find_lexical(ref.concepts, answer)
                lexical.append(found)
                candidates.append(
                    paraphrase_candidates([c for c in ref.concepts if c.concept.name not in found], answer)
                )
            # One model call confirms every paraphrase candidate of the batch (spans embedded alone).
            spans = [c.matched_words for cands in candidates for c in cands]
            alone = inner.embed(spans) if spans else None
            k = 0
            for (i, ref, _text, code, notices, _tokens), answer, found, cands in zip(
                pending, analysed, lexical, candidates
            ):
                if cands:
                    by_name = {c.concept.name: c for c in ref.concepts}
                    found.update(verify_paraphrases(cands, alone[k : k + len(cands)], by_name))
                    k += len(cands)
                results[i] = self._assess(ref, answer, code, notices, found)
        return results  # type: ignore[return-value]

    def _reference(self, item: AnswerInput) -> _Reference:
        key = (item.question, item.reference_answer, item.concepts)
        with self._lock:
            ref = self._refs.get(key)
            if ref is not None:
                self._refs.move_to_end(key)
                return ref
        ref = self._build_reference(item)
        with self._lock:
            self._refs[key] = ref
            while len(self._refs) > self._cache_size:
                self._refs.popitem(last=False)
        return ref

    def _build_reference(self, item: AnswerInput) -> _Reference:
        inner, cached = self._backends()
        no_reference = not (item.reference_answer or "").strip()
        reference = item.question if no_reference else item.reference_answer
        question_tokens = tokenize(item.question or "")
        # Question words earn nothing (semantic.py); with no reference there is nothing to demote.
        question_stems = (
            frozenset() if no_reference else frozenset(t.stem for t in content_tokens(item.question or ""))
        )
        concepts = list(item.concepts) or derive_concepts(reference, "" if no_reference else item.question)
        prepared = prepare_concepts(concepts)
        forms = [f.text for c in prepared for f in c.forms]
        if forms:
            vectors = cached.embed(forms)
            k = 0
            for c in prepared:
                c.vectors = vectors[k : k + len(c.forms)]
                k += len(c.forms)
        analysed = analyze(inner, [reference])[0]
        reference_stems = {t.stem for t in content_tokens(reference)}
        known = (
            reference_stems
            | {t.stem for t in question_tokens}
            | {s for c in prepared for f in c.forms for s in f.stems}
        )
        return _Reference(
            question_tokens=question_tokens,
            question_stems=question_stems,
            analysed=analysed,
            words=semantic.reference_words(analysed, question_stems),
            concepts=prepared,
            derived=not item.concepts,
            no_reference=no_reference,
            reference_stems=reference_stems,
            known_stems=known,
        )

    def _rejected(self, code: str, ref: _Reference, notices: list[Notice]) -> Assessment:
        missing = [c.concept.name for c in ref.concepts]
        reasons = [_REJECTED[code]]
        if missing:
            reasons.append("Missing: " + ", ".join(f"“{m}”" for m in missing) + ".")
        reasons += [n.message for n in notices]
        return Assessment(0.0, 0.0, 0.0, False, missing, [], "shallow", "low", {}, reasons, code, notices, {})

    def _assess(
        self,
        ref: _Reference,
        answer: AnalyzedText,
        code: str | None,
        notices: list[Notice],
        matches: dict[str, ConceptMatch],
    ) -> Assessment:
        features = semantic.semantic_features(ref.analysed, answer, ref.question_stems, ref.words)
        sem = semantic.semantic_score(features)
        ordered = {c.concept.name: matches[c.concept.name] for c in ref.concepts if c.concept.name in matches}
        missing = [c.concept.name for c in ref.concepts if c.concept.name not in matches]
        keyword = len(ordered) / len(ref.concepts) if ref.concepts else 0.0
        reasons: list[str] = []
        outcome = Outcome.SCORED
        if code == Outcome.KEYWORD_LIST:
            outcome = Outcome.KEYWORD_LIST
            sem = min(sem, KEYWORD_LIST_SEMANTIC_CAP)
            keyword *= KEYWORD_LIST_KEYWORD_FACTOR
            reasons.append(
                "The answer lists terms without a sentence that explains them, so it earns at most partial credit."
            )
        sem, keyword = round(sem, 4), round(keyword, 4)
        sig = measure(answer.text, answer.tokens)
        depth, confidence = depth_of(sig), confidence_of(sig)
        terms = key_terms(answer.tokens, [m.matched_words for m in ordered.values()], ref.reference_stems)
        label = "close to" if sem >= 0.7 else "partly matches" if sem >= 0.4 else "far from"
        reasons.append(f"Meaning: {label} the expected answer (semantic score {sem:.2f}).")
        if ordered:
            found = "; ".join(
                f"“{name}” ({_HOW[m.how].format(w=m.matched_words, s=m.similarity)})"
                for name, m in ordered.items()
            )
            reasons.append(f"Covered {len(ordered)} of {len(ref.concepts)} key concepts: {found}.")
        if missing:
            reasons.append("Missing: " + ", ".join(f"“{m}”" for m in missing) + ".")
        reasons.append(
            f"Depth: {depth} ({sig.content_words} content words, {sig.causal_links} causal links, "
            f"{sig.examples} examples)."
        )
        reasons.append(
            f"Confidence: {confidence} ({sig.hedges} hedging phrases, {sig.assertive} assertive words)."
        )
        reasons += [n.message for n in notices]
        signals = {
            **features,
            "predicted_grade": round(semantic.predicted_grade(features), 3),
            "content_words": sig.content_words,
            "causal_links": sig.causal_links,
            "examples": sig.examples,
            "hedges": sig.hedges,
            "assertive": sig.assertive,
        }
        return Assessment(
            semantic_score=sem,
            keyword_score=keyword,
            combined_score=round(SEMANTIC_WEIGHT * sem + KEYWORD_WEIGHT * keyword, 4),
            correct=keyword > CORRECT_ABOVE,
            missing_concepts=missing,
            key_terms=terms,
            depth=depth,
            confidence=confidence,
            matched_concepts=ordered,
            reasons=reasons,
            outcome=outcome,
            notices=notices,
            signals=signals,
        )


_SHARED: dict[str, Scorer] = {}
_SHARED_LOCK = threading.Lock()


def get_scorer(backend: str = "minilm") -> Scorer:
    """The process-wide scorer for a registered backend name (created once, thread-safe)."""
    with _SHARED_LOCK:
        scorer = _SHARED.get(backend)
        if scorer is None:
            scorer = _SHARED[backend] = Scorer(backend)
        return scorer
