#!/usr/bin/env bash
# Installs dependencies, builds RepScope (release preset) and starts the GUI: on the given files,
# or on the built-in demo dataset when none is given.
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-deps.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
exec ./build/release/app/repscope "$@"
