#!/usr/bin/env bash
# Configures and builds Itaku in ./build (Release with debug info, Ninja). Extra arguments go
# to the CMake configure step, e.g. -DITAKU_BUILD_TESTS=OFF.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j "$jobs"
