#!/usr/bin/env bash
# Fuzzes every parser of outside input with libFuzzer (tests/fuzz). Steps:
#   1. configures and builds build-fuzz/ (clang, ASan + UBSan, core + plugins + fuzz targets only);
#   2. writes seed inputs into build-fuzz/fuzz/seeds/<target>/ from examples/ and the real data
#      (../shared/realdata beside the checkout, else tests/fixtures/realdata);
#   3. replays every file of tests/fuzz/regressions/<target>/ and every seed (each run once);
#   4. unless --replay-only, fuzzes each target for SECONDS (default 60), growing the corpus in
#      build-fuzz/fuzz/corpus/<target>/, FUZZ_JOBS targets at a time (default: the number of cores).
# Exits non-zero when any input crashes, hangs (> 10 s), leaks or trips a sanitizer, and prints
# where libFuzzer saved it. Keep such an input: copy it to tests/fuzz/regressions/<target>/, fix
# the parser, add a test to the module's tests; every later run replays it.
# Usage: scripts/fuzz.sh [SECONDS] | scripts/fuzz.sh --replay-only
# Environment: FUZZ_JOBS (targets fuzzed at once), FUZZ_BUILD_DIR (default build-fuzz), FUZZ_SEED
# (libFuzzer's -seed: the same seed mutates the same way, so a failure in CI can be reproduced;
# unset, each run explores anew).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=60
replay_only=false
case "${1:-}" in
  --replay-only) replay_only=true ;;
  '') ;;
  *[!0-9]* | 0) echo "usage: scripts/fuzz.sh [SECONDS] | scripts/fuzz.sh --replay-only" >&2; exit 2 ;;
  *) seconds=$1 ;;
esac

build=${FUZZ_BUILD_DIR:-build-fuzz}
work=$build/fuzz
targets=(jsonl_source json_source json_positions csv_source csv_reader text_encoding channel_address date corporate_number
         json_pointer rest_router elf_check record_path record_patch office_values ledger xlsx_reader text_search)

# Longest input each target is fuzzed with: a little above what its parser meets or refuses
# (a verify query stops at 2,048 bytes), small enough for many executions per second.
max_len_of() {
  case "$1" in
    date | corporate_number | office_values) echo 64 ;;
    json_pointer | text_search) echo 1024 ;;
    text_encoding | channel_address | rest_router) echo 4096 ;;
    jsonl_source | csv_reader | elf_check) echo 8192 ;;
    *) echo 16384 ;;
  esac
}

# --- 1. build --------------------------------------------------------------------------------
# -O1 -g1, as for the other sanitizer builds (scripts/test.sh): fast to compile, and the line
# tables are enough for a report to point at the right lines.
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DITAKU_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" >/dev/null
fi
cmake --build "$build" --target fuzz_targets -j "$(nproc 2>/dev/null || echo 2)"
echo "fuzz.sh: build ready after ${SECONDS} s"

# The targets that review records load the plugins built beside them, not any others.
unset ITAKU_PLUGIN_PATH
export UBSAN_OPTIONS=print_stacktrace=1

# --- 2. seeds --------------------------------------------------------------------------------
realdata=../shared/realdata
[ -d "$realdata" ] || realdata=tests/fixtures/realdata
seeds=$work/seeds
rm -rf "$seeds"
for target in "${targets[@]}"; do mkdir -p "$seeds/$target" "$work/corpus/$target" "$work/artifacts/$target"; done

# seed <target> <name>: stdin becomes one seed file.
seed() { cat >"$seeds/$1/$2"; }
# seed_lines <target> <prefix> <file>: one seed per non-empty line.
seed_lines() {
  local n=0 line
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] || continue
    n=$((n + 1))
    printf '%s\n' "$line" | seed "$1" "$2-$n"
  done <"$3"
}

