#!/usr/bin/env bash
# Whose fault is a fuzzer report?  Sourced by run-fuzz.sh; checked by test-triage.sh.
#   triage_report REPORT   prints one line: "<owner> <kind> <frame>", where owner is
#     ours     a crash, a sanitizer error or a UBSan report that starts in RepScope's code
#     library  the same starting inside libhdf5, libmatio or a compression library they call
#     oom-ours / oom-library   libFuzzer's malloc limit, by the frame that asked for the memory
#     oom      libFuzzer's RSS limit: no stack to attribute (the product check decides)
#     hang     libFuzzer's time-out (the product check decides: the probe's time limit)
#     none     no report at all: the input did not crash when run alone
# Which frame: the first one that is neither the sanitizer / fuzzer runtime nor libc / libstdc++
# (for a signal, or a malloc-limit report: where it happened); for a memory error an interceptor
# caught (a buffer overflow inside H5Dread, say) the frame that allocated the buffer — a buffer
# RepScope sized wrongly is RepScope's bug even when HDF5 writes past it.

triage_runtime='libclang_rt|compiler-rt|/sanitizer_common/|/asan/|/ubsan/|libc\.so|libc-|sysdeps/|libstdc\+\+|__interceptor|__asan|__sanitizer|fuzzer::|in (__)?(mem[a-z_0-9]*|str[a-z_0-9]*|operator new|malloc|calloc|realloc|abort|raise|__GI_[a-z_]*)[ (]'
triage_libraries='libhdf5|libmatio|libz\.so|liblzf|libsz|libaec|libblosc|libzstd|hdf5/serial/plugins'

triage_first_frame() {  # the first frame of stdin that is not the runtime's
  grep -E "^ +#[0-9]+ 0x" | grep -vE "$triage_runtime" | head -1 || true
}

triage_report() {
  local report=$1 kind frame owner
  kind=$(grep -oE "ERROR: AddressSanitizer: [A-Za-z-]+|ERROR: libFuzzer: out-of-memory \((malloc|used)|ERROR: libFuzzer: timeout|deadly signal|runtime error" "$report" | head -1 || true)
  if [[ -z "$kind" ]] && ! grep -qE "^ +#[0-9]+ 0x" "$report"; then
    echo "none did-not-reproduce -"; return
  fi
  case "$kind" in
    *"out-of-memory (used"*)
      echo "oom ${kind#ERROR: } -"; return ;;
    *"libFuzzer: timeout"*)
      frame=$(triage_first_frame < "$report")
      echo "hang ${kind#ERROR: } $(sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ +(in )?//; s/ \(BuildId: [0-9a-f]+\)//' <<< "$frame")"
      return ;;
    *SEGV*|*stack-overflow*|*BUS*|*FPE*|*ILL*|*"deadly signal"*|*out-of-memory*|"")
      frame=$(triage_first_frame < "$report") ;;
    *"runtime error"*)
      frame=$(grep -A40 -m1 "runtime error:" "$report" | triage_first_frame) ;;
    *)
      frame=$(sed -n '/allocated by thread/,$p' "$report" | triage_first_frame)
      # No allocation stack (memcpy-param-overlap, negative-size-param): where it happened.
      [[ -n "$frame" ]] || frame=$(triage_first_frame < "$report") ;;
  esac
  frame=$(sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ +(in )?//; s/ \(BuildId: [0-9a-f]+\)//' <<< "$frame")
  # UBSan reports are always ours: HDF5 and libmatio are not instrumented.
  if [[ "$kind" != *"runtime error"* ]] && grep -qE "$triage_libraries" <<< "$frame"; then
    owner=library
  else
    owner=ours
  fi
  [[ "$kind" == *out-of-memory* ]] && owner=oom-$owner
  echo "$owner ${kind#ERROR: } ${frame:-no-frame}"
}
