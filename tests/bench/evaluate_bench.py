#!/usr/bin/env python3
"""The peer of bench_evaluate: the same evaluation procedure (alignment.md) in numpy/scipy,
vectorised as a user would write it: rankdata per RDM, the noise ceiling from the subjects'
normalised mean and leave-one-out means, z-scored vectors and one matrix product for the 50 x 20
comparator values, t tests with scipy. Same sizes and kind of data as bench_evaluate (its own
random numbers, so the printed values differ slightly).

usage: OPENBLAS_CORETYPE=Haswell python3 evaluate_bench.py N spearman|pearson
"""
import sys, time, numpy as np, scipy.stats as st
n = int(sys.argv[1]); comp = sys.argv[2]
m = n * (n - 1) // 2
rng = np.random.default_rng(1)
base = rng.random(m)
subj = np.array([base + rng.random(m) for _ in range(20)])
models = np.array([base + 0.1 * (k + 1) * rng.random(m) for k in range(50)])
t0 = time.perf_counter()
c0 = time.process_time()  # all threads (OpenBLAS's too)
def norm(v):
    if comp == "spearman": return st.rankdata(v)
    return (v - v.mean()) / v.std()
def unit(v):
    v = st.rankdata(v) if comp == "spearman" else v
    v = v - v.mean(); return v / np.linalg.norm(v)
ns = np.array([norm(s) for s in subj])
mean_all = ns.mean(0)
u_all = unit(mean_all)
us = np.array([unit(s) for s in subj])
upper = np.mean(us @ u_all)
lower = np.mean([us[k] @ unit(np.delete(ns, k, 0).mean(0)) for k in range(20)])
um = np.array([unit(v) for v in models])
per = um @ us.T
t = [st.ttest_1samp(r, 0, alternative="greater") for r in per]
pairs = [st.ttest_rel(per[i], per[j]) for i in range(50) for j in range(i + 1, 50)]
print(f"numpy/scipy N={n} {comp}: {time.perf_counter() - t0:.3f} s, cpu {time.process_time() - c0:.3f} s (nc {lower:.4f} {upper:.4f}, m0 {per[0].mean():.4f})")
