#!/usr/bin/env bash
# RepScope projection benchmark, repscope vs scikit-learn (not part of the test suite). Usage:
#   tests/bench/run_projection_bench.sh BUILD_DIR_OR_BIN [DATA_DIR]
# BUILD_DIR_OR_BIN: the repscope binary, or a Release build directory (the `repscope` target is
# built there first). DATA_DIR (default: a new directory under /var/tmp) receives the data
# written by projection_bench.py make (digits, 20,000 x 256 clusters, 50,000 x 4,096 float32:
# ~0.85 GB) and the projections; all are deleted at the end unless KEEP_DATA=1.
# For every data set and method it times `repscope project` and the sklearn equivalent as whole
# processes, one after the other in the same run, then computes both tools' trustworthiness with
# sklearn's function, and writes a markdown table to OUT (default tests/bench/results-projections.md).
# Environment:
#   PYTHON     default /usr/bin/python3 (Debian's: numpy, scipy, scikit-learn, h5py)
#   SIZES      data sets to run, default "digits 20k 50k"; SKIP_BIG=1 drops 50k
#   SMALL=1    a smoke test: 2,000 clustered rows instead of 20,000, no 50k set
#   METHODS    default "pca mds tsne umap" (digits, 20k); BIG_METHODS default "pca" (50k)
#   REPEATS    runs per measurement, default 3 (median); a run over LONG_S (default 30) s is
#              not repeated
#   TRUST      auto (default) | sklearn | blocked: how trustworthiness is computed (see
#              projection_bench.py trust)
#   CLUSTERS_N, BIG_N, BIG_D override the data sizes; OUT the results file
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: run_projection_bench.sh BUILD_DIR_OR_BIN [DATA_DIR]}
data=${2:-$(mktemp -d /var/tmp/repscope-projbench.XXXXXX)}
python=${PYTHON:-/usr/bin/python3}
out=${OUT:-$here/results-projections.md}
repeats=${REPEATS:-3}
long_s=${LONG_S:-30}
methods=${METHODS:-pca mds tsne umap}
big_methods=${BIG_METHODS:-pca}
sizes=${SIZES:-digits 20k 50k}
bench=$here/projection_bench.py
mkdir -p "$data"

if [[ -d $target ]]; then
  cmake --build "$target" --target repscope
  repscope=$(find "$target" -name repscope -type f -perm -u+x -print -quit)
else
  repscope=$target
fi
[[ -n $repscope && -x $repscope ]] || { echo "run_projection_bench: no repscope binary at $target" >&2; exit 1; }

# OpenBLAS 0.3.21 (Debian 12) picks generic Haswell kernels on CPUs it does not know (e.g.
# newer AMD EPYC); name the kernels from the CPU flags for the Python side.
# OpenBLAS 0.3.21 (Debian 12) falls back to Haswell kernels on CPUs it does not know (e.g.
# newer AMD EPYC); name the kernels from the CPU flags for the Python side (PY_OPENBLAS_CORETYPE
# overrides; an OPENBLAS_CORETYPE already in the environment is replaced, and reported).
flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
if [[ -n ${PY_OPENBLAS_CORETYPE:-} ]]; then
  coretype=$PY_OPENBLAS_CORETYPE; why="PY_OPENBLAS_CORETYPE"
elif [[ " $flags " == *" avx512f "* ]]; then
  coretype=SkylakeX; why="the CPU has avx512f"
elif [[ " $flags " == *" avx2 "* ]]; then
  coretype=Haswell; why="the CPU has avx2, no avx512f"
else
  coretype=""; why="no avx2: OpenBLAS's own detection"
fi
[[ -n ${OPENBLAS_CORETYPE:-} && ${OPENBLAS_CORETYPE} != "$coretype" ]] &&
  why="$why; replaces OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE from the environment"
pyenv=(env -u OPENBLAS_CORETYPE)
[[ -n $coretype ]] && pyenv+=("OPENBLAS_CORETYPE=$coretype")

