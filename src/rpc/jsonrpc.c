/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * JSON-RPC 2.0 (/api/jsonrpc/): the V1 handler methods as OpenMage's and
 * Maho's Jsonrpc adapter serve them (fact base §1.6), parsed with jansson.
 *
 * - method = a handler method (login, call, multiCall, endSession,
 *   startSession, resources, globalFaults, resourceFaults) with params as a
 *   list (positional) or an object (by PHP parameter name);
 * - method = "resource.method" (any name with a dot): the shorthand, rewritten
 *   to call(params[0], method, params[1..]);
 * - anything else: -32601 Method not found.
 *
 * Answers: {"result":...,"id":...,"jsonrpc":"2.0"} or
 * {"error":{"code":...,"message":...},"id":...,"jsonrpc":"2.0"}, HTTP 200.
 * Magento faults keep their code (Maho), code 0 becomes -32000; JSON-RPC's
 * own codes for malformed requests: -32700 parse error, -32600 invalid
 * request, -32601 method not found, -32602 invalid params (including PHP's
 * "Too few arguments" errors), -32603 internal error.  The "jsonrpc" member
 * is echoed only when the request had it.  The id comes back with the JSON
 * type it was sent with (ZF1 turned it into a string; Laminas and the
 * JSON-RPC 2.0 specification keep it).  A notification (no "id" member) is
 * run and answered with an empty 204.  A batch (JSON array) gets an array of
 * answers.
 */
#include "rpc/codec.h"
#include "api/api.h"
#include "rpc/rpc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JR_PARSE (-32700)
#define JR_INVALID (-32600)
#define JR_NO_METHOD (-32601)
#define JR_PARAMS (-32602)
#define JR_INTERNAL (-32603)
#define JR_SERVER (-32000)

#define JR_MAX_PARAMS 64

static json_t *envelope(json_t *payload, const char *member, json_t *id, int v2)
{
    json_t *o = json_object();

    if (!o) {
        json_decref(payload);
        return NULL;
    }
    json_object_set_new(o, member, payload ? payload : json_null());
    json_object_set(o, "id", id ? id : json_null());
    if (v2)
        json_object_set_new(o, "jsonrpc", json_string("2.0"));
    return o;
}

static json_t *error(int code, const char *msg, json_t *id, int v2)
{
    json_t *e = json_object();

    if (e) {
        json_object_set_new(e, "code", json_integer(code));
        json_object_set_new(e, "message", json_string(msg));
    }
    return envelope(e, "error", id, v2);
}

static json_t *fault(const struct md_fault *f, json_t *id, int v2)
{
    int code = f->code;

    if (code == 0)
        code = JR_SERVER;
    else if (code == API_FAULT_ARGS)
        code = JR_PARAMS;
    else if (code == MD_FAULT_CLIENT)
        code = JR_INVALID;
    else if (code == MD_FAULT_IDEM_CONFLICT)
        code = MD_IDEM_FAULT_CODE;
    else if (code < 0)
        code = JR_INTERNAL;
    return error(code, f->msg, id, v2);
}

/* params of a handler method: a list, or an object by PHP parameter name */
static int bind_params(struct worker *w, enum api_method m, json_t *params, struct val **argv,
                       size_t *argc, struct md_fault *f)
{
    const struct api_method_info *mi = api_method(m);
    struct codec_limits lim;

    codec_limits_from_cfg(&lim, w->cfg);
    *argc = 0;
    if (!params)
        return 0;
    if (json_is_array(params)) {
        size_t n = json_array_size(params);
        if (n > (size_t)mi->max)
            n = (size_t)mi->max; /* PHP ignores surplus arguments */
        for (size_t i = 0; i < n; i++) {
            argv[i] = jc_to_val(w->ctx.arena, &lim, json_array_get(params, i), f);
            if (!argv[i])
                return -1;
        }
        *argc = n;
        return 0;
    }
    /* named: fill from the first parameter on; a gap or an unknown name is an error */
    const char *key;
    json_t *v;
    size_t seen = 0;
    json_object_foreach(params, key, v) {
        int idx = -1;
        for (int i = 0; i < mi->max; i++)
            if (mi->params[i].name && !strcmp(mi->params[i].name, key))
                idx = i;
        if (idx < 0) {
            md_fault_raw(f, API_FAULT_ARGS, "Invalid params: unknown parameter \"%.100s\"", key);
            return -1;
        }
        argv[idx] = jc_to_val(w->ctx.arena, &lim, v, f);
        if (!argv[idx])
            return -1;
        seen++;
        if ((size_t)idx + 1 > *argc)
            *argc = (size_t)idx + 1;
    }
    if (seen != *argc) {
        md_fault_raw(f, API_FAULT_ARGS,
                     "Invalid params: parameters must be given from the first on");
        return -1;
    }
    return 0;
}

