#!/usr/bin/python3
"""Python side of RepScope's projection benchmark (driven by run_projection_bench.sh; not a test).

  make DIR                  writes the data sets as native-layout HDF5 files repscope reads and
                            prints one line per data set: NAME<TAB>FILE:PATH<TAB>LABEL
                              digits.h5:/digits/pixels       sklearn's digits, 1,797 x 64
                              clusters.h5:/clusters/features 20 Gaussian clusters, 20,000 x 256
                              lowrank.h5:/lowrank/features   rank 64 + noise, 50,000 x 4,096,
                                                             float32, 256-row chunks
                            env SMALL=1: 2,000 clustered rows and no 50k set (a smoke test);
                            SKIP_BIG=1: no 50k set; CLUSTERS_N, BIG_N, BIG_D override the sizes;
                            ONLY="digits 20k 50k" picks data sets. An existing file of the right
                            shape is reused.
  sklearn METHOD FILE:PATH  the whole-process sklearn equivalent of `repscope project`: h5py load,
                            compute, np.save(--out); prints JSON {"seconds", "trustworthiness",
                            ...}. seconds runs from process start (env BENCH_T0, epoch seconds,
                            when the caller sets it) to the end of the write; trustworthiness
                            (k = 10) is computed afterwards, outside it (--no-trust skips it).
                            METHOD: pca (PCA(n_components=2)), pca50 (PCA(n_components=50,
                            svd_solver='randomized')), tsne (TSNE(n_components=2, init='pca',
                            learning_rate='auto', random_state=0)), mds (classical MDS with numpy
                            + scipy eigsh: sklearn has none, its MDS is SMACOF), umap (umap-learn
                            UMAP(n_components=2, random_state=seed), defaults n_neighbors=15,
                            min_dist=0.1; Debian 12's umap-learn 0.5.3)
  trust FILE:PATH C.npy...  trustworthiness (k = 10) of each coordinate file against the data, by
                            sklearn.manifold.trustworthiness; prints JSON. When its N x N
                            matrices would not fit in memory (--how auto), a blocked
                            implementation of the same formula is used instead (float64
                            distances, O(block x N) memory) and the JSON says "how": "blocked".
                            --check computes both and prints the difference.
  time -- CMD...            runs CMD --repeats times (stops after one run over --long-s seconds);
                            prints JSON: median wall time of the whole process, CPU and max RSS
                            per run (os.wait4), the last run's stdout
  report RESULTS OUT        writes the markdown results from the JSON lines of the driver
"""
import time

T_START = time.time()  # before the heavy imports: part of a whole-process time

import argparse  # noqa: E402
import datetime  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

import h5py  # noqa: E402
import numpy as np  # noqa: E402

UMAP_MISSING = "umap-learn is not installed (Debian 12: apt-get install umap-learn)"
STR = h5py.string_dtype("utf-8")
K = 10  # trustworthiness neighbours, as repscope


def env_int(name, default):
    v = os.environ.get(name, "")
    return int(v) if v else default


def split_spec(spec):
    """FILE:PATH, split at the last ':' that is followed by '/' (paths start with '/')."""
    i = spec.rfind(":/")
    if i <= 0:
        sys.exit(f"projection_bench: expected FILE:/path, got {spec!r}")
    return spec[:i], spec[i + 1:]


def load(spec):
    path, ds = split_spec(spec)
    with h5py.File(path, "r") as f:
        x = f[ds][...]
    x = x.reshape(x.shape[0], -1)
    return x if x.dtype in (np.float32, np.float64) else x.astype(np.float32)


# ---------------------------------------------------------------------------------------- make

