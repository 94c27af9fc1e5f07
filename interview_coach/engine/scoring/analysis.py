"""One model pass per text: its sentence vector plus a contextual vector for every word.

The scorer needs three views of an answer: the whole answer's meaning (sentence vector), the
meaning of its words (to align them with the reference's words) and of short spans of words
(to find a concept said in other words). All three come from the same forward pass: word
vectors are the mean of the word's word-piece hidden states, and a span's vector is the mean of
its word pieces, exactly how the sentence vector is pooled. Texts longer than the model's
256-token window are cut into chunks of ``CHUNK_WORDS`` words, each run separately.

A backend without ``embed_tokens`` still works: each distinct word is then embedded on its own
(slower, and without context).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .embeddings import EmbeddingBackend
from .text import Token, is_content, tokenize

__all__ = ["AnalyzedText", "analyze", "pooled", "CHUNK_WORDS"]

#: Words per model pass: 150 English words stay well under 256 word pieces.
CHUNK_WORDS = 150


@dataclass(slots=True)
class AnalyzedText:
    """A text's words, their summed piece vectors (``word_sums``) and piece counts, and its vector."""

    text: str
    tokens: list[Token]
    word_sums: np.ndarray  # (n_words, dim): sum of the hidden states of each word's pieces
    word_counts: np.ndarray  # (n_words,): how many pieces each word has (0 if none)
    vector: np.ndarray  # unit sentence vector (mean pooling over all pieces)
    content: np.ndarray  # (n_words,) bool: the word is a content word

    def word_vectors(self) -> np.ndarray:
        """Unit vectors of each word (rows of zeros for words without pieces)."""
        v = self.word_sums / np.clip(self.word_counts, 1, None)[:, None]
        return v / np.clip(np.linalg.norm(v, axis=1, keepdims=True), 1e-12, None)


def pooled(text: AnalyzedText, keep: np.ndarray) -> np.ndarray | None:
    """Unit mean-pooled vector over the pieces of the words where ``keep`` is true; None if none."""
    if not keep.any() or text.word_counts[keep].sum() == 0:
        return None
    v = text.word_sums[keep].sum(axis=0) / text.word_counts[keep].sum()
    return v / max(float(np.linalg.norm(v)), 1e-12)


def _chunks(tokens: list[Token], text: str) -> list[tuple[str, int]]:
    """Cut ``text`` at word boundaries into pieces of CHUNK_WORDS words: (chunk, char offset)."""
    if len(tokens) <= CHUNK_WORDS:
        return [(text, 0)]
    out = []
    for k in range(0, len(tokens), CHUNK_WORDS):
        start = 0 if k == 0 else tokens[k].start
        end = len(text) if k + CHUNK_WORDS >= len(tokens) else tokens[k + CHUNK_WORDS].start
        out.append((text[start:end], start))
    return out


def analyze(
    backend: EmbeddingBackend, texts: Sequence[str], token_lists: Sequence[list[Token]] | None = None
) -> list[AnalyzedText]:
    """Analyse ``texts`` in one batched model call (several calls only for very long texts).

    ``token_lists`` may pass in the texts' words when the caller already has them.
    """
    token_lists = list(token_lists) if token_lists is not None else [tokenize(t) for t in texts]
    dim = backend.dim
    if not hasattr(backend, "embed_tokens"):
        return [_analyze_without_tokens(backend, t, toks) for t, toks in zip(texts, token_lists)]
    jobs: list[tuple[int, str, int]] = []
    for i, (text, toks) in enumerate(zip(texts, token_lists)):
        for chunk, offset in _chunks(toks, text):
            jobs.append((i, chunk, offset))
    chunk_vectors, states = backend.embed_tokens([j[1] for j in jobs])
    sums = [np.zeros((len(t), dim), dtype=np.float32) for t in token_lists]
    counts = [np.zeros(len(t), dtype=np.float32) for t in token_lists]
    totals = [np.zeros(dim, dtype=np.float32) for _ in texts]
    n_pieces = [0] * len(texts)
    for (i, _chunk, offset), st, cvec in zip(jobs, states, chunk_vectors):
        toks = token_lists[i]
        # The sentence vector is the model's own pooled output (it includes [CLS] and [SEP], as
        # sentence-transformers does); chunks of a long text are averaged by their length.
        totals[i] += cvec * (len(st.offsets) + 2)
        n_pieces[i] += len(st.offsets) + 2
        if not st.offsets:
            continue
        starts = np.array([t.start for t in toks], dtype=np.int64)
        ends = np.array([t.end for t in toks], dtype=np.int64)
        piece_starts = np.array([s for s, _e in st.offsets], dtype=np.int64) + offset
        if not len(toks):
            continue
        # The word whose span contains each piece (pieces of punctuation belong to none).
        j = np.searchsorted(starts, piece_starts, side="right") - 1
        valid = (j >= 0) & (piece_starts < ends[np.clip(j, 0, None)])
        np.add.at(sums[i], j[valid], st.vectors[valid])
        np.add.at(counts[i], j[valid], 1)
    out = []
    for i, text in enumerate(texts):
        vec = totals[i] / max(n_pieces[i], 1)
        vec = vec / max(float(np.linalg.norm(vec)), 1e-12)
        content = np.array([is_content(t) for t in token_lists[i]], dtype=bool)
        out.append(AnalyzedText(text, token_lists[i], sums[i], counts[i], vec.astype(np.float32), content))
    return out


def _analyze_without_tokens(backend: EmbeddingBackend, text: str, toks: list[Token]) -> AnalyzedText:
    words = [t.lower for t in toks]
    vectors = backend.embed([text] + words) if text.strip() else np.zeros((1 + len(words), backend.dim))
    content = np.array([is_content(t) for t in toks], dtype=bool)
    sums = np.asarray(vectors[1:], dtype=np.float32).reshape(len(toks), backend.dim)
    return AnalyzedText(
        text, toks, sums, np.ones(len(toks), dtype=np.float32), vectors[0].astype(np.float32), content
    )
