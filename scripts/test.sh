#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install what is missing, build, and run every test (unit + integration with
# real clients) on SQLite, then the storage tests and every integration
# suite again on PostgreSQL against a throwaway PostgreSQL 15 cluster
# (scripts/pg-test.sh; MD_SKIP_PG=1 leaves it out), then replays the fuzz
# corpora (scripts/fuzz.sh --replay: the libFuzzer targets built with
# clang, ASan and UBSan in build-fuzz/).
# --asan builds and runs the same SQLite suite under ASan+UBSan in
# build-asan/, then on PostgreSQL only the storage, multi-daemon, race and
# a few protocol tests (scripts/pg-test.sh --asan: CI's time budget).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
dir=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
pg=()
if [ "${1:-}" = "--asan" ]; then
  dir=build-asan
  pg=(--asan)
  flags=(-DCMAKE_BUILD_TYPE=Debug -DMD_SANITIZE=ON)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
cmake -S . -B "$dir" "${flags[@]}" > /dev/null
cmake --build "$dir" -j"$(nproc)"
ctest --test-dir "$dir" --output-on-failure -j1
[ "${MD_SKIP_PG:-}" = 1 ] || scripts/pg-test.sh "${pg[@]}" "$dir"
if [ "$dir" = build ]; then
  scripts/fuzz.sh --replay
fi
