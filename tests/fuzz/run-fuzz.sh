#!/usr/bin/env bash
# Runs the libFuzzer target over the loader for a bounded time and triages what it finds.
#   tests/fuzz/run-fuzz.sh [SECONDS] [REPSCOPE]      (defaults: 180, build/dev/app/repscope)
# 1. Builds preset `fuzz` (clang, ASan + UBSan, core compiled with fuzzer coverage).
# 2. Seeds it with files the tests write (tests/fixtures/make_files.py) and every regression file.
# 3. Fuzzes in fork mode on every core, keeping going after crashes, time-outs and OOMs.
# 4. Triage of each crash / time-out / OOM input:
#    - the regular `repscope info` (with the isolated probe) must give a clean result: an exit
#      code below 128 and, on error, one line — otherwise this script fails;
#    - a crash whose sanitizer report starts in RepScope's own code fails this script; one that
#      starts inside libhdf5 is HDF5's own (contained by the probe) and is only reported.
# Inputs worth keeping are copied to $FUZZ_KEEP (default build/fuzz/findings) to be added to
# tests/fuzz/regressions/ by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
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
    oom-*) cp "$a" "$keep/$name.h5"; continue ;;
  esac
  # Whose is it? For a signal (SEGV, stack overflow, ...) the first frame of the report that is
  # not the sanitizer runtime or libc; for a memory error caught by an interceptor (a buffer
  # overflow inside H5Dread, say) the frame that allocated the buffer: a buffer RepScope sized
  # wrongly is RepScope's bug even when HDF5 writes past it.
  set +e
  timeout 60 "$fuzzer" "$a" > "$work/report" 2>&1
  set -e
  runtime="libclang_rt|compiler-rt|/sanitizer_common/|/asan/|/ubsan/|libc\.so|libc-|sysdeps/|libstdc\+\+|__interceptor|__asan|in (__)?(mem[a-z_0-9]*|str[a-z_0-9]*|operator new|malloc|calloc|realloc|abort|raise|__GI_[a-z_]*) "
  kind=$(grep -oE "ERROR: AddressSanitizer: [a-z-]+|deadly signal" "$work/report" | head -1 || true)
  case "$kind" in
    *SEGV*|*stack-overflow*|*BUS*|*FPE*|*ILL*|*"deadly signal"*|"")
      frame=$(grep -E "^ +#[0-9]+ 0x" "$work/report" | grep -vE "$runtime" | head -1 || true) ;;
    *)
      frame=$(sed -n '/allocated by thread/,$p' "$work/report" | grep -E "^ +#[0-9]+ 0x" \
              | grep -vE "$runtime" | head -1 || true)
      # No allocation stack (memcpy-param-overlap, negative-size-param): where it happened.
      [[ -n "$frame" ]] || frame=$(grep -E "^ +#[0-9]+ 0x" "$work/report" | grep -vE "$runtime" | head -1 || true) ;;
  esac
  # HDF5, libmatio and the compression libraries they call are not ours (and not instrumented).
  if grep -q "runtime error:" "$work/report" ||
     ! grep -qE "libhdf5|libmatio|libz\.so|liblzf|libsz|libaec|libblosc|libzstd|hdf5/serial/plugins" <<< "$frame"; then
    # Kept first; `grep -m` rather than `| head`, whose SIGPIPE ended the script (pipefail)
    # before the input was kept or the rest triaged.
    cp "$a" "$keep/ours-$name.h5"
    echo "fuzz: CRASH IN REPSCOPE on $name (${kind:-?}): ${frame:-no frame}"
    grep -m 12 -E "ERROR:|runtime error:|^ +#[0-9]+ " "$work/report" || true
    ours=$((ours + 1))
  else
    hdf5=$((hdf5 + 1))
    cp "$a" "$keep/hdf5-$name.h5"
  fi
done
echo "fuzz: ${total} findings: ${hdf5} crashes inside HDF5 (contained by the probe), ${hangs} time-outs," \
     "${ours} crashes in RepScope's code, ${unclean} inputs where repscope info was not clean"
echo "fuzz: findings kept in $keep"
if (( ours > 0 || unclean > 0 )); then exit 1; fi
