# Shared by the scripts that run itaku-serve, nginx and wrk on loopback (bench/rest_bench.sh,
# bench/scale_out_bench.sh, tests/rest/scale_out_test.sh): tools, processes, ports, a fresh
# PostgreSQL database and generated records. Sourced, not run. The sourcing script sets
# HARNESS_NAME (the prefix of its messages) first, and keeps the PIDs it starts in PIDS.
# shellcheck shell=bash
# shellcheck disable=SC2034  # FREE_PORT, PG_DB_URL, NGINX: set here for the sourcing script

PIDS=()
PG_DB=""         # the database pg_create_database made (pg_drop_database drops it)
PG_ADMIN_URL=""  # the URL it was made through

die() {
  echo "$HARNESS_NAME: $*" >&2
  exit 1
}

need_tool() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found: install the Debian package '$2' (scripts/setup.sh does)"
}

# find_nginx: sets NGINX (root's PATH may lack /usr/sbin).
find_nginx() {
  NGINX="$(command -v nginx || true)"
  [[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
  [[ -n "$NGINX" ]] || die "'nginx' not found: install the Debian package 'nginx-light' (scripts/setup.sh does)"
}

# stop_pid PID: SIGTERM, SIGKILL after 10 s, then reaps it.
stop_pid() {
  local pid="$1"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  wait "$pid" 2>/dev/null || true
}

# forget_pid PID: PIDS without it (after stopping it on purpose).
forget_pid() {
  local pid="$1" kept=() p
  for p in ${PIDS[@]+"${PIDS[@]}"}; do [[ "$p" == "$pid" ]] || kept+=("$p"); done
  PIDS=(${kept[@]+"${kept[@]}"})
}

stop_all_pids() {
  local pid
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do stop_pid "$pid"; done
  PIDS=()
}

# free_port: sets FREE_PORT to a port nothing listens on. Called without a subshell, so that
# USED_PORTS and $RANDOM advance; ports come from below the kernel's ephemeral range (32768+),
# where a client's outgoing connection may hold a port that ss -l does not show.
USED_PORTS=" "
FREE_PORT=""
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    [[ "$USED_PORTS" == *" $port "* ]] && continue
    if [[ -z "$(ss -Htan "sport = :$port" 2>/dev/null)" ]]; then
      USED_PORTS+="$port "
      FREE_PORT="$port"
      return 0
    fi
  done
  die "no free TCP port found"
}

# wait_port NAME PID PORT LOG: until the server answers HTTP (any status), at most 10 s.
wait_port() {
  local name="$1" pid="$2" port="$3" log="$4"
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$HARNESS_NAME: $name exited before answering; its log:" >&2
      cat "$log" >&2 || true
      exit 1
    fi
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "$HARNESS_NAME: $name did not answer on port $port within 10 s; its log:" >&2
  cat "$log" >&2 || true
  exit 1
}

# fetch OUT METHOD URL [curl args...]: writes the body to OUT, fails unless the status is 2xx.
fetch() {
  local out="$1" method="$2" url="$3"
  shift 3
  local status
  status="$(curl -s -X "$method" -o "$out" -w '%{http_code}' --max-time 10 "$@" "$url")" ||
    die "$method $url: curl failed"
  [[ "$status" == 2?? ]] || die "$method $url: HTTP $status: $(head -c 300 "$out")"
}

# pg_create_database ADMIN_URL NAME WORK_DIR: creates NAME on the server of ADMIN_URL and sets
# PG_DB, PG_ADMIN_URL and PG_DB_URL (ADMIN_URL with its path replaced, any ?query kept).
pg_create_database() {
  local admin_url="$1" name="$2" work="$3"
  local rest="${admin_url#*://}" scheme="${admin_url%%://*}" query="" authority
  [[ "$rest" == *\?* ]] && query="?${rest#*\?}" && rest="${rest%%\?*}"
  authority="${rest%%/*}"
  psql "$admin_url" -X -q -v ON_ERROR_STOP=1 -c "select 1" > /dev/null 2>"$work/psql.log" ||
    { cat "$work/psql.log" >&2; die "cannot connect to PostgreSQL at $admin_url"; }
  psql "$admin_url" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$name\"" > /dev/null 2>"$work/psql.log" ||
    { cat "$work/psql.log" >&2; die "cannot create database $name on $admin_url"; }
  PG_DB="$name"
  PG_ADMIN_URL="$admin_url"
  PG_DB_URL="$scheme://$authority/$name$query"
}

pg_drop_database() {
  [[ -n "$PG_DB" ]] || return 0
  psql "$PG_ADMIN_URL" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 ||
    echo "$HARNESS_NAME: could not drop database $PG_DB on $PG_ADMIN_URL; drop it by hand" >&2
  PG_DB=""
}

# gen_records TEMPLATE_FILE COUNT PER FORMAT TITLE: COUNT engagement records made from the
# contractor and cloud records of TEMPLATE_FILE (not terminated ones). Record i has the ref
# printf(FORMAT, i) when PER is 0, else printf(FORMAT, int(i / PER), i % PER), and the title
# "TITLE ref".
gen_records() {
  awk -v count="$2" -v per="$3" -v fmt="$4" -v title="$5" '
    /"kind": "(contractor|cloud)"/ && !/"status": "terminated"/ { t[n++] = $0 }
    END {
      if (n == 0) exit 1
      for (i = 0; i < count; ++i) {
        line = t[i % n]
        ref = per > 0 ? sprintf(fmt, int(i / per), i % per) : sprintf(fmt, i)
        if (!sub(/"ref": "[^"]*"/, "\"ref\": \"" ref "\"", line)) exit 1
        if (!sub(/"title": "[^"]*"/, "\"title\": \"" title " " ref "\"", line)) exit 1
        print line
      }
    }' "$1"
}
