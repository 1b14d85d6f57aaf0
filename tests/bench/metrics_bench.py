#!/usr/bin/python3
"""Metric benchmark: repscope against numpy/scipy, whole processes, side by side (not a test).

  metrics_bench.py run REPSCOPE BENCH_METRICS [--data DIR] [--out results-metrics.md] [--quick]

Writes the data (float32, seeded: low-rank + noise like activations) under DIR, then times, one
after the other in the same run, each as a whole process (load + compute + write):
  rdm       repscope rdm --measure correlation --out .npy | numpy as rsatoolbox computes it
            (einsum) | numpy with BLAS matmul in float64 and in float32
  cka       repscope compare --metric cka_linear | Kornblith's feature_space_linear_cka (numpy)
  matrix    repscope matrix --metric cka_linear (12 layers) | a numpy loop over the 66 pairs
  spearman  repscope compare --metric rsa_spearman on two stored N x N RDMs |
            scipy.stats.spearmanr of their upper triangles
and runs BENCH_METRICS (compute only, GFLOP/s, GEMM peak) with OpenBLAS and with
REPSCOPE_BLAS=eigen. The Python side runs with OPENBLAS_CORETYPE chosen from the CPU flags
(SkylakeX with avx512f, else Haswell with avx2) so numpy runs at its best; repscope chooses its
own. Each measurement is the median of 3 runs (1 when a run takes over 30 s).
  metrics_bench.py numpy CASE ARGS...   the Python side of one case (used by run)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np


# ---------------------------------------------------------------- the Python side (one case)

def load(spec):
    import h5py
    path, name = spec.split(":", 1)
    with h5py.File(path, "r") as f:
        return f[name][...]


def py_rdm(spec, out, style):
    x = load(spec)
    if style == "matmul64":
        x = x.astype(np.float64)
    ma = x - x.mean(axis=1, keepdims=True)
    ma /= np.sqrt(np.einsum("ij,ij->i", ma, ma))[:, None]
    if style == "rsatoolbox":  # rsatoolbox.rdm.calc._calc_rdm_correlation
        rdm = 1 - np.einsum("ik,jk", ma, ma)
    else:
        rdm = 1 - ma @ ma.T
    np.save(out, rdm.astype(np.float64))  # what repscope's .npy holds


def feature_space_linear_cka(x, y):
    # Kornblith et al.'s reference implementation (CKA colab), debiased=False.
    x = x - np.mean(x, 0, keepdims=True)
    y = y - np.mean(y, 0, keepdims=True)
    dot = np.linalg.norm(x.T.dot(y)) ** 2
    nx = np.linalg.norm(x.T.dot(x))
    ny = np.linalg.norm(y.T.dot(y))
    return dot / (nx * ny)


def py_cka(a, b):
    print(json.dumps({"value": float(feature_space_linear_cka(load(a), load(b)))}))


def py_matrix(path, out):
    import h5py
    with h5py.File(path, "r") as f:
        names = sorted(f["net"].keys())
        layers = [f["net"][n][...] for n in names]
    k = len(layers)
    m = np.eye(k)
    for i in range(k):
        for j in range(i + 1, k):
            m[i, j] = m[j, i] = feature_space_linear_cka(layers[i], layers[j])
    np.savetxt(out, m, delimiter=",")


def py_spearman(a, b):
    import scipy.stats
    ra, rb = load(a), load(b)
    iu = np.triu_indices(ra.shape[0], k=1)
    print(json.dumps({"value": float(scipy.stats.spearmanr(ra[iu], rb[iu]).correlation)}))


# ---------------------------------------------------------------- data

def activations(rng, n, d, rank=32):
    z = rng.standard_normal((n, rank), dtype=np.float32)
    w = rng.standard_normal((rank, d), dtype=np.float32)
    return z @ w / 4 + rng.standard_normal((n, d), dtype=np.float32)


def make(data, n, big, layer_d, layers):
    import h5py
    rng = np.random.default_rng(1)
    labels = np.array([f"s{i}" for i in range(n)], dtype=object)
    str_t = h5py.string_dtype()
    paths = {k: os.path.join(data, k + ".h5") for k in ("big", "layers", "rdm_a", "rdm_b")}
    if not os.path.exists(paths["big"]):
        with h5py.File(paths["big"], "w") as f:
            f.create_dataset("stimuli/labels", data=labels, dtype=str_t)
            f.create_dataset("bench/x", data=activations(rng, n, big))
            f.create_dataset("bench/y", data=activations(rng, n, big))
    if not os.path.exists(paths["layers"]):
        with h5py.File(paths["layers"], "w") as f:
            f.create_dataset("stimuli/labels", data=labels, dtype=str_t)
            base = activations(rng, n, layer_d)
            for i in range(layers):  # a drifting sequence, like layers of one network
                base = 0.8 * base + 0.6 * activations(rng, n, layer_d)
                f.create_dataset(f"net/layer{i + 1:02d}", data=base)
    for key, seed in (("rdm_a", 2), ("rdm_b", 3)):
        if os.path.exists(paths[key]):
            continue
        x = activations(np.random.default_rng(seed), n, 256).astype(np.float64)
        x -= x.mean(axis=1, keepdims=True)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        rdm = np.clip(1 - x @ x.T, 0, None).astype(np.float32)
        rdm = (rdm + rdm.T) / 2
        np.fill_diagonal(rdm, 0)
        with h5py.File(paths[key], "w") as f:
            f.create_dataset("stimuli/labels", data=labels, dtype=str_t)
            f.create_dataset("rdm", data=rdm)
    return paths


# ---------------------------------------------------------------- timing

def timed(cmd, env, repeats=3, long_s=30.0):
    times, stdout = [], ""
    for _ in range(repeats):
        t = time.perf_counter()
        p = subprocess.run(cmd, env=env, capture_output=True, text=True)
        dt = time.perf_counter() - t
        if p.returncode != 0:
            sys.exit(f"metrics_bench: {' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()}")
        times.append(dt)
        stdout = p.stdout
        if dt > long_s:
            break
    return statistics.median(times), stdout


def coretype():
    flags = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                flags = " " + line + " "
                break
    if " avx512f " in flags:
        return "SkylakeX"
    return "Haswell" if " avx2 " in flags else ""


def run(args):
    n, big, layer_d, layers = (2000, 512, 256, 4) if args.quick else (10000, 4096, 1024, 12)
    os.makedirs(args.data, exist_ok=True)
    t = time.perf_counter()
    paths = make(args.data, n, big, layer_d, layers)
    print(f"data ready in {time.perf_counter() - t:.0f} s under {args.data}", file=sys.stderr)
    load_start = os.getloadavg()
    me = [sys.executable, os.path.abspath(__file__), "numpy"]
    py_env = dict(os.environ)
    ct = coretype()
    if ct:
        py_env["OPENBLAS_CORETYPE"] = ct
    rs_env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    out_npy = os.path.join(args.data, "out.npy")
    big_x, big_y = paths["big"] + ":/bench/x", paths["big"] + ":/bench/y"
    rows = []

    def row(case, tool, cmd, env, note=""):
        s, out = timed(cmd, env, repeats=args.repeats)
        value = ""
        if out.strip().startswith("{"):
            doc = json.loads(out)
            v = doc.get("value")
            value = f"{v:.6f}" if isinstance(v, float) else ""
        rows.append((case, tool, s, value, note))
        print(f"{case:10s} {tool:40s} {s:8.2f} s {value}", file=sys.stderr)
        return s

    row("rdm", "repscope rdm", [args.repscope, "rdm", big_x, "--measure", "correlation",
                                "--out", out_npy], rs_env)
    row("rdm", "numpy float64 matmul (syrk)", me + ["rdm", big_x, out_npy, "matmul64"], py_env)
    row("rdm", "numpy float32 matmul (syrk)", me + ["rdm", big_x, out_npy, "matmul32"], py_env,
        "float32 products: see the accuracy note")
    if not args.skip_einsum:
        row("rdm", "numpy as rsatoolbox (einsum)", me + ["rdm", big_x, out_npy, "rsatoolbox"], py_env)
    row("cka", "repscope compare cka_linear", [args.repscope, "compare", big_x, big_y, "--metric",
                                              "cka_linear", "--json"], rs_env)
    row("cka", "numpy feature_space_linear_cka", me + ["cka", big_x, big_y], py_env)
    out_csv = os.path.join(args.data, "matrix.csv")
    row("matrix", f"repscope matrix cka_linear ({layers} layers)",
        [args.repscope, "matrix", paths["layers"], "--metric", "cka_linear", "--out", out_csv],
        rs_env)
    row("matrix", f"numpy loop over {layers * (layers - 1) // 2} pairs",
        me + ["matrix", paths["layers"], out_csv], py_env)
    ra, rb = paths["rdm_a"] + ":/rdm", paths["rdm_b"] + ":/rdm"
    row("spearman", "repscope compare rsa_spearman", [args.repscope, "compare", ra, rb,
                                                      "--metric", "rsa_spearman", "--json"], rs_env)
    row("spearman", "scipy.stats.spearmanr", me + ["spearman", ra, rb], py_env)

    kernels = []
    for backend_env, label in ((rs_env, "OpenBLAS"), (dict(rs_env, REPSCOPE_BLAS="eigen"), "Eigen")):
        cmd = [args.bench] + (["--quick"] if args.quick else [])
        p = subprocess.run(cmd, env=backend_env, capture_output=True, text=True, check=True)
        for line in p.stdout.splitlines():
            kernels.append(json.loads(line))
        print(p.stderr.strip(), file=sys.stderr)
    load_end = os.getloadavg()
    write_report(args, rows, kernels, load_start, load_end, ct, n, big, layer_d, layers, rs_env)


def write_report(args, rows, kernels, load_start, load_end, ct, n, big, layer_d, layers, rs_env):
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next((l.split(":", 1)[1].strip() for l in lscpu.splitlines()
                  if l.startswith("Model name")), "?")
    version = subprocess.run([args.repscope, "--version"], capture_output=True, text=True,
                             env=rs_env).stdout
    lines = [
        "# Metric benchmark results",
        "",
        f"Machine: {model}, {os.cpu_count()} cores; load average {load_start[0]:.2f} at the start, "
        f"{load_end[0]:.2f} at the end. Python side: Debian's numpy {np.__version__} with "
        f"OPENBLAS_CORETYPE={ct or '(unset)'}; repscope: {version.strip().replace(chr(10), '; ')}.",
        f"Data: float32, N = {n}; rdm/cka: D = {big}; matrix: {layers} layers of D = {layer_d}; "
        f"spearman: two stored {n} x {n} RDMs ({n * (n - 1) // 2:,} pairs).",
        "Whole processes (load + compute + write), median of 3 (1 when over 30 s).",
        "",
        "| case | tool | wall s | value |",
        "|---|---|---:|---:|",
    ]
    for case, tool, s, value, note in rows:
        lines.append(f"| {case} | {tool}{' (' + note + ')' if note else ''} | {s:.2f} | {value} |")
    lines += ["", "Compute only (`bench_metrics`), GFLOP/s = useful floating-point operations per "
              "second (RDM: N²·D for the lower triangle; CKA: 4·N·D²; the matrix: "
              "(2·pairs + layers)·N·D²):", "",
              "| case | shape | backend | s | GFLOP/s |", "|---|---|---|---:|---:|"]
    for k in kernels:
        lines.append(f"| {k['case']} | {k['shape']} | {k['backend']} | {k['seconds']:.3f} | "
                     f"{k['gflops']:.1f} |")
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("repscope")
    r.add_argument("bench")
    r.add_argument("--data", default="/var/tmp/repscope-metrics-bench")
    r.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                 "results-metrics.md"))
    r.add_argument("--quick", action="store_true")
    r.add_argument("--repeats", type=int, default=3)
    r.add_argument("--skip-einsum", action="store_true", help="leave out the ~75 s einsum run")
    p = sub.add_parser("numpy")
    p.add_argument("case", choices=["rdm", "cka", "matrix", "spearman"])
    p.add_argument("rest", nargs="*")
    args = ap.parse_args()
    if args.command == "run":
        run(args)
    elif args.case == "rdm":
        py_rdm(*args.rest)
    elif args.case == "cka":
        py_cka(*args.rest)
    elif args.case == "matrix":
        py_matrix(*args.rest)
    else:
        py_spearman(*args.rest)


if __name__ == "__main__":
    main()
