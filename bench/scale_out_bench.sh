#!/usr/bin/env bash
# Scale-out benchmark (issue 9, "Growing past one machine"): wrk through nginx to ONE itaku-serve and
# to TWO (round robin), both on one PostgreSQL database, in the same run: reads (GET
# /api/v1/engagements/{ref} with a bearer token, and the first page of the engagement list) and a
# write mix (POST a verification, POST a person, in turn); each reported with the ratio two / one.
# A direct run against one itaku-serve (no nginx) is the reference for what nginx costs.
#
#   bench/scale_out_bench.sh [--build DIR | --bin DIR] [--duration S] [--connections C] [--threads N] [--pg-url URL]
#
# --build DIR       build directory holding bin/itaku and bin/itaku-serve (default: build)
# --bin DIR         directory holding itaku and itaku-serve themselves (instead of --build)
# --duration S      seconds per measurement (default 10); each is preceded by an unreported 1 s warm-up
# --connections C   wrk connections (default 32); wrk runs with 2 threads
# --threads N       --threads of each itaku-serve (default 4, its default)
# --pg-url URL      PostgreSQL server (default: $ITAKU_TEST_PG_URL); a fresh database
#                   itaku_scale_out_bench_PID is created on it and dropped at the end. Required.
#
# wrk, nginx, both servers and PostgreSQL share this machine's cores: on one machine a second
# process adds no CPU, so the ratios show what splitting costs or gains here, not what a second
# machine would give. The output says how many cores there were.
set -euo pipefail

BUILD=build
BIN=""
DURATION=10
CONNECTIONS=32
THREADS=4
PG_URL="${ITAKU_TEST_PG_URL:-}"
WARMUP=1

HARNESS_NAME=scale_out_bench
# shellcheck source=scripts/lib/http_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/http_harness.sh"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD="${2:?--build needs a directory}"; shift 2 ;;
    --bin) BIN="${2:?--bin needs a directory}"; shift 2 ;;
    --duration) DURATION="${2:?--duration needs seconds}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?--connections needs a number}"; shift 2 ;;
    --threads) THREADS="${2:?--threads needs a number}"; shift 2 ;;
    --pg-url) PG_URL="${2:?--pg-url needs a URL}"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "--duration must be a positive whole number of seconds"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ && "$CONNECTIONS" -ge 2 ]] || die "--connections must be a number of at least 2"
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive number"
[[ -n "$PG_URL" ]] || die "no PostgreSQL server: pass --pg-url URL or set ITAKU_TEST_PG_URL"

SOURCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXAMPLES="$SOURCE_DIR/examples/engagements.jsonl"
if [[ -z "$BIN" ]]; then
  BIN="$(cd "$BUILD" 2>/dev/null && pwd)/bin" || die "no build directory '$BUILD' (build first, or pass --build DIR or --bin DIR)"
fi
ITAKU="$BIN/itaku"
SERVE="$BIN/itaku-serve"
for exe in "$ITAKU" "$SERVE"; do
  [[ -x "$exe" ]] || die "missing $exe: build it (cmake --build $BUILD) or pass --build DIR or --bin DIR"
done
[[ -r "$EXAMPLES" ]] || die "missing $EXAMPLES"

need_tool wrk wrk
need_tool curl curl
need_tool ss iproute2
need_tool psql postgresql-client
find_nginx

# ---------------------------------------------------------------------------------------------------
# Clean-up: every process started here, the PostgreSQL database, the temporary directory.
WORK="$(mktemp -d /tmp/itaku-scale-out-bench.XXXXXX)"
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
# The database: the examples, 500 engagements to read, and 256 fresh ones for each write-mix run
# (so that the second run does not append to engagements the first has grown).
pg_create_database "$PG_URL" "itaku_scale_out_bench_$$" "$WORK"
DB="$PG_DB_URL"
WRITE_REFS=256

echo "== seeding $DB" >&2
"$ITAKU" init --db "$DB" > "$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "itaku init failed"; }
{
  gen_records "$EXAMPLES" 500 0 "BR-%04d" bench
  gen_records "$EXAMPLES" "$WRITE_REFS" 0 "BW1-%04d" bench
  gen_records "$EXAMPLES" "$WRITE_REFS" 0 "BW2-%04d" bench
} > "$WORK/seed.jsonl" ||
  die "could not generate the records"
"$ITAKU" import "$EXAMPLES" "$WORK/seed.jsonl" --db "$DB" > "$WORK/import.log" 2>&1 ||
  { cat "$WORK/import.log" >&2; die "itaku import failed"; }
TOKEN="$("$ITAKU" token create --name bench --role officer --db "$DB" 2>"$WORK/token.log")" ||
  { cat "$WORK/token.log" >&2; die "itaku token create failed"; }
[[ "$TOKEN" == itk_* ]] || die "itaku token create printed no token"

