/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a protocol module exchanges with the HTTP layer above it: the parsed
 * request, the response to fill, the worker that runs it (its store
 * connection, arena and gSOAP context), the endpoints and their handlers.
 * The protocols layer defines all of it; the net layer (src/http) only
 * fills a request from the wire, calls a handler and sends the response.
 */
#ifndef MD_PROTO_EXCHANGE_H
#define MD_PROTO_EXCHANGE_H

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
    const char *idempotency_key; /* Idempotency-Key header, NULL = none */
    int keep_alive;
    char *body; /* NUL-terminated, never NULL */
    size_t body_len;
    char peer[64];
    char local[64]; /* HOST:PORT the connection arrived on ("" unknown) */
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
    /* A streamed list answer (issue 8): the dialect's page writer, set by
     * proto_stream_encoder, and the stream proto_stream_take hands over. */
    int (*page_fn)(const void *arg, const struct val *page, struct buf *out);
    unsigned char page_arg[192];
    struct proto_stream *stream;
};

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


enum endpoint { EP_NONE, EP_V1, EP_V2, EP_XMLRPC, EP_JSONRPC, EP_REST };

/* GET ?wsdl on a SOAP endpoint (src/soap/wsdl.c). */
void wsdl_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep);
/* POST to a SOAP endpoint (src/soap/soap_server.c). */
void soap_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep);
/* POST to XML-RPC, JSON-RPC or REST (src/rpc/). */
void rpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep,
                const char *rest);

/*
 * Inline running (inline_reads): the net layer may run a request on the
 * event-loop thread that read it, where nothing may block.  It asks the
 * dialect first (a cheap look at the request: method, endpoint, size, never
 * the body's contents); a candidate is then run on a worker context marked
 * by worker_set_inline(), where the API layer takes only cheap reads and
 * refuses anything else before doing anything (api.h, API_READ_CHEAP);
 * worker_deferred() then says the answer must be dropped and the request
 * run again on the worker pool.
 */
#define PROTO_INLINE_MAX_BODY 16384
int proto_inline_candidate(const struct http_req *req, enum endpoint ep);
int soap_inline_candidate(const struct http_req *req);                  /* soap_server.c */
int rpc_inline_candidate(const struct http_req *req, enum endpoint ep); /* rpc/rpc.c */
static inline void worker_set_inline(struct worker *w) /* before each inline request */
{
    w->ctx.reads_only = 1;
    w->ctx.deferred = 0;
}
static inline int worker_deferred(const struct worker *w) { return w->ctx.deferred; }

/*
 * Streamed list answers (issue 8).  A dialect that can send a list page by
 * page calls proto_stream_allow() before api_dispatch and, once it has
 * written its answer, proto_stream_encoder() with a page writer: a function
 * that writes a whole answer around a page list, in the same form, from
 * arg (copied, at most sizeof page_arg bytes).  The handlers then cut the
 * answer at the list's markers (proto_stream_cut): resp->body keeps what
 * goes before the rest of the items, the stream keeps the rest.  The net
 * layer takes the stream (proto_stream_take) and sends the body first, then
 * what proto_stream_next() gives, on the event-loop thread that writes the
 * connection, with that thread's worker context (a store read per page).
 */
struct proto_stream;
void proto_stream_allow(struct worker *w);
void proto_stream_encoder(struct worker *w,
                          int (*fn)(const void *arg, const struct val *page, struct buf *out),
                          const void *arg, size_t arg_size);
void proto_stream_cut(struct worker *w, struct http_resp *resp);
struct proto_stream *proto_stream_take(struct worker *w);
/* Append the next bytes to out: 0 (more to come), 1 (the last bytes: the
 * answer's end), -1 (the answer cannot be finished: a store error, rows
 * gone; the connection must be cut).  w is the calling thread's worker
 * context (its store, arena and cfg), in a read transaction. */
int proto_stream_next(struct proto_stream *s, struct worker *w, struct buf *out);
/* Rows the answer holds in all. */
size_t proto_stream_total(const struct proto_stream *s);
void proto_stream_free(struct proto_stream *s);

/* The start time the WSDLs' Last-Modified is taken from (src/soap/wsdl.c). */
void wsdl_set_start_time(int64_t unix_seconds);
/* The bound HOST:PORT the WSDLs' soap:address names when public_url is not
 * set, the request's Host is not in trusted_hosts and the address the
 * connection arrived on is unknown (src/soap/wsdl.c). */
void wsdl_set_listen_address(const char *host_port);

/* A list's large-answer slot (api.h api_large_acquire): 1 when the calling
 * thread's request took one, handed over to the caller, who gives it back
 * with exchange_large_release() once the answer has been sent. */
int exchange_large_take(void);
void exchange_large_release(void);

#endif
