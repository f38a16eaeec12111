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
# The browser tests of the web application run on Node.js (tests/web). A machine that already has
# node and npm (Debian's or another build, 18 or later) keeps them.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
else
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The browser tests' npm packages, exactly as tests/web/package-lock.json pins them; the browser
# is Debian's chromium, so playwright downloads none. Skipped when already installed from this lock.
web_tests="$(dirname "$0")/../tests/web"
if ! cmp -s "$web_tests/package-lock.json" "$web_tests/node_modules/.installed-from-lock" 2>/dev/null; then
  echo "setup: installing the browser tests' npm packages (tests/web)"
  (cd "$web_tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
    cp package-lock.json node_modules/.installed-from-lock)
fi
echo "setup: done"
