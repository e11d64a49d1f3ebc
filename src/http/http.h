/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The HTTP layer: GNU libmicrohttpd reads and writes (epoll event-loop
 * threads: keep-alive, Expect: 100-continue, Content-Length and chunked
 * bodies), a pool of workers runs the requests, and a limit holds on
 * everything (header bytes, body bytes, idle and whole-request time, requests
 * per connection, open connections in all and per IP).  Handlers see a
 * parsed request and fill a response; they never touch the socket.
 */
#ifndef MD_HTTP_H
#define MD_HTTP_H

#include "proto/exchange.h"

/* Implemented by the router: dispatch one request. */
void route_request(struct worker *w, struct http_req *req, struct http_resp *resp);

/* Run the server until SIGTERM/SIGINT.  Prints "listening on HOST:PORT" on
 * stderr once accepting, then calls on_listening (may be NULL: the app tells
 * systemd it is ready there).  Returns 0 on a clean stop. */
int http_serve(const struct cfg *cfg, void (*on_listening)(void));

/* Bind the listener (and load the TLS certificate) before http_serve, e.g.
 * to drop root in between; http_serve binds itself when this was not
 * called.  -1 on failure (logged). */
int http_bind(const struct cfg *cfg);
/* SIGHUP runs fn on the server's main thread (between sweeps); without a
 * hook SIGHUP is ignored.  The hook publishes a new cfg_live() snapshot. */
void http_set_reload_hook(void (*fn)(void));
/* Load cfg's tls_cert / tls_key / tls_ca again for new connections (the
 * running server must have been started with TLS); -1 + err keeps the old. */
/* SIGHUP: reopen the access log file (when it is a file).  0 or -1 + err. */
int http_access_log_reopen(char *err, size_t errlen);
int http_tls_reload(const struct cfg *cfg, char *err, size_t errlen);
/* --check-config: the TLS files load and the key matches the certificate
 * (0 when TLS is off).  -1 + err. */
int http_tls_check(const struct cfg *cfg, char *err, size_t errlen);

#endif
