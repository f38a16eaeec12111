#!/usr/bin/env bash
# One command that installs what is missing, builds everything and runs every test (CTest).
# The registry suite runs on SQLite and on PostgreSQL: a throwaway PostgreSQL cluster is started
# on 127.0.0.1 for the run and removed afterwards (ITAKU_TEST_PG_URL points the tests at it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DITAKU_BUILD_TESTS=ON -DITAKU_WERROR=ON

pg_dir=$(mktemp -d /tmp/itaku-test-pg.XXXXXX)
trap 'scripts/pg-test-cluster.sh stop "$pg_dir"' EXIT
for port in 54329 54339 54349 54359; do
  if ITAKU_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$pg_dir" "$port" 2>"$pg_dir.err"); then
    export ITAKU_TEST_PG_URL
    break
  fi
  scripts/pg-test-cluster.sh stop "$pg_dir"
  mkdir -p "$pg_dir"
done
[ -n "${ITAKU_TEST_PG_URL:-}" ] || {
  echo "test.sh: could not start a PostgreSQL test cluster:" >&2
  cat "$pg_dir.err" >&2
  exit 1
}
rm -f "$pg_dir.err"

jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir build --output-on-failure --no-tests=error -j "$jobs" "$@"
