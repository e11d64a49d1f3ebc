/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * XML-RPC (/api/xmlrpc/): the V1 handler methods behind Magento's
 * Zend_XmlRpc_Server (fact base §1.5).  ZF1 matches the parameter types
 * against the docblock signatures of the handler, so `call`'s args must be
 * an <array> (or left out) and multiCall's calls and options too; anything
 * else is fault 623.  Faults carry the Magento code as <int>, HTTP 200.
 */
#include "rpc/codec.h"
#include "api/api.h"
#include "rpc/rpc.h"

#include <stdio.h>
#include <string.h>

/* The @param type of the handler's docblock, from the API table's argument type. */
static const char *xr_type(enum api_type t)
{
    return t == APT_ARRAY || t == APT_FILTERS || t == APT_QTYS ? "array" : "string";
}

/* One of the prototypes ZF1 builds (one per count of optional parameters)? */
static int signature_matches(enum api_method m, const struct xr_request *rq)
{
    const struct api_method_info *mi = api_method(m);

    if ((int)rq->n < mi->required || (int)rq->n > mi->max)
        return 0;
    for (size_t i = 0; i < rq->n; i++)
        if (strcmp(rq->types[i], xr_type(mi->params[i].type)) != 0)
            return 0;
    return 1;
}

static void list_methods(struct worker *w, struct http_resp *resp)
{
    struct arena *a = w->ctx.arena;
    struct val *l = val_list(a);

    for (int i = 0; l && i < API_HANDLER_COUNT; i++)
        val_list_push(a, l, val_str_borrow(a, api_method((enum api_method)i)->name));
    if (l)
        val_list_push(a, l, val_str_borrow(a, "system.listMethods"));
    if (!l)
        xr_write_fault(resp->body, 1, md_fault_text(MDF_INTERNAL));
    else
        xr_write_response(resp->body, l, 0);
}

/* A streamed list's page (exchange.h proto_stream_encoder); arg: intcols. */
static int xr_page(const void *arg, const struct val *page, struct buf *out)
{
    xr_write_response(out, page, *(const int *)arg);
    return buf_failed(out) ? -1 : 0;
}

void xmlrpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp)
{
    struct codec_limits lim;
    struct xr_request rq;
    struct md_fault f;
    struct val *result = NULL;
    int m;

    resp->status = 200;
    resp->content_type = "text/xml; charset=UTF-8";
    buf_reset(resp->body);
    codec_limits_from_cfg(&lim, w->cfg);
    if (xr_parse(w->ctx.arena, &lim, req->body, req->body_len, &rq, &f)) {
        xr_write_fault(resp->body, f.code, f.msg);
        return;
    }
    m = api_handler_find(rq.method);
    if (m < 0) {
        if (!strcmp(rq.method, "system.listMethods") && rq.n == 0) {
            list_methods(w, resp);
            return;
        }
        snprintf(f.msg, sizeof f.msg, "Method \"%.200s\" does not exist", rq.method);
        xr_write_fault(resp->body, XR_FAULT_UNKNOWN, f.msg);
        return;
    }
    if (!signature_matches((enum api_method)m, &rq)) {
        xr_write_fault(resp->body, XR_FAULT_SIGNATURE, "Calling parameters do not match signature");
        return;
    }
    if (api_dispatch(&w->ctx, (enum api_method)m, rq.params, rq.n, &result, &f)) {
        int code = f.code;
        if (code == API_FAULT_ARGS)
            code = XR_FAULT_SIGNATURE; /* a PHP Error: the call did not fit the method */
        else if (code == MD_FAULT_IDEM_CONFLICT)
            code = MD_IDEM_FAULT_CODE;
        else if (code < 0)
            code = md_fault_code(MDF_INTERNAL);
        xr_write_fault(resp->body, code, f.msg);
        return;
    }
    int intcols = w->cfg->profile == PROFILE_OPENMAGE;
    xr_write_response(resp->body, result, intcols);
    if (w->ctx.stream) /* a list sent page by page: the pages' writer */
        proto_stream_encoder(w, xr_page, &intcols, sizeof intcols);
    if (buf_failed(resp->body)) {
        buf_reset(resp->body);
        xr_write_fault(resp->body, md_fault_code(MDF_INTERNAL), md_fault_text(MDF_INTERNAL));
    }
}
