#!/usr/bin/env python3
"""Cosine retrieval benchmark (embedding-checks.md): leave-one-out k-NN retrieval + mAP over N
stimuli, relevance = same category.

usage: retrieval_bench.py make FILE.h5 [N] [D]    native file: /emb/x (N x D float32, 100
                                                   category centres + noise), /stimuli/category
       retrieval_bench.py sklearn FILE.h5          h5py load, scikit-learn
                                                   NearestNeighbors(metric='cosine',
                                                   algorithm='brute') over the whole ranking
                                                   (queries in chunks of 500), top-1/top-5 and
                                                   AP with numpy; prints seconds and values

The peer of bench_retrieval (same file, same definitions; ties cannot occur in these data).
"""
import sys
import time

import h5py
import numpy as np


def make(path, n=50000, d=768):
    rng = np.random.default_rng(16)
    centres = rng.normal(size=(100, d)).astype(np.float32)
    codes = rng.integers(0, 100, n)
    x = centres[codes] * 0.35 + rng.normal(size=(n, d)).astype(np.float32)
    with h5py.File(path, "w") as f:
        f.create_dataset("stimuli/category", data=np.array([f"c{c:03d}" for c in codes], dtype=object),
                         dtype=h5py.string_dtype())
        f.create_dataset("emb/x", data=x.astype(np.float32))


def sklearn_run(path):
    from sklearn.neighbors import NearestNeighbors
    t0 = time.perf_counter()
    with h5py.File(path, "r") as f:
        x = f["emb/x"][()]
        labels = f["stimuli/category"][()]
    n = len(x)
    _, codes = np.unique(labels, return_inverse=True)
    nn = NearestNeighbors(metric="cosine", algorithm="brute").fit(x)
    top1 = top5 = 0
    aps = []
    for start in range(0, n, 500):
        _, idx = nn.kneighbors(x[start:start + 500], n_neighbors=n)
        for r, row in enumerate(idx):
            i = start + r
            row = row[row != i]  # leave the query out
            rel = codes[row] == codes[i]
            hits = np.flatnonzero(rel)
            if len(hits) == 0:
                continue
            top1 += hits[0] < 1
            top5 += hits[0] < 5
            aps.append(np.mean(np.arange(1, len(hits) + 1) / (hits + 1)))
    seconds = time.perf_counter() - t0
    print(f"sklearn+numpy N={n} D={x.shape[1]}: {seconds:.1f} s  top1 {top1 / n:.6f} "
          f"top5 {top5 / n:.6f} mAP {np.mean(aps):.6f}")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], *(int(v) for v in sys.argv[3:5]))
    else:
        sklearn_run(sys.argv[2])
