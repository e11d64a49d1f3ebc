#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SQLite next to PostgreSQL on this machine, same moment (a shortened
# companion of bench/run.sh, which is SQLite-only): a throwaway PostgreSQL 15
# cluster (scripts/pg-cluster.sh), the Release build in BUILD (default
# build), wrk on 127.0.0.1:
#   V2 info at 16 connections, demo store            SQLite | PostgreSQL
#   durable V2 creates at 16 connections, one daemon   SQLite | PostgreSQL
#   durable V2 creates, two daemons on one PostgreSQL (8 + 8 connections)
# BENCH_DURATION seconds per point (default 5), BENCH_ORDERS open orders per
# backend (default 12000).  Prints a table, with the CPU seconds per request
# of the daemon(s) and of the PostgreSQL server processes (the robust figure
# on a shared machine: it does not depend on what else runs).  With
# BENCH_BASELINE (the gSOAP baseline binary bench/run.sh builds; run.sh
# --backend postgresql sets it) the baseline's canned info is measured in
# the same run and the info rows get their ratio to it.  The
# 1,000,000-invoice list point is not measured here yet (bulk-seed now
# loads PostgreSQL too: docs/postgresql.md).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$PWD/$BUILD/magesoapd
DUR=${BENCH_DURATION:-5}
N=${BENCH_ORDERS:-12000}
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/md-pgbench.XXXXXX)
PGDIR=
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -n "$PGDIR" ] && scripts/pg-cluster.sh stop "$PGDIR"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
eval "$(scripts/pg-cluster.sh start)"
/usr/lib/postgresql/15/bin/createdb -h "$PGHOST" -U postgres bench
PGDB="host=$PGHOST user=postgres dbname=bench"

specs=()
for i in $(seq 1 "$N"); do specs+=("$(printf '1%08d:checkmo:1' $((100000 + i)))"); done
"$PY" tests/integration/py/make_orders.py "$WORK/orders.json" "${specs[@]}"
for b in sqlite pg; do
  db=$WORK/bench.db; [ $b = pg ] && db=$PGDB
  printf 'db = %s\npbkdf2_iterations = 1000\nlog_level = error\n' "$db" > "$WORK/$b.conf"
  "$BIN" -c "$WORK/$b.conf" demo > /dev/null
  "$BIN" -c "$WORK/$b.conf" import "$WORK/orders.json" > /dev/null
done

