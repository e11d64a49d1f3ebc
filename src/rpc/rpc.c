/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Dispatch of the non-SOAP endpoints to their protocol modules. */
#include "rpc/rpc.h"

#include "api/api.h"

#include <string.h>

/* XML-RPC and JSON-RPC: one small call (a JSON-RPC batch, opening with '[',
 * runs many: the pool).  REST: its token and invoice routes write. */
int rpc_inline_candidate(const struct http_req *req, enum endpoint ep)
{
    size_t i = 0;

    if (ep == EP_REST || strcmp(req->method, "POST") || req->body_len > PROTO_INLINE_MAX_BODY)
        return 0;
    while (i < req->body_len && req->body[i] && strchr(" \t\r\n", req->body[i]))
        i++;
    return i < req->body_len && (ep == EP_XMLRPC || req->body[i] == '{');
}

void rpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep,
                const char *rest)
{
    api_request_begin(&w->ctx, req->peer);
    switch (ep) {
    case EP_XMLRPC:
        xmlrpc_handle(w, req, resp);
        return;
    case EP_JSONRPC:
        jsonrpc_handle(w, req, resp);
        return;
    case EP_REST:
        rest_handle(w, req, resp, rest);
        return;
    default:
        http_error(resp, 404, "not found");
    }
}
