#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install the Debian packages magesoapd needs, only those that are missing.
#   scripts/deps.sh build   compiler, gSOAP, SQLite, OpenSSL, libxml2, jansson, libmicrohttpd, GnuTLS, PCRE2
#   scripts/deps.sh test    + the real clients the tests drive (PHP, zeep, Axis, Mono, SOAP::Lite)
#                           clang with libFuzzer (scripts/fuzz.sh), Chromium (the console test)
#                           and a PostgreSQL 15 server (throwaway clusters of scripts/pg-test.sh)
#   scripts/deps.sh bench   + wrk and hyperfine
set -euo pipefail
build=(build-essential cmake pkg-config gsoap libgsoap-dev libsqlite3-dev sqlite3 libpq-dev libssl-dev libsystemd-dev
       libxml2-dev libjansson-dev libmicrohttpd-dev libgnutls28-dev libpcre2-dev libcurl4-openssl-dev curl
       ca-certificates)
test=(postgresql php-cli php-soap python3 openssl python3-zeep libsoap-lite-perl libaxis-java default-jdk-headless
      mono-devel systemd groff-base man-db bsdextrautils chromium clang libclang-rt-14-dev)
bench=(wrk hyperfine)
want=("${build[@]}")
case "${1:-build}" in
  build) ;;
  test) want+=("${test[@]}") ;;
  bench) want+=("${test[@]}" "${bench[@]}") ;;
  *) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
