#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# libFuzzer targets (tests/fuzz, README "Testing"): builds them with clang,
# ASan and UBSan into build-fuzz/ (-DMD_FUZZ=ON; the normal build is not
# touched), then
#   scripts/fuzz.sh [--minutes N | --seconds N] [--jobs J] [--merge] [TARGET...]
#       fuzzes each target for N minutes (default 1), J targets at a time
#       (default 1), niced, memory bounded (-rss_limit_mb, FUZZ_RSS_MB,
#       default 2048), new inputs in build-fuzz/work/TARGET, crashes in
#       build-fuzz/artifacts/; prints executions, coverage (cov/ft) and
#       crashes per target and exits 1 on any crash.  --merge adds the
#       inputs that found new coverage to tests/fuzz/corpus/TARGET (-merge=1).
#   scripts/fuzz.sh --replay [TARGET...]
#       runs each target once over its corpus in the tree (seconds).
#   scripts/fuzz.sh --seed [TARGET...]
#       rebuilds the corpora from tests/fuzz/seed.py (captures, hostile
#       cases, one call per method), minimised with -merge=1.
# Targets: v1 v2 wsi xmlrpc jsonrpc rest filter regex config import (all by default).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mode=fuzz secs=60 jobs=1 merge=0 targets=()
all=(v1 v2 wsi xmlrpc jsonrpc rest filter regex config import)
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) secs=$(( $2 * 60 )); shift 2 ;;
    --seconds) secs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --merge) merge=1; shift ;;
    --replay) mode=replay; shift ;;
    --seed) mode=seed; shift ;;
    -h|--help) sed -n '3,19p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz.sh: no target $t (${all[*]})" >&2; exit 2; }
done

dir=build-fuzz
command -v clang > /dev/null || { echo "fuzz.sh: clang is needed (scripts/deps.sh test)" >&2; exit 1; }
CC=clang cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMD_FUZZ=ON -DMD_BUILD_TESTS=OFF \
  -DMD_WERROR=OFF > /dev/null
nice cmake --build "$dir" -j"$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") > "$dir/build.log" 2>&1 ||
  { tail -30 "$dir/build.log"; echo "fuzz.sh: build failed ($dir/build.log)" >&2; exit 1; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
rss=${FUZZ_RSS_MB:-2048}
bin() { echo "$dir/tests/fuzz/fuzz_$1"; }
corpus() { echo "$root/tests/fuzz/corpus/$1"; }

case $mode in
replay)
  rc=0
  for t in "${targets[@]}"; do
    n=$(find "$(corpus "$t")" -type f | wc -l)
    start=$(date +%s%N)
    if "$(bin "$t")" -runs=0 -rss_limit_mb="$rss" -timeout=20 "$(corpus "$t")" > "$dir/replay-$t.log" 2>&1; then
      ms=$(( ($(date +%s%N) - start) / 1000000 ))
      printf 'PASS: fuzz replay %-8s %4d inputs, %d.%03d s\n' "$t" "$n" $((ms / 1000)) $((ms % 1000))
    else
      echo "FAIL: fuzz replay $t ($dir/replay-$t.log):"; tail -30 "$dir/replay-$t.log"; rc=1
    fi
  done
  exit $rc ;;
seed)
  rm -rf "$dir/seeds"
  python3 tests/fuzz/seed.py "$dir/seeds"
  for t in "${targets[@]}"; do
    rm -rf "$(corpus "$t")"
    mkdir -p "$(corpus "$t")"
    "$(bin "$t")" -merge=1 -rss_limit_mb="$rss" -timeout=20 "$(corpus "$t")" "$dir/seeds/$t" \
      > "$dir/seed-$t.log" 2>&1 || { tail -20 "$dir/seed-$t.log"; exit 1; }
    echo "$t: $(find "$(corpus "$t")" -type f | wc -l) of $(find "$dir/seeds/$t" -type f | wc -l) seeds kept"
  done
  exit 0 ;;
esac

# fuzz: each target for $secs seconds, $jobs at a time
mkdir -p "$dir/artifacts" "$dir/logs"
run_one() {
  local t=$1 work="$dir/work/$1"
  mkdir -p "$work"
  nice -n 10 "$(bin "$t")" -max_total_time="$secs" -rss_limit_mb="$rss" -timeout=20 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/$t-" "$work" "$(corpus "$t")" \
    > "$dir/logs/$t.log" 2>&1
  echo $? > "$dir/logs/$t.rc"
}
pending=("${targets[@]}")
while [ ${#pending[@]} -gt 0 ]; do
  batch=("${pending[@]:0:$jobs}")
  pending=("${pending[@]:$jobs}")
  for t in "${batch[@]}"; do rm -f "$dir/artifacts/$t-"*; run_one "$t" & done
  wait
done
rc=0
printf '%-8s %12s %8s %8s %8s %8s\n' target execs exec/s cov ft crashes
for t in "${targets[@]}"; do
  log="$dir/logs/$t.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  crashes=$(find "$dir/artifacts" -name "$t-*" -type f | wc -l)
  printf '%-8s %12s %8s %8s %8s %8s\n' "$t" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$crashes"
  if [ "$crashes" -gt 0 ] || [ "$(cat "$dir/logs/$t.rc")" != 0 ]; then
    echo "  $t: exit $(cat "$dir/logs/$t.rc"), see $log and $dir/artifacts/$t-*"; rc=1
  fi
  if [ $merge = 1 ]; then
    "$(bin "$t")" -merge=1 -rss_limit_mb="$rss" -timeout=20 "$(corpus "$t")" "$dir/work/$t" \
      > "$dir/logs/$t.merge.log" 2>&1 || true
  fi
done
exit $rc
