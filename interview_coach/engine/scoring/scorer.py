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
from functools import lru_cache
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import claims, guards, semantic
from .analysis import AnalyzedText, analyze
from .claims import ConceptClaim
from .concepts import (
    PreparedConcept,
    derive_concepts,
    locate_lexical,
    paraphrase_candidates,
    prepare_concepts,
    verify_paraphrases,
)
from .embeddings import CachedBackend, EmbeddingBackend, create_backend
from .runtime import background_priority, limit_blas_threads
from .signals import confidence_of, depth_of, key_terms, measure
from .text import Token, content_tokens, tokenize
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

__all__ = ["Scorer", "get_scorer", "SEMANTIC_WEIGHT", "KEYWORD_WEIGHT", "CORRECT_ABOVE"]

SEMANTIC_WEIGHT, KEYWORD_WEIGHT = 0.7, 0.3  # seed: overall = semantic × 0.7 + keyword × 0.3
CORRECT_ABOVE = 0.6  # seed: a question counts as correct when its keyword score is > 0.6
# A bare list of terms explains nothing: it may name concepts but cannot be a good or correct answer.
KEYWORD_LIST_SEMANTIC_CAP = 0.25
KEYWORD_LIST_KEYWORD_FACTOR = 0.5
# With checked concepts, semantic = closeness × (SPREAD_FLOOR + (1 − SPREAD_FLOOR) × support), where
# support is the mean credit of the concepts (1 when covered, at most 0.5 otherwise): an answer that
# covers none keeps at most this share of its closeness.
SPREAD_FLOOR = 0.2

_REJECTED = {
    Outcome.EMPTY: "The answer is empty, so there is nothing to score.",
    Outcome.GIBBERISH: "The answer is mostly not words, so it cannot be scored.",
    Outcome.NON_ENGLISH: "The answer does not seem to be in English; answers are scored in English only.",
    Outcome.RESTATES_QUESTION: "The answer only repeats words of the question, which earns no credit.",
    Outcome.NO_ATTEMPT: (
        "No problem: saying you don't know is honest, and it is how learning starts. Read the model answer "
        "below, then try this question again in your own words."
    ),
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
    claims: dict[str, ConceptClaim]  # concepts with a definition: judged by what the answer says
    derived: bool
    no_reference: bool
    reference_stems: set[str]
    known_stems: set[str]
    vocabulary: frozenset[str]  # stems of domain terms: key terms are drawn from these


class Scorer:
    """Scores answers against reference answers and key concepts.

    ``backend`` is an :class:`EmbeddingBackend`, the name of a registered one, or None for the
    offline MiniLM. Safe to share between threads.
    """

    # References cached per process. One is about 1.2 MB (word vectors of the reference, each concept's
    # claim and misconceptions), and the bank has hundreds of questions, so a cache larger than the
    # questions in flight (served, not yet answered) grows each web process by 1.2 MB per new question
    # served; 64 covers the in-flight questions of a process serving 50 learners at ≤ 80 MB. A miss
    # (an evicted question, or one served by another process) costs the analysis again when the answer
    # comes: about 0.1-0.2 s.
    REFERENCE_CACHE_SIZE = 64

    def __init__(self, backend: EmbeddingBackend | str | None = None,
                 cache_size: int = REFERENCE_CACHE_SIZE) -> None:
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
                located = locate_lexical(ref.concepts, answer)
                lexical.append(located)
                # Concepts with a definition are judged on what the answer says (claims.py); the
                # others (derived from a reference, or bare names) may be found as a paraphrase.
                unnamed = [c for c in ref.concepts if c.concept.name not in located and c.concept.name not in ref.claims]
                candidates.append(paraphrase_candidates(unnamed, answer))
            # One model call confirms every paraphrase candidate of the batch (spans embedded alone).
            spans = [c.matched_words for cands in candidates for c in cands]
            alone = inner.embed(spans) if spans else None
            k = 0
            for (i, ref, _text, code, notices, _tokens), answer, located, cands in zip(
                pending, analysed, lexical, candidates
            ):
                paraphrased: dict[str, ConceptMatch] = {}
                if cands:
                    by_name = {c.concept.name: c for c in ref.concepts}
                    paraphrased = verify_paraphrases(cands, alone[k : k + len(cands)], by_name)
                    k += len(cands)
                features = semantic.semantic_features(ref.analysed, answer, ref.question_stems, ref.words)
                found, verdicts, support = _coverage(ref, answer, located, paraphrased, features)
                results[i] = self._assess(ref, answer, code, notices, features, found, verdicts, support)
        return results  # type: ignore[return-value]

    def claim_features(self, item: AnswerInput) -> dict[str, dict[str, float]]:
        """For fitting the claim model: every checked concept's features (claims.judge and claims.decide).

        Empty for answers the guards reject (they never reach the claim check).
        """
        ref = self._reference(item)
        tokens = tokenize(item.answer or "")
        text, _cut = guards.truncate(item.answer or "", tokens)
        if guards.check(text, tokens[: guards.MAX_WORDS], ref.question_tokens, ref.known_stems) in _REJECTED:
            return {}
        inner, _ = self._backends()
        answer = analyze(inner, [text])[0]
        features = semantic.semantic_features(ref.analysed, answer, ref.question_stems, ref.words)
        judgements = _judge_claims(ref, answer, locate_lexical(ref.concepts, answer), features)
        return {name: j.feats for name, j in judgements.items()}

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
        checked = claims.prepare_claims(inner, prepared, None if no_reference else analysed)
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
            claims=checked,
            derived=not item.concepts,
            no_reference=no_reference,
            reference_stems=reference_stems,
            known_stems=known,
            vocabulary=bank_vocabulary() | {s for c in prepared for f in c.forms for s in f.stems},
        )

    def _rejected(self, code: str, ref: _Reference, notices: list[Notice]) -> Assessment:
        missing = [c.concept.name for c in ref.concepts]
        reasons = [_REJECTED[code]]
        if missing and code != Outcome.NO_ATTEMPT:
            reasons.append("Missing: " + ", ".join(f"“{m}”" for m in missing) + ".")
        reasons += [n.message for n in notices]
        verdicts = [ConceptVerdict(m, CoverageStatus.MISSING, "", "Not stated.") for m in missing]
        return Assessment(
            0.0, 0.0, 0.0, False, missing, [], "shallow", "low", {}, reasons, code, notices, {}, verdicts
        )

    def _assess(
        self,
        ref: _Reference,
        answer: AnalyzedText,
        code: str | None,
        notices: list[Notice],
        features: dict[str, float],
        matches: dict[str, ConceptMatch],
        verdicts: list[ConceptVerdict],
        support: float | None,
    ) -> Assessment:
        sem = semantic.semantic_score(features)
        if support is not None:
            # Closeness to the reference is not correctness: an answer that uses the reference's
            # words but states its concepts wrongly, or states one part of three, must not look
            # "close to the expected answer". The concepts' support scales the score (module doc).
            sem *= SPREAD_FLOOR + (1.0 - SPREAD_FLOOR) * support
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
        terms = key_terms(answer.tokens, [m.matched_words for m in ordered.values()], ref.vocabulary)
        label = "close to" if sem >= 0.7 else "partly matches" if sem >= 0.4 else "far from"
        reasons.append(f"Meaning: {label} the expected answer (semantic score {sem:.2f}).")
        if ordered:
            found = "; ".join(
                f"“{name}” ({_HOW[m.how].format(w=m.matched_words, s=m.similarity)})"
                for name, m in ordered.items()
            )
            reasons.append(f"Covered {len(ordered)} of {len(ref.concepts)} key concepts: {found}.")
        wrong = [v for v in verdicts if v.status == CoverageStatus.NAMED_BUT_WRONG]
        for v in wrong:
            reasons.append(f"“{v.concept}”: {v.reason}")
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
            "concept_support": round(support, 3) if support is not None else None,
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
            concepts=verdicts,
        )