def write_native(out, group, name, values_or_writer, shape, categories, chunks=None, attrs=None):
    """A native-layout file: /stimuli/{labels,category} and one dataset /<group>/<name>."""
    tmp = out + ".part"
    n = shape[0]
    with h5py.File(tmp, "w") as f:
        f.create_dataset("stimuli/labels", data=[f"s{i:05d}" for i in range(n)], dtype=STR)
        f.create_dataset("stimuli/category", data=list(categories), dtype=STR)
        ds = f.create_dataset(f"{group}/{name}", shape=shape, dtype=np.float32, chunks=chunks)
        for k, v in (attrs or {}).items():
            ds.attrs[k] = v
        if callable(values_or_writer):
            values_or_writer(ds)
        else:
            ds[...] = values_or_writer
    os.replace(tmp, out)


def reusable(out, dataset, shape):
    try:
        with h5py.File(out, "r") as f:
            return f[dataset].shape == tuple(shape)
    except (OSError, KeyError):
        return False


def make_digits(out):
    from sklearn.datasets import load_digits  # bundled with sklearn: no download
    d = load_digits()
    x = d.data.astype(np.float32)
    if not reusable(out, "digits/pixels", x.shape):
        write_native(out, "digits", "pixels", x, x.shape, [str(t) for t in d.target],
                     attrs={"source": "sklearn.datasets.load_digits"})
    return x.shape


def make_clusters(out, n, d=256, clusters=20, seed=1):
    if not reusable(out, "clusters/features", (n, d)):
        rng = np.random.default_rng(seed)
        centres = rng.standard_normal((clusters, d)).astype(np.float32) * 0.6
        sizes = rng.dirichlet(np.full(clusters, 5.0))        # unequal cluster sizes
        label = rng.choice(clusters, size=n, p=sizes)
        scale = rng.uniform(0.5, 1.5, clusters).astype(np.float32)  # and spreads
        x = centres[label] + rng.standard_normal((n, d), dtype=np.float32) * scale[label, None]
        write_native(out, "clusters", "features", x, (n, d),
                     [f"cluster{c:02d}" for c in label],
                     attrs={"generator": f"{clusters} Gaussian clusters, seed {seed}"})
    return (n, d)


def make_lowrank(out, n, d, rank=64, noise=0.3, seed=2, block=2048):
    if not reusable(out, "lowrank/features", (n, d)):
        free = __import__("shutil").disk_usage(os.path.dirname(os.path.abspath(out))).free
        if free < n * d * 4 * 1.1 + 2 * 2**30:
            sys.exit(f"projection_bench: {out}: needs {n * d * 4 / 2**30:.1f} GiB, "
                     f"{free / 2**30:.1f} GiB free")
        rng = np.random.default_rng(seed)
        basis, _ = np.linalg.qr(rng.standard_normal((d, rank)))      # d x rank, orthonormal
        axes = (basis.T * (10.0 / np.sqrt(1.0 + np.arange(rank)))[:, None]).astype(np.float32)
        groups = rng.integers(0, 10, n)

        def fill(ds):
            for start in range(0, n, block):  # one generator, fixed block size: deterministic
                stop = min(n, start + block)
                z = rng.standard_normal((stop - start, rank), dtype=np.float32)
                e = rng.standard_normal((stop - start, d), dtype=np.float32)
                ds[start:stop] = z @ axes + noise * e

        write_native(out, "lowrank", "features", fill, (n, d),
                     [f"group{g}" for g in groups], chunks=(min(256, n), d),
                     attrs={"generator": f"rank {rank} (singular values 10/sqrt(1+k)) + "
                                         f"{noise} x N(0,1) noise, seed {seed}"})
    return (n, d)


