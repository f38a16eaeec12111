#!/usr/bin/env bash
# One command that installs what is missing, builds everything and runs every test (CTest), then
# runs them again under GCC's sanitizers. Stages, in this order:
#   main   build/       the normal build (-Werror), the whole suite
#   asan   build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer + leak check, the whole suite
#   tsan   build-tsan/  ThreadSanitizer, the tests labelled rest or concurrency (Catch tags
#                       [rest] and [concurrency]; tests/CMakeLists.txt turns tags into labels)
#   fuzz   build-fuzz/  scripts/fuzz.sh: replays tests/fuzz/regressions and the seeds, then fuzzes
#                       each target for $ITAKU_FUZZ_SECONDS (default 15) seconds
# Usage: scripts/test.sh [--stage main|asan|tsan|fuzz]... [CTEST_ARGS...]
#   no --stage runs all four (what CI runs, .ci/run); CTEST_ARGS go to every ctest, e.g. -R verify.
# The registry suite runs on SQLite and on PostgreSQL: one throwaway PostgreSQL cluster is started
# on 127.0.0.1 for all stages and removed afterwards (ITAKU_TEST_PG_URL points the tests at it;
# when it is already set, that server is used instead).
set -euo pipefail
cd "$(dirname "$0")/.."

stages=()
ctest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --stage)
      [ $# -ge 2 ] || { echo "test.sh: --stage needs one of main, asan, tsan, fuzz" >&2; exit 2; }
      case "$2" in
        main | asan | tsan | fuzz) stages+=("$2") ;;
        *) echo "test.sh: unknown stage '$2' (main, asan, tsan, fuzz)" >&2; exit 2 ;;
      esac
      shift 2
      ;;
    *) ctest_args+=("$1"); shift ;;
  esac
done
[ ${#stages[@]} -gt 0 ] || stages=(main asan tsan fuzz)

scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)

start_postgresql() {
  if [ -n "${ITAKU_TEST_PG_URL:-}" ]; then
    echo "test.sh: using the PostgreSQL server at $ITAKU_TEST_PG_URL"
    return
  fi
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
}

# Configures and builds a sanitizer build directory: -O1 keeps the programs fast enough to test,
# and -g1 (line tables only) is all a report needs to name functions, files and lines; full -g
# cost a third more compile time per file. No -Werror there: the main stage checks warnings, and
# GCC warns differently with instrumentation (e.g. -Wtsan).
build_sanitized() {
  local dir=$1 sanitizers=$2
  shift 2
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O1" \
    -DITAKU_BUILD_TESTS=ON -DITAKU_BUILD_BENCH=OFF -DITAKU_SANITIZE="$sanitizers" >/dev/null || return
  cmake --build "$dir" -j "$jobs" "$@"
}

# Runs ctest in `dir`. Sanitizer reports go to files in <dir>/sanitizer-logs, as well as failing
# the process: a report from an itaku or itaku-serve that a test started (whose output the test
# may swallow), or from a test program listing its tests during the build, is still shown and
# fails the stage.
run_ctest() {
  local dir=$1
  shift
  local status=0
  rm -f "$dir/Testing/Temporary/LastTestsFailed.log"
  ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$jobs" "$@" ${ctest_args[@]+"${ctest_args[@]}"} ||
    status=$?
  [ "$status" -eq 0 ] || failed_test_dirs+=("$dir")
  local logs=("$dir"/sanitizer-logs/*)
  if [ -e "${logs[0]}" ]; then
    echo "test.sh: sanitizer reports in $dir/sanitizer-logs:" >&2
    for log in "${logs[@]}"; do
      echo "---- $log" >&2
      cat "$log" >&2
    done
    status=1
  fi
  return "$status"
}

sanitizer_log_dir() {
  rm -rf "$1/sanitizer-logs"
  mkdir -p "$1/sanitizer-logs"
  echo "$PWD/$1/sanitizer-logs"
}

suppressions=$PWD/tests/sanitizers

# Each stage returns at its first failing step (`set -e` does not apply inside `if stage_...`).
# --timeout: the slowest test takes about a minute; a hung one fails after 10, not CTest's 25.
stage_main() {
  scripts/build.sh -DITAKU_BUILD_TESTS=ON -DITAKU_WERROR=ON || return
  run_ctest build --timeout 600
}

stage_asan() {
  local logs
  logs=$(sanitizer_log_dir build-asan) || return
  # Leaks are checked when each process exits; halt_on_error stops at the first finding so the
  # failing test names it. The build itself runs the test programs (test discovery), so the
  # options hold for it too.
  local -x ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:check_initialization_order=1:strict_init_order=1:log_path=$logs/asan"
  local -x UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$suppressions/ubsan.supp:log_path=$logs/ubsan"
  local -x LSAN_OPTIONS="suppressions=$suppressions/lsan.supp:print_suppressions=0"
  build_sanitized build-asan address,undefined || return
  # The browser tests (label web) run in the main stage: the server code they reach is what
  # test_rest runs here under the sanitizers, and chromium would double this stage's time.
  run_ctest build-asan --timeout 900 -LE web
}

stage_tsan() {
  local logs
  logs=$(sanitizer_log_dir build-tsan) || return
  local -x TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:suppressions=$suppressions/tsan.supp:print_suppressions=0:log_path=$logs/tsan"
  # Only what the selected tests need: the programs with [rest] or [concurrency] tests and what
  # they run (itaku, itaku-serve and the plugins are their dependencies).
  build_sanitized build-tsan thread --target test_rest test_cli test_core test_registry || return
  run_ctest build-tsan --timeout 900 -L 'rest|concurrency'
}

# A fixed libFuzzer seed: a failure seen in CI can be replayed the same way (scripts/fuzz.sh alone,
# unseeded, explores further).
stage_fuzz() {
  FUZZ_SEED=${FUZZ_SEED:-1} scripts/fuzz.sh "${ITAKU_FUZZ_SECONDS:-15}"
}

start_postgresql
failed=()
failed_test_dirs=()  # run_ctest adds the build directory of each ctest run that failed
for stage in "${stages[@]}"; do
  started=$SECONDS
  echo "test.sh: stage $stage"
  if "stage_$stage"; then
    echo "test.sh: stage $stage passed in $((SECONDS - started)) s"
  else
    echo "test.sh: stage $stage FAILED after $((SECONDS - started)) s" >&2
    failed+=("$stage")
  fi
done
[ ${#failed[@]} -eq 0 ] && exit 0
# Said again at the very end: a CI log is often read from its tail, and the stages after a failed
# one print thousands of lines.
for dir in ${failed_test_dirs[@]+"${failed_test_dirs[@]}"}; do
  if [ -s "$dir/Testing/Temporary/LastTestsFailed.log" ]; then
    echo "test.sh: tests that failed in $dir (their output is above, and in $dir/Testing/Temporary/LastTest.log):" >&2
    sed 's/^/  /' "$dir/Testing/Temporary/LastTestsFailed.log" >&2
  fi
done
echo "test.sh: failed stages: ${failed[*]}" >&2
exit 1