# ---------------------------------------------------------------------------------------------------
# Two servers; nginx with one front port per upstream set: ONE (server 1 only) and TWO (both).
echo "== starting two itaku-serve processes and nginx" >&2
SERVE_PORTS=()
for n in 1 2; do
  free_port
  port="$FREE_PORT"
  "$SERVE" --db "$DB" --threads "$THREADS" --listen "http://127.0.0.1:$port" > "$WORK/serve$n.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_port "itaku-serve $n" "$pid" "$port" "$WORK/serve$n.log"
  SERVE_PORTS+=("$port")
done

NGINX_DIR="$WORK/nginx"
mkdir -p "$NGINX_DIR/temp"
chmod -R 755 "$NGINX_DIR"
temp_paths="client_body_temp_path $NGINX_DIR/temp/body;"
configure="$("$NGINX" -V 2>&1)"  # captured first: grep -q ending a pipe early trips pipefail
for module in proxy fastcgi uwsgi scgi; do
  if ! grep -q -- "--without-http_${module}_module" <<<"$configure"; then
    temp_paths+=" ${module}_temp_path $NGINX_DIR/temp/$module;"
  fi
done
free_port
PORT_ONE="$FREE_PORT"
free_port
PORT_TWO="$FREE_PORT"
proxy="proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_next_upstream off; proxy_read_timeout 300s; proxy_max_temp_file_size 0;"
cat > "$NGINX_DIR/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 2;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  $temp_paths
  server_tokens off;
  keepalive_requests 1000000;
  upstream one { server 127.0.0.1:${SERVE_PORTS[0]}; keepalive 64; }
  upstream two { server 127.0.0.1:${SERVE_PORTS[0]}; server 127.0.0.1:${SERVE_PORTS[1]}; keepalive 64; }
  server { listen 127.0.0.1:$PORT_ONE; client_body_buffer_size 1m; location / { proxy_pass http://one; $proxy } }
  server { listen 127.0.0.1:$PORT_TWO; client_body_buffer_size 1m; location / { proxy_pass http://two; $proxy } }
}
EOF
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" > "$NGINX_DIR/stderr.log" 2>&1 &
pid=$!
PIDS+=("$pid")
wait_port nginx "$pid" "$PORT_ONE" "$NGINX_DIR/stderr.log"
DIRECT_URL="http://127.0.0.1:${SERVE_PORTS[0]}"
ONE_URL="http://127.0.0.1:$PORT_ONE"
TWO_URL="http://127.0.0.1:$PORT_TWO"

REF=BR-0000
GET_PATH="/api/v1/engagements/$REF"
LIST_PATH="/api/v1/engagements?limit=20"
for url in "$DIRECT_URL" "$ONE_URL" "$TWO_URL" "$TWO_URL"; do
  fetch "$WORK/check.out" GET "$url$GET_PATH" -H "Authorization: Bearer $TOKEN"
  fetch "$WORK/check.out" GET "$url$LIST_PATH" -H "Authorization: Bearer $TOKEN"
done

# The write mix: each wrk thread (its number set by setup) posts, in turn, a verification of one of
# the run's engagements (BW1-* or BW2-*, from $BENCH_PREFIX) and a person with a name of its own.
cat > "$WORK/writes.lua" <<'EOF'
local counter = 0
function setup(thread)
  thread:set("bench_thread", counter)
  counter = counter + 1
end

local n, prefix, refs, run, headers, today = 0, nil, nil, nil, nil, nil
function init(args)
  today = os.date("!%Y-%m-%d", os.time() - 86400)  -- yesterday: never in the future, in any time zone
  prefix = os.getenv("BENCH_PREFIX")
  refs = tonumber(os.getenv("BENCH_REFS"))
  run = os.getenv("BENCH_RUN") .. "-" .. os.getenv("BENCH_PHASE")  -- names unique across runs and warm-ups
  headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"), ["Content-Type"] = "application/json" }
end

function request()
  n = n + 1
  if n % 2 == 1 then
    local ref = string.format("%s-%04d", prefix, (bench_thread * 7919 + n) % refs)
    return wrk.format("POST", "/api/v1/engagements/" .. ref .. "/verifications", headers,
      string.format('{"date":"%s","result":"pass","verifier":"bench","notes":"bench %s %d %d"}', today, run, bench_thread, n))
  end
  return wrk.format("POST", "/api/v1/persons", headers,
    string.format('{"name":"bench %s %d %d","department":"市民課"}', run, bench_thread, n))
end
EOF

# measure LABEL URL [wrk args]: a 1 s warm-up, then one wrk run (BENCH_PHASE tells the script
# which). Appends "label|req/s|p99 ms|errors|requests" to $RESULTS; non-2xx answers and socket
# errors are errors.
RESULTS="$WORK/results"
: > "$RESULTS"
measure() {
  local label="$1" url="$2" out="$WORK/wrk.out"
  shift 2
  local args=(-t2 "-c$CONNECTIONS" --latency --timeout 30s "$@")
  BENCH_PHASE=warm-up wrk "${args[@]}" "-d${WARMUP}s" "$url" > /dev/null 2>&1 || true
  BENCH_PHASE=run wrk "${args[@]}" "-d${DURATION}s" "$url" > "$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $url"; }
  cp "$out" "$WORK/wrk.$(echo "$label" | tr -c 'A-Za-z0-9' '_').out"
  local line
  line="$(awk -v label="$label" '
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
      printf "%s|%.0f|%.3f|%d|%d\n", label, rps, p99, errors, requests
    }' "$out")" || { cat "$out" >&2; die "could not read wrk's output for $url"; }
  echo "$line" >> "$RESULTS"
  echo "   $label: $(cut -d'|' -f2 <<<"$line") req/s" >&2
}

auth=(-H "Authorization: Bearer $TOKEN")
echo "== measuring (${DURATION} s each after a ${WARMUP} s warm-up, $CONNECTIONS connections)" >&2
measure "GET ref, direct" "$DIRECT_URL$GET_PATH" "${auth[@]}"
measure "GET ref, one" "$ONE_URL$GET_PATH" "${auth[@]}"
measure "GET ref, two" "$TWO_URL$GET_PATH" "${auth[@]}"
measure "GET list, one" "$ONE_URL$LIST_PATH" "${auth[@]}"
measure "GET list, two" "$TWO_URL$LIST_PATH" "${auth[@]}"
BENCH_TOKEN="$TOKEN" BENCH_REFS="$WRITE_REFS" BENCH_PREFIX=BW1 BENCH_RUN=one \
  measure "writes, one" "$ONE_URL" -s "$WORK/writes.lua"
BENCH_TOKEN="$TOKEN" BENCH_REFS="$WRITE_REFS" BENCH_PREFIX=BW2 BENCH_RUN=two \
  measure "writes, two" "$TWO_URL" -s "$WORK/writes.lua"

# The registry is still consistent after the write runs.
"$ITAKU" audit verify --db "$DB" > "$WORK/audit.log" 2>&1 || { cat "$WORK/audit.log" >&2; die "itaku audit verify failed after the runs"; }

# ---------------------------------------------------------------------------------------------------
cores="$(nproc)"
echo
echo "### Scale-out on PostgreSQL: one vs two itaku-serve behind nginx (round robin)"
echo
echo "$cores cores on this machine: wrk (2 threads), nginx (2 workers), both itaku-serve (--threads $THREADS" \
  "each) and PostgreSQL share them; wrk -c$CONNECTIONS -d${DURATION}s after a ${WARMUP} s warm-up."
echo
awk -F'|' '
  function commas(n,   s, out) {
    s = sprintf("%.0f", n); out = ""
    while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
    return s out
  }
  function ratio(a, b) { return (b > 0 && a > 0) ? sprintf("%.2f", a / b) : "-" }
  { rps[$1] = $2; p99[$1] = $3; err[$1] = $4; req[$1] = $5 }
  function row(name, key) {
    one = key ", one"; two = key ", two"
    printf "| %s | %s | %.2f | %s | %.2f | **%s** | %d |\n", name, commas(rps[one]), p99[one], commas(rps[two]), p99[two],
      ratio(rps[two], rps[one]), err[one] + err[two]
  }
  END {
    print "| requests | 1 process req/s | p99 ms | 2 processes req/s | p99 ms | ratio 2 / 1 | errors |"
    print "|---|---:|---:|---:|---:|---:|---:|"
    row("GET /api/v1/engagements/{ref}", "GET ref")
    row("GET /api/v1/engagements?limit=20", "GET list")
    row("write mix: POST verification, POST person", "writes")
    d = "GET ref, direct"
    printf "\nReference: GET /api/v1/engagements/{ref} straight to one itaku-serve (no nginx): %s req/s, p99 %.2f ms, %d errors;\n", commas(rps[d]), p99[d], err[d]
    printf "through nginx to one process: %s of that.\n", ratio(rps["GET ref, one"], rps[d])
    printf "Write mix vs reads, two processes: %s of GET {ref}, %s of the list.\n",
      ratio(rps["writes, two"], rps["GET ref, two"]), ratio(rps["writes, two"], rps["GET list, two"])
  }' "$RESULTS"
if [[ "$cores" -le 2 ]]; then
  echo
  echo "Note: only $cores cores here. Every process of the benchmark competes for them, so a second"
  echo "itaku-serve cannot add CPU; writes are serialised by PostgreSQL (one writer at a time holds the"
  echo "audit trail's lock) whichever process sends them. Run on more cores, or the servers on other"
  echo "machines, to see what a second process adds."
fi
