#!/usr/bin/env bash
# REST benchmark: wrk on loopback against itaku-serve (GET /api/v1/engagements/{ref}, authenticated,
# and POST /api/v1/review with one record) and, in the same run and with the same requests, two
# references answering the same bytes: a trivial cpprest handler (bench/trivial_rest_server.cpp, the
# framework's limit) and nginx serving them as static files (the machine's ceiling).
#
#   bench/rest_bench.sh [--build DIR] [--duration S] [--connections C] [--threads N] [--pg-url URL]
#
# --build DIR       build directory holding bin/itaku, bin/itaku-serve, bin/trivial_rest_server (default: build)
# --duration S      seconds per measurement (default 10); each is preceded by an unreported 1 s warm-up
# --connections C   wrk connections (default 32); wrk runs with 2 threads
# --threads N       threads of itaku-serve and of the trivial server (default 4, itaku-serve's default)
# --pg-url URL      PostgreSQL server (default: $ITAKU_TEST_PG_URL); a fresh database itaku_rest_bench_PID
#                   is created on it and dropped at the end. Without one, PostgreSQL is skipped.
#
# Target (issue): at 32 connections, zero errors, itaku GET ≥ 0.6 × the trivial handler's req/s with
# p99 ≤ 1.5 × its p99, on SQLite and on PostgreSQL.
set -euo pipefail

BUILD=build
DURATION=10
CONNECTIONS=32
THREADS=4
PG_URL="${ITAKU_TEST_PG_URL:-}"
WARMUP=1

HARNESS_NAME=rest_bench
# shellcheck source=scripts/lib/http_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/http_harness.sh"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD="${2:?--build needs a directory}"; shift 2 ;;
    --duration) DURATION="${2:?--duration needs seconds}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?--connections needs a number}"; shift 2 ;;
    --threads) THREADS="${2:?--threads needs a number}"; shift 2 ;;
    --pg-url) PG_URL="${2:?--pg-url needs a URL}"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "--duration must be a positive whole number of seconds"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ ]] || die "--connections must be a positive number"
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive number"

SOURCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXAMPLES="$SOURCE_DIR/examples/engagements.jsonl"
BIN="$(cd "$BUILD" 2>/dev/null && pwd)/bin" || die "no build directory '$BUILD' (build first, or pass --build DIR)"
ITAKU="$BIN/itaku"
SERVE="$BIN/itaku-serve"
TRIVIAL="$BIN/trivial_rest_server"
for exe in "$ITAKU" "$SERVE" "$TRIVIAL"; do
  [[ -x "$exe" ]] || die "missing $exe: build it (cmake --build $BUILD) or pass --build DIR"
done
[[ -r "$EXAMPLES" ]] || die "missing $EXAMPLES"

need_tool wrk wrk
need_tool curl curl
need_tool ss iproute2
find_nginx
if [[ -n "$PG_URL" ]]; then
  need_tool psql postgresql-client
fi

