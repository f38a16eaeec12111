#!/usr/bin/env bash
# Scale-out on PostgreSQL (issue 9, "Growing past one machine"): two itaku-serve processes over one
# PostgreSQL database, behind nginx doing round robin, lose nothing and deadlock nowhere while 32
# clients read and write through nginx and one `itaku import` of 2000 records runs beside them.
#
# What it proves, on a fresh database (the examples + 512 generated engagements, 16 for each client):
#   - every write answered 2xx is in the database afterwards, exactly once: each verification's
#     unique note (POST .../verifications), each person's unique name (POST /persons), and each
#     engagement's title and department are the last ones a PATCH set with 2xx. Client N PATCHes
#     the titles of its own engagements SO-NN-* and the departments of client N+1's, both sides
#     through either server at once, so a PATCH that merged into a stale copy of the record would
#     undo the other field (a lost update); each field has one writer, so its last value is known.
#     Client N also PUTs whole records (its seed record with a new title) over its engagements
#     SP-NN-*, and their titles must be the last ones PUT with 2xx.
#     A request left unanswered when the run ends may also have been applied: accepted, never
#     required;
#   - no write answered 503 was applied (the retry carries the same note or name: a 503 that wrote
#     would show a note twice or a person 409);
#   - no answer is 5xx other than 503, every 503 carries Retry-After (the client waits that long and
#     sends the same request again), no answer is any other non-2xx (no 409 or 500 from lock
#     conflicts), no body and no server log mentions a deadlock;
#   - both servers answered reads and writes (nginx's access log names the upstream of each);
#   - the concurrent `itaku import` (the CLI straight on the database) exits 0 and stores its 2000
#     records; `itaku audit verify` exits 0 afterwards; both servers stop on SIGTERM with exit 0.
# It prints the count of each status and a summary line (requests, writes, req/s).
#
#   tests/rest/scale_out_test.sh --bin DIR [--pg-url URL] [--duration S] [--connections C] [--import-records N] [--keep]
#
# --bin DIR            directory holding itaku and itaku-serve (plugins are found beside them)
# --pg-url URL         PostgreSQL server (default: $ITAKU_TEST_PG_URL); a fresh database
#                      itaku_scale_out_PID_RANDOM is created on it and dropped at the end.
#                      Without one the test is skipped: exit 77 (CTest's SKIP_RETURN_CODE).
# --duration S         seconds of load (default 20)
# --connections C      concurrent client connections, one wrk thread each (default 32)
# --import-records N   records in the concurrent import (default 2000)
# --keep               keep the temporary directory (logs) and the database, and print where they are
#
# Needs wrk, nginx (nginx-light), curl, psql and ss (scripts/setup.sh installs them).
set -euo pipefail

BIN=""
PG_URL="${ITAKU_TEST_PG_URL:-}"
DURATION=20
CONNECTIONS=32
IMPORT_RECORDS=2000
ENGAGEMENTS_PER_CLIENT=8
KEEP=0

HARNESS_NAME=scale_out_test
# shellcheck source=scripts/lib/http_harness.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/http_harness.sh"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) BIN="${2:?--bin needs a directory}"; shift 2 ;;
    --pg-url) PG_URL="${2:?--pg-url needs a URL}"; shift 2 ;;
    --duration) DURATION="${2:?--duration needs seconds}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?--connections needs a number}"; shift 2 ;;
    --import-records) IMPORT_RECORDS="${2:?--import-records needs a number}"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "--duration must be a positive whole number of seconds"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ && "$CONNECTIONS" -le 100 ]] || die "--connections must be 1 to 100"
[[ "$IMPORT_RECORDS" =~ ^[1-9][0-9]*$ ]] || die "--import-records must be a positive number"
[[ -n "$BIN" ]] || die "--bin DIR is required (the directory holding itaku and itaku-serve)"

if [[ -z "$PG_URL" ]]; then
  echo "scale_out_test: skipped: no --pg-url and ITAKU_TEST_PG_URL is not set"
  exit 77
fi

SOURCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EXAMPLES="$SOURCE_DIR/examples/engagements.jsonl"
ITAKU="$BIN/itaku"
SERVE="$BIN/itaku-serve"
for exe in "$ITAKU" "$SERVE"; do
  [[ -x "$exe" ]] || die "missing $exe (build first, or pass --bin DIR)"