# text_search: the query, ended by a backslash as FuzzedDataProvider reads a string (the text
# searched would follow).
n=0
for query in 窓口 ｋｄｄｉ ｼｽﾃﾑ 'EX-001' '4011001098993' '　株式会社　'; do
  n=$((n + 1))
  printf '%s\x5c' "$query" | seed text_search "query-$n"
done

record_files=(examples/engagements.jsonl tests/fixtures/records/*.jsonl)
for file in "${record_files[@]}"; do
  name=$(basename "$file" .jsonl)
  seed jsonl_source "$name.jsonl" <"$file"
  seed_lines record_path "$name" "$file"
  seed_lines json_source "$name" "$file"
  # The same records as one JSON array.
  awk 'BEGIN { printf "[\n" } NF { if (n++) printf ",\n"; printf "%s", $0 } END { printf "\n]\n" }' "$file" |
    seed json_source "$name-array.json"
done

# Where a field is in a .json document: a pointer (up to a backslash) and the document.
for file in "$seeds/json_source"/*-array.json; do
  { printf '%s\\ ' /period/start; cat "$file"; } | seed json_positions "$(basename "$file")"
done

# Patches of a stored record: each example with patches a user sends (a field, a flag, another
# vendor or person, a null, a list) on the second line.
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  n=$((n + 1))
  for patch in '{"title":"市公式X"}' '{"social_media":{"mfa":true,"credential_custodian":{"name":"管理 花子"}}}' \
               '{"vendor":{"corporate_number":"7000012050002","name":"国税庁"}}' '{"responsible_person":{"name":"後任 次郎"}}' \
               '{"period":{"end":null},"clauses":["OUT-01"]}' '{"verifications":[]}'; do
    printf '%s\n%s' "$line" "$patch" | seed record_patch "example-$n-$(printf '%s' "$patch" | md5sum | head -c 8)"
  done
done <examples/engagements.jsonl

# Records far beyond every limit (README.md, "Limits on untrusted input"): replayed whole, and cut
# to -max_len when fuzzing. A 100,000-character ref once crashed valijson's std::regex check.
repeat() { head -c "$2" /dev/zero | tr '\0' "$1"; }
first=$(head -n 1 examples/engagements.jsonl)
{ printf '%s\n' "${first/\"EX-001\"/\"$(repeat A 100000)\"}" | seed record_path long-ref
  printf '%s\n' "${first/\"title\": \"/\"title\": \"$(repeat ' ' 100000)}" | seed record_path long-blank-title
  printf '{"ref": "DEEP-1", "vendor": %s%s}\n' "$(repeat '[' 100000)" "$(repeat ']' 100000)" | seed record_path deep
  printf '{"ref": "NUM-1", "information": {"confidentiality": 1%s}}\n' "$(repeat 0 400)" | seed record_path big-number
}
for name in long-ref long-blank-title deep big-number; do
  cp "$seeds/record_path/$name" "$seeds/jsonl_source/$name.jsonl"
  cp "$seeds/record_path/$name" "$seeds/json_source/$name.json"
done

seed csv_source engagements.csv <examples/engagements.csv
header=$(head -n 1 examples/engagements.csv)
tail -n +2 examples/engagements.csv | while IFS= read -r row; do
  printf '%s\n%s\n' "$header" "$row"
done | split -l 2 - "$seeds/csv_source/row-"
# A cell far beyond the text limit.
printf '%s\n%s\n' "$header" "$(sed -n 2p examples/engagements.csv | sed "s/^R8-C-001,contractor,[^,]*/R8-C-001,contractor,$(repeat A 100000)/")" | seed csv_source long-cell.csv
# A Shift_JIS row under a valid header: the encoding message.
# (tests/fixtures/realdata keeps only the head of the National Tax Agency's file.)
sjis=$realdata/nta_diff_20260821_sjis.csv
[ -f "$sjis" ] || sjis=tests/fixtures/realdata/nta_diff_20260821_sjis_head.csv
{ printf '%s\n' "$header"; head -n 1 "$sjis"; } | seed csv_source sjis-row.csv
for file in "$realdata"/*.csv examples/engagements.csv; do
  name=$(basename "$file" .csv)
  head -c 6000 "$file" | seed csv_reader "$name.csv"
  head -c 2000 "$file" | seed text_encoding "$name.txt"
  head -c 3000 "$file" | seed csv_source "realdata-$name.csv"
done

# Office ledgers (docs/ledger.md): cells as clerks type them, a small ledger under the target's
# fixed mapping, the real contract list under its example mapping (MAP.json, NUL, the ledger).
n=0
for cell in 20230401 2023/4/1 令和5年4月1日 令和元年5月1日 平成31年4月30日 R5.4.1 H31.4.30 '2023/4/1 0:00' ４０１１００１０９８９９３ \
            4.01100E+12 4011-0010-98993 有 無 ○ × はい いいえ TRUE '1,234' ２.０ 45017; do
  n=$((n + 1))
  printf '%s' "$cell" | seed office_values "cell-$n"
done
printf '番号,件名,所管課,契約日,業者名,法人番号,個人情報,機密性,条項,金額\n1,窓口業務,市民課,令和5年4月1日,株式会社テスト,４０１１００１０９８９９３,有,２,OUT-02、OUT-03,100\n※注記,,,,,,,,,\n' |
  seed ledger small.csv
{ cat examples/ledger/cfa_procurement_mapping.json; printf '\0'; head -c 6000 "$realdata/cfa_procurement_contracts.csv" 2>/dev/null ||
  head -c 6000 tests/fixtures/realdata/cfa_procurement_contracts.csv; } | seed ledger cfa.csv

# Addresses as municipalities print them (handles, URLs, the pages that list them).
awk -F, 'NR > 1 { print $5; print $7; print $10 }' "$realdata/municipal_sns_accounts_from_official_pages.csv" |
  sort -u >"$work/addresses.txt"
grep -ho '"url": *"[^"]*"' "${record_files[@]}" | sed 's/"url": *"//; s/"$//' | sort -u >>"$work/addresses.txt"
# The links residents paste from an account's posts and buttons (README "Public verify").
printf '%s\n' 'https://x.com/cityjoyoPR/status/1850000000000000000' \
  'https://twitter.com/intent/user?screen_name=cityjoyoPR' 'https://fb.me/joyocity' \
  'https://ja-jp.facebook.com/joyocity/posts/123' 'https://instagr.am/joyo_city' \
  'https://www.instagram.com/stories/joyo_city/1/' 'https://line.me/R/ti/p/@otakecity' \
  'https://page.line.me/otakecity' 'https://www.youtube.com/@example-city/videos' \
  'https://bsky.app/profile/example.bsky.social/post/3k' >>"$work/addresses.txt"
seed_lines channel_address address "$work/addresses.txt"

grep -hoE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "${record_files[@]}" | sort -u | sed -n '1,40p' >"$work/dates.txt"
n=0
while IFS= read -r date; do n=$((n + 1)); printf '%s' "$date" | seed date "date-$n"; done <"$work/dates.txt"

{ sed -n '2,31p' "$realdata/gbizinfo_localgovs.csv" | cut -d, -f1
  sed -n '2,31p' "$realdata/cfa_procurement_contracts.csv" | grep -oE '[0-9]{13}'; } | sort -u >"$work/numbers.txt"
n=0
while IFS= read -r number; do n=$((n + 1)); printf '%s' "$number" | seed corporate_number "number-$n"; done <"$work/numbers.txt"

# The API's paths, with a real ref in place of each parameter.
ref=$(sed -n '1s/.*"ref": *"\([^"]*\)".*/\1/p' examples/engagements.jsonl)
grep -o '"/api/v1/[^"]*"' schemas/openapi.json | tr -d '"' | sort -u | sed "s/{[a-z]*}/$ref/g" >"$work/paths.txt"
n=0
while IFS= read -r path; do
  for method in GET POST; do n=$((n + 1)); printf '%s\n%s' "$method" "$path" | seed rest_router "path-$n"; done
done <"$work/paths.txt"

for plugin in "$build"/lib/itaku/plugins/*.so; do seed elf_check "$(basename "$plugin")" <"$plugin"; done

# Dictionaries: the schemas' field names (and the CSV header's column names) as tokens.
grep -ho '"[a-z_]*"' schemas/*.schema.json | sort -u | sed 's/"/\\"/g; s/.*/"&"/' >"$work/json.dict"
tr ',' '\n' <<<"${header#$'\xEF\xBB\xBF'}" | sed 's/.*/"&"/' >"$work/csv.dict"
dict_of() {
  case "$1" in
    jsonl_source | json_source | json_positions | record_path) echo "-dict=$work/json.dict" ;;
    csv_source) echo "-dict=$work/csv.dict" ;;
  esac
}