def _judge_claims(
    ref: _Reference,
    answer: AnalyzedText,
    located: dict[str, tuple[ConceptMatch, list[int]]],
    features: dict[str, float],
) -> dict[str, claims.Judgement]:
    """The claim check's judgement of every concept that has a definition (claims.judge, claims.decide)."""
    mentions = {name: where for name, (_m, where) in located.items()}
    spans = claims.sentences(answer)
    judgements = {
        name: claims.judge(claim, answer, claims.statements_for(name, mentions, spans, answer.tokens), name in located)
        for name, claim in ref.claims.items()
    }
    claims.decide(list(judgements.values()), features)
    return judgements


def _coverage(
    ref: _Reference,
    answer: AnalyzedText,
    located: dict[str, tuple[ConceptMatch, list[int]]],
    paraphrased: dict[str, ConceptMatch],
    features: dict[str, float],
) -> tuple[dict[str, ConceptMatch], list[ConceptVerdict], float | None]:
    """Which concepts the answer covers, a verdict for each, and the mean support of checked concepts.

    Concepts with a definition are covered only when the claim check finds them stated correctly
    (claims.py); the others when they are named or paraphrased. Support is None when no concept has
    a definition (the semantic score is then left as it is). ``features`` are the answer's semantic
    features (semantic.py).
    """
    judgements = _judge_claims(ref, answer, located, features)
    found: dict[str, ConceptMatch] = {}
    verdicts: list[ConceptVerdict] = []
    credits: list[float] = []
    for prepared in ref.concepts:
        name = prepared.concept.name
        judgement = judgements.get(name)
        if judgement is None:
            match = located[name][0] if name in located else paraphrased.get(name)
            if match is not None:
                found[name] = match
                verdicts.append(ConceptVerdict(name, CoverageStatus.COVERED, match.matched_words, "You named it."))
            else:
                verdicts.append(ConceptVerdict(name, CoverageStatus.MISSING, "", "Not stated."))
            continue
        named = name in located
        verdict = claims.verdict_for(ref.claims[name], answer, named, judgement)
        verdicts.append(verdict)
        if verdict.status == CoverageStatus.COVERED:
            credits.append(1.0)
            if named:
                found[name] = located[name][0]
            else:
                found[name] = ConceptMatch(name, verdict.words, "paraphrase", round(judgement.probability, 3))
        else:
            credits.append(0.5 * judgement.probability / claims.COVERED_AT)
    support = sum(credits) / len(credits) if credits else None
    return found, verdicts, support


@lru_cache(maxsize=1)
def bank_vocabulary() -> frozenset[str]:
    """Stems of the content bank's domain terms: every concept's name and aliases.

    Detail words are left out: many are ordinary words ("last", "each other") that only carry
    meaning next to their concept.
    """
    from ...content import load_content

    bank = load_content()
    return frozenset(
        t.stem
        for topic in bank.topic_names
        for sub in bank.subtopics(topic)
        for concept in sub.concepts
        for term in concept.terms
        for t in content_tokens(term)
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