# ---------------------------------------------------------------------------------------------------
# Clean-up: every process started here, the PostgreSQL database, the temporary directory.
WORK="$(mktemp -d /tmp/itaku-rest-bench.XXXXXX)"
chmod 755 "$WORK"  # nginx's workers run as another user when started by root
cleanup() {
  stop_all_pids
  pg_drop_database
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------
# same_bytes NAME EXPECTED METHOD URL [curl args...]: the reference answers 200 with the same bytes.
same_bytes() {
  local name="$1" expected="$2" method="$3" url="$4"
  shift 4
  fetch "$WORK/check.out" "$method" "$url" "$@"
  cmp -s "$expected" "$WORK/check.out" || die "$name: $method $url does not answer the same bytes as itaku-serve"
}

# ---------------------------------------------------------------------------------------------------
# The request: first example record; GET its stored engagement, POST it to /review.
head -n 1 "$EXAMPLES" > "$WORK/record.json"
REF="$(sed -n 's/^{"ref": *"\([^"]*\)".*/\1/p' "$WORK/record.json")"
[[ -n "$REF" ]] || REF="$(grep -o '"ref": *"[^"]*"' "$WORK/record.json" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')"
[[ -n "$REF" ]] || die "no \"ref\" in the first line of $EXAMPLES"
GET_PATH="/api/v1/engagements/$REF"
POST_PATH="/api/v1/review"

# nginx: one foreground master with 2 workers, everything under $WORK/nginx.
write_nginx_conf() {
  local port="$1" dir="$WORK/nginx"
  mkdir -p "$dir/html/api/v1/engagements" "$dir/temp"
  chmod -R 755 "$dir"
  cp "$WORK/get.body" "$dir/html$GET_PATH"
  cp "$WORK/post.body" "$dir/html$POST_PATH"
  chmod 644 "$dir/html$GET_PATH" "$dir/html$POST_PATH"
  local temp_paths="client_body_temp_path $dir/temp/body;"
  local module configure
  configure="$("$NGINX" -V 2>&1)"  # captured first: grep -q ending a pipe early trips pipefail
  for module in proxy fastcgi uwsgi scgi; do
    if ! grep -q -- "--without-http_${module}_module" <<<"$configure"; then
      temp_paths+=" ${module}_temp_path $dir/temp/$module;"
    fi
  done
  cat > "$dir/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  $temp_paths
  server_tokens off;
  etag off;
  keepalive_requests 1000000;
  charset utf-8;
  charset_types application/json;
  server {
    listen 127.0.0.1:$port;
    root $dir/html;
    default_type application/json;
    add_header Cache-Control no-store always;
    add_header X-Content-Type-Options nosniff always;
    # POST is not allowed on static files (405): answer it with the same file and 200 instead.
    error_page 405 =200 \$uri;
  }
}
EOF
}

# wrk: the same requests for every target (the bearer header too: the references ignore it).
cat > "$WORK/post.lua" <<EOF
local file = assert(io.open("$WORK/record.json", "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ITAKU_BENCH_TOKEN")
EOF

# measure LABEL METHOD URL: a 1 s warm-up, then one wrk run; then checks that the server still answers.
# Appends "label|req/s|p99 ms|errors|requests|hung" to $RESULTS (hung: 1 when the server no longer
# answers a plain request within 3 s after the run).
measure() {
  local label="$1" method="$2" url="$3" out="$WORK/wrk.out"
  local args=(-t2 "-c$CONNECTIONS" --latency)
  if [[ "$method" == POST ]]; then
    args+=(-s "$WORK/post.lua")
  else
    args+=(-H "Authorization: Bearer $TOKEN")
  fi
  ITAKU_BENCH_TOKEN="$TOKEN" wrk "${args[@]}" "-d${WARMUP}s" "$url" > /dev/null 2>&1 || true
  ITAKU_BENCH_TOKEN="$TOKEN" wrk "${args[@]}" "-d${DURATION}s" "$url" > "$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed on $url"; }
  cp "$out" "$WORK/wrk.$(echo "$label" | tr -c 'A-Za-z0-9' '_').out"
  local hung=0
  curl -s -o /dev/null --max-time 3 "${url%%/api/*}/" || hung=1
  local line
  line="$(awk -v label="$label" -v hung="$hung" '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v + 0
    }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { requests = $1 }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    END {
      if (rps == "" || p99 == "" || requests == "") exit 1
      printf "%s|%.0f|%.3f|%d|%d|%d\n", label, rps, p99, errors, requests, hung
    }' "$out")" || { cat "$out" >&2; die "could not read wrk's output for $url"; }
  echo "$line" >> "$RESULTS"
  if [[ "$hung" == 1 ]]; then
    echo "rest_bench: $label: the server stopped answering during the run (see the notes under the table)" >&2
  fi
}

# start_server NAME LOG COMMAND...: COMMAND gets "--listen http://127.0.0.1:PORT" appended; sets
# STARTED_PID and STARTED_URL once the server answers.
start_server() {
  local name="$1" log="$2"
  shift 2
  local port
  free_port
  port="$FREE_PORT"
  "$@" --listen "http://127.0.0.1:$port" > "$log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  wait_port "$name" "$STARTED_PID" "$port" "$log"
  STARTED_URL="http://127.0.0.1:$port"
}

# stop_server PID: SIGTERM (SIGKILL after 10 s), and forget it.
stop_server() {
  local pid="$1" kept=() p
  stop_pid "$pid"
  for p in "${PIDS[@]}"; do [[ "$p" == "$pid" ]] || kept+=("$p"); done
  PIDS=("${kept[@]}")
}

# ---------------------------------------------------------------------------------------------------
run_backend() {
  local name="$1" db="$2"
  RESULTS="$WORK/results.$name"
  : > "$RESULTS"
  echo "== $name: importing the examples, starting the servers" >&2
  "$ITAKU" import "$EXAMPLES" --db "$db" > "$WORK/import.log" 2>&1 ||
    { cat "$WORK/import.log" >&2; die "$name: itaku import failed"; }
  TOKEN="$("$ITAKU" token create --name bench --role admin --db "$db" 2>"$WORK/token.log")" ||
    { cat "$WORK/token.log" >&2; die "$name: itaku token create failed"; }
  [[ -n "$TOKEN" ]] || die "$name: itaku token create printed no token"

  # itaku-serve: one fresh process per measurement (a run that leaves it stuck must not spoil the next).
  local serve=("$SERVE" --db "$db" --threads "$THREADS") itaku_pid itaku_url
  start_server itaku-serve "$WORK/serve-get.log" "${serve[@]}"
  itaku_pid="$STARTED_PID" itaku_url="$STARTED_URL"
  fetch "$WORK/get.body" GET "$itaku_url$GET_PATH" -H "Authorization: Bearer $TOKEN"
  fetch "$WORK/post.body" POST "$itaku_url$POST_PATH" -H "Authorization: Bearer $TOKEN" \
    -H "Content-Type: application/json" --data-binary "@$WORK/record.json"

  local trivial_get trivial_post nginx_url
  start_server "trivial_rest_server (GET bytes)" "$WORK/trivial-get.log" \
    "$TRIVIAL" --body "$WORK/get.body" --threads "$THREADS"
  trivial_get="$STARTED_URL"
  start_server "trivial_rest_server (POST bytes)" "$WORK/trivial-post.log" \
    "$TRIVIAL" --body "$WORK/post.body" --threads "$THREADS"
  trivial_post="$STARTED_URL"

  local nginx_port pid
  free_port
  nginx_port="$FREE_PORT"
  write_nginx_conf "$nginx_port"
  "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" > "$WORK/nginx/stderr.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_port nginx "$pid" "$nginx_port" "$WORK/nginx/stderr.log"
  nginx_url="http://127.0.0.1:$nginx_port"

  same_bytes "trivial_rest_server" "$WORK/get.body" GET "$trivial_get$GET_PATH"
  same_bytes "trivial_rest_server" "$WORK/post.body" POST "$trivial_post$POST_PATH" \
    -H "Content-Type: application/json" --data-binary "@$WORK/record.json"
  same_bytes nginx "$WORK/get.body" GET "$nginx_url$GET_PATH"
  same_bytes nginx "$WORK/post.body" POST "$nginx_url$POST_PATH" \
    -H "Content-Type: application/json" --data-binary "@$WORK/record.json"

  echo "== $name: measuring (${DURATION} s each, $CONNECTIONS connections)" >&2
  measure "nginx static (ceiling), GET" GET "$nginx_url$GET_PATH"
  measure "trivial cpprest (framework limit), GET" GET "$trivial_get$GET_PATH"
  measure "itaku GET /api/v1/engagements/$REF" GET "$itaku_url$GET_PATH"
  stop_server "$itaku_pid"
  start_server itaku-serve "$WORK/serve-post.log" "${serve[@]}"
  itaku_pid="$STARTED_PID" itaku_url="$STARTED_URL"
  measure "nginx static (ceiling), POST" POST "$nginx_url$POST_PATH"
  measure "trivial cpprest (framework limit), POST" POST "$trivial_post$POST_PATH"
  measure "itaku POST /api/v1/review" POST "$itaku_url$POST_PATH"

  stop_all_pids
  print_table "$name" "$RESULTS"
}

# print_table NAME FILE: rows of nginx / trivial / itaku, per method; ratios against the same method.
print_table() {
  local name="$1" file="$2"
  echo
  echo "### $name ($(nproc) cores, wrk -t2 -c$CONNECTIONS -d${DURATION}s, servers --threads $THREADS," \
    "GET $(wc -c < "$WORK/get.body") B, POST $(wc -c < "$WORK/record.json") B -> $(wc -c < "$WORK/post.body") B)"
  echo
  awk -F'|' -v backend="$name" '
    function commas(n,   s, out) {
      s = sprintf("%.0f", n); out = ""
      while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
      return s out
    }
    function ratio(a, b) { return (b > 0 && a > 0) ? sprintf("%.2f", a / b) : "-" }
    { label[NR] = $1; rps[NR] = $2; p99[NR] = $3; err[NR] = $4; req[NR] = $5; hung[NR] = $6 }
    END {
      print "| run | req/s | p99 ms | errors | req/s ratio to trivial | p99 ratio to trivial | req/s ratio to nginx |"
      print "|---|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= NR; ++i) {
        base = i <= 3 ? 1 : 4          # rows 1-3 GET, 4-6 POST: nginx, trivial, itaku
        n = base; t = base + 1
        rr = ratio(rps[i], rps[t]); pr = req[i] > 0 ? ratio(p99[i], p99[t]) : "-"; nr = ratio(rps[i], rps[n])
        if (i == base + 2) { rr = "**" rr "**"; pr = "**" pr "**" }
        e = err[i] ""
        if (hung[i]) e = e ", hung"
        p = req[i] > 0 ? sprintf("%.2f", p99[i]) : "-"
        printf "| %s | %s | %s | %s | %s | %s | %s |\n", label[i], commas(rps[i]), p, e, rr, pr, nr
      }
      g = 3; t = 2
      why = ""
      if (req[g] == 0) why = "; no request answered"
      if (hung[g]) why = why "; the server stopped answering"
      r = ratio(rps[g], rps[t]); pr = req[g] > 0 ? ratio(p99[g], p99[t]) : "-"
      met = (req[g] > 0 && !hung[g] && err[g] == 0 && rps[g] / rps[t] >= 0.6 && p99[g] / p99[t] <= 1.5)
      printf "\n%s GET target (req/s >= 0.6 x trivial, p99 <= 1.5 x trivial, zero errors): %s (%s, %s, %d errors%s)\n",
        backend, met ? "met" : "NOT met", r, pr, err[g], why
      for (i = 1; i <= NR; ++i) {
        if (req[i] == 0) printf "note: %s: 0 requests answered in the run\n", label[i]
        else if (hung[i]) printf "note: %s: %d requests answered, then the server stopped answering\n", label[i], req[i]
        if ((i == 1 || i == 2 || i == 4 || i == 5) && err[i] > 0) printf "note: %s had %d errors\n", label[i], err[i]
      }
    }' "$file"
}

run_backend SQLite "$WORK/registry.db"

if [[ -z "$PG_URL" ]]; then
  echo
  echo "PostgreSQL: skipped (no --pg-url and ITAKU_TEST_PG_URL is not set)"
else
  pg_create_database "$PG_URL" "itaku_rest_bench_$$" "$WORK"
  run_backend PostgreSQL "$PG_DB_URL"
  pg_drop_database
fi
