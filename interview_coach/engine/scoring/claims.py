"""Claim checks: does what an answer says about a key concept agree with what the concept means?

Naming a concept is not knowing it. For a concept with a definition (every bank concept), the
answer's *statements* about it are compared with the definition and with the concept's common
misconceptions:

- A statement is the clause of a sentence that mentions the concept (split where another key
  concept is mentioned, so "1NF means atomic values, 3NF means encryption" judges each part on its
  own), plus the next sentence when it goes on about it ("It …", "This …"). A concept the answer
  does not name may still be stated in other words: then every sentence is a candidate statement.
- Each statement yields observable features (:data:`FEATURES`): how much of the definition's
  meaning it carries (word alignment with the definition's words other than the concept's name,
  and sentence cosine), whether it uses the concept's detail words ("transitive", "non-key" for
  3NF), how close it comes to the nearest misconception, and negation the definition lacks.
- The statements' features are aggregated (:func:`aggregate`: the strongest evidence of meaning,
  and the misconception and negation features of the statement that carries the most meaning), and
  a logistic model over them (:data:`MODEL`, fitted by ``bench/fit_claims.py`` on the development
  questions of ``bench/data/answers``) gives the probability that the answer states the concept
  correctly. The concept is covered when it reaches :data:`COVERED_AT`; named but not covered is
  "named but wrong", with the reason.

Everything about the concepts is computed once per question (:func:`prepare_claims`, one batched
model call); an answer costs only vector arithmetic on its own model pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .analysis import AnalyzedText, analyze, pooled
from .concepts import PreparedConcept, _find_form, _Form, _WordIndex, prepare_concepts
from .embeddings import EmbeddingBackend
from .text import Token, tokenize
from .types import Concept, ConceptVerdict, CoverageStatus

__all__ = [
    "FEATURES",
    "MODEL",
    "COVERED_AT",
    "ConceptClaim",
    "Statement",
    "prepare_claims",
    "statements_for",
    "judge",
    "verdict_for",
]

FEATURES = (
    "align",  # weighted mean over the definition's words of their best cosine with the statement's words
    "ref_align",  # the same against the reference answer's sentences about the concept
    "detail_soft",  # mean over detail words of their best cosine with the statement's words
    "cosine",  # statement vector vs definition vector, both without the concept's own name
    "details",  # share of the concept's detail words the statement uses
    "any_detail",  # 1 if it uses at least one detail word
    "mis_margin",  # cosine to the definition minus cosine to the nearest misconception
    "mis_align",  # alignment of the nearest misconception's words with the statement
    "contrast_margin",  # cosine to the definition minus cosine to the nearest neighbouring concept's
    "contrast_align",  # alignment with the definition minus alignment with the nearest neighbour's
    "negated",  # 1 if the statement negates and the definition does not
    "named",  # 1 if the answer names the concept
    "length",  # log(1 + content words of the statement)
    # The whole answer (see decide()):
    "answer_cosine",  # the answer's cosine with the reference (semantic.py)
    "answer_alignment",  # the reference's words aligned in the answer (semantic.py)
    "answer_precision",  # the answer's words aligned in the reference: what it adds that the reference lacks
    "answer_mis_align",  # the strongest misconception of any of the question's concepts in the answer
    "answer_mis_margin",  # the weakest definition-over-misconception margin of its concepts
    "answer_ref_align",  # mean alignment with what the reference says about each concept
    "answer_contrast_align",  # the weakest definition-over-neighbour alignment of its concepts
    "named_mis_align",  # named × answer_mis_align: a concept named in an answer that states a misconception
)
# Fitted by bench/fit_claims.py on the development questions of bench/data/answers (it prints the
# numbers to paste here, and the held-out AUC).
MODEL = {
    "intercept": -6.3573,
    "weights": {
        "align": -0.8102,
        "ref_align": 1.1309,
        "detail_soft": 0.1214,
        "cosine": 2.0437,
        "details": -1.2102,
        "any_detail": 0.2211,
        "mis_margin": 0.6862,
        "mis_align": -0.4783,
        "contrast_margin": 0.1686,
        "contrast_align": 1.2773,
        "negated": -0.1666,
        "answer_cosine": 0.2473,
        "answer_alignment": 12.2703,
        "answer_precision": 0.0606,
        "answer_mis_align": 0.1261,
        "answer_mis_margin": 0.8138,
        "answer_ref_align": 2.3262,
        "answer_contrast_align": 1.9108,
        "named_mis_align": -6.3234,
    },
}
# Chosen on the development questions from the sweep bench/fit_claims.py prints: the lowest bar at which
# fewer than 5% of fluent-but-wrong and keyword-salad answers are marked correct (a wrong answer marked
# correct costs a learner more than a right one marked "not yet").
COVERED_AT = 0.5
_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|cannot|without)\b|n't\b", re.IGNORECASE)
_CONTINUES = frozenset("it this that they these its their such".split())
_BOUNDARY = re.compile(r"[.!?;:\n]")


@dataclass(slots=True)
class ConceptClaim:
    """A concept's definition and misconceptions, analysed once per question."""

    concept: Concept
    name_stems: frozenset[str]
    claim_words: np.ndarray  # unit vectors of the definition's content words, the name left out
    claim_weights: np.ndarray  # how distinctive each of those words is (rare in definitions = high)
    claim_vector: np.ndarray | None
    reference_words: np.ndarray  # the reference answer's words in sentences naming the concept
    detail_words: np.ndarray  # one unit vector per detail (its words pooled)
    details: list[_Form]
    misconceptions: list[tuple[np.ndarray | None, np.ndarray]]  # (vector, word vectors), name left out
    contrasts: list[tuple[np.ndarray | None, np.ndarray]]  # neighbouring concepts' definitions, likewise
    definition_negates: bool
    # The word vectors above stacked into one matrix (rows of each group in ``groups``), and the
    # sentence vectors of the misconceptions and contrasts, so an answer costs one product per concept.
    stacked: np.ndarray = None  # type: ignore[assignment]
    groups: list[tuple[str, int, int]] = None  # type: ignore[assignment]
    mis_vectors: np.ndarray = None  # type: ignore[assignment]
    contrast_vectors: np.ndarray = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        parts = [("claim", self.claim_words), ("ref", self.reference_words), ("detail", self.detail_words)]
        parts += [("mis", w) for _v, w in self.misconceptions] + [("contrast", w) for _v, w in self.contrasts]
        self.groups, rows, k = [], [], 0
        for kind, words in parts:
            if len(words):
                self.groups.append((kind, k, k + len(words)))
                rows.append(words)
                k += len(words)
        dim = self.claim_words.shape[1] if self.claim_words.ndim == 2 else 0
        self.stacked = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32)
        self.mis_vectors = _rows([v for v, _w in self.misconceptions], dim)
        self.contrast_vectors = _rows([v for v, _w in self.contrasts], dim)
        # The per-group word vectors now live in ``stacked``: drop the copies (a question's claims are
        # cached per process, so their size is the cache's size).
        empty = np.zeros((0, dim), dtype=np.float32)
        self.misconceptions = [(v, empty) for v, _w in self.misconceptions]
        self.contrasts = [(v, empty) for v, _w in self.contrasts]
        self.reference_words = self.detail_words = empty


