#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write an order-import file (shared/spec/order-import.md) for the client
tests from short specs:

  make_orders.py OUT.json INCREMENT:PAYMENT:QTY[+QTY...] ...

INCREMENT  order increment id, e.g. 100000101 (store = first digit); the
           order_id is the number without the store prefix (100000101 -> 101)
PAYMENT    checkmo (offline: paid on create) or gw (authorize-only gateway,
           method authorizenet: open on create, capturable, voidable)
QTY        one item per QTY; item ids are order_id*10 + 1, 2, ...; price
           10.00 each, product "Widget <n>", sku W-<n>; shipping 5.00 per
           unit ordered; no tax, no discount

e.g. 100000101:gw:4 -> order 101, item 1011 (4 x 10.00), shipping 20.00,
grand total 60.00.
"""
import json
import sys


def address():
    return {"firstname": "Jane", "lastname": "Doe", "street": "1 Main St", "city": "Austin",
            "region": "Texas", "postcode": "78701", "country_id": "US",
            "telephone": "5551234", "email": "jane@example.com"}


def order(spec):
    inc, pay, qtys = spec.split(":")
    qtys = [int(q) for q in qtys.split("+")]
    store = int(inc[0])
    oid = int(inc[1:])
    gw = pay == "gw"
    payment = {"method": "authorizenet"} if gw else {"method": "checkmo"}
    return {
        "increment_id": inc,
        "order_id": oid,
        "store_id": store,
        "created_at": "2026-11-20 09:00:00",
        "state": "processing" if gw else "new",
        "status": "processing" if gw else "pending",
        "customer_email": "jane@example.com",
        "customer_firstname": "Jane",
        "customer_lastname": "Doe",
        "shipping_amount": 5 * sum(qtys),
        "payment": payment,
        "billing_address": address(),
        "shipping_address": address(),
        "items": [{"item_id": oid * 10 + k, "product_id": k, "product_type": "simple",
                   "sku": "W-%d" % k, "name": "Widget %d" % k, "qty_ordered": q,
                   "price": 10} for k, q in enumerate(qtys, 1)],
    }


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], "w") as f:
        json.dump({"orders": [order(s) for s in sys.argv[2:]]}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
