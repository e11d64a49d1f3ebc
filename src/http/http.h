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

#include <stddef.h>
#include <stdint.h>

#include "magesoapd/buf.h"
#include "magesoapd/config.h"
#include "magesoapd/domain.h"
#include "magesoapd/val.h"

struct http_req {
    char method[16];
    char *target; /* as sent */
    char *path;   /* target without query string, percent-decoding not applied */
    char *query;  /* after '?', "" when none */
    int minor;    /* HTTP/1.<minor> */
    const char *host, *content_type, *soapaction, *authorization, *if_none_match,
        *if_modified_since, *accept;
    int keep_alive;
    char *body; /* NUL-terminated, never NULL */
    size_t body_len;
    char peer[64];
};

struct http_resp {
    int status;
    const char *content_type;
    struct buf *body;
    char headers[1024]; /* extra header lines, each ending in \r\n */
    int close;          /* force Connection: close */
};

/* Everything a worker owns; handlers get it to reach the domain. */
struct worker {
    int id;
    const struct cfg *cfg;
    struct store *st;
    struct arena arena;    /* per-request allocations, reset after each */
    struct md_ctx ctx;
    struct buf out;        /* response body (handed to the HTTP layer when large) */
    struct buf in;         /* unused since libmicrohttpd reads the sockets; kept for the ABI */
    void *soap;            /* struct soap *, owned by the SOAP module */
};

/* Implemented by the router: dispatch one request. */
void route_request(struct worker *w, struct http_req *req, struct http_resp *resp);
/* Worker-lifetime hooks of the SOAP module. */
int soap_worker_init(struct worker *w);
void soap_worker_free(struct worker *w);

void http_add_header(struct http_resp *resp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A plain-text error body with a status. */
void http_error(struct http_resp *resp, int status, const char *msg);
const char *http_reason(int status);
/* Case-insensitive lookup of key in a query string "a=1&wsdl&b=2": returns
 * 1 if present (value copied into val, "" when none), 0 if absent. */
int http_query_get(const char *query, const char *key, char *val, size_t vallen);

/* Run the server until SIGTERM/SIGINT.  Prints "listening on HOST:PORT" on
 * stderr once accepting.  Returns 0 on a clean stop. */
int http_serve(const struct cfg *cfg);

#endif