def _rows(vectors: list[np.ndarray | None], dim: int) -> np.ndarray:
    kept = [v for v in vectors if v is not None]
    return np.array(kept, dtype=np.float32).reshape(len(kept), dim)


@dataclass(slots=True)
class Statement:
    """Word positions [start, end) of the answer that say something about one concept."""

    start: int
    end: int
    named: bool


def _without(text: AnalyzedText, stems: frozenset[str]) -> np.ndarray:
    return text.content & np.array([t.stem not in stems for t in text.tokens], dtype=bool)


@lru_cache(maxsize=1)
def _definition_frequency() -> tuple[int, dict[str, int]]:
    """How many of the content bank's concept definitions use each stem (for word weights)."""
    from ...content import load_content

    bank = load_content()
    counts: dict[str, int] = {}
    n = 0
    for topic in bank.topic_names:
        for sub in bank.subtopics(topic):
            for concept in sub.concepts:
                n += 1
                for stem in {t.stem for t in tokenize(concept.definition)}:
                    counts[stem] = counts.get(stem, 0) + 1
    return n, counts


def word_weights(tokens: Sequence[Token]) -> np.ndarray:
    """Inverse definition frequency of each word: "transitive" weighs more than "value" or "table"."""
    n, counts = _definition_frequency()
    return np.array([math.log((n + 1) / (1 + counts.get(t.stem, 0))) + 0.1 for t in tokens], dtype=np.float32)


