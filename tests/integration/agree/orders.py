#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Orders for the agreement test: copies of the first order of
tests/data/captures-orders.json (checkmo, nothing invoiced) with fresh ids:
500000000 (setup), 5000000NN (one per role x dialect), 6000000NN (REST,
entity ids 2001..).  usage: orders.py SOURCE_DIR > orders.json"""
import copy
import json
import sys

src = json.load(open(sys.argv[1] + '/tests/data/captures-orders.json'))
tpl = src['orders'][0]
out = []


def add(inc, oid):
    o = copy.deepcopy(tpl)
    o['increment_id'] = inc
    o['order_id'] = oid
    for j, it in enumerate(o['items']):
        it['item_id'] = oid * 10 + j
        if 'parent_item_id' in it and it['parent_item_id']:
            it['parent_item_id'] = oid * 10
    out.append(o)


add('500000000', 1000)
for n in range(1, 31):
    add('5000000%02d' % n, 1000 + n)
for n in range(1, 4):
    add('6000000%02d' % n, 2000 + n)
json.dump({'orders': out}, sys.stdout, indent=1)
