#!/usr/bin/env bash
# Installs dependencies, builds RepScope (dev preset: optimised, warnings as errors) and runs the
# whole test suite. Tests that draw run under Xvfb when there is no display.
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-deps.sh
cmake --preset dev
cmake --build --preset dev -j "$(nproc)"
ctest_cmd=(ctest --preset dev -j "$(nproc)" "$@")
if [[ -z "${DISPLAY:-}" ]]; then
  xvfb-run -a -s "-screen 0 1920x1080x24" "${ctest_cmd[@]}"
else
  "${ctest_cmd[@]}"
fi