def prepare_claims(
    backend: EmbeddingBackend, concepts: Sequence[PreparedConcept], reference: AnalyzedText | None = None
) -> dict[str, ConceptClaim]:
    """Analyse every concept that has a definition (one model call); name → :class:`ConceptClaim`.

    ``reference`` (the analysed reference answer) adds what it says about each concept.
    """
    with_claims = [c for c in concepts if c.concept.definition]
    texts: list[str] = []
    for c in with_claims:
        texts += [
            c.concept.definition,
            " ; ".join(c.concept.details) or c.concept.name,
            *c.concept.misconceptions,
            *c.concept.contrasts,
        ]
    analysed = iter(analyze(backend, texts)) if texts else iter(())
    mentions: dict[str, list[int]] = {}
    spans: list[tuple[int, int]] = []
    if reference is not None and with_claims:
        from .concepts import locate_lexical

        mentions = {name: where for name, (_m, where) in locate_lexical(list(concepts), reference).items()}
        spans = sentences(reference)
    out = {}
    for c in with_claims:
        stems = frozenset(s for form in c.forms for s in form.stems)
        definition = next(analysed)
        keep = _without(definition, stems)
        if not keep.any():
            keep = definition.content
        details_text = next(analysed)
        detail_words = _detail_vectors(details_text, len(c.concept.details))
        ref_words = np.zeros((0, definition.word_sums.shape[1]), dtype=np.float32)
        if reference is not None:
            rkeep = np.zeros(len(reference.tokens), dtype=bool)
            for st in statements_for(c.concept.name, mentions, spans, reference.tokens):
                if st.named:
                    rkeep[st.start : st.end] = True
            rkeep &= _without(reference, stems)
            ref_words = reference.word_vectors()[rkeep]
        misconceptions, contrasts = [], []
        for target, count in ((misconceptions, len(c.concept.misconceptions)), (contrasts, len(c.concept.contrasts))):
            for _k in range(count):
                other = next(analysed)
                okeep = _without(other, stems)
                target.append((pooled(other, okeep), other.word_vectors()[okeep]))
        details = [f for p in prepare_concepts([Concept(d) for d in c.concept.details]) for f in p.forms]
        out[c.concept.name] = ConceptClaim(
            concept=c.concept,
            name_stems=stems,
            claim_words=definition.word_vectors()[keep],
            claim_weights=word_weights([t for t, k in zip(definition.tokens, keep) if k]),
            claim_vector=pooled(definition, keep),
            reference_words=ref_words,
            detail_words=detail_words,
            details=details,
            misconceptions=misconceptions,
            contrasts=contrasts,
            definition_negates=bool(_NEGATION.search(c.concept.definition)),
        )
    return out


def _detail_vectors(details: AnalyzedText, count: int) -> np.ndarray:
    """One pooled unit vector per detail of the " ; "-joined details text."""
    if not count:
        return np.zeros((0, details.word_sums.shape[1]), dtype=np.float32)
    out, start = [], 0
    for s, e in sentences(details):
        keep = np.zeros(len(details.tokens), dtype=bool)
        keep[s:e] = True
        vec = pooled(details, keep)
        if vec is not None:
            out.append(vec)
        start = e
    return np.array(out, dtype=np.float32).reshape(-1, details.word_sums.shape[1])


def sentences(answer: AnalyzedText) -> list[tuple[int, int]]:
    """Word ranges [start, end) of the answer's sentences (and of its ';'/':'/line-separated parts)."""
    tokens = answer.tokens
    out, start = [], 0
    for i in range(1, len(tokens)):
        if _BOUNDARY.search(answer.text[tokens[i - 1].end : tokens[i].start]):
            out.append((start, i))
            start = i
    if tokens:
        out.append((start, len(tokens)))
    return out


