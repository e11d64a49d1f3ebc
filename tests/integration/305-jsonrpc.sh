#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# JSON-RPC 2.0 (issue 3): every request of seed 002 exactly as written
# (session placeholder aside) on `serve --demo` data -- list, info, create,
# addComment, capture, void in the document's order, cancel on a fresh
# database -- and the protocol: Magento fault codes in errors, -32700 for
# malformed JSON, -32601 for a wrong method, -32600/-32602, a bad session,
# notifications (204), batches, ids, named params, both profiles' typing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

run() { # what profile mode
  echo "== $1"
  t_fresh profile="$2"
  t_start --demo
  "$PY" "$here/rpc/jsonrpc_client.py" "$T_URL" "$3" "$2" > "$T_TMP/out" 2>&1
  t_tally "$T_TMP/out"
  t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
}
run "seed 002 examples" magento1 seed
run "seed 002 cancel example" magento1 seed-cancel
run "protocol, profile magento1" magento1 protocol
run "protocol, profile openmage" openmage protocol
t_fresh
t_summary
