#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Magento 2 style REST (issue 4): bearer token life cycle and race safety.
#  - token_lifetime=1: a token works at once and is refused (401) after
#    `sleep 2`; a fresh token works again;
#  - a token stops working when the user's API key is replaced (user add
#    again) or the user is deactivated; the old key gets no new token;
#  - parallel InvoiceOrder calls (and REST mixed with SOAP V2 creates) on
#    one order give exactly one invoice.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/rest/lib_rest.sh"

NOAUTH='{"message":"The consumer isn'"'"'t authorized to access %resources.","parameters":{"resources":"Magento_Sales::invoice"}}'
SIGNIN='{"message":"The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."}'
NOPROD='{"message":"Invoice Document Validation Error(s):\nThe invoice can'"'"'t be created without products. Add products and try again."}'
# A request that passes authorization and then fails validation: it creates
# nothing, so it can be repeated.
probe() { post "$T_URL/rest/V1/order/415/invoice" '{"items":[{"order_item_id":4151,"qty":0}]}' "$1"; }

echo "== token_lifetime = 1"
t_config token_lifetime=1
rest_setup
t_start
TOK=$(token)
check "token issued" "${TOK:+yes}" yes
probe "$TOK"
expect "fresh token accepted" 400 "$NOPROD"
sleep 2
probe "$TOK"
expect "token refused after its lifetime" 401 "$NOAUTH"
expect_json_ct "expired token"
post "$T_URL/rest/V1/order/415/invoice" '{}' "$TOK"
expect "expired token creates nothing" 401 "$NOAUTH"
check "no invoice" "$(sql 'SELECT count(*) FROM sales_flat_invoice')" 0
TOK2=$(token)
probe "$TOK2"
expect "a new token works" 400 "$NOPROD"
check "the expired token was purged by the new issue" "$(sql 'SELECT count(*) FROM rest_token')" 1

echo "== key replaced, user deactivated"
t_fresh
rest_setup
t_start
TOK=$(token)
probe "$TOK"
expect "token accepted" 400 "$NOPROD"
sleep 1
t_cli user add --username "$REST_USER" --api-key newKey456 > /dev/null
probe "$TOK"
expect "token refused after the API key was replaced" 401 "$NOAUTH"
post "$T_URL/rest/V1/integration/admin/token" "{\"username\":\"$REST_USER\",\"password\":\"$REST_KEY\"}"
expect "old key gets no token" 401 "$SIGNIN"
TOK=$(token "$REST_USER" newKey456)
probe "$TOK"
expect "token of the new key accepted" 400 "$NOPROD"
sql "UPDATE api_user SET is_active = 0 WHERE username = '$REST_USER'"
probe "$TOK"
expect "token of a deactivated user refused" 401 "$NOAUTH"
post "$T_URL/rest/V1/integration/admin/token" "{\"username\":\"$REST_USER\",\"password\":\"newKey456\"}"
expect "deactivated user gets no token" 401 "$SIGNIN"

echo "== race: parallel creates on one order"
t_fresh
rest_setup
t_start
TOK=$(token)
soap_login
pids=()
for i in $(seq 1 8); do
  curl -s -o "$T_TMP/race.$i" -w '%{http_code}\n' -X POST "$T_URL/rest/V1/order/415/invoice" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $TOK" --data-binary '{"capture":true}' \
    > "$T_TMP/race.$i.status" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
ok=$(cat "$T_TMP"/race.*.status | grep -c '^200$')
bad=$(cat "$T_TMP"/race.*.status | grep -c '^400$')
check "8 parallel REST creates: one 200" "$ok" 1
check "8 parallel REST creates: seven 400" "$bad" 7
check "one invoice on the order" "$(sql 'SELECT count(*) FROM sales_flat_invoice WHERE order_id = 415')" 1
check "qty invoiced = qty ordered" "$(sql 'SELECT CASE WHEN qty_invoiced = qty_ordered THEN 1 ELSE 0 END FROM sales_flat_order_item WHERE item_id = 4151')" 1

pids=()
for i in $(seq 1 4); do
  curl -s -o /dev/null -w '%{http_code}\n' -X POST "$T_URL/rest/V1/order/401/invoice" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $TOK" --data-binary '{}' \
    > "$T_TMP/mix.rest.$i" &
  pids+=($!)
  soap_create 400000001 > "$T_TMP/mix.soap.$i" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
rest_ok=$(cat "$T_TMP"/mix.rest.* | grep -c '^200$')
soap_ok=$(cat "$T_TMP"/mix.soap.* | grep -c '<result')
check "REST and SOAP V2 creates racing: one success in all" "$((rest_ok + soap_ok))" 1
check "REST and SOAP V2 creates racing: one invoice" "$(sql 'SELECT count(*) FROM sales_flat_invoice WHERE order_id = 401')" 1
check "no item over-invoiced" "$(sql 'SELECT count(*) FROM sales_flat_order_item WHERE qty_invoiced > qty_ordered')" 0

t_alive || t_bad "daemon died: $(tail -5 "$T_TMP/daemon.log")"
t_summary