def statements_for(
    name: str, mentions: dict[str, list[int]], spans: list[tuple[int, int]], tokens: list[Token]
) -> list[Statement]:
    """The statements about concept ``name`` (module doc): the clauses that name it, then every sentence.

    Named clauses come first (``named`` True). Every sentence follows as a candidate statement in other
    words, since an answer may name a concept in one sentence and explain it in the next.
    """
    own = mentions.get(name) or []
    others = sorted({p for other, where in mentions.items() if other != name for p in where})
    out = []
    for k, (s, e) in enumerate(spans):
        mine = [p for p in own if s <= p < e]
        if not mine:
            continue
        # Cut the sentence where another concept's mention begins (before or after this one).
        before = [p for p in others if s <= p < mine[0] and p not in own]
        after = [p for p in others if mine[-1] < p < e and p not in own]
        start = max(before) + 1 if before else s
        end = max(min(after) if after else e, mine[-1] + 1)
        out.append(Statement(start, end, True))
        # The next sentence goes on about it when it opens with a pronoun.
        if k + 1 < len(spans):
            ns, ne = spans[k + 1]
            if tokens[ns].lower in _CONTINUES and not any(ns <= p < ne for p in others):
                out.append(Statement(ns, ne, True))
    return out + [Statement(s, e, False) for s, e in spans]


def _group_stats(maxima: np.ndarray, claim: ConceptClaim) -> dict[str, float]:
    """Per group of the stacked rows: the claim's weighted mean, the others' means (best of misconceptions
    and contrasts)."""
    out = {"claim": 0.0, "ref": 0.0, "detail": 0.0, "mis": 0.0, "contrast": 0.0}
    for kind, start, end in claim.groups:
        if kind == "claim":
            value = float((maxima[start:end] * claim.claim_weights).sum() / claim.claim_weights.sum())
        else:
            value = float(maxima[start:end].mean())
        out[kind] = max(out[kind], value) if kind in ("mis", "contrast") else value
    return out


def statement_features(claim: ConceptClaim, answer: AnalyzedText, statements: list[Statement]) -> list[dict[str, float]]:
    """The observable features of each statement about one concept (see :data:`FEATURES`)."""
    keep_all = _without(answer, claim.name_stems)
    vectors = answer.word_vectors()
    sims = claim.stacked @ vectors.T if len(claim.stacked) else np.zeros((0, len(answer.tokens)))
    index = _WordIndex(answer.tokens)
    detail_at = [set(found[2]) for f in claim.details if (found := _find_form(f, index, answer.text))]
    out = []
    for st in statements:
        s, e = st.start, st.end
        cols = np.nonzero(keep_all[s:e])[0] + s
        stats = _group_stats(sims[:, cols].max(axis=1), claim) if len(cols) and len(sims) else _group_stats(
            np.zeros(len(claim.stacked)), claim
        )
        vec = None
        if len(cols) and answer.word_counts[cols].sum() > 0:
            vec = answer.word_sums[cols].sum(axis=0) / answer.word_counts[cols].sum()
            vec = vec / max(float(np.linalg.norm(vec)), 1e-12)
        cosine = float(claim.claim_vector @ vec) if vec is not None and claim.claim_vector is not None else 0.0
        mis_cos = float((claim.mis_vectors @ vec).max()) if vec is not None and len(claim.mis_vectors) else -1.0
        con_cos = float((claim.contrast_vectors @ vec).max()) if vec is not None and len(claim.contrast_vectors) else -1.0
        found = sum(any(s <= p < e for p in where) for where in detail_at)
        text = answer.text[answer.tokens[s].start : answer.tokens[e - 1].end] if e > s else ""
        out.append({
            "align": stats["claim"],
            "ref_align": stats["ref"],
            "detail_soft": stats["detail"],
            "cosine": cosine,
            "details": found / len(claim.details) if claim.details else 0.0,
            "any_detail": float(found > 0),
            "mis_margin": cosine - mis_cos if claim.misconceptions else 0.2,
            "mis_align": stats["mis"],
            "contrast_margin": cosine - con_cos if claim.contrasts else 0.2,
            "contrast_align": stats["claim"] - stats["contrast"] if claim.contrasts else 0.2,
            "negated": float(bool(_NEGATION.search(text)) and not claim.definition_negates),
            "named": float(st.named),
            "length": math.log1p(len(cols)),
        })
    return out


