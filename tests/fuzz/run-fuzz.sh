#!/usr/bin/env bash
# Runs the libFuzzer target over the loader for a bounded time and triages what it finds.
#   tests/fuzz/run-fuzz.sh [SECONDS] [REPSCOPE]      (defaults: 180, build/dev/app/repscope)
# 1. Builds preset `fuzz` (clang, ASan + UBSan, core compiled with fuzzer coverage).
# 2. Seeds it with files the tests write (tests/fixtures/make_files.py) and every regression file.
# 3. Fuzzes in fork mode on every core, keeping going after crashes, time-outs and OOMs.
# 4. Triage of each crash / time-out / OOM input:
#    - the regular `repscope info` (with the isolated probe) must give a clean result: an exit
#      code below 128 and, on error, one line — otherwise this script fails;
#    - a crash whose sanitizer report starts in RepScope's own code fails this script, and so
#      does a malloc over libFuzzer's limit asked for by RepScope's code (the target caps the
#      memory budget below that limit); one that starts inside libhdf5 or libmatio is the
#      library's own (contained by the probe) and is only reported (tests/fuzz/triage.sh).
# Inputs worth keeping are copied to $FUZZ_KEEP (default build/fuzz/findings) to be added to
# tests/fuzz/regressions/ by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/fuzz/triage.sh
seconds=${1:-180}
repscope=${2:-build/dev/app/repscope}
keep=${FUZZ_KEEP:-build/fuzz/findings}
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz -j "$(nproc)"
fuzzer=build/fuzz/tests/fuzz/fuzz_loader

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts" "$keep"
for c in native_basic native_users native_rdm native_order_attr rsa_dataset rsa_rdms \
         anndata thingsvision generic_nested with_nan h5ad_bad_codes rsa_bad_descriptors \
         hardlink_cycle float16_layouts escape_names thumbs_overflow dims_overflow \
         chunked_filters chunked_corrupt; do
  /usr/bin/python3 tests/fixtures/make_files.py "$c" "$work/seeds/$c.h5"
done
for c in rdm_set_native rdm_set_condensed rsa_rdms_subjects rsa_runs; do
  /usr/bin/python3 tests/fixtures/make_files.py "$c" "$work/seeds/$c.h5"
done
# Ratings CSV (alignment.md): the target opens every input as .csv too.
/usr/bin/python3 tests/fixtures/make_files.py ratings_similarity "$work/seeds/ratings_similarity.csv"
/usr/bin/python3 tests/fixtures/make_files.py triplets_things "$work/seeds/triplets_things.csv"
# .npy arrays (alignment.md): RDM, RDM set (big-endian, format 2.0), int16 (format 3.0), triplets.
for c in npy_rdm npy_rdm_set npy_rdm_int npy_triplets npy_fortran; do
  /usr/bin/python3 tests/fixtures/make_files.py "$c" "$work/seeds/$c.npy"
done
# MATLAB .mat (alignment.md): v5 plain and compressed (scipy.io.savemat), v7.3 (h5py), struct
# arrays of RDMs; and damaged copies of each: truncated inside a variable, a garbled tag.
for c in mat_v5 mat_v5_compressed mat_v73 mat_subjects; do
  /usr/bin/python3 tests/fixtures/make_files.py "$c" "$work/seeds/$c.mat"
  size=$(stat -c %s "$work/seeds/$c.mat")
  head -c $((size * 2 / 3)) "$work/seeds/$c.mat" > "$work/seeds/$c-cut.mat"
  cp "$work/seeds/$c.mat" "$work/seeds/$c-garbled.mat"
  printf '\xff\xff\xff\x7f' | dd of="$work/seeds/$c-garbled.mat" bs=1 seek=132 conv=notrunc 2> /dev/null
done
cp tests/fuzz/regressions/*.h5 "$work/seeds/" 2> /dev/null || true

export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1:handle_abort=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "fuzz: $(ls "$work/seeds" | wc -l) seeds, ${seconds} s on $(nproc) workers"
"$fuzzer" "$work/corpus" "$work/seeds" -fork="$(nproc)" -ignore_crashes=1 -ignore_timeouts=1 \
  -ignore_ooms=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 \
  -artifact_prefix="$work/artifacts/" > "$work/fuzz.log" 2>&1 || true
grep -E "^#[0-9]+.*(DONE|pulse)|INFO: fuzzed for|stat::" "$work/fuzz.log" | tail -3 || true

ours=0
unclean=0
hdf5=0
ooms=0
hangs=0
total=0
for a in "$work"/artifacts/*; do
  [[ -e "$a" ]] || continue
  total=$((total + 1))
  name=$(basename "$a")
  # The product: the regular executable with its probe must stay clean.
  set +e
  timeout 60 env REPSCOPE_PROBE_TIMEOUT=5 "$repscope" info --json "$a" > /dev/null 2> "$work/err"
  rc=$?
  set -e
  lines=$(wc -l < "$work/err")
  if (( rc >= 124 )) || { (( rc != 0 )) && (( lines != 1 )); }; then
    echo "fuzz: NOT CLEAN: repscope info exits $rc with $lines lines on $name"
    head -3 "$work/err"
    unclean=$((unclean + 1))
    cp "$a" "$keep/unclean-$name.h5"
    continue
  fi
  case "$name" in
    timeout-*|slow-unit-*) hangs=$((hangs + 1)); cp "$a" "$keep/$name.h5"; continue ;;
  esac
  # Whose is it? (triage.sh; its cases are checked by test-triage.sh in the test suite.)
  # OOM inputs are triaged too: the target caps the memory budget at 1 GB, so a malloc over
  # the 2.5 GB limit from RepScope's code is an allocation no budget check saw.
  set +e
  timeout 60 "$fuzzer" -rss_limit_mb=2560 -timeout=10 "$a" > "$work/report" 2>&1
  set -e
  read -r owner what <<< "$(triage_report "$work/report")"
  case "$owner" in
    ours|oom-ours)
      # Kept first; `grep -m` rather than `| head`, whose SIGPIPE ended the script (pipefail)
      # before the input was kept or the rest triaged.
      cp "$a" "$keep/ours-$name.h5"
      echo "fuzz: CRASH IN REPSCOPE on $name ($owner): $what"
      grep -m 12 -E "ERROR:|runtime error:|^ +#[0-9]+ " "$work/report" || true
      ours=$((ours + 1)) ;;
    library) hdf5=$((hdf5 + 1)); cp "$a" "$keep/hdf5-$name.h5" ;;
    oom-library) ooms=$((ooms + 1)); cp "$a" "$keep/hdf5-$name.h5" ;;
    oom) ooms=$((ooms + 1)); cp "$a" "$keep/$name.h5" ;;   # RSS limit: no stack
    hang) hangs=$((hangs + 1)); cp "$a" "$keep/hang-$name.h5"
          echo "fuzz: $name hangs when run alone (the probe's time limit contains it): $what" | cut -c1-240 ;;
    *) echo "fuzz: $name did not crash when run alone"; cp "$a" "$keep/$name.h5" ;;
  esac
done
echo "fuzz: ${total} findings: ${hdf5} crashes inside HDF5 (contained by the probe), ${hangs} time-outs," \
     "${ooms} out-of-memory inside HDF5/libmatio or without a stack, ${ours} crashes in RepScope's code, ${unclean} inputs where repscope info was not clean"
echo "fuzz: findings kept in $keep"
if (( ours > 0 || unclean > 0 )); then exit 1; fi