done
[[ -r "$EXAMPLES" ]] || die "missing $EXAMPLES"

need_tool wrk wrk
need_tool curl curl
need_tool psql postgresql-client
need_tool ss iproute2
find_nginx

# ---------------------------------------------------------------------------------------------------
# Clean-up: every process started here (SIGTERM, SIGKILL after 10 s), the database, the directory.
WORK="$(mktemp -d /tmp/itaku-scale-out.XXXXXX)"
chmod 755 "$WORK"  # nginx's workers run as another user when started by root
# On failure the logs are kept (the directory is named); the database only with --keep.
cleanup() {
  local status=$?
  stop_all_pids
  if [[ "$KEEP" == 1 && -n "$PG_DB" ]]; then
    echo "scale_out_test: kept the database $PG_DB on $PG_ADMIN_URL" >&2
  else
    pg_drop_database
  fi
  if [[ "$KEEP" == 1 || "$status" != 0 ]]; then
    echo "scale_out_test: logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_serve NAME LOG: an itaku-serve on the test database, on a free port (another one if the port
# was taken meanwhile: exit 3 "cannot listen"); ready once it says it listens and answers. Sets
# STARTED_PID and STARTED_PORT.
start_serve() {
  local name="$1" log="$2" port pid
  for _attempt in 1 2 3 4 5; do
    free_port
    port="$FREE_PORT"
    "$SERVE" --db "$DB" --listen "http://127.0.0.1:$port" > "$log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    for _ in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      if grep -q "listening on" "$log" &&
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/api/v1/openapi.json" 2>/dev/null; then
        STARTED_PID="$pid" STARTED_PORT="$port"
        return 0
      fi
      sleep 0.05
    done
    stop_pid "$pid"
    forget_pid "$pid"
    grep -q "cannot listen" "$log" || { cat "$log" >&2; die "$name did not start"; }
  done
  cat "$log" >&2
  die "$name: no free port after 5 attempts"
}

# ---------------------------------------------------------------------------------------------------
# A fresh database on the server.
pg_create_database "$PG_URL" "itaku_scale_out_$$_$RANDOM" "$WORK"
DB="$PG_DB_URL"

echo "== seeding $DB" >&2
"$ITAKU" init --db "$DB" > "$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "itaku init failed"; }
gen_records "$EXAMPLES" $((CONNECTIONS * ENGAGEMENTS_PER_CLIENT)) "$ENGAGEMENTS_PER_CLIENT" "SO-%02d-%02d" seed > "$WORK/seed.jsonl" ||
  die "could not generate the seed records"
gen_records "$EXAMPLES" $((CONNECTIONS * ENGAGEMENTS_PER_CLIENT)) "$ENGAGEMENTS_PER_CLIENT" "SP-%02d-%02d" seed > "$WORK/seed_put.jsonl" ||
  die "could not generate the seed records"
gen_records "$EXAMPLES" "$IMPORT_RECORDS" 0 "IMP-%05d" seed > "$WORK/import.jsonl" || die "could not generate the import"
"$ITAKU" import "$EXAMPLES" "$WORK/seed.jsonl" "$WORK/seed_put.jsonl" --db "$DB" --actor scale-out-seed > "$WORK/seed.log" 2>&1 ||
  { cat "$WORK/seed.log" >&2; die "seeding import failed"; }
OFFICER_TOKEN="$("$ITAKU" token create --name scale-out-officer --role officer --db "$DB" 2>"$WORK/token.log")" ||
  { cat "$WORK/token.log" >&2; die "itaku token create failed"; }
ADMIN_TOKEN="$("$ITAKU" token create --name scale-out-admin --role admin --db "$DB" 2>"$WORK/token.log")" ||
  { cat "$WORK/token.log" >&2; die "itaku token create failed"; }
[[ "$OFFICER_TOKEN" == itk_* && "$ADMIN_TOKEN" == itk_* ]] || die "itaku token create printed no token"

# ---------------------------------------------------------------------------------------------------
# Two servers, nginx in front of them (round robin, keep-alive to both; no retry on another upstream,
# so that a server's failure shows as a 502 instead of being hidden).
echo "== starting two itaku-serve processes and nginx" >&2
start_serve "itaku-serve 1" "$WORK/serve1.log"
SERVE1_PID="$STARTED_PID" SERVE1_PORT="$STARTED_PORT"
start_serve "itaku-serve 2" "$WORK/serve2.log"
SERVE2_PID="$STARTED_PID" SERVE2_PORT="$STARTED_PORT"

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
NGINX_PORT="$FREE_PORT"
cat > "$NGINX_DIR/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 2;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
  $temp_paths
  log_format upstream '\$upstream_addr \$request_method \$status';
  access_log $NGINX_DIR/access.log upstream buffer=64k;
  server_tokens off;
  upstream itaku {
    server 127.0.0.1:$SERVE1_PORT;
    server 127.0.0.1:$SERVE2_PORT;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_body_buffer_size 1m;
    location / {
      proxy_pass http://itaku;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream off;
      proxy_read_timeout 300s;
      proxy_max_temp_file_size 0;
    }
  }
}
EOF
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" > "$NGINX_DIR/stderr.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 1 100); do
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$NGINX_DIR/stderr.log" "$NGINX_DIR/error.log" >&2 || true; die "nginx exited"; }
  status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$NGINX_URL/api/v1/openapi.json" 2>/dev/null || true)"
  [[ "$status" == 200 ]] && break
  sleep 0.1
