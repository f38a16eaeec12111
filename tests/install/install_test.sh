#!/usr/bin/env bash
# After `cmake --install`, the installed itaku finds its installed plugins with no flags,
# reviews the example register, and `itaku serve` runs. Arguments: BUILD_DIR SOURCE_DIR.
set -euo pipefail
build_dir=$1
source_dir=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
unset ITAKU_PLUGIN_PATH
listing=$("$prefix/bin/itaku" plugins list --format json)
for plugin in contractor cloud social_media; do
  grep -q "\"name\": \"$plugin\"" <<<"$listing" || { echo "installed itaku does not list plugin $plugin"; exit 1; }
done
grep -q "$prefix" <<<"$listing" || { echo "plugins were not loaded from the install prefix"; exit 1; }
test -f "$prefix/share/itaku/schemas/engagement.schema.json" || { echo "schemas not installed"; exit 1; }
status=0
"$prefix/bin/itaku" review "$source_dir/examples/engagements.jsonl" --as-of 2026-04-01 --format jsonl >"$prefix/report.jsonl" || status=$?
# The example register has rejected records: exit 1, and every record reviewed.
test "$status" -eq 1 || { echo "expected exit 1 from the example review, got $status"; exit 1; }
tail -n 1 "$prefix/report.jsonl" | grep -q '"invalid":0' || { echo "example records were invalid"; exit 1; }
# The installed `itaku serve` runs the installed itaku-serve (with the installed plugins), answers
# and stops cleanly on SIGTERM.
# A random port may be taken by another process: then it tries another. Ready once this server
# says it listens (an answer before that could come from someone else) and answers.
# A server never creates its registry; `itaku init` does, on purpose.
"$prefix/bin/itaku" init --db "$prefix/itaku.db" >/dev/null || { echo "itaku init failed"; exit 1; }
ready=false
for _attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 12000))
  "$prefix/bin/itaku" serve --listen "http://127.0.0.1:$port" --db "$prefix/itaku.db" 2>"$prefix/serve.log" &
  serve_pid=$!
  for _ in $(seq 1 200); do
    kill -0 "$serve_pid" 2>/dev/null || break
    if grep -q "listening on" "$prefix/serve.log" &&
      curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" >"$prefix/openapi.json" 2>/dev/null; then
      ready=true
      break
    fi
    sleep 0.05
  done
  $ready && break
  if kill -0 "$serve_pid" 2>/dev/null || ! grep -q "cannot listen" "$prefix/serve.log"; then break; fi
  wait "$serve_pid" || true
done
$ready && grep -q '"openapi"' "$prefix/openapi.json" ||
  { echo "installed itaku serve did not answer"; cat "$prefix/serve.log"; kill "$serve_pid" 2>/dev/null; exit 1; }
# The web application is installed with it (share/itaku/web) and served at /.
curl -sf "http://127.0.0.1:$port/" | grep -q 'src="/js/main.js"' &&
  curl -sf "http://127.0.0.1:$port/js/pages/dashboard.js" | grep -q 'export async function render' ||
  { echo "installed itaku serve does not serve the web application"; cat "$prefix/serve.log"; kill "$serve_pid"; exit 1; }
test -f "$prefix/share/itaku/web/index.html" || { echo "web application not installed"; kill "$serve_pid"; exit 1; }
kill -TERM "$serve_pid"
wait "$serve_pid" || { echo "installed itaku serve did not stop cleanly"; cat "$prefix/serve.log"; exit 1; }
echo "install test: plugins found under $prefix, itaku serve answered (API and web application) and stopped"
