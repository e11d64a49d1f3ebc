#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bounded work (issue 8 item 6): max_jsonrpc_batch, max_multicall_calls,
# max_logins_per_request and request_deadline_ms -- past a limit a clear
# fault, and nothing executed beyond it (tests/integration/agree/limits.py).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

setup() {
  "$PY" "$here/agree/orders.py" "$MD_SOURCE_DIR" > "$T_TMP/orders.json" || exit 1
  t_cli init > /dev/null || exit 1
  t_cli import "$T_TMP/orders.json" > /dev/null || exit 1
  t_cli role add --name all --resources all > /dev/null || exit 1
  t_cli user add --username lim --api-key lim-key-1 --role all > /dev/null || exit 1
}

echo "== limits"
t_fresh max_jsonrpc_batch=4 max_multicall_calls=3 max_logins_per_request=2
setup
t_start
"$PY" "$here/agree/limits.py" "$T_URL" limits lim lim-key-1 500000001 > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"

echo "== deadline"
# the user's key is hashed with the config's iterations: slow logins
t_fresh request_deadline_ms=40 pbkdf2_iterations=1000000
setup
t_start
"$PY" "$here/agree/limits.py" "$T_URL" deadline lim lim-key-1 500000001 > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_fresh
t_summary