def cmd_make(args):
    small = os.environ.get("SMALL", "0") == "1"
    skip_big = small or os.environ.get("SKIP_BIG", "0") == "1"
    only = (os.environ.get("ONLY") or "digits 20k 50k").split()
    clusters_n = env_int("CLUSTERS_N", 2_000 if small else 20_000)
    big_n, big_d = env_int("BIG_N", 50_000), env_int("BIG_D", 4_096)
    os.makedirs(args.dir, exist_ok=True)
    rows = []
    if "digits" in only:
        f = os.path.join(args.dir, "digits.h5")
        n, d = make_digits(f)
        rows.append(("digits", f"{f}:/digits/pixels", f"digits ({n:,}×{d})"))
    if "20k" in only:
        f = os.path.join(args.dir, "clusters.h5")
        n, d = make_clusters(f, clusters_n)
        rows.append(("20k", f"{f}:/clusters/features", f"20 clusters ({n:,}×{d})"))
    if "50k" in only and not skip_big:
        f = os.path.join(args.dir, "lowrank.h5")
        n, d = make_lowrank(f, big_n, big_d)
        rows.append(("50k", f"{f}:/lowrank/features", f"low rank + noise ({n:,}×{d:,})"))
    for r in rows:
        print("\t".join(r), flush=True)


# ------------------------------------------------------------------------------------- sklearn

def classical_mds(x, k=2):
    """Torgerson MDS of Euclidean distances (what repscope's mds does): B = -1/2 J D² J, top-k
    eigenpairs by ARPACK. float64, one N x N matrix, centred in place."""
    from scipy.sparse.linalg import eigsh
    from sklearn.metrics.pairwise import euclidean_distances
    b = euclidean_distances(x.astype(np.float64), squared=True)
    row = b.mean(axis=0)
    b -= row[None, :]
    b -= row[:, None]
    b += row.mean()
    b *= -0.5
    vals, vecs = eigsh(b, k=k, which="LA")
    order = np.argsort(vals)[::-1]
    return vecs[:, order] * np.sqrt(np.maximum(vals[order], 0.0))


def compute(method, x, seed):
    if method in ("pca", "pca50"):
        from sklearn.decomposition import PCA
        model = PCA(n_components=2) if method == "pca" else \
            PCA(n_components=50, svd_solver="randomized", random_state=seed)
        return model.fit_transform(x)
    if method == "tsne":
        from sklearn.manifold import TSNE
        return TSNE(n_components=2, init="pca", learning_rate="auto",
                    random_state=seed).fit_transform(x)
    if method == "mds":
        return classical_mds(x)
    if method == "umap":
        if importlib.util.find_spec("umap") is None:
            sys.exit(f"projection_bench: {UMAP_MISSING}")
        import umap
        return umap.UMAP(n_components=2, random_state=seed).fit_transform(x)
    sys.exit(f"projection_bench: unknown method {method!r}")


TOOLS = {"pca": "sklearn PCA(n_components=2)",
         "pca50": "sklearn PCA(n_components=50, svd_solver='randomized')",
         "tsne": "sklearn TSNE(init='pca', learning_rate='auto')",
         "mds": "numpy + scipy eigsh, classical MDS (sklearn has none)",
         "umap": "umap-learn UMAP(n_components=2)"}


def preimport(method):
    """Imports the method's modules up front, so that "startup_s" holds the import time."""
    names = {"pca": ["sklearn.decomposition"], "pca50": ["sklearn.decomposition"],
             "tsne": ["sklearn.manifold"], "mds": ["scipy.sparse.linalg", "sklearn.metrics"],
             "umap": ["umap"]}
    for name in names.get(method, []):
        if importlib.util.find_spec(name.split(".")[0]) is not None:
            __import__(name)


def cmd_sklearn(args):
    t0 = float(os.environ.get("BENCH_T0") or T_START)
    preimport(args.method)
    t_load = time.time()
    x = load(args.spec)
    t_compute = time.time()
    y = compute(args.method, x, args.seed)
    t_write = time.time()
    if args.out:
        np.save(args.out, y)
    t_end = time.time()
    result = {"method": args.method, "tool": TOOLS[args.method], "n": x.shape[0],
              "d": x.shape[1], "components": y.shape[1], "seconds": t_end - t0,
              "startup_s": t_load - t0, "load_s": t_compute - t_load,
              "compute_s": t_write - t_compute, "write_s": t_end - t_write,
              "trustworthiness": None}
    if not args.no_trust:
        result.update(trust_many(x, [y], args.how)[0])
    print(json.dumps(result))