# --- 3. replay -------------------------------------------------------------------------------
failed=()
replay() {
  local target=$1 inputs=()
  [ -d "tests/fuzz/regressions/$target" ] && mapfile -t -O 0 inputs < <(find "tests/fuzz/regressions/$target" -type f ! -name '*.md')
  mapfile -t -O "${#inputs[@]}" inputs < <(find "$seeds/$target" -type f)
  [ ${#inputs[@]} -gt 0 ] || return 0
  if ! "$build/bin/fuzz_$target" -timeout=10 -rss_limit_mb=2048 "${inputs[@]}" >"$work/replay-$target.log" 2>&1; then
    echo "fuzz.sh: $target fails on a regression file or seed (log: $work/replay-$target.log):" >&2
    grep -E 'Running: |ERROR|FUZZ CHECK FAILED|runtime error' "$work/replay-$target.log" | tail -n 5 >&2
    failed+=("$target")
    return 0
  fi
  echo "fuzz.sh: $target: ${#inputs[@]} regression and seed inputs replayed"
}
for target in "${targets[@]}"; do replay "$target"; done
echo "fuzz.sh: replay done after ${SECONDS} s"

# --- 4. fuzz ---------------------------------------------------------------------------------
run_one() {
  local target=$1 log=$work/fuzz-$1.log
  # shellcheck disable=SC2046
  if "$build/bin/fuzz_$target" "$work/corpus/$target" "$seeds/$target" \
      $( [ -d "tests/fuzz/regressions/$target" ] && echo "tests/fuzz/regressions/$target" ) \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len_of "$target")" \
      -artifact_prefix="$work/artifacts/$target/" -print_final_stats=1 $(dict_of "$target") \
      ${FUZZ_SEED:+-seed="$FUZZ_SEED"} >"$log" 2>&1; then
    echo "fuzz.sh: $target: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs," \
      "no failure (corpus: $(find "$work/corpus/$target" -type f | wc -l) inputs)"
  else
    echo "fuzz.sh: $target FAILED (log: $log)" >&2
    grep -E 'ERROR|FUZZ CHECK FAILED|runtime error|Test unit written to' "$log" | tail -n 6 >&2
    return 1
  fi
}
if [ "$replay_only" = false ]; then
  export -f run_one max_len_of dict_of
  export build work seeds seconds FUZZ_SEED
  rm -f "$work/failed-targets"
  printf '%s\n' "${targets[@]}" |
    xargs -P "${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}" -I{} \
      bash -c 'run_one "$1" || echo "$1" >>"$work/failed-targets"' _ {}
  [ -f "$work/failed-targets" ] && mapfile -t -O "${#failed[@]}" failed <"$work/failed-targets"
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failures in: ${failed[*]}" >&2
  echo "fuzz.sh: the failing inputs are in $root/$work/artifacts/<target>/ (crash-*, timeout-*, leak-*, oom-*)." >&2
  echo "fuzz.sh: keep each as tests/fuzz/regressions/<target>/<name>, fix the parser, add a unit test." >&2
  exit 1
fi
echo "fuzz.sh: no failures (${SECONDS} s)"
