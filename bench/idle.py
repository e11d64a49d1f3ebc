#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Hold N idle keep-alive TCP connections to 127.0.0.1:PORT until killed (or for SECONDS).

  idle.py PORT N [SECONDS]

Prints "open N" once all are connected; raises its own open-files limit."""
import resource
import socket
import sys
import time

port, n = int(sys.argv[1]), int(sys.argv[2])
secs = float(sys.argv[3]) if len(sys.argv) > 3 else 3600
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, n + 256)), hard))
socks = []
for _ in range(n):
    socks.append(socket.create_connection(("127.0.0.1", port), timeout=10))
print("open %d" % len(socks), flush=True)
end = time.time() + secs
while time.time() < end:
    time.sleep(1)
