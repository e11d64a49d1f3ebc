#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Judge one race of 25-race.sh from the contenders' JSON lines.

  race_check.py LABEL RESULTS_FILE N_OK 'CODE|MESSAGE' ['CODE|MESSAGE' ...]

RACE_N in the environment: the number of contenders (each must answer).
Exactly N_OK contenders must have succeeded (distinct results) and every
other one must have got one of the listed faults.  Prints PASS:/FAIL: lines
and, on stdout's last line, the successful results joined by ',' prefixed
with 'OK='.
"""
import json
import os
import sys


def main():
    label, path, n_ok = sys.argv[1], sys.argv[2], int(sys.argv[3])
    allowed = [tuple(a.split("|", 1)) for a in sys.argv[4:]]
    rows = []
    bad = []
    for line in open(path):
        line = line.strip()
        if not line:
            continue
        try:
            rows.append(json.loads(line))
        except ValueError:
            bad.append("unreadable contender output: %r" % line[:300])
    oks, faults, late = [], [], 0
    for r in rows:
        if "setup_error" in r or "error" in r:
            bad.append(r)
        elif "ok" in r:
            oks.append(r["ok"])
        elif "fault" in r:
            faults.append(tuple(r["fault"]))
        late += 1 if r.get("late") else 0
    fails = 0

    def check(what, cond, detail):
        nonlocal fails
        if cond:
            print("PASS: %s: %s" % (label, what))
        else:
            fails += 1
            print("FAIL: %s: %s\n    %s" % (label, what, detail))

    want_n = int(os.environ.get("RACE_N", "0"))
    check("every contender answered", not bad and len(rows) > 0 and (not want_n or len(rows) == want_n),
          "errors: %r (%d answers, %d contenders)" % (bad, len(rows), want_n))
    check("contenders were ready before the start instant", late == 0,
          "%d of %d contenders were late: the race was not simultaneous" % (late, len(rows)))
    check("exactly %d succeeded" % n_ok, len(oks) == n_ok, "successes: %r; faults: %r" % (oks, faults))
    check("successes are distinct", len(set(map(str, oks))) == len(oks), "successes: %r" % oks)
    wrong = [f for f in faults if f not in allowed]
    check("all others got %s" % " or ".join("%s %s" % a for a in allowed), not wrong,
          "unexpected faults: %r" % wrong)
    spread = [r.get("t_ms") for r in rows if "t_ms" in r]
    print("    (answers within %s ms of the start)" % (max(spread) if spread else "?"))
    print("OK=" + ",".join(o if isinstance(o, str) else json.dumps(o) for o in oks))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
