/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The invoice domain: sessions, ACL, and the sales_order_invoice methods,
 * independent of any wire protocol.  Protocol layers decode their arguments,
 * call these functions, and encode the struct val results or the md_fault.
 *
 * Every function returns 0 on success, or -1 with *f filled (Magento fault
 * code and exact message).  Results are allocated in ctx->arena.
 * A struct md_ctx belongs to one worker thread (it holds that worker's DB
 * connection); never share one between threads.
 */
#ifndef MAGESOAPD_DOMAIN_H
#define MAGESOAPD_DOMAIN_H

#include <stddef.h>
#include <stdint.h>

#include "magesoapd/config.h"
#include "magesoapd/fault.h"
#include "magesoapd/val.h"

struct store; /* one storage connection; see store.h */

typedef int64_t (*md_clock_fn)(void *arg); /* unix seconds, UTC */

struct md_ctx {
    struct store *st;
    const struct cfg *cfg;
    struct arena *arena;
    md_clock_fn now;     /* NULL = time(NULL); tests inject a clock */
    void *clock_arg;
    int64_t deadline_ms; /* CLOCK_MONOTONIC ms after which long work stops with a fault; 0 = none */
    const char *peer;    /* the client's address (login throttling, logs); NULL = unknown */
    /* The API user the request's session or token belongs to (set by the
     * session/token check, arena text; audit rows).  NULL: "cli", or what
     * actor says (the command line: "cli", "import", "demo"). */
    const char *user;
    const char *actor;
    const char *method;  /* the API method being run ("info", "login", ...; logs), NULL = none yet */
    int64_t user_id;     /* API user of the last successful session/token check; 0 = none */
    const char *idem_key; /* the request's Idempotency-Key header; NULL = none */
    int idem_n;          /* writes of this request run under idem_key so far */
    int reads_only;      /* the API layer takes only cheap reads (api.h); others set deferred */
    int deferred;
    /* HTTP Basic credentials of the request (OpenMage's insta-login); NULL = none */
    const char *basic_user, *basic_pass;
    /* Streamed lists (issue 8): set by a dialect that can send this request's
     * list answer page by page; a list past cfg->list_stream_rows then
     * answers its first page and leaves the rest in stream. */
    int stream_lists;
    struct md_list_stream *stream;
};

int64_t md_now(const struct md_ctx *ctx);

/* ---- sessions and authentication ------------------------------------- */

#define MD_SID_LEN 32
/* The SOAP-ENV:Server fault (MD_FAULT_SERVER) of a call that failed because
 * the database cannot be reached (PostgreSQL down or restarting): REST
 * answers it with HTTP 503. */
#define MD_MSG_DB_UNAVAILABLE "Service temporarily unavailable: the database cannot be reached."

/* login: fault 6 for an empty username/key, 2 for bad credentials, an
 * inactive user or a user without role, 1 "Too many sessions: ..." with
 * cfg->max_sessions held.  sid_out gets 32 lowercase hex (stored hashed). */
int md_login(struct md_ctx *ctx, const char *username, const char *api_key,
             char sid_out[MD_SID_LEN + 1], struct md_fault *f);
/* endSession: deletes the session; always succeeds (Magento returns true). */
int md_end_session(struct md_ctx *ctx, const char *sid);
/* startSession: a fresh id that is not stored (using it gives fault 5). */
void md_start_session(struct md_ctx *ctx, char sid_out[MD_SID_LEN + 1]);

/* ---- Magento 2 REST bearer tokens (token.c) ----------------------------- */

#define MD_TOKEN_LEN 32

/* POST /V1/integration/admin/token: the API user's credentials are checked
 * as md_login checks them (fault 6 for an empty username/key, 2 for bad
 * credentials, an inactive user or a user without role).  token_out gets
 * 32 lowercase hex from the CSPRNG; only its SHA-256 is stored (rest_token),
 * valid while now <= issue + cfg->token_lifetime (fixed, not sliding).
 * Expired tokens are purged; past cfg->max_sessions_per_user the user's
 * oldest goes; with cfg->max_sessions held the token is refused (fault 1). */
int md_token_issue(struct md_ctx *ctx, const char *username, const char *api_key,
                   char token_out[MD_TOKEN_LEN + 1], struct md_fault *f);
/* Fault 5 for an unknown or expired token, a token of an inactive user or
 * of a user without role, or one issued before the user's key was last
 * replaced.  user_id_out may be NULL. */
int md_token_check(struct md_ctx *ctx, const char *token, int64_t *user_id_out,
                   struct md_fault *f);
/* md_token_check, then the user's role must allow acl_path (fault 2). */
int md_token_authorize(struct md_ctx *ctx, const char *token, const char *acl_path,
                       int64_t *user_id_out, struct md_fault *f);

/* ---- the sales_order_invoice resource --------------------------------- */