# --------------------------------------------------------------------------------------- trust

def sklearn_trust_bytes(n, itemsize):
    # dist_X (n x n, X's dtype), argsort indices and inverted_index (n x n int64 each)
    return n * n * (itemsize + 16)


def mem_available():
    for line in open("/proc/meminfo"):
        if line.startswith("MemAvailable"):
            return int(line.split()[1]) * 1024
    return 0


def trust_sklearn(x, y):
    from sklearn.manifold import trustworthiness
    return float(trustworthiness(x, y, n_neighbors=K))


def trust_blocked(x, ys, block_elems=2**26):
    """sklearn's formula, t = 1 - 2/(n k (2n - 3k - 1)) sum_i sum_{j in kNN_Y(i)} max(0, r(i, j)
    - k), with r(i, j) the rank of j among i's neighbours in x (1 = nearest, self excluded),
    computed a block of rows at a time; several embeddings share one pass over x."""
    from sklearn.neighbors import NearestNeighbors
    n = x.shape[0]
    xd = x.astype(np.float64)
    sq = np.einsum("ij,ij->i", xd, xd)
    neigh = [NearestNeighbors(n_neighbors=K).fit(y).kneighbors(return_distance=False)
             for y in ys]
    totals = [0.0] * len(ys)
    block = max(1, min(n, block_elems // n))
    for r0 in range(0, n, block):
        r1 = min(n, r0 + block)
        dist = xd[r0:r1] @ xd.T
        dist *= -2.0
        dist += sq[r0:r1, None]
        dist += sq[None, :]
        rows = np.arange(r1 - r0)
        dist[rows, rows + r0] = np.inf
        for e, nb in enumerate(neigh):
            dij = dist[rows[:, None], nb[r0:r1]]                      # block x k
            for c in range(K):
                rank = np.count_nonzero(dist < dij[:, c:c + 1], axis=1) + 1
                totals[e] += float(np.maximum(rank - K, 0).sum())
    return [1.0 - t * (2.0 / (n * K * (2.0 * n - 3.0 * K - 1.0))) for t in totals]


def trust_many(x, ys, how="auto"):
    if how == "auto":
        need = sklearn_trust_bytes(x.shape[0], x.dtype.itemsize)
        how = "sklearn" if need <= 0.6 * mem_available() else "blocked"
    t0 = time.perf_counter()
    if how == "sklearn":
        values = []
        for y in ys:
            t1 = time.perf_counter()
            values.append((trust_sklearn(x, y), time.perf_counter() - t1))
    else:
        values = [(v, None) for v in trust_blocked(x, ys)]
    total = time.perf_counter() - t0
    return [{"trustworthiness": v, "trust_how": how,
             "trust_s": s if s is not None else total} for v, s in values]


def cmd_trust(args):
    x = load(args.spec)
    ys = [np.load(c) for c in args.coords]
    for c, y in zip(args.coords, ys):
        if y.shape[0] != x.shape[0]:
            sys.exit(f"projection_bench: {c} has {y.shape[0]} rows, the data {x.shape[0]}")
    if args.check:
        a = trust_many(x, ys, "sklearn")
        b = trust_many(x, ys, "blocked")
        out = [{"coords": c, "sklearn": p["trustworthiness"], "blocked": q["trustworthiness"],
                "difference": abs(p["trustworthiness"] - q["trustworthiness"])}
               for c, p, q in zip(args.coords, a, b)]
    else:
        out = [dict(coords=c, **r) for c, r in zip(args.coords, trust_many(x, ys, args.how))]
    print(json.dumps(out))


# ---------------------------------------------------------------------------------------- time

def cmd_time(args):
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    if not cmd:
        sys.exit("projection_bench time: no command")
    runs = []
    for _ in range(max(1, args.repeats)):
        env = dict(os.environ)
        t0 = time.perf_counter()
        env["BENCH_T0"] = repr(time.time())
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
            _, status, usage = os.wait4(p.pid, 0)  # this child's own CPU time and peak RSS
            wall = time.perf_counter() - t0
            p.returncode = rc = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
        if rc != 0:
            sys.stderr.write(stderr)
            print(json.dumps({"error": f"exit {rc}", "stderr": stderr.strip()[-500:], "cmd": cmd}))
            return
        runs.append({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                     "max_rss_mb": usage.ru_maxrss / 1024, "stdout": stdout.strip()[-2000:]})
        if wall > args.long_s:
            break
    walls = [r["wall_s"] for r in runs]
    cpus = [r["cpu_s"] for r in runs]
    print(json.dumps({"median_s": statistics.median(walls), "times_s": walls, "runs": len(runs),
                      "cpu_median_s": statistics.median(cpus),
                      "max_rss_mb": max(r["max_rss_mb"] for r in runs),
                      "stdout": runs[-1]["stdout"]}))


# -------------------------------------------------------------------------------------- report

def fmt_s(v):
    return "—" if v is None else (f"{v:.2f}" if v < 10 else f"{v:.1f}")


def fmt_t(v):
    return "—" if v is None else f"{v:.4f}"


def cmd_report(args):
    rows = [json.loads(line) for line in open(args.results) if line.strip()]
    meta = next((r for r in rows if r["kind"] == "meta"), {})
    loads = [r["loadavg"] for r in rows if r["kind"] == "load"]
    lscpu = dict(line.split(":", 1) for line in subprocess.run(
        ["lscpu"], capture_output=True, text=True).stdout.splitlines() if ":" in line)
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    commit = subprocess.run(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse",
                             "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    import scipy
    import sklearn
    try:
        from threadpoolctl import threadpool_info
        blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    except ImportError:
        blas = []
    blas_text = ", ".join(f"{b.get('internal_api')} {b.get('version')} "
                          f"({b.get('architecture')} kernels, {b.get('num_threads')} threads)"
                          for b in blas) or "unknown"
    md = ["# RepScope projection benchmark", "",
          f"Generated by `tests/bench/run_projection_bench.sh` on {datetime.date.today()} "
          f"(commit {commit or '?'}, {meta.get('version') or 'repscope'}).", "",
          f"- Machine: {lscpu.get('Model name', '?').strip()}, `nproc` = {os.cpu_count()}, "
          f"{mem / 2**20:.0f} GiB RAM, {platform.system()} {platform.release()}",
          f"- Load average (1, 5, 15 min) at start: {loads[0] if loads else '?'}; at end: "
          f"{loads[-1] if len(loads) > 1 else '?'} (other work on the machine skews timings).",
          f"- Python side: Python {platform.python_version()}, numpy {np.__version__}, scipy "
          f"{scipy.__version__}, scikit-learn {sklearn.__version__}, h5py {h5py.__version__}; "
          f"BLAS {blas_text}; `OPENBLAS_CORETYPE={meta.get('openblas_coretype') or '(unset)'}` "
          f"({meta.get('coretype_why', '')}).",
          "- Wall time of the whole process (start, HDF5 load, projection, writing the .npy, "
          "exit), median of "
          f"{meta.get('repeats', 3)} run(s), one run when the first took over "
          f"{meta.get('long_s', 30)} s; repscope: `repscope project FILE:PATH --method M --seed 0 "
          "--out OUT.npy`; Python: `projection_bench.py sklearn M FILE:PATH --out OUT.npy "
          "--no-trust`.",
          f"- Trustworthiness: sklearn.manifold.trustworthiness(X, Y, n_neighbors={K}) on each "
          "tool's written coordinates, computed outside the timed runs. † marks values computed "
          "by `projection_bench.py`'s blocked implementation of the same formula, used when "
          "sklearn's function (three N × N matrices) would not fit in memory, or with "
          "TRUST=blocked; the two agree to rounding, up to how ties among input distances are "
          "ranked.",
          ""]
    md += ["| dataset | method | tool | wall s | trustworthiness |", "|---|---|---|---:|---:|"]
    notes = []
    details = []
    for r in (r for r in rows if r["kind"] == "run"):
        if "python" in r:
            r["tool"] = TOOLS.get(r["python"], r["python"])
        res = r.get("result") or {}
        if r.get("unavailable"):
            md.append(f"| {r['dataset']} | {r['method']} | {r['unavailable']} | — | — |")
            continue
        if "error" in res:
            md.append(f"| {r['dataset']} | {r['method']} | {r['tool']} | failed: "
                      f"{res['error']} | — |")
            err = (res.get("stderr") or "").strip().splitlines()
            notes.append(f"{r['dataset']}, {r['method']}, {r['tool']} failed: "
                         f"{err[-1] if err else res['error']}")
            continue
        tr = r.get("trust") or {}
        mark = " †" if tr.get("trust_how") == "blocked" else ""
        md.append(f"| {r['dataset']} | {r['method']} | {r['tool']} | {fmt_s(res['median_s'])} "
                  f"| {fmt_t(tr.get('trustworthiness'))}{mark} |")
        own = ""
        if r["tool"].startswith("repscope"):
            own = fmt_t(r.get("own_trust"))
        inner = r.get("inner") or {}
        details.append(
            f"| {r['dataset']} | {r['method']} | {r['tool']} | "
            f"{', '.join(fmt_s(t) for t in res['times_s'])} | {fmt_s(res.get('cpu_median_s'))} | "
            f"{res.get('max_rss_mb', 0):,.0f} | "
            + (f"{fmt_s(inner.get('startup_s'))} / {fmt_s(inner.get('load_s'))} / "
               f"{fmt_s(inner.get('compute_s'))}" if inner else "—")
            + f" | {own or '—'} | {fmt_s(tr.get('trust_s'))}{mark} | {r.get('load1', '?')} |")
    md += ["", "Notes:", ""]
    md += [f"- {n}" for n in meta.get("notes", [])]
    md += [f"- {n}" for n in notes]
    md += ["", "## Details", "",
           "Per-run wall times; CPU time (user + system, all threads) and peak RSS of the "
           "process; for the Python side the in-process split (interpreter start + imports / "
           "h5py load / compute); repscope's own trustworthiness as the CLI prints it (also "
           "k = 10, computed inside its timed run); the time sklearn's trustworthiness took "
           "(not in any wall time); the 1-minute load average before the runs.", "",
           "| dataset | method | tool | runs (s) | CPU s | max RSS MB | start / load / compute s "
           "| repscope's own trustworthiness | trustworthiness s | load1 |",
           "|---|---|---|---|---:|---:|---|---:|---:|---:|"]
    md += details
    md.append("")
    open(args.out, "w").write("\n".join(md))
    print("\n".join(md))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd_name", required=True)
    s = sub.add_parser("make")
    s.add_argument("dir")
    s.set_defaults(func=cmd_make)
    s = sub.add_parser("sklearn")
    s.add_argument("method", choices=sorted(TOOLS))
    s.add_argument("spec")
    s.add_argument("--out")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--no-trust", action="store_true")
    s.add_argument("--how", choices=("auto", "sklearn", "blocked"), default="auto")
    s.set_defaults(func=cmd_sklearn)
    s = sub.add_parser("trust")
    s.add_argument("spec")
    s.add_argument("coords", nargs="+")
    s.add_argument("--how", choices=("auto", "sklearn", "blocked"),
                   default=os.environ.get("TRUST") or "auto")
    s.add_argument("--check", action="store_true")
    s.set_defaults(func=cmd_trust)
    s = sub.add_parser("time")
    s.add_argument("--repeats", type=int, default=3)
    s.add_argument("--long-s", type=float, default=30.0)
    s.add_argument("cmd", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_time)
    s = sub.add_parser("report")
    s.add_argument("results")
    s.add_argument("out")
    s.set_defaults(func=cmd_report)
    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
