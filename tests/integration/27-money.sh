#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Proves money stays within Magento's decimal(12,4) in every dialect (issue 8
# item 5): a create with a qty past 99999999.9999 or a negative qty gets the
# same fault 1 `Invalid qty to invoice item "<name>"` over SOAP V1, SOAP V2,
# WS-I, XML-RPC and JSON-RPC (REST: HTTP 400 with Magento 2's validation
# text), and a create that would push the order's invoiced total past the
# limit gets fault 102 saying so; nothing is stored by any of them.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

cat > "$T_TMP/orders.json" <<'JSON'
{"orders": [{"increment_id": "100000001", "order_id": 1,
  "payment": {"method": "checkmo"},
  "billing_address": {"firstname": "Jane", "lastname": "Doe"},
  "items": [{"item_id": 1, "sku": "W-1", "name": "Widget", "qty_ordered": 5, "price": 10}]}]}
JSON
t_fresh
t_cli import "$T_TMP/orders.json" || { t_bad "import"; t_summary; exit 1; }
t_cli role add --name all --resources all > /dev/null || { t_bad "role add"; t_summary; exit 1; }
t_cli user add --username apiUser --api-key apiKey --role all > /dev/null ||
  { t_bad "user add"; t_summary; exit 1; }
t_start
"$PY" "$here/py/money.py" "$T_URL" "$T_TMP/test.db" > "$T_TMP/out" 2>&1
t_tally "$T_TMP/out"
t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_stop && t_ok "daemon exits 0 on SIGTERM" || t_bad "daemon exit status on SIGTERM"
t_summary
