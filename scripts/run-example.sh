#!/usr/bin/env bash
# One command for a newcomer on a fresh Debian 12 machine: installs what is missing, builds,
# reviews the bundled example engagements and shows the report. The HTML version is written to
# build/example-report.html for printing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DITAKU_BUILD_TESTS=OFF
as_of=2026-04-01  # the date the example register was written for (examples/README.md)
status=0
./build/bin/itaku review examples/engagements.jsonl --as-of "$as_of" --format md "$@" || status=$?
./build/bin/itaku review examples/engagements.jsonl --as-of "$as_of" --format html --output build/example-report.html \
  2>/dev/null || true
echo
echo "HTML report: build/example-report.html  (itaku exit code $status: 0 all approved, 1 some rejected, 2 invalid input)"
