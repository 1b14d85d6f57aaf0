#!/usr/bin/python3
"""Python side of RepScope's I/O benchmarks (driven by run_io_bench.sh; not a test).

  make-big OUT      ~10 GB native file: 50 float16 representations (5 models x 10 layers) of
                    50,000 x 2,048, with labels and a category column; written in row blocks
                    from a pool of random rows, so memory stays small
  add-thumbnails F  adds /stimuli/thumbnails (N x 32 x 32 x 3 uint8) to a file from make-big
  make-layer OUT    one 50,000 x 4,096 float16 layer at /bench/layer (--variant contiguous |
                    gzip-rows (gzip 4, 64-row chunks) | gzip-auto (gzip 4, h5py's chunk guess))
  time-info F       runs `REPSCOPE info F --json` --runs times; prints JSON with the median
  read-h5py F PATH  h5py ds[...] + numpy .astype(np.float32), median of --repeats; prints JSON
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

import h5py
import numpy as np


def check_disk(path, need_bytes):
    free = shutil.disk_usage(os.path.dirname(os.path.abspath(path))).free
    if free < need_bytes * 1.1 + 2 * 2**30:
        sys.exit(f"io_bench: {path}: needs {need_bytes / 2**30:.1f} GiB, only "
                 f"{free / 2**30:.1f} GiB free")


def write_stimuli(f, n):
    strings = h5py.string_dtype("utf-8")
    f.create_dataset("stimuli/labels", data=[f"stimulus_{i:05d}" for i in range(n)], dtype=strings)
    f.create_dataset("stimuli/category", data=[f"class{i % 10}" for i in range(n)], dtype=strings)


def write_rows(ds, pool, shift, block=4096):
    """Fills ds (N x D) block by block from rows of `pool`, starting at pool row `shift`."""
    n = ds.shape[0]
    for start in range(0, n, block):
        stop = min(n, start + block)
        idx = (np.arange(start, stop) + shift) % pool.shape[0]
        ds[start:stop] = pool[idx]


def relu_pool(rng, rows, d):
    """Random float16 rows that look like post-ReLU activations (about half zeros)."""
    return np.maximum(rng.standard_normal((rows, d), dtype=np.float32), 0).astype(np.float16)


def make_big(args):
    n, d, models, layers = args.n, args.d, args.models, args.layers
    check_disk(args.out, n * d * 2 * models * layers)
    rng = np.random.default_rng(0)
    pool = relu_pool(rng, 8191, d)  # prime length: each layer's rows are a different mix
    tmp = args.out + ".part"
    with h5py.File(tmp, "w") as f:
        write_stimuli(f, n)
        for m in range(models):
            g = f.create_group(f"model{m}")
            for layer in range(layers):
                ds = g.create_dataset(f"layer{layer + 1}", shape=(n, d), dtype=np.float16)
                ds.attrs["order"] = layer
                write_rows(ds, pool, shift=977 * (m * layers + layer))
                print(f"model{m}/layer{layer + 1}", file=sys.stderr, flush=True)
    os.replace(tmp, args.out)


def add_thumbnails(args):
    with h5py.File(args.file, "a") as f:
        n = f["stimuli/labels"].shape[0]
        rng = np.random.default_rng(1)
        if "stimuli/thumbnails" in f:
            del f["stimuli/thumbnails"]
        ds = f.create_dataset("stimuli/thumbnails", shape=(n, 32, 32, 3), dtype=np.uint8)
        for start in range(0, n, 8192):
            stop = min(n, start + 8192)
            ds[start:stop] = rng.integers(0, 256, size=(stop - start, 32, 32, 3), dtype=np.uint8)


def make_layer(args):
    n, d = args.n, args.d
    check_disk(args.out, n * d * 2)
    rng = np.random.default_rng(2)
    pool = relu_pool(rng, 8191, d)
    opts = {"contiguous": {},
            "gzip-rows": {"compression": "gzip", "compression_opts": 4, "chunks": (64, d)},
            "gzip-auto": {"compression": "gzip", "compression_opts": 4, "chunks": True}}
    tmp = args.out + ".part"
    with h5py.File(tmp, "w") as f:
        write_stimuli(f, n)
        ds = f.create_dataset("bench/layer", shape=(n, d), dtype=np.float16, **opts[args.variant])
        write_rows(ds, pool, shift=0)
        chunks = ds.chunks
    os.replace(tmp, args.out)
    print(json.dumps({"variant": args.variant, "chunks": chunks,
                      "bytes": os.path.getsize(args.out)}))


def time_info(args):
    times, cpu, out = [], [], None
    for _ in range(args.runs):
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = subprocess.run([args.repscope, "info", args.file, "--json"], capture_output=True,
                           text=True)
        times.append(time.perf_counter() - t0)
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime)
        if r.returncode != 0:
            sys.exit(f"io_bench: repscope info failed ({r.returncode}): {r.stderr.strip()}")
        out = json.loads(r.stdout)
    print(json.dumps({"median_s": statistics.median(times), "min_s": min(times),
                      "max_s": max(times), "first_s": times[0], "runs": len(times),
                      "cpu_median_s": statistics.median(cpu),
                      "stimuli": out["stimuli"], "layout": out["layout"],
                      "representations": len(out["representations"]),
                      "bytes": os.path.getsize(args.file)}))


def read_h5py(args):
    times, cpu, total, shape = [], [], None, None
    for _ in range(args.repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        with h5py.File(args.file, "r") as f:
            values = f[args.path][...].astype(np.float32)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        total, shape = float(values.sum(dtype=np.float64)), values.shape
        del values
    print(json.dumps({"median_s": statistics.median(times), "times_s": times,
                      "cpu_median_s": statistics.median(cpu), "sum": total,
                      "rows": shape[0], "cols": int(np.prod(shape[1:]))}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("make-big")
    s.add_argument("out")
    s.add_argument("--n", type=int, default=50_000)
    s.add_argument("--d", type=int, default=2_048)
    s.add_argument("--models", type=int, default=5)
    s.add_argument("--layers", type=int, default=10)
    s.set_defaults(func=make_big)
    s = sub.add_parser("add-thumbnails")
    s.add_argument("file")
    s.set_defaults(func=add_thumbnails)
    s = sub.add_parser("make-layer")
    s.add_argument("out")
    s.add_argument("--variant", choices=("contiguous", "gzip-rows", "gzip-auto"),
                   default="contiguous")
    s.add_argument("--n", type=int, default=50_000)
    s.add_argument("--d", type=int, default=4_096)
    s.set_defaults(func=make_layer)
    s = sub.add_parser("time-info")
    s.add_argument("file")
    s.add_argument("--repscope", required=True)
    s.add_argument("--runs", type=int, default=7)
    s.set_defaults(func=time_info)
    s = sub.add_parser("read-h5py")
    s.add_argument("file")
    s.add_argument("path")
    s.add_argument("--repeats", type=int, default=3)
    s.set_defaults(func=read_h5py)
    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
