#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Orders for the Idempotency-Key tests (43, 44): N orders of one item of
# qty 1000 (so that every partial invoice of one unit succeeds and a second
# invoice for one key would show), order ids 9001.., item ids 90011..,
# increment ids 900000001..; every 4th one paid with authorizenet (gateway:
# invoices stay open for capture).  Usage: fixture.py N > orders.json
import json, sys

n = int(sys.argv[1])
addr = {"firstname": "Ida", "lastname": "Key", "street": "1 Retry Rd", "city": "Austin",
        "postcode": "78701", "country_id": "US"}
orders = []
for i in range(1, n + 1):
    orders.append({
        "increment_id": "9%08d" % i, "order_id": 9000 + i, "created_at": "2026-11-01 10:00:00",
        "customer_email": "ida%d@example.com" % i, "customer_firstname": "Ida",
        "customer_lastname": "Key",
        "payment": {"method": "authorizenet" if i % 4 == 0 else "checkmo"},
        "billing_address": addr, "shipping_address": addr, "shipping_amount": 0,
        "items": [{"item_id": (9000 + i) * 10 + 1, "sku": "IDEM-%d" % i, "name": "Retry %d" % i,
                   "qty_ordered": 1000, "price": 1}],
    })
json.dump({"orders": orders}, sys.stdout)