start() { # CONF -> PORT (daemon pid in PIDS)
  local log=$WORK/d.$RANDOM.log
  PORT=
  "$BIN" -c "$1" serve --listen 127.0.0.1:0 > /dev/null 2> "$log" &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log"); [ -n "$PORT" ] && break; sleep 0.1
  done
  [ -n "$PORT" ] || { cat "$log" >&2; exit 1; }
}
sid_of() { "$PY" -c "import xmlrpc.client,sys; print(xmlrpc.client.ServerProxy(sys.argv[1]).login('apiUser','apiKey'))" "http://127.0.0.1:$1/api/xmlrpc/"; }
# CPU ticks of the daemons (PIDS) and of the cluster's postmaster and its children
pg_pids() { local pm; pm=$(head -1 "$PGDIR/data/postmaster.pid"); echo "$pm" $(pgrep -P "$pm"); }
ticks() { # PID... -> utime + stime
  local t=0 p f
  for p in "$@"; do
    f=$(cut -d')' -f2- "/proc/$p/stat" 2>/dev/null) || continue
    t=$(( t + $(echo "$f" | awk '{print $12 + $13}') ))
  done
  echo "$t"
}
HZ=$(getconf CLK_TCK)
cpu_mark() { D0=$(ticks "${PIDS[@]}"); P0=$(ticks $(pg_pids)); }
cpu_per() { # OUT-of-wrk -> "daemon_us/pg_us" per request
  local d p n; d=$(( $(ticks "${PIDS[@]}") - D0 )); p=$(( $(ticks $(pg_pids)) - P0 ))
  n=0; for f in "$@"; do n=$("$PY" -c "import sys; print(int(float(sys.argv[1]) + float(sys.argv[2]) * $DUR))" "$n" "$(reqs "$f")"); done
  [ "$n" -gt 0 ] || { echo "-"; return; }
  echo "$(( d * 1000000 / HZ / n ))/$(( p * 1000000 / HZ / n ))"
}
reqs() { sed -n 's/.*req_s=\([0-9.]*\).*/\1/p' "$1"; }
fails() { sed -n 's/.* failed=\([0-9]*\).*/\1/p' "$1"; }
info() { # PORT OUT
  local sid; sid=$(sid_of "$1")
  BENCH_BODY=$PWD/bench/bodies/v2-info.xml BENCH_SID=$sid BENCH_INV=200000006 \
    wrk -t2 -c16 -d"${DUR}s" --timeout 10s -s bench/soap.lua "http://127.0.0.1:$1/api/v2_soap/" > "$2" 2>&1
}
create() { # PORT CONNS OFFSET OUT [COUNT]
  local sid; sid=$(sid_of "$1")
  BENCH_SID=$sid BENCH_FIRST_INC=100100001 BENCH_FIRST_ITEM=1000011 BENCH_ITEMS=10 \
    BENCH_OFFSET="$3" BENCH_COUNT="${5:-$((N / 2))}" BENCH_THREADS="$2" \
    wrk -t"$2" -c"$2" -d"${DUR}s" --timeout 10s -s bench/create.lua "http://127.0.0.1:$1/api/v2_soap/" > "$4" 2>&1
}
start "$WORK/sqlite.conf"; SP=$PORT
start "$WORK/pg.conf"; PP=$PORT
start "$WORK/pg.conf"; PP2=$PORT
BASE=-
if [ -n "${BENCH_BASELINE:-}" ]; then # the gSOAP baseline answers SQLite's own info answer
  sid=$(sid_of "$SP")
  sed -e "s/@SID@/$sid/; s/@INV@/200000006/" bench/bodies/v2-info.xml |
    curl -s -H 'Content-Type: text/xml' -H 'SOAPAction: "urn:Mage_Api_Model_Server_V2_HandlerAction"' \
      --data-binary @- "http://127.0.0.1:$SP/api/v2_soap/" |
    perl -0777 -ne 'print $1 if /<result[^>]*>(.*)<\/result>/s' > "$WORK/result.xml"
  BP=$(( 20000 + RANDOM % 12000 ))
  "$BENCH_BASELINE" "$BP" 32 "$WORK/result.xml" 2> "$WORK/baseline.log" & PIDS+=($!)
  for _ in $(seq 1 100); do grep -q listening "$WORK/baseline.log" && break; sleep 0.1; done
  BENCH_BODY=$PWD/bench/bodies/v2-info.xml BENCH_SID=x BENCH_INV=200000006 \
    wrk -t2 -c16 -d"${DUR}s" --timeout 10s -s bench/soap.lua "http://127.0.0.1:$BP/api/v2_soap/" > "$WORK/info-base" 2>&1
  BASE=$(reqs "$WORK/info-base")
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'
fi
cpu_mark; info "$SP" "$WORK/info-sqlite"; C_IS=$(cpu_per "$WORK/info-sqlite")
cpu_mark; info "$PP" "$WORK/info-pg"; C_IP=$(cpu_per "$WORK/info-pg")
cpu_mark; create "$SP" 16 0 "$WORK/create-sqlite"; C_CS=$(cpu_per "$WORK/create-sqlite") # own N orders each
cpu_mark; create "$PP" 16 0 "$WORK/create-pg"; C_CP=$(cpu_per "$WORK/create-pg")
cpu_mark
create "$PP" 8 $((N / 2)) "$WORK/create-pg2a" $((N / 4)) & a=$!
create "$PP2" 8 $((N / 2 + N / 4)) "$WORK/create-pg2b" $((N / 4)); wait $a
C_C2=$(cpu_per "$WORK/create-pg2a" "$WORK/create-pg2b")
ratio() { [ "$BASE" = - ] && { echo -; return; }; "$PY" -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$BASE"; }
two=$("$PY" -c "import sys; print('%.1f' % (float(sys.argv[1]) + float(sys.argv[2])))" "$(reqs "$WORK/create-pg2a")" "$(reqs "$WORK/create-pg2b")")
echo "measured $(date -u '+%Y-%m-%d %H:%M UTC'), ${DUR}s per point, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf '%-48s %12s %12s\n' "scenario" "SQLite" "PostgreSQL"
printf '%-48s %12s %12s\n' "V2 info, 16 connections (req/s)" "$(reqs "$WORK/info-sqlite")" "$(reqs "$WORK/info-pg")"
printf '%-48s %12s %12s\n' "V2 create, 16 connections, one daemon (inv/s)" "$(reqs "$WORK/create-sqlite")" "$(reqs "$WORK/create-pg")"
printf '%-48s %12s %12s\n' "V2 create, 8+8 connections, two daemons (inv/s)" "-" "$two"
printf '%-48s %12s %12s\n' "V2 info: ratio to the gSOAP baseline ($BASE req/s)" "$(ratio "$(reqs "$WORK/info-sqlite")")" "$(ratio "$(reqs "$WORK/info-pg")")"
printf '%-48s %12s %12s\n' "CPU us/request daemon/server: info" "$C_IS" "$C_IP"
printf '%-48s %12s %12s\n' "CPU us/request daemon/server: create, one daemon" "$C_CS" "$C_CP"
printf '%-48s %12s %12s\n' "CPU us/request daemon/server: create, two" "-" "$C_C2"
printf '%-48s %12s %12s\n' "failed answers (info / create / create x2)" \
  "$(fails "$WORK/info-sqlite") / $(fails "$WORK/create-sqlite")" \
  "$(fails "$WORK/info-pg") / $(fails "$WORK/create-pg") / $(( $(fails "$WORK/create-pg2a") + $(fails "$WORK/create-pg2b") ))"