results=$(mktemp)
cleanup() {
  rm -f "$results"
  if [[ ${KEEP_DATA:-0} != 1 ]]; then
    rm -f "$data"/*.h5 "$data"/*.h5.part "$data"/proj-*.npy
    rmdir "$data" 2>/dev/null || true
  fi
}
trap cleanup EXIT
log() { echo "[$(date +%T)] $*" >&2; }
load() {
  printf '{"kind": "load", "when": "%s", "loadavg": "%s"}\n' "$1" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results"
}
json_str() { "$python" -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }

umap_note="umap-learn is not installed (Debian 12: apt-get install umap-learn)"
umap_ok=$("${pyenv[@]}" "$python" -c 'import importlib.util as u; print(int(u.find_spec("umap") is not None))')
notes=(
  "The 50k PCA rows: repscope \`--dims 50\` (randomized PCA, 10 oversamples, 6 power iterations) beside sklearn's PCA(n_components=50, svd_solver='randomized'), and sklearn's PCA(n_components=2) for reference."
  "repscope \`project --out\` (as timed here) computes no trustworthiness; with \`--json\` it computes the exact value (k = 10) for N ≤ 20,000. Both tools' trustworthiness in the table is sklearn's, computed outside the timed runs."
  "mds: repscope runs classical (Torgerson) MDS; of a representation with the Euclidean measure it uses the identity with PCA scores (Gower 1966) and never forms the N × N matrix. sklearn.manifold.MDS is SMACOF (iterative metric stress minimisation), a different algorithm, so the Python row is classical MDS written with numpy + scipy eigsh (top-2 eigenpairs of the double-centred squared distances)."
  "t-SNE: both use perplexity 30, 1,000 iterations (250 with exaggeration 12), Barnes-Hut θ = 0.5, PCA initialisation, learning rate 'auto'; sklearn finds the neighbours exactly (NearestNeighbors, n_jobs=None), repscope exactly up to 20,000 stimuli and with hnswlib above. repscope's output kernel has one degree of freedom in 2-D as sklearn's."
  "The 50k PCA(n_components=50) row's trustworthiness is that of its 50-D scores (all 50 axes), so it is not comparable with the 2-D rows."
  "Seeds: repscope --seed 0, sklearn random_state=0 (PCA(n_components=2) on these shapes is exact or randomized per sklearn's 'auto' rule)."
)
[[ $umap_ok == 1 ]] || notes+=("umap: repscope's UMAP is timed; there is no Python row because $umap_note.")
[[ $umap_ok != 1 ]] || notes+=("umap: umap-learn 0.5.3 (Debian 12) with its defaults (n_neighbors=15, min_dist=0.1, 200 epochs above 10,000 stimuli, else 500), random_state=0, against repscope --seed 0. numba compiles umap-learn's kernels in every process (most are not cached), which is most of its time on digits.")
{
  printf '{"kind": "meta", "version": %s, "openblas_coretype": %s, "coretype_why": %s, "repeats": %s, "long_s": %s, "notes": [' \
    "$(json_str "$("$repscope" --version 2>/dev/null || echo repscope)")" "$(json_str "$coretype")" \
    "$(json_str "$why")" "$repeats" "$long_s"
  sep=""
  for n in "${notes[@]}"; do printf '%s%s' "$sep" "$(json_str "$n")"; sep=", "; done
  printf ']}\n'
} >>"$results"
load start

log "writing the data in $data"
mapfile -t sets < <(ONLY="$sizes" "${pyenv[@]}" "$python" "$bench" make "$data")

time_cmd() { "$python" "$bench" time --repeats "$repeats" --long-s "$long_s" -- "$@"; }
load1() { cut -d' ' -f1 /proc/loadavg; }

for line in "${sets[@]}"; do
  IFS=$'\t' read -r name spec label <<<"$line"
  ms=$methods
  [[ $name == 50k ]] && ms=$big_methods
  for m in $ms; do
    rows=()  # JSON objects for this method, trustworthiness filled in below
    coords=()
    rs_npy=$data/proj-$name-$m-repscope.npy
    l1=$(load1)
    log "$label, $m: repscope"
    dims=2
    [[ $m == pca && $name == 50k ]] && dims=50
    res=$(time_cmd "$repscope" project "$spec" --method "$m" --dims "$dims" --seed 0 --out "$rs_npy")
    # repscope prints "wrote the M projection of X to OUT (trustworthiness T)"
    own=$(printf '%s' "$res" | "$python" -c 'import json, re, sys
m = re.search(r"\(trustworthiness ([^)]*)\)\s*$", json.load(sys.stdin).get("stdout", ""))
try: print(json.dumps(float(m.group(1))))
except (AttributeError, ValueError): print("null")')
    tool="repscope project --method $m"
    [[ $m == pca && $name == 50k ]] && tool="repscope project --method pca --dims 50"
    rows+=("{\"kind\": \"run\", \"dataset\": $(json_str "$label"), \"method\": \"$m\", \"tool\": $(json_str "$tool"), \"result\": $res, \"own_trust\": $own, \"load1\": \"$l1\"")
    coords+=("$rs_npy")
    py_methods=$m
    [[ $m == pca && $name == 50k ]] && py_methods="pca50 pca"
    for pm in $py_methods; do
      if [[ $pm == umap && $umap_ok != 1 ]]; then
        rows+=("{\"kind\": \"run\", \"dataset\": $(json_str "$label"), \"method\": \"$m\", \"unavailable\": $(json_str "$umap_note")")
        coords+=("")
        continue
      fi
      sk_npy=$data/proj-$name-$pm-sklearn.npy
      l1=$(load1)
      log "$label, $m: python ($pm)"
      res=$(time_cmd "${pyenv[@]}" "$python" "$bench" sklearn "$pm" "$spec" --out "$sk_npy" --no-trust)
      inner=$(printf '%s' "$res" | "$python" -c 'import json, sys
lines = (json.load(sys.stdin).get("stdout") or "null").splitlines()
try: print(json.dumps(json.loads(lines[-1])))
except ValueError: print("null")')
      rows+=("{\"kind\": \"run\", \"dataset\": $(json_str "$label"), \"method\": \"$m\", \"python\": \"$pm\", \"result\": $res, \"inner\": $inner, \"load1\": \"$l1\"")
      coords+=("$sk_npy")
    done
    # Trustworthiness of every tool's output, by sklearn's function, outside the timed runs.
    present=()
    for c in "${coords[@]}"; do [[ -n $c && -f $c ]] && present+=("$c"); done
    trust="[]"
    if ((${#present[@]})); then
      log "$label, $m: trustworthiness of ${#present[@]} projection(s)"
      trust=$("${pyenv[@]}" "$python" "$bench" trust "$spec" "${present[@]}") ||
        { log "trustworthiness failed"; trust="[]"; }
    fi
    for i in "${!rows[@]}"; do
      t=$(printf '%s' "$trust" | "$python" -c 'import json, sys
want = sys.argv[1]; r = [x for x in json.load(sys.stdin) if x["coords"] == want]
print(json.dumps(r[0]) if r and want else "null")' "${coords[$i]}")
      echo "${rows[$i]}, \"trust\": $t}" >>"$results"
    done
  done
  if [[ ${KEEP_DATA:-0} != 1 ]]; then
    rm -f "${spec%:/*}" "$data"/proj-"$name"-*.npy
  fi
done

load end
"${pyenv[@]}" "$python" "$bench" report "$results" "$out"
log "wrote $out"
