/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Dispatch of the non-SOAP endpoints to their protocol modules. */
#define _GNU_SOURCE
#include "rpc/rpc.h"

#include "api/api.h"

#include <string.h>

/* An XML-RPC methodName the API table says may block (login, multiCall,
 * endSession): saves decoding it twice.  Only a hint (see soap_server.c). */
static int xmlrpc_may_block(const struct http_req *req)
{
    const char *p = memmem(req->body, req->body_len, "<methodName>", 12), *q;
    char name[32];
    int m;

    if (!p)
        return 0;
    p += 12;
    q = memchr(p, '<', req->body_len - (size_t)(p - req->body));
    if (!q || (size_t)(q - p) >= sizeof name)
        return 0;
    memcpy(name, p, (size_t)(q - p));
    name[q - p] = '\0';
    m = api_wire_find(name);
    return m >= 0 && m != API_CALL && api_method((enum api_method)m)->access != API_READ_CHEAP;
}

/* XML-RPC and JSON-RPC: one small call (a JSON-RPC batch, opening with '[',
 * runs many: the pool).  REST: its token and invoice routes write. */
int rpc_inline_candidate(const struct http_req *req, enum endpoint ep)
{
    size_t i = 0;

    if (ep == EP_REST || strcmp(req->method, "POST") || req->body_len > PROTO_INLINE_MAX_BODY)
        return 0;
    while (i < req->body_len && req->body[i] && strchr(" \t\r\n", req->body[i]))
        i++;
    if (i >= req->body_len)
        return 0;
    return ep == EP_XMLRPC ? !xmlrpc_may_block(req) : req->body[i] == '{';
}

void rpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep,
                const char *rest)
{
    api_request_begin(&w->ctx, req->peer, req->idempotency_key);
    api_request_auth(&w->ctx, req->authorization);
    switch (ep) {
    case EP_XMLRPC:
        proto_stream_allow(w); /* a list answer may go out page by page */
        xmlrpc_handle(w, req, resp);
        proto_stream_cut(w, resp);
        return;
    case EP_JSONRPC:
        jsonrpc_handle(w, req, resp); /* single requests allow streamed lists */
        proto_stream_cut(w, resp);
        return;
    case EP_REST:
        rest_handle(w, req, resp, rest);
        return;
    default:
        http_error(resp, 404, "not found");
    }
}
