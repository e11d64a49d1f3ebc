#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# XML-RPC (issue 3) with python's xmlrpc.client as the Odoo connector uses
# it: login, create with itemsQty as a <struct> keyed by order item id with
# <double> quantities and <boolean> flags, info, a capture fault with its int
# code, multiCall, resources and faults, endSession; ZF1's signature (623),
# unknown-method (620) and parse (631) faults; both profiles' typing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

for profile in magento1 openmage; do
  echo "== xmlrpc.client, profile $profile"
  t_fresh profile="$profile"
  t_start --demo
  "$PY" "$here/rpc/xmlrpc_client.py" "$T_URL" "$profile" > "$T_TMP/out" 2>&1
  t_tally "$T_TMP/out"
  t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
done
t_fresh
t_summary
