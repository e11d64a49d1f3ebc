/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Response helpers for protocol handlers and query-string lookup (see
 * exchange.h).
 */
#define _GNU_SOURCE /* memmem */
#include "proto/exchange.h"
#include "api/api.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "magesoapd/log.h"
#include "magesoapd/trace.h"

const char *http_reason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

void http_add_header(struct http_resp *resp, const char *fmt, ...)
{
    size_t len = strlen(resp->headers);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(resp->headers + len, sizeof resp->headers - len, fmt, ap);
    va_end(ap);
}

void http_error(struct http_resp *resp, int status, const char *msg)
{
    resp->status = status;
    resp->content_type = "text/plain; charset=UTF-8";
    buf_reset(resp->body);
    buf_puts(resp->body, msg);
    buf_putc(resp->body, '\n');
}

int http_query_get(const char *query, const char *key, char *val, size_t vallen)
{
    size_t klen = strlen(key);
    const char *p = query;

    while (p && *p) {
        const char *end = strchr(p, '&');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len >= klen && strncasecmp(p, key, klen) == 0 && (len == klen || p[klen] == '=')) {
            if (val && vallen) {
                size_t vl = len > klen ? len - klen - 1 : 0;
                if (vl >= vallen)
                    vl = vallen - 1;
                memcpy(val, p + klen + (len > klen), vl);
                val[vl] = '\0';
            }
            return 1;
        }
        p = end ? end + 1 : NULL;
    }
    return 0;
}

int proto_inline_candidate(const struct http_req *req, enum endpoint ep)
{
    switch (ep) {
    case EP_V1:
    case EP_V2:
        return soap_inline_candidate(req);
    case EP_XMLRPC:
    case EP_JSONRPC:
    case EP_REST:
        return rpc_inline_candidate(req, ep);
    case EP_NONE:
        break;
    }
    return 0;
}

/* ---- request header policy ------------------------------------------------ */

int exchange_large_take(void)
{
    return api_large_take();
}

void exchange_large_release(void)
{
    api_large_release();
}

/* ---- streamed list answers ---------------------------------------------------- */

struct proto_stream {
    struct md_list_stream *ls;
    int (*fn)(const void *arg, const struct val *page, struct buf *out);
    unsigned char arg[sizeof ((struct worker *)0)->page_arg];
    int json;      /* items are separated by ',' (JSON) */
    size_t sent;   /* items already in the answer */
    char *suffix;  /* the answer after the items */
    size_t nsuffix;
    int done;
};

/* The markers as an encoder writes them: raw (XML), or as JSON strings. */
#define JSON_BEGIN "\"\\u0001mdsB\\u0001\""
#define JSON_END "\"\\u0001mdsE\\u0001\""

struct cut {
    size_t begin, items, items_end, end; /* [begin, items): marker; [items_end, end): marker */
    int json;
};

/* Find the markers in b: 0, or -1 when they are not both there. */
static int find_cut(const char *b, size_t n, struct cut *c)
{
    const char *p = memmem(b, n, VAL_STREAM_BEGIN, VAL_STREAM_MARK_LEN), *q;

    if (p) {
        q = memmem(p, n - (size_t)(p - b), VAL_STREAM_END, VAL_STREAM_MARK_LEN);
        if (!q)
            return -1;
        c->json = 0;
        c->begin = (size_t)(p - b);
        c->items = c->begin + VAL_STREAM_MARK_LEN;
        c->items_end = (size_t)(q - b);
        c->end = c->items_end + VAL_STREAM_MARK_LEN;
        return 0;
    }
    p = memmem(b, n, JSON_BEGIN, sizeof JSON_BEGIN - 1);
    q = p ? memmem(p, n - (size_t)(p - b), JSON_END, sizeof JSON_END - 1) : NULL;
    if (!q)
        return -1;
    c->json = 1;
    c->begin = (size_t)(p - b);
    c->items = c->begin + sizeof JSON_BEGIN - 1;
    c->items_end = (size_t)(q - b);
    c->end = c->items_end + sizeof JSON_END - 1;
    /* the array's separators: "B",item,...,item,"E" or "B","E" */
    if (c->items < c->items_end && b[c->items] == ',')
        c->items++;
    if (c->items_end > c->items && b[c->items_end - 1] == ',')
        c->items_end--;
    return 0;
}

