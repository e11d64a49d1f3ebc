#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run the storage-level unit test and the PostgreSQL subset of the
# integration suites against a throwaway PostgreSQL 15 cluster
# (scripts/pg-cluster.sh: initdb into a temporary directory as an
# unprivileged user, Unix socket only, stopped and removed at the end, also
# on failure or Ctrl-C).  The suites are the same scripts as on SQLite
# (tests/integration/lib.sh picks the backend from MD_TEST_BACKEND).
#
#   scripts/pg-test.sh [BUILD_DIR]      (default build; scripts/test.sh calls it)
#   PG_TESTS=all scripts/pg-test.sh     every integration suite, not the subset
#
# The subset covers every dialect and every write: V2 + WS-I and V1 capture
# replays (byte-identical), XML-RPC, JSON-RPC, REST (curl, token, the M2
# reads), the PHP seed examples, races, limits, protocol edges, throttling,
# reset/backup, the inspection CLI and audit trail, idempotency keys, the
# access log, the admin API (/health with the server stopped), the console,
# money rounding, the V1 clients, TLS, sales_order (60-order-flow,
# 61-insta-login) and the two-daemon test
# 60-pg-multi; test_store_ops checks that neither backend leaves a store
# operation out.  Left out (they read the database with Python's / PHP's
# sqlite3 module, or test SQLite itself): 21-24, 27-agreement, 31, 41, 44,
# 50, 51 and the 5x packaging tests; they run on the SQLite pass.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
subset='^(unit\.test_store_(repo|ops)|integration\.(20-captures-v2-wsi|25-race|26-protocol-edges|28-limits|29-throttle|30-reset|301-v1-captures|302-v1-seed-examples|304-xmlrpc|305-jsonrpc|40-rest-curl|42-rest-token|60-pg-multi|61-pg-throttle|27-money|303-v1-clients|32-tls|33-cli-inspect|33-stop-hosts-user|34-bounded|35-no-silent-ignores|43-idempotency|45-rest-m2-reads|55-access-log|56-admin|57-console|60-order-flow|61-insta-login))$'
[ "${PG_TESTS:-}" = all ] && subset='^(unit\.test_store_(repo|ops)|integration\..*)$'
PGDIR=
cleanup() { [ -n "$PGDIR" ] && scripts/pg-cluster.sh stop "$PGDIR"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
eval "$(scripts/pg-cluster.sh start)"
echo "pg-test: PostgreSQL 15 cluster in $PGDIR (socket only)"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
"$PGBIN/createdb" -h "$PGHOST" -U postgres md_unit
export MD_TEST_BACKEND=postgresql MD_PGHOST=$PGHOST
export MD_TEST_DB="host=$PGHOST user=postgres dbname=md_unit"
ctest --test-dir "$dir" --output-on-failure -j1 -R "$subset"
