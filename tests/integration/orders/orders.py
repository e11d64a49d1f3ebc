#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Orders for 60-order-flow: gateway-paid orders (authorizenet, so an
invoice stays open until captured) with two items of qty 3, the optional
fields of migration 004 (customer, addresses with company, card details,
status history), one per flow dialect (7000000NN) and per race round
(8000000NN, qty 200).  usage: orders.py > orders.json"""
import json


def order(inc, oid, qty):
    return {
        'increment_id': inc, 'order_id': oid, 'created_at': '2024-05-01 10:00:00',
        'state': 'processing', 'status': 'processing',
        'customer_email': 'erp%d@example.com' % oid, 'customer_firstname': 'Erp',
        'customer_lastname': 'Buyer', 'customer_id': 40 + oid % 7, 'customer_group_id': 1,
        'customer_taxvat': 'DE123', 'remote_ip': '192.0.2.7',
        'shipping_method': 'flatrate_flatrate', 'shipping_description': 'Flat Rate - Fixed',
        'shipping_amount': 10,
        'payment': {'method': 'authorizenet', 'cc_type': 'VI', 'cc_last4': '1111',
                    'cc_owner': 'Erp Buyer', 'cc_exp_month': '12', 'cc_exp_year': '2030'},
        'billing_address': {'firstname': 'Erp', 'lastname': 'Buyer', 'company': 'Acme GmbH',
                            'street': 'Main 1', 'city': 'Berlin', 'postcode': '10115',
                            'country_id': 'DE', 'telephone': '030-1', 'region_id': 82},
        'shipping_address': {'firstname': 'Erp', 'lastname': 'Buyer', 'street': 'Dock 2',
                             'city': 'Hamburg', 'postcode': '20095', 'country_id': 'DE',
                             'telephone': '040-2'},
        'status_history': [{'status': 'pending', 'comment': 'Order placed',
                            'created_at': '2024-05-01 10:00:00'},
                           {'status': 'processing', 'comment': 'Authorized',
                            'created_at': '2024-05-01 10:00:05', 'is_customer_notified': False}],
        'items': [{'item_id': oid * 10 + 1, 'sku': 'W-%d' % oid, 'name': 'Widget',
                   'qty_ordered': qty, 'price': 20},
                  {'item_id': oid * 10 + 2, 'sku': 'G-%d' % oid, 'name': 'Gadget',
                   'qty_ordered': qty, 'price': 5}],
    }


out = [order('7000000%02d' % n, 7000 + n, 3) for n in range(1, 8)]
out += [order('8000000%02d' % n, 8000 + n, 200) for n in range(1, 7)]
json.dump({'orders': out}, __import__('sys').stdout, indent=1)
