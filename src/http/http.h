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

#endif
