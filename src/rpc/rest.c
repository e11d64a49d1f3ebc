/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Magento 2 style REST (issue 4; fact base §9), under /rest/V1/,
 * /rest/default/V1/ and /rest/all/V1/:
 *
 *   POST /V1/integration/admin/token  {"username", "password"}
 *        -> 200 "<32 hex>" (a JSON string): a bearer token for an API user
 *           and its API key, valid for token_lifetime seconds.
 *   POST /V1/order/{orderId}/invoice  (Authorization: Bearer <token>)
 *        {capture, items, notify, appendComment, comment, arguments}
 *        -> 200 <invoice entity id> (a JSON number): Magento 2's
 *           InvoiceOrderInterface::execute over the shared invoice domain.
 *
 * Errors are Magento 2's REST error bodies, {"message": ...} plus
 * "parameters" (named placeholders left in the message) or "errors":
 *   401 missing/bad/expired token or a role without sales/order/invoice/create:
 *       "The consumer isn't authorized to access %resources." {resources}
 *   401 bad credentials on the token route (AuthenticationException text)
 *   404 unknown route, unknown order
 *   400 validation ("Invoice Document Validation Error(s):\n..."), an ID of
 *       0, type errors, Content-Type / body decoding; 415 another media type
 *   500 anything unexpected ("Internal Error. ... Report ID: webapi-...").
 */
#include "rpc/rest_int.h"
#include "api/api.h"
#include "rpc/rpc.h"

#include "magesoapd/log.h"
#include "magesoapd/trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Write j (stolen) as the answer with status. */
static void send(struct http_resp *resp, int status, json_t *j)
{
    char *s = j ? rest_dump(j) : NULL;
    json_decref(j);
    buf_reset(resp->body);
    resp->content_type = REST_CONTENT_TYPE;
    if (!s) {
        resp->status = 500;
        buf_puts(resp->body, "{\"message\":\"Internal Error.\"}");
        return;
    }
    resp->status = status;
    buf_puts(resp->body, s);
    free(s);
}

static void send_err(struct http_resp *resp, struct rest_err *e)
{
    json_t *body = e->body;
    e->body = NULL;
    send(resp, e->status ? e->status : 500, body);
}

static void fail(struct http_resp *resp, int status, const char *msg, json_t *params)
{
    struct rest_err e = {0, NULL};
    rest_err_set(&e, status, msg, params);
    send_err(resp, &e);
}

/* A call that failed because the database is away: 503, try again later
 * (1), else 0. */
static int unavailable(struct http_resp *resp, const struct md_fault *f)
{
    if (f->code != MD_FAULT_SERVER || strcmp(f->msg, MD_MSG_DB_UNAVAILABLE) != 0)
        return 0;
    log_msg(LOG_ERR, "REST: %s", f->msg);
    fail(resp, 503, f->msg, NULL);
    return 1;
}

/* ErrorProcessor::_critical: the detail goes to the log under a report id
 * (PHP uniqid() form); the client gets Magento's production text. */
static void internal(struct http_resp *resp, const char *what, const char *detail)
{
    struct timespec ts;
    char msg[160];
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(msg, sizeof msg,
             "Internal Error. Details are available in Magento log file. Report ID: "
             "webapi-%08lx%05lx",
             (unsigned long)ts.tv_sec & 0xffffffffUL,
             (unsigned long)(ts.tv_nsec / 1000) & 0xfffffUL);
    log_msg(LOG_ERR, "REST %s: %s (%s)", what, detail ? detail : "", strstr(msg, "webapi-"));
    fail(resp, 500, msg, NULL);
}

static void not_authorized(struct http_resp *resp)
{
    json_t *p = json_object();
    if (p)
        json_object_set_new(p, "resources", json_string(REST_INVOICE_RESOURCE));
    fail(resp, 401, REST_MSG_NOT_AUTHORIZED, p);
}

/* ---- POST /V1/integration/admin/token -------------------------------------------- */

static void token_route(struct worker *w, struct http_req *req, struct http_resp *resp)
{
    struct rest_err e = {0, NULL};
    struct rest_token_args args;
    struct md_fault f = {0, ""};
    char token[MD_TOKEN_LEN + 1];
    json_t *root = NULL;

    if (rest_body_decode(req->content_type, req->body, req->body_len, &root, &e) != 0 ||
        rest_token_args(w->ctx.arena, root, &args, &e) != 0) {
        json_decref(root);
        send_err(resp, &e);
        return;
    }
    json_decref(root);
    if (api_rest_token(&w->ctx, args.username, args.password, token, &f) != 0) {
        if (f.code == md_fault_code(MDF_ACCESS_DENIED) ||
            f.code == md_fault_code(MDF_PARAM_MISSING))
            fail(resp, 401, REST_MSG_SIGN_IN, NULL);
        else if (!unavailable(resp, &f))
            internal(resp, "token", f.msg);
        return;
    }
    send(resp, 200, json_string(token));
}