enum md_method {
    MDM_LIST,
    MDM_INFO,
    MDM_CREATE,
    MDM_ADDCOMMENT,
    MDM_CAPTURE,
    MDM_VOID,
    MDM_CANCEL,
    /* the sales_order resource (order_api.c) */
    MDM_ORD_LIST,
    MDM_ORD_INFO,
    MDM_ORD_ADDCOMMENT,
    MDM_ORD_HOLD,
    MDM_ORD_UNHOLD,
    MDM_ORD_CANCEL,
    MDM_COUNT
};

struct md_method_info {
    const char *name;  /* API method name: "list", "info", ... */
    const char *php;   /* PHP method: "items" for list */
    const char *acl;   /* "sales/order/invoice/info" */
    const char *title; /* "Retrieve list of invoices by filters" */
};

const struct md_method_info *md_method_get(enum md_method m);

/* Session check (fault 5; refreshes the sliding expiry) then the method's
 * ACL (fault 2).  Every invoice call goes through this first. */
int md_authorize(struct md_ctx *ctx, const char *sid, enum md_method m, struct md_fault *f);
/* Session check only (for resources/resourceFaults). user_id_out may be NULL. */
int md_session_check(struct md_ctx *ctx, const char *sid, int64_t *user_id_out, struct md_fault *f);
/* Session check as md_session_check, giving its role's resources (arena;
 * NULL = none) for md_resources_allow: one session lookup for a whole call
 * instead of one per check. */
int md_session_resources(struct md_ctx *ctx, const char *sid, const char **resources,
                         struct md_fault *f);
/* Do a role's resources allow this ACL path?  1 yes, 0 no. */
int md_resources_allow(const char *resources, const char *acl_path);
/* Is the session's role allowed this ACL path?  1 yes, 0 no. */
int md_session_allows(struct md_ctx *ctx, const char *sid, const char *acl_path);

/* list: filters is NULL or a VAL_MAP of field => condition, in Magento's
 * form (condition = scalar for equality, or a map operator => operand, or a
 * list of conditions OR-ed).  Unknown fields/operators: fault 101 naming the
 * field, never SQL text.  *out = VAL_LIST of maps with keys order_id,
 * increment_id, created_at, state, grand_total, order_currency_code,
 * invoice_id.  More than cfg->list_max_rows matches: fault 101 saying so. */
int md_invoice_list(struct md_ctx *ctx, const struct val *filters, struct val **out,
                    struct md_fault *f);

/* info: *out = VAL_MAP with every invoice column in Magento's key order,
 * then invoice_id, order_increment_id, order_created_at, billing_firstname,
 * billing_middlename, billing_lastname, items (list of maps), comments (list
 * of maps, newest first).  Fault 100 when unknown. */
int md_invoice_info(struct md_ctx *ctx, const char *invoice_inc, struct val **out,
                    struct md_fault *f);

struct md_qty {
    int64_t item_id; /* order item id; <= 0 matches no item */
    int64_t qty;     /* scaled by 10^4 (dec.h) */
};

struct md_create_req {
    const char *order_inc;     /* Magento 1: order increment id */
    int64_t order_entity_id;   /* Magento 2 REST: order entity id (when order_inc is NULL) */
    const struct md_qty *qty;  /* NULL/0 entries = invoice everything left */
    size_t nqty;
    const char *comment;       /* NULL = no comment; "" = an empty comment */
    int email;                 /* notify the customer (email_sent, outbox) */
    int include_comment;       /* put the comment into the notification */
    int comment_visible_on_front;
    enum {
        MD_CREATE_M1 = 0,      /* Magento 1 API rules and messages */
        MD_CREATE_M2_ONLINE,   /* Magento 2 InvoiceOrder capture=true */
        MD_CREATE_M2_OFFLINE,  /* Magento 2 InvoiceOrder capture=false */
    } mode;
};

/* create: faults 103 (no order), 102 `Cannot do invoice for order.`,
 * 1 `Invalid qty to invoice item "<name>"`.  inc_out = new invoice
 * increment id (arena), entity_id_out = its entity id (may be NULL).
 * Concurrent creates on one order never over-invoice. */
int md_invoice_create(struct md_ctx *ctx, const struct md_create_req *req, const char **inc_out,
                      int64_t *entity_id_out, struct md_fault *f);

int md_invoice_add_comment(struct md_ctx *ctx, const char *invoice_inc, const char *comment,
                           int email, int include_comment, struct md_fault *f);
int md_invoice_capture(struct md_ctx *ctx, const char *invoice_inc, struct md_fault *f);
int md_invoice_void(struct md_ctx *ctx, const char *invoice_inc, struct md_fault *f);
int md_invoice_cancel(struct md_ctx *ctx, const char *invoice_inc, struct md_fault *f);

/* ---- the sales_order resource (order_api.c) ------------------------------ */

/* list: filters as md_invoice_list's, on the order table's columns (and
 * order_id); *out = VAL_LIST of maps (every order column, billing_ and
 * shipping_ firstname/lastname/name, order_id last) in order_id order.
 * Unknown fields: fault 101 naming them; past cfg->list_max_rows fault 101. */
int md_order_list(struct md_ctx *ctx, const struct val *filters, struct val **out,
                  struct md_fault *f);