void proto_stream_allow(struct worker *w)
{
    w->ctx.stream_lists = 1;
    w->page_fn = NULL;
}

void proto_stream_encoder(struct worker *w,
                          int (*fn)(const void *arg, const struct val *page, struct buf *out),
                          const void *arg, size_t arg_size)
{
    if (arg_size > sizeof w->page_arg) {
        log_msg(LOG_ERR, "stream: page writer argument too large (%zu)", arg_size);
        w->page_fn = NULL;
        return;
    }
    memcpy(w->page_arg, arg, arg_size);
    w->page_fn = fn;
}

void proto_stream_free(struct proto_stream *s)
{
    if (!s)
        return;
    api_stream_free(s->ls);
    free(s->suffix);
    free(s);
}

void proto_stream_cut(struct worker *w, struct http_resp *resp)
{
    struct md_list_stream *ls = api_stream_take(&w->ctx);
    int (*fn)(const void *, const struct val *, struct buf *) = w->page_fn;
    struct buf *b = resp->body;
    struct cut c;

    w->ctx.stream_lists = 0;
    w->page_fn = NULL;
    val_stream_mark(NULL, 0);
    if (!ls)
        return;
    if (buf_failed(b) || find_cut(b->p, b->n, &c) != 0) {
        /* the answer does not hold the list (a fault came after it) */
        api_stream_free(ls);
        return;
    }
    struct proto_stream *s = fn ? calloc(1, sizeof *s) : NULL;
    if (s) {
        s->nsuffix = b->n - c.end;
        s->suffix = malloc(s->nsuffix + 1);
    }
    if (!s || !s->suffix) {
        if (!fn)
            log_msg(LOG_ERR, "stream: a list was streamed without a page writer");
        free(s);
        api_stream_free(ls);
        http_error(resp, 500, "the list answer could not be streamed");
        resp->close = 1;
        return;
    }
    memcpy(s->suffix, b->p + c.end, s->nsuffix);
    s->ls = ls;
    s->fn = fn;
    memcpy(s->arg, w->page_arg, sizeof s->arg);
    s->json = c.json;
    s->sent = c.items_end - c.items > 0 ? 1 : 0; /* nonzero: some item was sent */
    /* the body: what precedes the markers, then the first page's items */
    memmove(b->p + c.begin, b->p + c.items, c.items_end - c.items);
    b->n = c.begin + (c.items_end - c.items);
    w->stream = s;
    /* the journal keeps the answer up to the first page's end */
    trace_note("list answer streamed: %zu rows, %lld a page; the journal holds the first page",
               md_list_stream_total(ls), (long long)(w->cfg ? w->cfg->list_stream_rows : 0));
}

struct proto_stream *proto_stream_take(struct worker *w)
{
    struct proto_stream *s = w->stream;

    w->stream = NULL;
    return s;
}

size_t proto_stream_total(const struct proto_stream *s)
{
    return s ? md_list_stream_total(s->ls) : 0;
}

int proto_stream_next(struct proto_stream *s, struct worker *w, struct buf *out)
{
    struct md_fault f;
    struct val *page = NULL;
    struct buf tmp;
    struct cut c;
    int rc;

    if (s->done)
        return 1;
    api_request_begin(&w->ctx, NULL, NULL); /* the page's own deadline */
    rc = api_stream_next(&w->ctx, s->ls, &page, &f);
    if (rc == 1) {
        s->done = 1;
        buf_put(out, s->suffix, s->nsuffix);
        return buf_failed(out) ? -1 : 1;
    }
    if (rc != 0) {
        log_msg(LOG_WARN, "stream: a list page failed (%d %s); the answer is cut off", f.code,
                f.msg);
        return -1;
    }
    buf_init(&tmp, 0);
    rc = s->fn(s->arg, page, &tmp);
    val_stream_mark(NULL, 0);
    if (rc != 0 || buf_failed(&tmp) || find_cut(tmp.p, tmp.n, &c) != 0) {
        buf_free(&tmp);
        log_msg(LOG_ERR, "stream: a list page could not be written; the answer is cut off");
        return -1;
    }
    if (c.items_end > c.items) {
        if (s->json && s->sent)
            buf_putc(out, ',');
        buf_put(out, tmp.p + c.items, c.items_end - c.items);
        s->sent = 1;
    }
    buf_free(&tmp);
    return buf_failed(out) ? -1 : 0;
}
