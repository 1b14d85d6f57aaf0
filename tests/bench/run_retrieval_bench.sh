#!/bin/sh
# Cosine retrieval + mAP, RepScope (bench_retrieval) against scikit-learn + numpy
# (retrieval_bench.py), side by side on the same file; writes tests/bench/results-retrieval.md.
#   tests/bench/run_retrieval_bench.sh BUILD_DIR [DATA_DIR] [N] [D]
# BUILD_DIR: a Release build configured with -DREPSCOPE_BUILD_BENCH=ON (bench_retrieval is built).
set -eu
build=$1
data=${2:-${TMPDIR:-/tmp}}
n=${3:-50000}
d=${4:-768}
here=$(cd "$(dirname "$0")" && pwd)
cmake --build "$build" --target bench_retrieval >/dev/null
file="$data/retrieval_bench_$n.h5"
/usr/bin/python3 "$here/retrieval_bench.py" make "$file" "$n" "$d"
# Debian's OpenBLAS 0.3.21 does not recognise newer CPUs: give numpy the kernels RepScope picks.
if grep -q avx512f /proc/cpuinfo; then core=SkylakeX; elif grep -q avx2 /proc/cpuinfo; then core=Haswell; else core=; fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
ours=$("$build/tests/bench/bench_retrieval" "$file")
theirs=$(OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-$core} /usr/bin/python3 "$here/retrieval_bench.py" sklearn "$file")
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
rm -f "$file"
{
  echo "# Cosine retrieval + mAP (N = $n, D = $d, 100 categories)"
  echo
  echo "    $ours"
  echo "    $theirs"
  echo
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;"
  echo "load average at start $load_start, at end $load_end."
  echo "numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'),"
  echo "scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)'), OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-$core} for numpy."
} > "$here/results-retrieval.md"
cat "$here/results-retrieval.md"
