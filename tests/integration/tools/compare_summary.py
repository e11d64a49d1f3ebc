#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare decoded client results ({"<mode>-<case>": {"result"|"fault"}}) with a
recorded captures/<mode>-SUMMARY.json, case by case, after normalising dates,
session ids and address entity ids.  Deliberate deviations are checked
against their own expectation.  Prints one line per failure and a final
"N passed, N failed"."""
import json
import re
import sys

DATE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
SID = re.compile(r"^[0-9a-f]{32}$")
VOLATILE_KEYS = {"billing_address_id", "shipping_address_id"}

DEVIATIONS = {
    # the store leaks SQL text in fault 1; we answer 101 (README: deviations)
    "list-filter-invalid": {"fault": {"faultcode": "101"}},
}


def norm(v, key=None):
    if isinstance(v, dict):
        return {k: norm(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if key in VOLATILE_KEYS and v is not None:
        return "ADDR"
    if isinstance(v, str) and DATE.match(v):
        return "DATE"
    if isinstance(v, str) and SID.match(v):
        return "SID"
    return v


def first_diff(a, b, path="$"):
    if type(a) is not type(b):
        return "%s: got %r, want %r" % (path, a, b)
    if isinstance(a, dict):
        for k in list(b) + [k for k in a if k not in b]:
            if k not in a:
                return "%s: missing key %r (want %r)" % (path, k, b[k])
            if k not in b:
                return "%s: unexpected key %r = %r" % (path, k, a[k])
            d = first_diff(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
        if list(a) != list(b):
            return "%s: key order %r, want %r" % (path, list(a), list(b))
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d items, want %d" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    return None if a == b else "%s: got %r, want %r" % (path, a, b)


def main():
    got = json.load(open(sys.argv[1]))
    want = json.load(open(sys.argv[2]))
    passed = failed = 0
    for name, w in want.items():
        if name.startswith("_"):
            continue
        case = name.split("-", 1)[1]
        g = got.get(name)
        if g is None:
            print("FAIL %s: not run" % name)
            failed += 1
            continue
        if case in DEVIATIONS:
            exp = DEVIATIONS[case]["fault"]
            f = g.get("fault") or {}
            ok = all(f.get(k) == v for k, v in exp.items()) and "SQL" not in (f.get("faultstring") or "")
            d = None if ok else "got %r, want fault %r without SQL" % (g, exp)
        else:
            d = first_diff(norm(g), norm(w))
        if d:
            print("FAIL %s: %s" % (name, d))
            failed += 1
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
