/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Dispatch of the non-SOAP endpoints to their protocol modules. */
#include "rpc/rpc.h"

#include "api/api.h"

void rpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep,
                const char *rest)
{
    api_request_begin(&w->ctx, req->peer);
    api_request_auth(&w->ctx, req->authorization);
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
