#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Cross-dialect agreement (issue 8 item 2): every method x SOAP V1 call, V1
# multiCall, V2, WS-I, XML-RPC, JSON-RPC (and REST's one route) x roles all,
# info-only and none give the same outcome -- the same values or the same
# fault code and message -- including an invoice whose comments hold
# characters XML cannot carry (tests/integration/agree/agree.py).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

t_config
"$PY" "$here/agree/orders.py" "$MD_SOURCE_DIR" > "$T_TMP/orders.json" || { echo "orders.py failed"; exit 1; }
t_cli init > /dev/null || exit 1
t_cli import "$T_TMP/orders.json" > /dev/null || { echo "import failed"; exit 1; }
t_cli role add --name all --resources all > /dev/null || exit 1
t_cli role add --name infoonly --resources sales/order/invoice/info > /dev/null || exit 1
# a role granted nothing (the CLI refuses an empty list; the table allows it)
t_cli role add --name nothing --resources sales/order/invoice/info > /dev/null || exit 1
t_sql "UPDATE api_role SET resources = '' WHERE role_name = 'nothing'" > /dev/null || exit 1
t_cli user add --username agree_all --api-key key-all-1 --role all > /dev/null || exit 1
t_cli user add --username agree_info --api-key key-info-1 --role infoonly > /dev/null || exit 1
t_cli user add --username agree_none --api-key key-none-1 --role nothing > /dev/null || exit 1
t_start
"$PY" "$here/agree/agree.py" "$T_URL" "$MD_SOURCE_DIR" "$T_TMP/orders.json" "$T_TMP/test.db" > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_summary
