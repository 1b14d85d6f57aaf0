#!/usr/bin/python3
"""Pair benchmark: one comparison of two stored representations, repscope against numpy/scipy,
whole processes, side by side in one run (not a test).

  pair_bench.py run REPSCOPE BENCH_READ_LAYER [--data DIR] [--out results-pairs.md]
                    [--cases cka,cka_wide,cka_gzip,spearman,read] [--repeats 3] [--quick]

Cases (float32 data, low rank + noise like activations, seeded):
  cka       linear CKA of two 10,000 x 2,048 contiguous datasets:
            repscope compare --metric cka_linear | Kornblith's feature_space_linear_cka (numpy)
  cka_wide  the same for two 16,000 x 4,096 contiguous datasets (16 blocks of rows: the
            block merges' share)
  cka_gzip  the same for 20,000 x 1,024 datasets stored gzip level 4 + shuffle, 256-row chunks
            (h5py's usual choices for compressed activations)
  spearman  Spearman RSA of two stored 6,000 x 6,000 RDMs (float32, one file each):
            repscope compare --metric rsa_spearman | scipy.stats.spearmanr of the upper triangles
  read      reading one 20,000 x 2,048 layer into float32 (contiguous, gzip + shuffle 256-row
            chunks, lzf 256-row chunks; float16 and float32): BENCH_READ_LAYER (readAll of
            the opened file, in-process) | h5py File + ds[...] + .astype(np.float32), in-process;
            their sums must agree
The Python side runs with OPENBLAS_CORETYPE chosen from the CPU flags (SkylakeX with avx512f,
else Haswell with avx2), so numpy runs at its best; repscope chooses its own. Whole-process
cases are the median of --repeats runs, the tools alternating run by run so that both see the
same load. The load average is recorded at the start and the end.
  pair_bench.py py CASE ARGS...   the Python side of one case (used by run)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np


# ---------------------------------------------------------------- the Python side

def load(spec):
    import h5py
    path, name = spec.split(":", 1)
    with h5py.File(path, "r") as f:
        return f[name][...]


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


def py_spearman(a, b):
    import scipy.stats
    ra, rb = load(a), load(b)
    iu = np.triu_indices(ra.shape[0], k=1)
    print(json.dumps({"value": float(scipy.stats.spearmanr(ra[iu], rb[iu]).correlation)}))


def py_read(spec, repeats):
    import h5py
    path, name = spec.split(":", 1)
    times, total = [], 0.0
    for _ in range(int(repeats)):
        t0 = time.perf_counter()
        with h5py.File(path, "r") as f:
            values = f[name][...].astype(np.float32)
        times.append(time.perf_counter() - t0)
        total = float(values.sum(dtype=np.float64))
        del values
    print(json.dumps({"read_median_s": statistics.median(times), "sum": total}))


# ---------------------------------------------------------------- data

def activations(rng, n, d, rank=32):
    z = rng.standard_normal((n, rank), dtype=np.float32)
    w = rng.standard_normal((rank, d), dtype=np.float32)
    return z @ w / 4 + rng.standard_normal((n, d), dtype=np.float32)


def write_pair(path, n, d, seed, **storage):
    import h5py
    if os.path.exists(path):
        return
    rng = np.random.default_rng(seed)
    with h5py.File(path + ".part", "w") as f:
        f.create_dataset("stimuli/labels", data=np.array([f"s{i}" for i in range(n)], dtype=object),
                         dtype=h5py.string_dtype())
        f.create_dataset("bench/x", data=activations(rng, n, d), **storage)
        f.create_dataset("bench/y", data=activations(rng, n, d), **storage)
    os.replace(path + ".part", path)


def write_rdm(path, n, seed):
    import h5py
    if os.path.exists(path):
        return
    x = activations(np.random.default_rng(seed), n, 256).astype(np.float64)
    x -= x.mean(axis=1, keepdims=True)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    rdm = np.clip(1 - x @ x.T, 0, None).astype(np.float32)
    rdm = (rdm + rdm.T) / 2
    np.fill_diagonal(rdm, 0)
    with h5py.File(path + ".part", "w") as f:
        f.create_dataset("stimuli/labels", data=np.array([f"s{i}" for i in range(n)], dtype=object),
                         dtype=h5py.string_dtype())
        f.create_dataset("rdm", data=rdm)
    os.replace(path + ".part", path)


READ_VARIANTS = {
    "contiguous": {},
    "gzip": {"chunks": True, "compression": "gzip", "compression_opts": 4, "shuffle": True},
    "lzf": {"chunks": True, "compression": "lzf"},
}


def write_read_layers(data, n, d):
    import h5py
    paths = {}
    rng = np.random.default_rng(5)
    values = None
    for variant, storage in READ_VARIANTS.items():
        for dtype in ("float16", "float32"):
            path = os.path.join(data, f"read-{variant}-{dtype}.h5")
            paths[(variant, dtype)] = path
            if os.path.exists(path):
                continue
            if values is None:
                values = activations(rng, n, d)
            opts = dict(storage)
            if opts.get("chunks"):
                opts["chunks"] = (256, d)
            with h5py.File(path + ".part", "w") as f:
                f.create_dataset("stimuli/labels",
                                 data=np.array([f"s{i}" for i in range(n)], dtype=object),
                                 dtype=h5py.string_dtype())
                f.create_dataset("bench/x", data=values.astype(dtype), **opts)
            os.replace(path + ".part", path)
    return paths


# ---------------------------------------------------------------- timing

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


def once(cmd, env, cpu=None):
    import resource
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"pair_bench: {' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()}")
    if cpu is not None:
        cpu.append(c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime)
    return dt, p.stdout


def side_by_side(tools, repeats):
    """tools: [(name, cmd, env)]; alternates the tools run by run; median wall s, all wall s,
    last stdout and median CPU s (user + system, all threads)."""
    times = {name: [] for name, _, _ in tools}
    cpu = {name: [] for name, _, _ in tools}
    out = {}
    for _ in range(repeats):
        for name, cmd, env in tools:
            dt, stdout = once(cmd, env, cpu[name])
            times[name].append(dt)
            out[name] = stdout
    return {name: (statistics.median(t), t, out[name], statistics.median(cpu[name]))
            for name, t in times.items()}


def value_of(stdout):
    s = stdout.strip()
    if s.startswith("{"):
        v = json.loads(s.splitlines()[-1]).get("value")
        return v if isinstance(v, float) else None
    return None


def run(args):
    os.makedirs(args.data, exist_ok=True)
    cases = args.cases.split(",")
    q = args.quick
    dims = {"cka": (2000, 512) if q else (10000, 2048), "cka_wide": (3000, 1024) if q else (16000, 4096),
            "cka_gzip": (4000, 256) if q else (20000, 1024),
            "spearman": 1500 if q else 6000, "read": (4000, 512) if q else (20000, 2048)}
    t = time.perf_counter()
    paths = {}
    if "cka" in cases:
        paths["cka"] = os.path.join(args.data, "cka.h5")
        write_pair(paths["cka"], *dims["cka"], seed=1)
    if "cka_wide" in cases:
        paths["cka_wide"] = os.path.join(args.data, "cka-wide.h5")
        write_pair(paths["cka_wide"], *dims["cka_wide"], seed=5)
    if "cka_gzip" in cases:
        paths["cka_gzip"] = os.path.join(args.data, "cka-gzip.h5")
        write_pair(paths["cka_gzip"], *dims["cka_gzip"], seed=2,
                   chunks=(256, dims["cka_gzip"][1]), compression="gzip", compression_opts=4,
                   shuffle=True)
    if "spearman" in cases:
        paths["rdm_a"] = os.path.join(args.data, "rdm-a.h5")
        paths["rdm_b"] = os.path.join(args.data, "rdm-b.h5")
        write_rdm(paths["rdm_a"], dims["spearman"], 3)
        write_rdm(paths["rdm_b"], dims["spearman"], 4)
    read_paths = write_read_layers(args.data, *dims["read"]) if "read" in cases else {}
    print(f"data ready in {time.perf_counter() - t:.0f} s under {args.data}", file=sys.stderr)

    load_start = os.getloadavg()
    me = [sys.executable, os.path.abspath(__file__), "py"]
    py_env = dict(os.environ)
    ct = coretype()
    if ct:
        py_env["OPENBLAS_CORETYPE"] = ct
    rs_env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    rows, reads = [], []

    def pair(case, label, rs_cmd, py_name, py_cmd):
        r = side_by_side([("repscope", rs_cmd, rs_env), (py_name, py_cmd, py_env)], args.repeats)
        (rs, rs_all, rs_out, rs_cpu), (py, py_all, py_out, py_cpu) = r["repscope"], r[py_name]
        rows.append((label, rs, py_name, py, value_of(rs_out), value_of(py_out), rs_all, py_all,
                     rs_cpu, py_cpu))
        print(f"{label}: repscope {rs:.2f} s, {py_name} {py:.2f} s ({py / rs:.2f}x)", file=sys.stderr)

    for case in ("cka", "cka_wide", "cka_gzip"):
        if case not in cases:
            continue
        n, d = dims[case]
        x, y = paths[case] + ":/bench/x", paths[case] + ":/bench/y"
        label = f"linear CKA {n:,} x {d:,}" + (" (gzip 4 + shuffle, 256-row chunks)"
                                                if case == "cka_gzip" else " (contiguous)")
        pair(case, label, [args.repscope, "compare", x, y, "--metric", "cka_linear", "--json"],
             "numpy feature_space_linear_cka", me + ["cka", x, y])
    if "spearman" in cases:
        n = dims["spearman"]
        a, b = paths["rdm_a"] + ":/rdm", paths["rdm_b"] + ":/rdm"
        pair("spearman", f"Spearman RSA of two stored {n:,} x {n:,} RDMs",
             [args.repscope, "compare", a, b, "--metric", "rsa_spearman", "--json"],
             "scipy.stats.spearmanr", me + ["spearman", a, b])
    for (variant, dtype), path in read_paths.items():
        spec = path + ":/bench/x"
        _, rs_out = once([args.bench_read, path, "/bench/x", str(args.repeats)], rs_env)
        _, py_out = once(me + ["read", spec, str(args.repeats)], py_env)
        rs, py = json.loads(rs_out), json.loads(py_out)
        agree = abs(rs["sum"] - py["sum"]) <= 1e-6 * max(1.0, abs(py["sum"])) + 1e-3
        reads.append((variant, dtype, rs["read_median_s"], py["read_median_s"], agree,
                      os.path.getsize(path)))
        print(f"read {variant} {dtype}: repscope {rs['read_median_s']:.3f} s, h5py "
              f"{py['read_median_s']:.3f} s, sums agree: {agree}", file=sys.stderr)
    load_end = os.getloadavg()
    write_report(args, rows, reads, dims, load_start, load_end, ct, rs_env)
    if not args.keep_data:
        for p in list(paths.values()) + list(read_paths.values()):
            os.remove(p)


def write_report(args, rows, reads, dims, load_start, load_end, ct, rs_env):
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next((l.split(":", 1)[1].strip() for l in lscpu.splitlines()
                  if l.startswith("Model name")), "?")
    version = subprocess.run([args.repscope, "--version"], capture_output=True, text=True,
                             env=rs_env).stdout
    fmt = lambda v: "" if v is None else f"{v:.6f}"
    lines = [
        "# Pair benchmark results",
        "",
        f"Machine: {model}, nproc {os.cpu_count()}; load average (1 min) {load_start[0]:.2f} at "
        f"the start, {load_end[0]:.2f} at the end. Python side: numpy {np.__version__} with "
        f"OPENBLAS_CORETYPE={ct or '(unset)'}; {version.strip().replace(chr(10), '; ')}.",
        f"Whole processes (load + compute), tools alternating, median of {args.repeats}; CPU s = "
        "user + system time of all threads (median), less sensitive to other work on the machine.",
        "",
        "| case | RepScope s | peer | peer s | ratio | CPU s RepScope / peer (ratio) | RepScope value | peer value | runs (RepScope / peer) |",
        "|---|---:|---|---:|---:|---|---:|---:|---|",
    ]
    for label, rs, name, py, rv, pv, rs_all, py_all, rs_cpu, py_cpu in rows:
        runs = ", ".join(f"{t:.2f}" for t in rs_all) + " / " + ", ".join(f"{t:.2f}" for t in py_all)
        lines.append(f"| {label} | {rs:.2f} | {name} | {py:.2f} | {py / rs:.2f}x | {rs_cpu:.2f} / "
                     f"{py_cpu:.2f} ({py_cpu / rs_cpu:.2f}x) | {fmt(rv)} | {fmt(pv)} | {runs} |")
    if reads:
        n, d = dims["read"]
        lines += ["", f"Reading one {n:,} x {d:,} layer into float32, in-process times: "
                  "RepScope's bench_read_layer times readAll() of the opened file, h5py File() + "
                  f"ds[...] + astype; median of {args.repeats}; gzip = level 4 + shuffle, lzf, "
                  "chunks of 256 rows:", "",
                  "| storage | stored type | file MB | RepScope s | h5py + numpy s | ratio | sums agree |",
                  "|---|---|---:|---:|---:|---:|---|"]
        for variant, dtype, rs, py, agree, size in reads:
            lines.append(f"| {variant} | {dtype} | {size / 1e6:.0f} | {rs:.3f} | {py:.3f} | "
                         f"{py / rs:.2f}x | {'yes' if agree else 'NO'} |")
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("repscope")
    r.add_argument("bench_read")
    r.add_argument("--data", default="/var/tmp/repscope-pair-bench")
    r.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                 "results-pairs.md"))
    r.add_argument("--cases", default="cka,cka_wide,cka_gzip,spearman,read")
    r.add_argument("--repeats", type=int, default=3)
    r.add_argument("--quick", action="store_true")
    r.add_argument("--keep-data", action="store_true")
    p = sub.add_parser("py")
    p.add_argument("case", choices=["cka", "spearman", "read"])
    p.add_argument("rest", nargs="*")
    args = ap.parse_args()
    if args.command == "run":
        run(args)
    elif args.case == "cka":
        py_cka(*args.rest)
    elif args.case == "spearman":
        py_spearman(*args.rest)
    else:
        py_read(*args.rest)


if __name__ == "__main__":
    main()
