#!/usr/bin/env bash
# Dashboard benchmark: GET /api/v1/dashboard over a registry of N synthetic engagements, the first
# request after a change (the dashboard computed: every visible engagement read and reviewed) and
# the requests after it (answered from the per-version cache), per role; and GET /api/v1/engagements
# with a search text `q` (one page: at most 4,096 engagements read).
#
#   bench/dashboard_bench.sh [--build DIR] [--records N] [--repeat R] [--pg-url URL]
#
# --build DIR     build directory holding bin/itaku, bin/itaku-serve, bin/review_bench (default: build)
# --records N     engagements in the registry (default 10000), made by review_bench --generate
# --repeat R      cold and cached requests timed per role (default 5 and 10×R); medians are reported
# --pg-url URL    PostgreSQL server (default: $ITAKU_TEST_PG_URL); a fresh database
#                 itaku_dashboard_bench_PID is created on it and dropped at the end. Without one,
#                 only SQLite is measured.
#
# A cold request is made by asking for another as_of each time (each date is another cache entry),
# so every cold figure is a full computation on an unchanged registry.
set -euo pipefail

BUILD=build
RECORDS=10000
REPEAT=5
PG_URL="${ITAKU_TEST_PG_URL:-}"

HARNESS_NAME=dashboard_bench
# shellcheck source=scripts/lib/http_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/http_harness.sh"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD="${2:?--build needs a directory}"; shift 2 ;;
    --records) RECORDS="${2:?--records needs a number}"; shift 2 ;;
    --repeat) REPEAT="${2:?--repeat needs a number}"; shift 2 ;;
    --pg-url) PG_URL="${2:?--pg-url needs a URL}"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$RECORDS" =~ ^[1-9][0-9]*$ ]] || die "--records must be a positive number"
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "--repeat must be a positive number"

BIN="$(cd "$BUILD" 2>/dev/null && pwd)/bin" || die "no build directory '$BUILD' (build first, or pass --build DIR)"
ITAKU="$BIN/itaku"
SERVE="$BIN/itaku-serve"
GENERATOR="$BIN/review_bench"
for exe in "$ITAKU" "$SERVE" "$GENERATOR"; do
  [[ -x "$exe" ]] || die "missing $exe: build it (cmake --build $BUILD) or pass --build DIR"
done
need_tool curl curl
need_tool ss iproute2
[[ -z "$PG_URL" ]] || need_tool psql postgresql-client

WORK="$(mktemp -d /tmp/itaku-dashboard-bench.XXXXXX)"
cleanup() {
  stop_all_pids
  pg_drop_database
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$GENERATOR" --generate "$WORK/records.jsonl" "$RECORDS" > /dev/null

# seconds URL TOKEN: the time of one request (curl's time_total), failing unless it is answered 200.
seconds() {
  local out status
  out="$(curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}' --max-time 120 \
         -H "Authorization: Bearer $2" "$1")" || die "GET $1: curl failed"
  status="${out%% *}"
  [[ "$status" == 200 ]] || die "GET $1: HTTP $status: $(head -c 300 "$WORK/answer.json")"
  echo "${out#* }"
}

# median of the numbers on stdin, in milliseconds.
median_ms() {
  sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m * 1000 }'
}

RESULTS="$WORK/results"
: > "$RESULTS"

run_backend() {
  local backend="$1" db="$2"
  local started finished
  started="$(date +%s.%N)"
  "$ITAKU" import "$WORK/records.jsonl" --db "$db" --actor bench > /dev/null
  finished="$(date +%s.%N)"
  echo "$backend: imported $RECORDS records in $(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.1f", b - a }') s" >&2
  local officer procurement owner
  officer="$("$ITAKU" token create --name bench-officer --role officer --db "$db")"
  procurement="$("$ITAKU" token create --name bench-procurement --role procurement --db "$db")"
  owner="$("$ITAKU" token create --name bench-owner --role channel_owner --department 秘書広報課 --db "$db")"

  free_port
  local port="$FREE_PORT" log="$WORK/serve-$backend.log"
  "$SERVE" --db "$db" --listen "http://127.0.0.1:$port" > "$log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait_port itaku-serve "$pid" "$port" "$log"
  local base="http://127.0.0.1:$port/api/v1"

  local role token day cold cached engagements
  for role in officer procurement channel_owner; do
    case "$role" in
      officer) token="$officer" ;;
      procurement) token="$procurement" ;;
      channel_owner) token="$owner" ;;
    esac
    cold="$WORK/cold-$backend-$role"
    cached="$WORK/cached-$backend-$role"
    : > "$cold"
    : > "$cached"
    for i in $(seq 1 "$REPEAT"); do
      day="$(printf '2026-05-%02d' "$i")"
      seconds "$base/dashboard?as_of=$day" "$token" >> "$cold"
      for _ in $(seq 1 10); do seconds "$base/dashboard?as_of=$day" "$token" >> "$cached"; done
    done
    engagements="$(sed -n 's/.*"engagements":\([0-9]*\),"by_decision".*/\1/p' "$WORK/answer.json")"
    echo "$backend|dashboard ($role, $engagements counted)|$(median_ms < "$cold")|$(median_ms < "$cached")" >> "$RESULTS"
  done
  # A search on the first page: one request reads at most 4,096 engagements, reviews the matches.
  : > "$WORK/search-$backend"
  for _ in $(seq 1 "$REPEAT"); do
    seconds "$base/engagements?q=%E9%98%B2%E7%81%BD&limit=100&as_of=2026-05-01" "$officer" >> "$WORK/search-$backend"
  done
  echo "$backend|engagements?q=防災 (first page, officer)|$(median_ms < "$WORK/search-$backend")|" >> "$RESULTS"
  stop_pid "$pid"
  forget_pid "$pid"
}

run_backend sqlite "$WORK/itaku.db"
if [[ -n "$PG_URL" ]]; then
  pg_create_database "$PG_URL" "itaku_dashboard_bench_$$" "$WORK"
  run_backend postgresql "$PG_DB_URL"
fi

echo
echo "GET over $RECORDS engagements, median of $REPEAT cold and $((REPEAT * 10)) cached requests (ms):"
printf '%-12s %-52s %10s %10s\n' backend request cold cached
while IFS='|' read -r backend label cold cached; do
  printf '%-12s %-52s %10s %10s\n' "$backend" "$label" "$cold" "${cached:--}"
done < "$RESULTS"
