#!/usr/bin/env bash
# One command that installs what is missing, builds everything and runs every test (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DITAKU_BUILD_TESTS=ON -DITAKU_WERROR=ON
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure --no-tests=error -j "$jobs" "$@"