/* One request object -> its answer, or NULL for a notification. */
static json_t *one(struct worker *w, json_t *rq, int *logins)
{
    json_t *jv, *jm, *params, *id;
    struct md_fault f;
    struct val *argv[JR_MAX_PARAMS] = {NULL};
    struct val *result = NULL;
    size_t argc = 0;
    const char *method;
    int v2, notify, m, rc;

    if (!json_is_object(rq))
        return error(JR_INVALID, "Invalid Request", NULL, 1);
    jv = json_object_get(rq, "jsonrpc");
    v2 = jv != NULL;
    id = json_object_get(rq, "id");
    notify = id == NULL;
    if ((jv && (!json_is_string(jv) || strcmp(json_string_value(jv), "2.0"))) ||
        (id && !json_is_string(id) && !json_is_number(id) && !json_is_null(id)))
        return error(JR_INVALID, "Invalid Request",
                     id && (json_is_string(id) || json_is_number(id)) ? id : NULL, 1);
    jm = json_object_get(rq, "method");
    params = json_object_get(rq, "params");
    if (!json_is_string(jm) || (params && !json_is_array(params) && !json_is_object(params)))
        return notify ? NULL : error(JR_INVALID, "Invalid Request", id, v2);
    method = json_string_value(jm);

    f.code = 0;
    f.msg[0] = '\0';
    m = api_handler_find(method);
    if (api_deadline_check(&w->ctx, &f)) {
        rc = -1; /* nothing past the request's deadline runs */
    } else if (m == API_LOGIN && ++*logins > w->cfg->max_logins_per_request) {
        rc = md_fault_raw(&f, MD_FAULT_CLIENT,
                          "Too many logins in one request: at most %d are allowed "
                          "(max_logins_per_request)",
                          w->cfg->max_logins_per_request);
    } else if (m >= 0) {
        rc = bind_params(w, (enum api_method)m, params, argv, &argc, &f) ||
             api_dispatch(&w->ctx, (enum api_method)m, argv, argc, &result, &f);
    } else if (strchr(method, '.') && strncmp(method, "rpc.", 4) != 0) {
        /* the shorthand: call(params[0], "resource.method", params[1..]) */
        struct codec_limits lim;
        struct val *all = NULL, *args;
        const char *sid = "";
        codec_limits_from_cfg(&lim, w->cfg);
        if (params && !json_is_array(params)) {
            rc = md_fault_raw(&f, API_FAULT_ARGS,
                              "Invalid params: %s takes a list [sessionId, arg, ...]", method);
        } else {
            all = params ? jc_to_val(w->ctx.arena, &lim, params, &f) : val_list(w->ctx.arena);
            args = all ? val_list(w->ctx.arena) : NULL;
            for (size_t i = 1; args && i < all->u.list.n; i++)
                if (val_list_push(w->ctx.arena, args, all->u.list.items[i]))
                    args = NULL;
            if (!all || !args) {
                rc = -1;
                if (!f.msg[0])
                    md_fault_raw(&f, MD_FAULT_SERVER, "out of memory");
            } else {
                if (all->u.list.n > 0)
                    sid = val_to_cstr(w->ctx.arena, all->u.list.items[0]);
                rc = api_call_path(&w->ctx, sid ? sid : "", method, args, &result, &f);
            }
        }
    } else {
        return notify ? NULL : error(JR_NO_METHOD, "Method not found", id, v2);
    }
    if (notify)
        return NULL;
    if (rc)
        return fault(&f, id, v2);
    return envelope(jc_from_val(result, w->cfg->profile == PROFILE_OPENMAGE), "result", id, v2);
}

static void send_json(struct http_resp *resp, json_t *j)
{
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ESCAPE_SLASH) : NULL;

    if (!s) {
        buf_puts(resp->body, "{\"error\":{\"code\":-32603,\"message\":\"Internal error\"},"
                             "\"id\":null,\"jsonrpc\":\"2.0\"}");
        return;
    }
    buf_puts(resp->body, s);
    free(s);
}

/* A streamed list's page (exchange.h proto_stream_encoder): the list as
 * send_json writes it; arg: intcols. */
static int json_page(const void *arg, const struct val *page, struct buf *out)
{
    json_t *j = jc_from_val(page, *(const int *)arg);
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ESCAPE_SLASH) : NULL;

    json_decref(j);
    if (!s)
        return -1;
    buf_puts(out, s);
    free(s);
    return buf_failed(out) ? -1 : 0;
}

void jsonrpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp)
{
    json_error_t err;
    json_t *root, *out = NULL;
    int logins = 0;

    api_request_begin(&w->ctx, req->peer, req->idempotency_key);
    api_request_auth(&w->ctx, req->authorization);
    resp->status = 200;
    resp->content_type = "application/json";
    buf_reset(resp->body);
    root = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        out = error(JR_PARSE, "Parse error", NULL, 1);
        send_json(resp, out);
        json_decref(out);
        return;
    }
    if (json_is_array(root)) {
        size_t n = json_array_size(root);
        if (!n) {
            out = error(JR_INVALID, "Invalid Request", NULL, 1);
        } else if (n > (size_t)w->cfg->max_jsonrpc_batch) {
            char msg[128];
            snprintf(msg, sizeof msg,
                     "Invalid Request: the batch holds %zu requests; at most %d are allowed "
                     "(max_jsonrpc_batch)",
                     n, w->cfg->max_jsonrpc_batch);
            out = error(JR_INVALID, msg, NULL, 1);
        } else {
            out = json_array();
            for (size_t i = 0; out && i < n; i++) {
                json_t *r = one(w, json_array_get(root, i), &logins);
                if (r)
                    json_array_append_new(out, r);
            }
            if (out && !json_array_size(out)) {
                json_decref(out);
                out = NULL;
            }
        }
    } else {
        proto_stream_allow(w); /* a list answer may go out page by page */
        out = one(w, root, &logins);
        if (w->ctx.stream) { /* the pages' writer */
            int intcols = w->cfg->profile == PROFILE_OPENMAGE;
            proto_stream_encoder(w, json_page, &intcols, sizeof intcols);
        }
    }
    json_decref(root);
    if (!out) {
        resp->status = 204; /* notifications only: nothing to say */
        resp->content_type = NULL;
        return;
    }
    send_json(resp, out);
    json_decref(out);
}
