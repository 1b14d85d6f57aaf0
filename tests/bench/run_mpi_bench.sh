#!/bin/sh
# repscope-mpi matrix: 1 rank vs 2 ranks with one thread each, and 1 rank with 2 threads for
# reference, on one file of K layers (N stimuli, D features); prints a markdown table of wall
# time, per-rank pairs/seconds, read and sent bytes and peak memory (VmHWM), next to the
# formulas in the README ("On a cluster"). Not part of the test suite.
#   tests/bench/run_mpi_bench.sh BUILD_DIR [DATA_DIR] [K] [N] [D] [METRIC]
# BUILD_DIR: a Release build where MPI was found (repscope-mpi is built).
set -eu
build=$1
data=${2:-${TMPDIR:-/tmp}}
k=${3:-24}
n=${4:-4000}
d=${5:-512}
metric=${6:-cka_linear}
here=$(cd "$(dirname "$0")" && pwd)
cmake --build "$build" --target repscope-mpi >/dev/null
file="$data/mpi_bench_${k}_${n}_${d}.h5"
/usr/bin/python3 - "$file" "$k" "$n" "$d" <<'PY'
import sys
import h5py
import numpy as np
path, k, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(0)
base = rng.standard_normal((n, 64)).astype(np.float32)
with h5py.File(path, "w") as f:
    f.create_dataset("stimuli/labels", data=np.array([f"s{i}" for i in range(n)], dtype=object),
                     dtype=h5py.string_dtype())
    for i in range(k):
        x = base @ rng.standard_normal((64, d)).astype(np.float32)
        f[f"zoo/layer{i:03d}"] = x + rng.standard_normal((n, d)).astype(np.float32)
PY
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OPENBLAS_NUM_THREADS=1
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
run() {  # ranks threads
  start=$(date +%s.%N)
  OMP_NUM_THREADS=$2 mpirun --oversubscribe --bind-to none -n "$1" "$build/app/mpi/repscope-mpi" \
    matrix "$file" --metric "$metric" --tile-size 4 --json >"$data/mpi_bench_$1x$2.json"
  end=$(date +%s.%N)
  /usr/bin/python3 - "$data/mpi_bench_$1x$2.json" "$1" "$2" "$start" "$end" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
ranks, threads, wall = sys.argv[2], sys.argv[3], float(sys.argv[5]) - float(sys.argv[4])
per = "; ".join(f"r{r['rank']}: {r['pairs']} pairs {r['seconds']:.1f} s ({r['cpu_seconds']:.1f} CPU s), "
                f"{r['prepared']} layers read "
                f"({r['read_bytes'] / 2**20:.0f} MiB), sent {r['sent_bytes'] / 1024:.1f} KiB, "
                f"VmHWM {r['peak_rss_bytes'] / 2**20:.0f} MiB" for r in o["ranks"])
print(f"| {ranks} | {threads} | {wall:.1f} | {per} |")
PY
}
echo "K = $k layers, N = $n, D = $d, $metric, tile size 4; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "| ranks | threads a rank | wall s | per rank |"
echo "|---|---|---|---|"
run 1 1
run 2 1
run 1 2
/usr/bin/python3 - "$data/mpi_bench_1x1.json" "$data/mpi_bench_2x1.json" "$data/mpi_bench_1x2.json" <<'PY'
import json, sys
v = [json.load(open(p))["values"] for p in sys.argv[1:]]
diff = max(abs(a - b) for m in v[1:] for ra, rb in zip(v[0], m) for a, b in zip(ra, rb)
           if a is not None and b is not None)
print(f"\nlargest difference between the runs' values: {diff:.2e}")
PY
echo "load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$file" "$data"/mpi_bench_*.json
