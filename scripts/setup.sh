#!/usr/bin/env bash
# Installs every Debian package Itaku needs to build, test and benchmark.
# Idempotent: packages already present are skipped, so a second run costs seconds.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libboost-dev
  nlohmann-json3-dev libvalijson-dev libcli11-dev catch2
  libjemalloc-dev libre2-dev libsoci-dev libsqlite3-dev libpq-dev libsodium-dev
  libcpprest-dev libssl-dev
  postgresql-15 sqlite3 wrk nginx-light curl iproute2  # iproute2: ss, for the scale-out test
  clang libclang-rt-14-dev  # libFuzzer, for scripts/fuzz.sh
  chromium fonts-ipaexfont-gothic  # prints the html report to PDF to count its pages (tests/cli)
  libzip-dev libpugixml-dev libxlsxwriter-dev  # reads .xlsx ledgers, writes .xlsx reports and registers
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
