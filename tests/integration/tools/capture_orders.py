#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the order fixture of the recorded OpenMage store (captures/README.md
section 3): orders A-D for each of the three runs (v1, v2, wsi), with the
same increment ids, entity ids and order item ids, so that replaying the
runs in order reproduces the store's invoice numbers."""
import json
import sys

RUNS = {"v1": 3, "v2": 11, "wsi": 15}  # entity id of order A in each run
KINDS = [  # (qty, gateway)
    (3, False),  # A: checkmo
    (5, False),  # B: checkmo
    (4, True),   # C: authorize-only gateway ("oraclecap")
    (2, True),   # D: same
]


def address():
    return {"firstname": "Jane", "lastname": "Doe", "street": "1 Main St", "city": "Austin",
            "region": "Texas", "postcode": "78701", "country_id": "US",
            "telephone": "5551234", "email": "jane@example.com"}


def order(entity, qty, gateway):
    payment = {"method": "checkmo"}
    if gateway:
        payment = {"method": "oraclecap", "is_gateway": True, "can_capture": True,
                   "can_capture_partial": True, "can_void": True}
    return {
        "increment_id": "1%08d" % entity,
        "order_id": entity,
        "store_id": 1,
        "created_at": "2026-11-21 10:33:00",
        "state": "processing" if gateway else "new",
        "status": "processing" if gateway else "pending",
        "customer_email": "jane@example.com",
        "customer_firstname": "Jane",
        "customer_lastname": "Doe",
        "shipping_amount": 5 * qty,
        "payment": payment,
        "billing_address": address(),
        "shipping_address": address(),
        "items": [{"item_id": entity, "product_id": 1, "product_type": "simple",
                   "sku": "ORACLE-1", "name": "Oracle Widget", "qty_ordered": qty,
                   "price": 10}],
    }


def main():
    runs = sys.argv[2:] or list(RUNS)
    orders = []
    for run in runs:
        base = RUNS[run]
        for i, (qty, gw) in enumerate(KINDS):
            orders.append(order(base + i, qty, gw))
    with open(sys.argv[1], "w") as f:
        json.dump({"orders": orders}, f, indent=1)


if __name__ == "__main__":
    main()
