#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A transparent TCP relay that records both directions, so a client test can
show (and assert) the exact bytes a client put on the wire.

  tcp_tap.py TARGET_PORT LOGFILE

Listens on 127.0.0.1 on a free port, prints "tap listening on PORT" to
stdout (flushed), relays every connection to 127.0.0.1:TARGET_PORT and
appends to LOGFILE blocks of the form
  ==> conn N client->server (K bytes)
  <raw bytes>
  <== conn N server->client (K bytes)
  <raw bytes>
Runs until killed.
"""
import socket
import sys
import threading

lock = threading.Lock()


def pump(src, dst, log, conn, arrow):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            with lock:
                log.write(("\n%s conn %d %s (%d bytes)\n" % (arrow[0], conn, arrow[1], len(data))).encode())
                log.write(data)
                log.flush()
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s, how in ((dst, socket.SHUT_WR), (src, socket.SHUT_RD)):
            try:
                s.shutdown(how)
            except OSError:
                pass


def main():
    target = int(sys.argv[1])
    log = open(sys.argv[2], "ab")
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    print("tap listening on %d" % srv.getsockname()[1], flush=True)
    n = 0
    while True:
        c, _ = srv.accept()
        n += 1
        try:
            s = socket.create_connection(("127.0.0.1", target))
        except OSError:
            c.close()
            continue
        threading.Thread(target=pump, args=(c, s, log, n, ("==>", "client->server")), daemon=True).start()
        threading.Thread(target=pump, args=(s, c, log, n, ("<==", "server->client")), daemon=True).start()


if __name__ == "__main__":
    main()
