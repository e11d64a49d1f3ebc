#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare what PHP's SoapClient decoded from magesoapd's V1 answers
(captures_v1.php) with captures/v1-SUMMARY.json, case by case: same result
or same fault (code and message), same keys in the same order, same types,
after normalising dates, session ids, address entity ids and gateway
transaction ids.

usage: compare_v1.py GOT.json v1-SUMMARY.json [openmage|magento1]
  openmage: integer columns must be PHP ints, as REF (PHP 8.2) sent them;
  magento1: every column value must be a string, as Magento 1.9 on PHP 5/7
            sent it -- the recorded ints are compared as their strings.
Deliberate deviations: info-noargs (no server path in the message),
list-filter-invalid (fault 101 without SQL, may name the field).  Prints PASS:/FAIL: lines and
"N passed, N failed"."""
import json
import os
import re
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from compare_summary import first_diff  # noqa: E402  (one comparison for V1, V2 and WS-I)


DATE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
SID = re.compile(r"^[0-9a-f]{32}$")
VOLATILE = {"billing_address_id", "shipping_address_id", "transaction_id"}

DEVIATIONS = {
    "info-noargs": {"fault": {"faultcode": "SOAP-ENV:Server", "faultstring":
                              "Too few arguments to function Mage_Sales_Model_Order_Invoice_Api"
                              "::info(), 0 passed and exactly 1 expected", "detail": None}},
}
# fault 101 with Magento's text, optionally naming the field, never SQL
INVALID_FILTER = re.compile(r"^Invalid filter given\. Details in error message\.(?! .*(SQL|SELECT))")


def norm(v, key=None, strings=False):
    if isinstance(v, dict):
        return {k: norm(x, k, strings) for k, x in v.items()}
    if isinstance(v, list):
        return [norm(x, None, strings) for x in v]
    if key in VOLATILE and v is not None:
        return "VOLATILE"
    if isinstance(v, str) and DATE.match(v):
        return "DATE"
    if isinstance(v, str) and SID.match(v):
        return "SID"
    if strings and isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    return v


def main():
    got = json.load(open(sys.argv[1]))
    want = json.load(open(sys.argv[2]))
    strings = len(sys.argv) > 3 and sys.argv[3] == "magento1"
    passed = failed = 0
    for name, w in want.items():
        if name.startswith("_"):
            continue
        case = name[3:]
        g = got.get(name)
        if g is None:
            d = "not run"
        elif case == "list-filter-invalid":
            f = g.get("fault") or {}
            ok = f.get("faultcode") == "101" and INVALID_FILTER.match(f.get("faultstring") or "")
            d = None if ok else "got %r, want fault 101 without SQL" % g
        else:
            w = DEVIATIONS.get(case, w)
            d = first_diff(norm(g), norm(w, None, strings))
        if d:
            print("FAIL: %s: %s" % (name, d))
            failed += 1
        else:
            print("PASS: %s decoded as recorded%s" % (name, " (deliberate deviation)"
                                                      if case in DEVIATIONS else ""))
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