/* ---- streamed lists ----------------------------------------------------
 * A list of more than cfg->list_stream_rows matches (with ctx->stream_lists
 * set) reads the entity ids of every match at once (the answer's set and
 * total are fixed then, and list_max_rows checked), answers the first page
 * of rows and leaves the rest in ctx->stream: each further page reads its
 * rows by id when it is sent.  A row gone by then (a fixtures reset) ends
 * the stream with an error. */
struct md_list_stream;
/* The next page into *page (a list in ctx->arena, entity order): 0, 1 when
 * every page has been given (*page NULL), or -1 with f. */
int md_list_stream_next(struct md_ctx *ctx, struct md_list_stream *s, struct val **page,
                        struct md_fault *f);
/* How many rows the whole list has. */
size_t md_list_stream_total(const struct md_list_stream *s);
void md_list_stream_free(struct md_list_stream *s);
/* info: the order map with shipping_address, billing_address, items,
 * payment and status_history (store_order_info).  Fault 100 when unknown. */
int md_order_info(struct md_ctx *ctx, const char *order_inc, struct val **out,
                  struct md_fault *f);
/* addComment: a status-history row (is_customer_notified = notify); a
 * non-empty status becomes the order's status.  Faults 100, 102. */
int md_order_add_comment(struct md_ctx *ctx, const char *order_inc, const char *status,
                         const char *comment, int notify, struct md_fault *f);
/* hold / unhold / cancel: fault 100, or 103 with Magento's detail
 * ("Hold action is not available.", "Unhold action is not available.") or
 * its default text (cancel refused; or an order with invoiced items, whose
 * rest is canceled and which ends processing/complete, as Magento does). */
int md_order_hold(struct md_ctx *ctx, const char *order_inc, struct md_fault *f);
int md_order_unhold(struct md_ctx *ctx, const char *order_inc, struct md_fault *f);
int md_order_cancel(struct md_ctx *ctx, const char *order_inc, struct md_fault *f);
/* One order by entity id (Magento 2 REST GET /V1/orders/{id}): *out = a
 * VAL_MAP of the order's columns (sales_flat_order names), "items" (a list
 * of item maps) and "payment"; fault 103 when unknown. */
int md_order_get(struct md_ctx *ctx, int64_t entity_id, struct val **out, struct md_fault *f);

/* ---- idempotency keys (idem.c; README "Idempotency-Key") -----------------
 *
 * A write sent with an Idempotency-Key header runs as
 *     md_idem_begin -> (the write, whose own transaction nests) -> md_idem_commit
 * md_idem_begin opens the outer write transaction, purges expired keys and
 * looks the key up for ctx->user_id: unknown -> 0 with the transaction open
 * (h->open); known with the same request hash -> 1 with the stored result in
 * *replay and nothing open (the first answer again); known with another
 * hash -> fault MD_FAULT_IDEM_CONFLICT.  md_idem_commit stores the result
 * beside the write and commits both at once (a crash keeps both or
 * neither); md_idem_abort (the write failed) stores no key and commits what
 * the write kept on purpose, as without a key.  A concurrent duplicate waits for
 * the write lock, then finds the first one's key and replays it.  Only a
 * successful result is stored: a write that failed changed nothing, and its
 * retry runs again. */
#define MD_IDEM_KEY_MAX 255
#define MD_IDEM_MSG_CONFLICT                                                           \
    "Idempotency-Key \"%s\" was already used for a different request; send a new key for a " \
    "new request."
#define MD_IDEM_MSG_BAD_KEY "Idempotency-Key must be 1 to 255 printable ASCII characters."
struct md_idem {
    char key[MD_IDEM_KEY_MAX + 16]; /* the header's value, "#N" for the N-th write */
    char hash[65];
    const char *method;
    int open;
};
/* The request's identity: method (scope) and its arguments (never the
 * session id), or raw bytes (REST: route and body). */
int md_idem_hash_vals(const char *scope, struct val *const *argv, size_t argc, char out[65]);
int md_idem_hash_bytes(const char *scope, const void *data, size_t len, char out[65]);
/* 0: no key on this request (nothing open, run the write as usual) or key
 * unknown (h->open: run the write, then md_idem_commit / md_idem_abort);
 * 1: replay (*replay in the arena); -1 fault. */
int md_idem_begin(struct md_ctx *ctx, const char *method, const char *hash, struct md_idem *h,
                  struct val **replay, struct md_fault *f);
/* result: VAL_STR, VAL_INT or VAL_BOOL. */
int md_idem_commit(struct md_ctx *ctx, struct md_idem *h, const struct val *result,
                   struct md_fault *f);
void md_idem_abort(struct md_ctx *ctx, struct md_idem *h);

/* ---- administration (CLI) --------------------------------------------- */

/* Each returns 0, or -1 with a message naming what is wrong in err.  The
 * importer and the demo data are tools (src/tools/tools.h). */
int md_role_add(struct store *st, const char *name, const char *resources, char *err,
                size_t errlen);
int md_user_add(struct store *st, const struct cfg *cfg, const char *username,
                const char *api_key, const char *role, char *err, size_t errlen);

#endif