def probability(feats: dict[str, float]) -> float:
    """The fitted model's probability that the statement states the concept correctly."""
    z = MODEL["intercept"] + sum(w * feats[name] for name, w in MODEL["weights"].items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(slots=True)
class Judgement:
    """The best statement about a concept, its features and its probability."""

    statement: Statement | None
    feats: dict[str, float]
    probability: float


_STRONGEST = ("align", "ref_align", "detail_soft", "cosine", "details", "any_detail", "mis_align")


def aggregate(feats: list[dict[str, float]]) -> tuple[int, dict[str, float]]:
    """One feature set for a concept from its statements: the strongest evidence of each kind.

    Evidence of meaning, and of a misconception (:data:`_STRONGEST`), is the strongest over the
    statements; the margins, negation and length are those of the statement that carries the most
    meaning, among those that name the concept if any do (its index is returned too, to quote it).
    """
    # The statements that name the concept are what the answer says about it: quote one of those.
    named = [k for k, f in enumerate(feats) if f["named"]] or list(range(len(feats)))
    best = max(named, key=lambda k: (feats[k]["align"] + feats[k]["ref_align"]))
    out = dict(feats[best])
    for name in _STRONGEST:
        out[name] = max(f[name] for f in feats)
    return best, out


def judge(claim: ConceptClaim, answer: AnalyzedText, statements: list[Statement], named: bool) -> Judgement:
    """The evidence about one concept: the statement that carries most meaning and aggregated features.

    ``named``: whether the answer names the concept anywhere. The probability is filled in by
    :func:`decide`, once every concept of the answer has been judged.
    """
    statements = [st for st in statements if st.end > st.start]
    if not statements:
        return Judgement(None, {}, 0.0)
    feats = statement_features(claim, answer, statements)
    best, combined = aggregate(feats)
    combined["named"] = float(named)
    return Judgement(statements[best], combined, 0.0)


def decide(judgements: list[Judgement], semantic: dict[str, float]) -> None:
    """Set each judgement's probability from its own features and the whole answer's (:data:`ANSWER_FEATURES`).

    Whether a concept is stated correctly also depends on the answer around it: an answer that is far
    from the reference as a whole, or states a known misconception about any of its concepts, rarely
    states the concept it names correctly. ``semantic`` holds the answer's ``cosine`` and
    ``alignment`` with the reference (semantic.py).
    """
    judged = [j for j in judgements if j.feats]
    if not judged:
        return
    context = {
        "answer_cosine": semantic.get("cosine", 0.0),
        "answer_alignment": semantic.get("alignment", 0.0),
        "answer_precision": semantic.get("precision", 0.0),
        "answer_mis_align": max(j.feats["mis_align"] for j in judged),
        "answer_mis_margin": min(j.feats["mis_margin"] for j in judged),
        "answer_ref_align": sum(j.feats["ref_align"] for j in judged) / len(judged),
        "answer_contrast_align": min(j.feats["contrast_align"] for j in judged),
    }
    for j in judged:
        j.feats.update(context)
        j.feats["named_mis_align"] = j.feats["named"] * context["answer_mis_align"]
        j.probability = probability(j.feats)


def quote(answer: AnalyzedText, statement: Statement | None, limit: int = 30) -> str:
    """The statement's words as written (at most ``limit`` words)."""
    if statement is None or statement.end <= statement.start:
        return ""
    end = min(statement.end, statement.start + limit)
    text = answer.text[answer.tokens[statement.start].start : answer.tokens[end - 1].end]
    return text + (" …" if end < statement.end else "")


def verdict_for(claim: ConceptClaim, answer: AnalyzedText, named: bool, judgement: Judgement) -> ConceptVerdict:
    """Covered, named-but-wrong or missing, with the answer's words and a reason a learner can read."""
    name = claim.concept.name
    words = quote(answer, judgement.statement)
    if judgement.probability >= COVERED_AT:
        how = "you stated it" if named else "you stated it in other words"
        return ConceptVerdict(name, CoverageStatus.COVERED, words, f"{how}: “{words}”.")
    meaning = _short(claim.concept.definition)
    if not named:
        return ConceptVerdict(name, CoverageStatus.MISSING, "", f"Not stated. {name}: {meaning}")
    f = judgement.feats
    if f.get("negated"):
        why = f"you named {name} but your sentence negates what it means"
    elif f.get("mis_margin", 1.0) < 0:
        why = f"you named {name} but described something else"
    elif f.get("align", 0.0) < 0.45:
        why = f"you named {name} without saying what it is"
    else:
        why = f"you named {name} but what you said does not match what it means"
    return ConceptVerdict(name, CoverageStatus.NAMED_BUT_WRONG, words, f"{why}; {name}: {meaning}")


def _short(definition: str, limit: int = 160) -> str:
    text = definition.strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"
