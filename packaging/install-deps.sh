#!/usr/bin/env bash
# Installs every Debian 12 package that RepScope's build, tests and benchmarks need.
# Idempotent: when everything is present it only runs dpkg-query and exits (well under a second).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git dpkg-dev file desktop-file-utils appstream
  # libraries
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-svg-dev libgl-dev
  libvtk9-dev libeigen3-dev libhdf5-dev libhnswlib-dev libspectra-dev liblzf-dev
  libopenblas-dev libopenblas0-pthread
  # inflate for the parallel chunk reader (core/src/io/chunk_filters.cpp)
  libdeflate-dev
  # MATLAB .mat inputs (v4, v5, v7.3)
  libmatio-dev
  # repscope-mpi (app/mpi, tests/mpi): layer matrices across MPI ranks
  libopenmpi-dev openmpi-bin
  # HDF5 filter plugins that users' files need (lzf from h5py, blosc/lz4/bitshuffle/zstd)
  hdf5-plugin-lzf hdf5-filter-plugin hdf5-filter-plugin-blosc-serial
  # display for tests that draw, and pictures
  xvfb xauth libgl1-mesa-dri mesa-utils imagemagick poppler-utils
  # the libFuzzer target over the loader (tests/fuzz, preset fuzz)
  clang libclang-rt-14-dev libomp-14-dev
  # Python peers for tests that write files the way users do, and for benchmarks
  python3 python3-numpy python3-h5py python3-anndata python3-torch python3-scipy python3-sklearn
  umap-learn
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
