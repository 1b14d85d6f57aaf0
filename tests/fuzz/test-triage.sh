#!/usr/bin/env bash
# Checks run-fuzz.sh's triage on sanitizer and libFuzzer reports in triage-samples/, each named
# <expected owner>--<what it is>.txt: real reports of crashes inside HDF5 and libmatio (paths
# shortened), the report CI printed for a malloc-limit OOM inside HDF5 that the first triage
# called RepScope's, and reports in the same format for each way a crash is RepScope's own.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/triage.sh"
failed=0
checked=0
for sample in "$here"/triage-samples/*.txt; do
  name=$(basename "$sample" .txt)
  want=${name%%--*}
  got=$(triage_report "$sample")
  checked=$((checked + 1))
  if [[ "${got%% *}" != "$want" ]]; then
    echo "FAIL $name: triaged as '$got', expected owner '$want'"
    failed=$((failed + 1))
  else
    echo "ok   $name: $got" | cut -c1-160
  fi
done
if (( checked < 10 )); then echo "FAIL only $checked samples found"; exit 1; fi
echo "$checked samples, $failed triaged wrongly"
(( failed == 0 ))
