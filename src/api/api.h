/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The API layer: ONE table describing every method of the Magento 1 API
 * this daemon answers (the handler methods of
 * Mage_Api_Model_Server_Handler_Abstract and the sales_order_invoice
 * resource methods) in every dialect, and ONE handler that checks the
 * session and the ACL, coerces the arguments, calls the domain and maps the
 * faults.  SOAP V1, V2, WS-I, XML-RPC, JSON-RPC and REST only decode their
 * wire form into an api_dispatch() call (arguments as struct val trees) and
 * encode its result or fault.  Fact base §2 (handler), §4 (resources and
 * faults), §5.4 (create's arguments).
 */
#ifndef MD_API_API_H
#define MD_API_API_H

#include <stddef.h>

#include "magesoapd/domain.h"
#include "magesoapd/fault.h"
#include "magesoapd/val.h"

/* A PHP Error that Magento does not catch (ArgumentCountError, TypeError):
 * SOAP answers it as a SOAP-ENV:Server fault (HTTP 200, captures
 * v1-info-noargs), JSON-RPC as -32602.  The message never names a path. */
#define API_FAULT_ARGS (-3)

/* Every method.  The handler methods come first, in the V1 WSDL's operation
 * order (the V1 codec shares this numbering); then the resource methods in
 * enum md_method order. */
enum api_method {
    API_LOGIN,
    API_CALL,
    API_MULTICALL,
    API_END_SESSION,
    API_START_SESSION,
    API_RESOURCES,
    API_GLOBAL_FAULTS,
    API_RESOURCE_FAULTS,
    API_HANDLER_COUNT,
    API_INV_LIST = API_HANDLER_COUNT,
    API_INV_INFO,
    API_INV_CREATE,
    API_INV_ADD_COMMENT,
    API_INV_CAPTURE,
    API_INV_VOID,
    API_INV_CANCEL,
    API_ORD_LIST, /* sales_order, in enum md_method order too */
    API_ORD_INFO,
    API_ORD_ADD_COMMENT,
    API_ORD_HOLD,
    API_ORD_UNHOLD,
    API_ORD_CANCEL,
    API_METHOD_COUNT
};

/* How the handler reads one argument (PHP's view of it). */
enum api_type {
    APT_STRING,  /* (string) cast; absent/NULL = "" */
    APT_COMMENT, /* (string) cast, but NULL = no comment */
    APT_FLAG,    /* PHP truthiness ("" and "0" are false) */
    APT_FILTERS, /* Magento filter array (field => condition) */
    APT_QTYS,    /* itemsQty: {item_id: qty}, [{order_item_id, qty}], ... */
    APT_ARRAY,   /* an array (call's args, multiCall's calls/options) */
};

/* What the result is, for the typed (V2/WS-I) encoders. */
enum api_result {
    APR_STRING,      /* xsd:string */
    APR_BOOLEAN,     /* true; xsd:boolean in V2 and WS-I */
    APR_BOOLEAN_STR, /* true; xsd:boolean in V2, xsd:string ("1") in WS-I */
    APR_ANY,         /* untyped (call, multiCall: V1 family only) */
    APR_RESOURCES,   /* ArrayOfApis */
    APR_FAULTS,      /* ArrayOfExistsFaltures */
    APR_INVOICE,     /* salesOrderInvoiceEntity */
    APR_INVOICE_LIST, /* salesOrderInvoiceEntityArray */
    APR_BOOLEAN_INT, /* true; xsd:boolean in V2, xsd:int ("1") in WS-I */
    APR_ORDER,       /* salesOrderEntity */
    APR_ORDER_LIST   /* salesOrderListEntityArray */
};

/* The API resources (Mage/Sales/etc/api.xml). */
enum api_resource_id { API_RES_INVOICE, API_RES_ORDER, API_RES_COUNT };

struct api_resource {
    const char *name;  /* sales_order_invoice */
    const char *alias; /* order_invoice */
    const char *acl;   /* sales/order/invoice */
    const char *title; /* Invoice API */
    const char *model; /* the API model class (ArgumentCountError texts) */
    enum md_fault_id first_fault, last_fault; /* resourceFaults, in order */
};

const struct api_resource *api_resource_get(enum api_resource_id r);

#define API_MAX_PARAMS 6

struct api_param {
    const char *name; /* PHP parameter name (JSON-RPC named params) */
    enum api_type type;
};

/* What a method may do to the store: whether a request can run where it must
 * never block (the HTTP event-loop threads, inline_reads).  The zero value
 * is the safe default for a new method: it goes to the worker pool. */
enum api_access {
    API_MAY_BLOCK = 0, /* writes, or waits (login's PBKDF2, an fsync) */
    API_READ,          /* reads only, but its cost has no bound (list) */
    API_READ_CHEAP     /* a few indexed reads, never a write: may run inline */
};

/* A V2 part or WS-I request child: its name and the handler argument it fills. */
struct api_part {
    const char *name;
    int arg; /* index into the handler's argument vector */
};

struct api_method_info {
    const char *name;       /* handler method, or the resource method ("info") */
    const char *php;        /* PHP function ("items" for list) */
    const char *v1_path;    /* resource methods: "sales_order_invoice.info" */
    const char *v1_alias;   /* resource methods: "order_invoice.info" */
    const char *v2_op;      /* V2 and WS-I operation; NULL: V1 family only */
    const char *wsi_op;     /* WS-I-only operation (call, multiCall): V2 has none */
    const char *v2_return;  /* V2 response part */
    const char *wsi_request;  /* WS-I request element; NULL: empty input message */
    const char *wsi_response; /* WS-I response element */
    const char *rest;       /* REST route (Magento 2 style, under /rest/V1), NULL if none */
    const char *acl;        /* ACL path; NULL: none */
    const char *title;      /* resources' title */
    /* PHP parameter counts of the PHP function (for resource methods the API
     * model's method; the session id is not one of them). */
    int required, max;
    /* The handler's argument vector, in order.  For resource methods
     * argument 0 is the session id and the PHP function's follow. */
    struct api_param params[API_MAX_PARAMS];
    struct api_part v1_in[API_MAX_PARAMS + 1];  /* handler methods: V1 WSDL parts, in order */
    struct api_part v2_in[API_MAX_PARAMS + 1];  /* V2 input parts, WSDL order */
    struct api_part wsi_in[API_MAX_PARAMS + 1]; /* WS-I request children, WSDL order */
    enum api_result result;
    const enum md_fault_id *faults; /* the faults it may answer, MDF_COUNT-terminated */
    enum api_resource_id resource;  /* resource methods: whose */
    enum api_access access;
};

const struct api_method_info *api_method(enum api_method m);
/* The WS-I operation of a method (v2_op, or the WS-I-only wsi_op); NULL if none. */
static inline const char *api_wsi_op(const struct api_method_info *mi)
{
    return mi->v2_op ? mi->v2_op : mi->wsi_op;
}
/* Exact (case-sensitive) lookup of a handler method name (login, call...);
 * -1 if none. */
int api_handler_find(const char *name);
/* The method whose V2 operation is op; -1 if none. */
int api_v2_find(const char *op);
/* Number of entries of the params vector (handler arity). */
size_t api_param_count(const struct api_method_info *mi);
/* The resource method of a domain method and back. */
enum api_method api_of_md(enum md_method m);

/*
 * Run one method.  For handler methods params[0..n-1] are the arguments
 * passed as PHP would get them (a VAL_NULL entry is an explicit NULL;
 * parameters past n take their PHP defaults).  For resource methods
 * params[0] is the session id and params[1..] the API model's arguments;
 * the session and the ACL are checked first (faults 5, 2).
 * 0 with *result (arena; strings cleaned as processingMethodResult does), or
 * -1 with f: a Magento fault (code >= 0) or API_FAULT_ARGS / MD_FAULT_SERVER.
 */
int api_dispatch(struct md_ctx *ctx, enum api_method m, struct val *const *params, size_t n,
                 struct val **result, struct md_fault *f);

/*
 * call(sessionId, apiPath, args) -- fact base §2.3 steps 2-10.  args NULL:
 * not passed (PHP default array(): the method gets no arguments); a scalar
 * or VAL_NULL: the single first argument; a list: positional arguments; a
 * map: positional by key order (PHP 5/7; the keys are ignored).
 */
int api_call_path(struct md_ctx *ctx, const char *sid, const char *api_path,
                  const struct val *args, struct val **result, struct md_fault *f);

/* The method a wire name (handler method, V2 operation or WS-I request
 * element) names, for a protocol's cheap look at a request before decoding
 * it; -1 if none. */
int api_wire_find(const char *name);

/*
 * Requests running where they must not block (ctx->reads_only set: the HTTP
 * event-loop threads) take only API_READ_CHEAP methods (for call, the
 * method its path names); any other method, or a path that does not
 * resolve, is refused before anything is done with a server fault and
 * ctx->deferred set, so the caller drops the answer and runs the request
 * again on a worker.
 */

/* ---- REST (Magento 2 style): the same handler with bearer tokens ------- */

/* POST /V1/integration/admin/token: md_token_issue (faults 6, 2). */
int api_rest_token(struct md_ctx *ctx, const char *username, const char *api_key,
                   char token_out[MD_TOKEN_LEN + 1], struct md_fault *f);
/* The table's REST route of method m (API_INV_CREATE): the token must be
 * valid (fault 5) and its role allow the method's ACL path (fault 2); no
 * argument is looked at before that (Magento 2's Rest controller). */
int api_rest_authorize(struct md_ctx *ctx, enum api_method m, const char *token,
                       struct md_fault *f);
/* POST /V1/order/{orderId}/invoice after api_rest_authorize: the invoice
 * (req->mode MD_CREATE_M2_*); *entity_id_out = its entity id.  route (the
 * request path) and body identify the request for an Idempotency-Key. */
int api_rest_invoice(struct md_ctx *ctx, const struct md_create_req *req, const char *route,
                     const char *body, size_t body_len, int64_t *entity_id_out,
                     struct md_fault *f);

/* The Magento 2 reads and invoice management routes (rest_m2.c): the token
 * must be valid (fault 5) and its role allow method m's ACL path from the
 * table (fault 2) -- the same rule as the SOAP/XML-RPC/JSON-RPC calls. */
int api_rest_authorize_method(struct md_ctx *ctx, enum api_method m, const char *token,
                              struct md_fault *f);
/* After api_rest_authorize_method: resource method m with the API model's
 * arguments (no session id), through the same code as every dialect
 * (faults, Idempotency-Key for writes, processingMethodResult). */
int api_rest_run(struct md_ctx *ctx, enum api_method m, struct val *const *args, size_t n,
                 struct val **result, struct md_fault *f);
/* GET /V1/orders/{id}: the token's role must allow API_ORDER_INFO_ACL; the
 * order as md_order_get gives it.  (The sales_order resource of issue 11
 * part 1 puts order methods into the table; this read moves there then.) */
#define API_ORDER_INFO_ACL "sales/order/info"
int api_rest_order(struct md_ctx *ctx, const char *token, int64_t entity_id, struct val **out,
                   struct md_fault *f);

/* ---- bounded work (issue 8 item 6) ------------------------------------ */

/* Start of a request: sets ctx->deadline_ms from cfg->request_deadline_ms,
 * ctx->peer (login throttling, logs; "" or NULL = unknown) and the request's
 * Idempotency-Key header (NULL = none; README "Idempotency-Key"). */
void api_request_begin(struct md_ctx *ctx, const char *peer, const char *idempotency_key);
/* The request's Authorization header (NULL = none): with profile openmage
 * "Basic base64(user:password)" is kept for the insta-login (OpenMage's
 * Handler_Abstract::_instaLogin): call, multiCall, resources,
 * resourceFaults and the V2/WS-I resource methods given a NULL session id
 * log in with those credentials first (login's faults if they are wrong). */
void api_request_auth(struct md_ctx *ctx, const char *authorization);
/* 0 while the request's deadline has not passed, else -1 with a fault. */
/*
 * Large answers: a list takes one of max_concurrent_large_answers slots
 * before it runs (waiting until the request deadline; past it -1 with the
 * deadline fault).  The slot stays with the calling thread: api_large_take()
 * hands it over (1 = a slot was held; the caller then owes one
 * api_large_release(), e.g. once the answer has been sent).  A slot not taken
 * over is given back by the thread's next api_request_begin().
 */
int api_large_acquire(struct md_ctx *ctx, struct md_fault *f);
int api_large_take(void);
void api_large_release(void);

int api_deadline_check(const struct md_ctx *ctx, struct md_fault *f);

/*
 * Streamed lists (issue 8; domain.h md_list_stream): a dialect that can send
 * a list answer page by page sets ctx->stream_lists before api_dispatch (a
 * single call: multiCall turns it off for the calls it holds).  A list past
 * cfg->list_stream_rows then answers its first page, marked for the
 * encoders (val.h val_stream_mark: the list declares the total and its items
 * are framed by VAL_STREAM_BEGIN/END), and api_stream_take() gives the rest.
 * api_stream_next() gives each further page, cleaned and marked the same
 * way: 0 with *page, 1 when done, -1 with f.  A stream not taken is freed by
 * the next api_request_begin().
 */
struct md_list_stream *api_stream_take(struct md_ctx *ctx);
int api_stream_next(struct md_ctx *ctx, struct md_list_stream *s, struct val **page,
                    struct md_fault *f);
void api_stream_free(struct md_list_stream *s);
/* The message of the fault past a limit (tests compare it). */
#define API_MSG_DEADLINE "Request deadline exceeded."

#endif
