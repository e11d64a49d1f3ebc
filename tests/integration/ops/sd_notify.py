#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run the daemon under a fake systemd notify socket (what Type=notify sees).

Asserts: READY=1 arrives, and when it does the port already answers HTTP;
STOPPING=1 arrives after SIGTERM and the daemon exits 0; a NOTIFY_SOCKET
that nobody listens on does not stop the daemon from serving.
usage: sd_notify.py MAGESOAPD CONFIG TMPDIR
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

binary, config, tmp = sys.argv[1:4]
failures = 0


def check(ok, what):
    global failures
    print(("PASS: " if ok else "FAIL: ") + what)
    if not ok:
        failures += 1


def start(notify_path, log):
    env = dict(os.environ, NOTIFY_SOCKET=notify_path)
    return subprocess.Popen([binary, "-c", config, "serve", "--listen", "127.0.0.1:0"],
                            env=env, stderr=open(log, "w"))


def port_of(log, proc, deadline):
    while time.monotonic() < deadline and proc.poll() is None:
        m = re.search(r"^listening on 127\.0\.0\.1:(\d+)$", open(log).read(), re.M)
        if m:
            return int(m.group(1))
        time.sleep(0.05)
    return None


def wsdl_status(port):
    url = "http://127.0.0.1:%d/api/v2_soap/?wsdl" % port
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.status


def recv_until(sock, want, deadline):
    """Datagrams until one holding the line `want`; returns all seen."""
    seen = []
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            msg = sock.recv(4096).decode()
        except socket.timeout:
            break
        seen.append(msg)
        if want in msg.split("\n"):
            break
    return seen


# 1. a listening notify socket: READY=1, then STOPPING=1 on SIGTERM
path = os.path.join(tmp, "notify.sock")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
log = os.path.join(tmp, "notify-daemon.log")
proc = start(path, log)
try:
    seen = recv_until(sock, "READY=1", time.monotonic() + 20)
    check(any("READY=1" in m.split("\n") for m in seen), "READY=1 received (%r)" % seen)
    port = port_of(log, proc, time.monotonic() + 5)
    check(port is not None, "daemon printed its port")
    # READY came first; the port must already be answering
    check(port is not None and wsdl_status(port) == 200,
          "the port answers GET ?wsdl as soon as READY=1 is sent")
    check(not any("STOPPING=1" in m for m in seen), "no STOPPING=1 before SIGTERM")
    proc.send_signal(signal.SIGTERM)
    seen = recv_until(sock, "STOPPING=1", time.monotonic() + 20)
    check(any("STOPPING=1" in m.split("\n") for m in seen), "STOPPING=1 after SIGTERM (%r)" % seen)
    rc = proc.wait(timeout=20)
    check(rc == 0, "exit status 0 after SIGTERM (got %d)" % rc)
finally:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    sock.close()

# 2. NOTIFY_SOCKET naming a socket nobody listens on: still serves
log2 = os.path.join(tmp, "notify-daemon2.log")
proc = start(os.path.join(tmp, "nobody.sock"), log2)
try:
    port = port_of(log2, proc, time.monotonic() + 20)
    check(port is not None and wsdl_status(port) == 200,
          "a dead NOTIFY_SOCKET does not stop the daemon")
    check("sd_notify READY=1" in open(log2).read(), "the failed notification is logged")
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=20)
    check(rc == 0, "exit status 0 after SIGTERM (got %d)" % rc)
finally:
    if proc.poll() is None:
        proc.kill()
        proc.wait()

print("%s" % ("ok" if failures == 0 else "%d failed" % failures))
sys.exit(1 if failures else 0)