/* ---- POST /V1/order/{orderId}/invoice ---------------------------------------------- */

static void invoice_route(struct worker *w, struct http_req *req, struct http_resp *resp,
                          const char *seg, size_t seglen)
{
    struct rest_err e = {0, NULL};
    struct rest_invoice_args args;
    struct md_create_req creq;
    struct md_fault f = {0, ""};
    struct codec_limits lim;
    char tokbuf[256], route[64];
    const char *token = rest_bearer(req->authorization, tokbuf, sizeof tokbuf);
    json_t *root = NULL;
    int64_t order_id = 0, invoice_id = 0;

    /* Rest controller: the route's ACL before any input is read */
    if (api_rest_authorize(&w->ctx, API_INV_CREATE, token, &f) != 0) {
        if (f.code == md_fault_code(MDF_SESSION_EXPIRED) ||
            f.code == md_fault_code(MDF_ACCESS_DENIED))
            not_authorized(resp);
        else if (!unavailable(resp, &f))
            internal(resp, "token check", f.msg);
        return;
    }
    codec_limits_from_cfg(&lim, w->cfg);
    if (rest_body_decode(req->content_type, req->body, req->body_len, &root, &e) != 0 ||
        rest_order_id(seg, seglen, &order_id, &e) != 0 ||
        rest_invoice_args(w->ctx.arena, &lim, root, &args, &e) != 0) {
        json_decref(root);
        send_err(resp, &e);
        return;
    }
    json_decref(root);
    if (args.nunknown) /* Magento 2 ignores them too; never without a trace */
        trace_note("%d body field%s not read (ignored), the first: \"%s\"", args.nunknown,
                   args.nunknown == 1 ? "" : "s", args.unknown);
    if (args.nunknown)
        log_msg(LOG_WARN, "%s %s: REST invoice: %d body field%s not read (ignored), the first: "
                          "\"%s\"",
                req->peer, req->path, args.nunknown, args.nunknown == 1 ? "" : "s",
                args.unknown);
    if (order_id < 0) { /* OrderRepository::get loads nothing */
        fail(resp, 404, REST_MSG_NOT_FOUND, NULL);
        return;
    }
    rest_invoice_req(&args, order_id, &creq);
    snprintf(route, sizeof route, "POST /V1/order/%lld/invoice", (long long)order_id);
    if (api_rest_invoice(&w->ctx, &creq, route, req->body, req->body_len, &invoice_id, &f) != 0) {
        if (f.code == MD_FAULT_IDEM_CONFLICT)
            fail(resp, 422, f.msg, NULL);
        else if (f.code == MD_FAULT_CLIENT)
            fail(resp, 400, f.msg, NULL);
        else if (f.code == md_fault_code(MDF_ORDER_NOT_EXISTS))
            fail(resp, 404, f.msg, NULL);
        else if (f.code == md_fault_code(MDF_DATA_INVALID) ||
                 f.code == md_fault_code(MDF_STATUS_NOT_CHANGED))
            fail(resp, 400, f.msg, NULL);
        else if (!unavailable(resp, &f))
            internal(resp, "invoice create", f.msg);
        return;
    }
    send(resp, 200, json_integer(invoice_id));
}

void rest_handle(struct worker *w, struct http_req *req, struct http_resp *resp, const char *rest)
{
    const char *seg = NULL;
    size_t seglen = 0;
    enum rest_route r = rest_route_match(rest, &seg, &seglen);

    if (r == REST_ROUTE_NONE && rest_m2_handle(w, req, resp, rest))
        return; /* the Magento 2 reads and invoice management (rest_m2.c) */
    if (r == REST_ROUTE_NONE) {
        fail(resp, 404, REST_MSG_NO_ROUTE, NULL);
        return;
    }
    if (strcmp(req->method, "POST") != 0) {
        fail(resp, 405, REST_MSG_NO_ROUTE, NULL);
        http_add_header(resp, "Allow: POST\r\n");
        return;
    }
    if (r == REST_ROUTE_TOKEN)
        token_route(w, req, resp);
    else
        invoice_route(w, req, resp, seg, seglen);
}
