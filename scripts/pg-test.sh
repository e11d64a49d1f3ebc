#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run the storage-level unit tests and every integration suite against a
# throwaway PostgreSQL 15 cluster (scripts/pg-cluster.sh: initdb into a
# temporary directory as an unprivileged user, Unix socket only, stopped and
# removed at the end, also on failure or Ctrl-C).  The suites are the same
# scripts as on SQLite, not copies (tests/integration/lib.sh picks the
# backend from MD_TEST_BACKEND; t_sql and py/tdb.py read the database on
# either backend).
#
#   scripts/pg-test.sh [--asan] [BUILD_DIR]   (default build; scripts/test.sh calls it)
#
# Default: unit.test_store_repo, unit.test_store_ops and every integration
# suite.  test_store_ops checks that neither backend leaves a store
# operation out; 60-pg-multi and 61-pg-throttle (two daemons on one
# database) run here only and skip (status 77) on the SQLite pass.
#
# --asan (scripts/test.sh --asan, for CI's time budget: the whole set under
# ASan would take too long): the storage tests, the multi-daemon tests, the
# races and a few protocol suites -- what exercises the PostgreSQL backend's
# own C code (pool, pipeline, COPY, reconnects) -- while the release pass
# runs everything.
#
# Nothing is skipped on PostgreSQL as a whole.  Parts that check SQLite
# files and are not run there, said so in their output: 30-reset's backup
# file / --check-config on files / read-only file (its PostgreSQL branch
# checks that `backup` points to pg_dump, pg_dump itself and --check-config
# on a database), 51-crash's PRAGMA integrity_check.
set -euo pipefail
cd "$(dirname "$0")/.."
subset='^(unit\.test_store_(repo|ops)|integration\..*)$'
if [ "${1:-}" = --asan ]; then
  subset='^(unit\.test_store_(repo|ops)|integration\.(20-captures-v2-wsi|25-race|26-protocol-edges|304-xmlrpc|34-streamed-lists|305-jsonrpc|36-bulk-seed|40-rest-curl|43-idempotency|60-pg-multi|61-pg-throttle))$'
  shift
fi
dir=${1:-build}
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