done
[[ "$status" == 200 ]] || { cat "$NGINX_DIR/error.log" >&2 || true; die "nginx does not answer 200 through to itaku-serve"; }

# ---------------------------------------------------------------------------------------------------
# The clients: wrk with one connection per thread, so that each thread's Lua state is one client
# with one request in flight, and every request and answer can be logged. Client N uses its own
# engagements SO-NN-00..07 and cycles through: a list, POST verification, GET own engagement, POST
# person, PATCH title, PATCH the department of client N+1's engagement of the same number, PUT its
# own SP-NN-xx (the seed record with a new title). Each request is logged when it is made ("S") and
# answered ("R"); a 503 is sent again, the same request with the same note, name, title or
# department, after its Retry-After.
# Lines: S client seq attempt op ref value
#        R client seq attempt op ref value status retry_after(- if none) deadlock(0|1)
#        B client seq status body (first 300 bytes, for any non-2xx answer)
cat > "$WORK/clients.lua" <<'EOF'
local counter = 0
function setup(thread)
  thread:set("client", counter)
  counter = counter + 1
end

local token, log, per, clients, today
local seq, attempt, op, ref, value, pending, next_delay = 0, 0, nil, nil, nil, false, 0
local ops = { "list", "verification", "get", "person", "title", "department", "put" }
local put_records = {}
local lists = { "/api/v1/engagements?limit=20", "/api/v1/engagements?kind=cloud&limit=20",
                "/api/v1/persons?limit=20", "/api/v1/due" }

function init(args)
  token = client % 2 == 0 and os.getenv("SO_OFFICER_TOKEN") or os.getenv("SO_ADMIN_TOKEN")
  per = tonumber(os.getenv("SO_PER_CLIENT"))
  clients = tonumber(os.getenv("SO_CLIENTS"))
  today = os.date("!%Y-%m-%d", os.time() - 86400)  -- yesterday: never in the future, in any time zone
  log = assert(io.open(os.getenv("SO_LOG_DIR") .. "/client." .. client .. ".log", "w"))
  log:setvbuf("line")
  local mine = string.format('"ref": "SP-%02d-', client)
  for record in io.lines(os.getenv("SO_PUT_SEED")) do
    if string.find(record, mine, 1, true) then
      put_records[string.match(record, '"ref": "([^"]*)"')] = record
    end
  end
end

local function line(...)
  log:write(table.concat({ ... }, " "), "\n")
end

local function next_request()
  seq = seq + 1
  attempt = 0
  op = ops[(seq - 1) % #ops + 1]
  ref = string.format("SO-%02d-%02d", client, math.floor((seq - 1) / #ops) % per)
  if op == "verification" then
    value = string.format("so-note-%d-%d", client, seq)
  elseif op == "person" then
    value = string.format("so-person-%d-%d", client, seq)
  elseif op == "title" then
    value = string.format("so-title-%d-%d", client, seq)
  elseif op == "department" then
    ref = string.format("SO-%02d-%02d", (client + 1) % clients, math.floor((seq - 1) / #ops) % per)
    value = string.format("so-dept-%d-%d", client, seq)
  elseif op == "put" then
    ref = string.format("SP-%02d-%02d", client, math.floor((seq - 1) / #ops) % per)
    value = string.format("so-put-%d-%d", client, seq)
  elseif op == "list" then
    value = lists[math.floor((seq - 1) / #ops) % #lists + 1]
  else
    value = "-"
  end
end

function request()
  if pending then
    -- The connection failed before an answer came (wrk reconnects): whether the write happened is
    -- unknown, so it is not sent again (the log has its S line without an R line).
    pending = false
  end
  if next_delay == 0 then next_request() end   -- else: the 503 just answered, sent again
  next_delay = 0
  attempt = attempt + 1
  pending = true
  line("S", client, seq, attempt, op, ref, value)
  local headers = { ["Authorization"] = "Bearer " .. token }
  if op == "list" then
    return wrk.format("GET", value, headers)
  elseif op == "get" then
    return wrk.format("GET", "/api/v1/engagements/" .. ref, headers)
  elseif op == "verification" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/engagements/" .. ref .. "/verifications", headers,
      string.format('{"date":"%s","result":"pass","verifier":"scale-out client %d","notes":"%s"}', today, client, value))
  elseif op == "person" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/persons", headers,
      string.format('{"name":"%s","department":"市民課"}', value))
  elseif op == "put" then
    headers["Content-Type"] = "application/json"
    local body = string.gsub(put_records[ref], '"title": "[^"]*"', '"title": "' .. value .. '"', 1)
    return wrk.format("PUT", "/api/v1/engagements/" .. ref, headers, body)
  else
    headers["Content-Type"] = "application/merge-patch+json"
    return wrk.format("PATCH", "/api/v1/engagements/" .. ref, headers, string.format('{"%s":"%s"}', op, value))
  end
end

function response(status, headers, body)
  pending = false
  local retry_after = "-"
  for name, v in pairs(headers) do
    if string.lower(name) == "retry-after" then retry_after = v end
  end
  local deadlock = (body and string.find(string.lower(body), "deadlock", 1, true)) and 1 or 0
  line("R", client, seq, attempt, op, ref, value, status, retry_after, deadlock)
  if status < 200 or status > 299 then
    line("B", client, seq, status, (string.gsub(string.sub(body or "", 1, 300), "[\r\n]", " ")))
  end
  if status == 503 then
    next_delay = math.max(1, tonumber(retry_after) or 1) * 1000
  end
end

function delay()
  return next_delay
end
EOF

# ---------------------------------------------------------------------------------------------------
echo "== $CONNECTIONS clients through nginx for ${DURATION} s; one itaku import of $IMPORT_RECORDS records beside them" >&2
mkdir -p "$WORK/clients"
# The import starts a quarter into the run, straight on the database.
(
  sleep $((DURATION / 4))
  started=$(date +%s.%N)
  status=0
  "$ITAKU" import "$WORK/import.jsonl" --db "$DB" --actor scale-out-import > "$WORK/import.log" 2>&1 || status=$?
  echo "$status $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')" > "$WORK/import.status"
) &
IMPORT_PID=$!
PIDS+=("$IMPORT_PID")
run_started=$(date +%s.%N)
SO_OFFICER_TOKEN="$OFFICER_TOKEN" SO_ADMIN_TOKEN="$ADMIN_TOKEN" SO_PER_CLIENT="$ENGAGEMENTS_PER_CLIENT" SO_CLIENTS="$CONNECTIONS" \
  SO_PUT_SEED="$WORK/seed_put.jsonl" \
  SO_LOG_DIR="$WORK/clients" \
  wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 60s -s "$WORK/clients.lua" "$NGINX_URL" \
  > "$WORK/wrk.out" 2>&1 || { cat "$WORK/wrk.out" >&2; die "wrk failed"; }
run_seconds=$(awk -v a="$run_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
wait "$IMPORT_PID" || true
forget_pid "$IMPORT_PID"

# Requests still in flight at the end are answered before the servers stop (then the database is
# read): SIGTERM finishes them. Each server must stop with exit 0.
failures=()
for entry in "1:$SERVE1_PID" "2:$SERVE2_PID"; do
  n="${entry%%:*}" pid="${entry#*:}"
  kill -TERM "$pid" 2>/dev/null || true
  code=0
  wait "$pid" || code=$?
  forget_pid "$pid"
  [[ "$code" == 0 ]] || failures+=("itaku-serve $n exited $code after SIGTERM (its log: serve$n.log)")
done
stop_pid "$NGINX_PID"
forget_pid "$NGINX_PID"

# ---------------------------------------------------------------------------------------------------
# The clients' log, in one file; the import's outcome.
cat "$WORK"/clients/client.*.log > "$WORK/requests.log"
[[ -s "$WORK/requests.log" ]] || die "the clients logged nothing (wrk: $(cat "$WORK/wrk.out"))"
read -r import_status import_seconds < "$WORK/import.status" || die "the import did not report"
if [[ "$import_status" != 0 ]]; then
  failures+=("itaku import exited $import_status: $(tail -n 5 "$WORK/import.log")")
fi

# (c) The answers: counts by status; every answer 2xx or 503-with-Retry-After; no deadlock; every
# 503 sent again (unless the run ended while waiting). Writes: what got 2xx and what was left
# unanswered (sent, no answer: may or may not have been written).
awk -v out="$WORK" '
  $1 == "S" {
    key = $2 " " $3
    if (retry_wanted[$2] != "" && retry_wanted[$2] != $3) {
      print "503 not retried: client " $2 " request " retry_wanted[$2] > (out "/bad.txt")
    }
    retry_wanted[$2] = ""
    sent[key] = $0
    answered[key] = 0
    next
  }
  $1 == "R" {
    key = $2 " " $3
    answered[key] = 1
    status = $8
    count[status]++
    total++
    write = ($5 != "list" && $5 != "get")
    if (write) writes_total++
    if (status >= 200 && status <= 299) {
      if (write) {
        ok_writes[$5]++
        print $5, $6, $7, $2, $3 > (out "/ok_writes.txt")
      } else {
        ok_reads++
      }
    } else if (status == 503) {
      if ($9 == "-") print "503 without Retry-After: " $0 > (out "/bad.txt")
      retry_wanted[$2] = $3
    } else {
      print "HTTP " status ": " $0 > (out "/bad.txt")
    }
    if ($10 == 1) print "deadlock in the answer: " $0 > (out "/bad.txt")
    next
  }
  END {
    for (key in sent) {
      if (!answered[key]) {
        # A read: wrk makes the first request of its first thread once only to check it.
        split(sent[key], f, " ")
        if (f[5] != "list" && f[5] != "get") {
          unanswered++
          print f[5], f[6], f[7], f[2], f[3] > (out "/maybe_writes.txt")
        }
      }
    }
    printf "%d", total > (out "/total.txt")
    line = ""
    for (s in count) line = line sprintf("%s:%d ", s, count[s])
    printf "statuses (all answers through nginx): %s\n", line > (out "/counts.txt")
    ok = ok_writes["verification"] + ok_writes["person"] + ok_writes["title"] + ok_writes["department"] + ok_writes["put"]
    printf "answered: %d (%d reads 2xx, %d writes); writes 2xx: %d (verifications %d, persons %d, PATCH titles %d, PATCH departments %d, PUTs %d); writes in flight when the run stopped: %d\n",
      total, ok_reads, writes_total, ok, ok_writes["verification"], ok_writes["person"], ok_writes["title"],
      ok_writes["department"], ok_writes["put"], unanswered + 0 > (out "/counts.txt")
    printf "%d %d\n", total, ok > (out "/summary.txt")
  }' "$WORK/requests.log"
touch "$WORK/bad.txt" "$WORK/ok_writes.txt" "$WORK/maybe_writes.txt"
if [[ -s "$WORK/bad.txt" ]]; then
  failures+=("$(wc -l < "$WORK/bad.txt") unexpected answers, e.g.:"$'\n'"$(sort "$WORK/bad.txt" | head -n 10)")
  grep '^B ' "$WORK/requests.log" | grep -v ' 503 ' | head -n 5 > "$WORK/bodies.txt" || true
  [[ -s "$WORK/bodies.txt" ]] && failures+=("their bodies, e.g.:"$'\n'"$(cat "$WORK/bodies.txt")")
fi
total_answers="$(cat "$WORK/total.txt")"
[[ "$total_answers" -gt 0 ]] || failures+=("no request was answered")
if grep -qi deadlock "$WORK/serve1.log" "$WORK/serve2.log"; then
  failures+=("a server log mentions a deadlock:"$'\n'"$(grep -hi deadlock "$WORK/serve1.log" "$WORK/serve2.log" | head -n 5)")
fi

# Both servers answered reads and writes (nginx's access log: upstream, method, status).
for port in "$SERVE1_PORT" "$SERVE2_PORT"; do
  reads=$(awk -v u="127.0.0.1:$port" '$1 == u && $2 == "GET"' "$NGINX_DIR/access.log" | wc -l)
  writes=$(awk -v u="127.0.0.1:$port" '$1 == u && $2 != "GET" && $3 ~ /^2/' "$NGINX_DIR/access.log" | wc -l)
  echo "upstream 127.0.0.1:$port: $reads GETs, $writes writes answered 2xx" >> "$WORK/counts.txt"
  [[ "$reads" -gt 0 && "$writes" -gt 0 ]] || failures+=("the server on port $port answered $reads reads and $writes writes")
done

# (a) Every write answered 2xx is in the database, exactly once; nothing else that was sent is,
# apart from writes left unanswered at the end.
"$ITAKU" export --db "$DB" > "$WORK/export.jsonl" 2>"$WORK/export.err" ||
  { cat "$WORK/export.err" >&2; die "itaku export failed"; }
"$ITAKU" person list --all --format json --db "$DB" > "$WORK/persons.json" 2>"$WORK/persons.err" ||
  { cat "$WORK/persons.err" >&2; die "itaku person list failed"; }
grep -o '"notes":"so-note-[0-9]*-[0-9]*"' "$WORK/export.jsonl" | sed 's/.*:"\(.*\)"/\1/' | sort > "$WORK/db_notes.txt" || true
# One JSON array, indented: "name": "so-person-…" with a space after the colon.
grep -o '"name": *"so-person-[0-9]*-[0-9]*"' "$WORK/persons.json" | sed 's/.*: *"\(.*\)"/\1/' | sort > "$WORK/db_persons.txt" || true
: > "$WORK/db_title.txt"
: > "$WORK/db_department.txt"
awk '/"ref":"S[OP]-/ {
       match($0, /"ref":"S[OP]-[0-9]+-[0-9]+"/); ref = substr($0, RSTART + 7, RLENGTH - 8)
       match($0, /"title":"[^"]*"/); title = substr($0, RSTART + 9, RLENGTH - 10)
       print ref, title > (out "/db_title.txt")
       # Only a PATCH sets a department so-dept-...; nested ones (responsible_person) never change.
       department = "(seed)"
       if (match($0, /"department":"so-dept-[0-9]+-[0-9]+"/)) department = substr($0, RSTART + 14, RLENGTH - 15)
       print ref, department > (out "/db_department.txt")
     }' out="$WORK" "$WORK/export.jsonl"
imported=$(grep -c '"ref":"IMP-' "$WORK/export.jsonl" || true)
[[ "$imported" == "$IMPORT_RECORDS" ]] || failures+=("the database holds $imported of the $IMPORT_RECORDS imported records")

check_written() {  # KIND DB_FILE: the values of KIND's writes against those in the database
  local kind="$1" db_file="$2"
  awk -v kind="$kind" '$1 == kind { print $3 }' "$WORK/ok_writes.txt" | sort > "$WORK/ok_$kind.txt"
  awk -v kind="$kind" '$1 == kind { print $3 }' "$WORK/maybe_writes.txt" | sort > "$WORK/maybe_$kind.txt"
  local missing extra twice
  missing=$(comm -23 "$WORK/ok_$kind.txt" <(sort -u "$db_file") | head -n 5 | tr '\n' ' ')
  [[ -z "$missing" ]] || failures+=("${kind}s answered 2xx but not in the database: $missing")
  twice=$(uniq -d "$db_file" | head -n 5 | tr '\n' ' ')
  [[ -z "$twice" ]] || failures+=("${kind}s in the database more than once: $twice")
  extra=$(comm -23 <(sort -u "$db_file") <(sort -u "$WORK/ok_$kind.txt" "$WORK/maybe_$kind.txt") | head -n 5 | tr '\n' ' ')
  [[ -z "$extra" ]] || failures+=("${kind}s in the database that were never answered 2xx (a 503 that wrote?): $extra")
}
check_written verification "$WORK/db_notes.txt"
check_written person "$WORK/db_persons.txt"

# Titles and departments: each engagement's is the last one a PATCH or PUT set with 2xx (or the
# seed's if none did), or one sent after it that was left unanswered.
check_field() {  # FIELD SEED_PREFIX OPS: SEED_PREFIX REF is the value no write changed; OPS write it
  local field="$1" seed="$2" ops="$3"
  sort -o "$WORK/db_$field.txt" "$WORK/db_$field.txt"
  awk -v field="$field" -v seed="$seed" -v ops="$ops" -v out="$WORK/mismatch_$field.txt" '
    FILENAME ~ /ok_writes/ && $1 ~ ops { if ($5 + 0 >= last_seq[$2] + 0) { last_seq[$2] = $5; expected[$2] = $3 } next }
    FILENAME ~ /maybe_writes/ && $1 ~ ops { maybe[$2] = maybe[$2] " " $5 ":" $3; next }
    FILENAME ~ /db_/ {
      ref = $1; value = substr($0, length($1) + 2)
      want = (ref in expected) ? expected[ref] : (seed == "" ? "(seed)" : seed ref)
      if (value == want) next
      n = split(maybe[ref], m, " ")
      for (i = 1; i <= n; ++i) { split(m[i], p, ":"); if (p[2] == value && p[1] + 0 > last_seq[ref] + 0) next }
      print ref ": " field " \"" value "\", the last write answered 2xx set \"" want "\"" > out
    }' "$WORK/ok_writes.txt" "$WORK/maybe_writes.txt" "$WORK/db_$field.txt"
  [[ "$(wc -l < "$WORK/db_$field.txt")" == $((2 * CONNECTIONS * ENGAGEMENTS_PER_CLIENT)) ]] ||
    failures+=("the export holds $(wc -l < "$WORK/db_$field.txt") of the $((2 * CONNECTIONS * ENGAGEMENTS_PER_CLIENT)) SO- and SP- engagements")
  if [[ -s "$WORK/mismatch_$field.txt" ]]; then
    failures+=("$(wc -l < "$WORK/mismatch_$field.txt") engagements do not have the last $field written, e.g.:"$'\n'"$(head -n 5 "$WORK/mismatch_$field.txt")")
  fi
}
check_field title "seed " '^(title|put)$'
check_field department "" '^department$'

# (b) The audit trail is intact and the registry is what it says.
if ! "$ITAKU" audit verify --db "$DB" > "$WORK/audit.log" 2>&1; then
  failures+=("itaku audit verify failed: $(head -n 10 "$WORK/audit.log")")
fi

# ---------------------------------------------------------------------------------------------------
read -r answers writes < "$WORK/summary.txt"
cat "$WORK/counts.txt"
sed -n 's/^\(.*\)$/audit: \1/p' "$WORK/audit.log" | head -n 1
echo "import: $IMPORT_RECORDS records, exit $import_status, ${import_seconds} s (beside the clients)"
awk -v n="$answers" -v w="$writes" -v s="$run_seconds" -v c="$CONNECTIONS" '
  BEGIN { printf "scale_out: %d requests (%d writes answered 2xx) in %.1f s through nginx to 2 itaku-serve on one PostgreSQL, %d connections: %.0f req/s, %.0f writes/s\n", n, w, s, c, n / s, w / s }'
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "scale_out_test: FAILED:" >&2
  for failure in "${failures[@]}"; do echo "  - $failure" >&2; done
  exit 1
fi
echo "scale_out_test: passed"
