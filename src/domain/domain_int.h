/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Invoice domain internals shared between the files of src/domain (and the
 * unit tests and tools): order predicates, the totals collector, ACL and
 * key hashing, filter validation and small helpers.  The model structs are
 * in model.h, their storage in store.h; nothing here knows SQL.
 */
#ifndef MD_DOMAIN_INT_H
#define MD_DOMAIN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "magesoapd/domain.h"
#include "magesoapd/model.h"
#include "magesoapd/store.h"

/* ---- helpers (ctx.c) ------------------------------------------------------ */

void md_fmt_time(int64_t t, char out[MD_TIME_LEN]);
/* Parse "YYYY-MM-DD HH:MM:SS" (UTC); 0 or -1. */
int md_parse_time(const char *s, int64_t *out);
/* Fault 1 with Magento's default text; logs what went wrong (never sent). */
int md_internal(struct md_fault *f, const char *what, const struct store *st);
/* The rows of a compiled list filter (list_stream.c), at most
 * cfg->list_max_rows (*max_out): 0 with *out, the rows in entity order (with
 * ctx->stream_lists and more than cfg->list_stream_rows matches: the first
 * page, the rest in ctx->stream); 1 when more than *max_out match (the
 * caller's fault 101/101-order); -1 with f. */
int md_list_rows(struct md_ctx *ctx, const struct md_filter *flt, int64_t *max_out,
                 struct val **out, struct md_fault *f);
/* Random bytes as lowercase hex (2*n chars + NUL); 0 or -1. */
int md_random_hex(char *out, size_t nbytes);
/* SHA-256 of a token or session id as lowercase hex (token.c): what the
 * store keeps and looks up, never the secret itself. */
#define MD_HASH_HEX 64
int md_secret_hash(const char *secret, char out[MD_HASH_HEX + 1]);
/* cfg->max_sessions (all users, refused past it) and cfg->max_sessions_per_user
 * (the user's oldest goes past it), shared by SOAP sessions and REST tokens
 * (each table counted on its own); md_sessions_full logs and sets fault 1
 * "Too many sessions: ...". */
int64_t md_max_sessions(const struct md_ctx *ctx);
int64_t md_max_user_sessions(const struct md_ctx *ctx);
int md_sessions_full(const struct md_ctx *ctx, struct md_fault *f);

/* An audit row for the change just made to the invoice (inside its write
 * transaction): ctx->user (else ctx->actor, else "cli") and ctx->peer.
 * action: "create", "comment" (the invoice's newest comment), "capture",
 * "void", "cancel".  0 or -1. */
int md_audit(struct md_ctx *ctx, int64_t invoice_id, const char *action, const char *now);

/* ---- orders (order.c) ------------------------------------------------------- */

struct md_order_item *md_order_item_find(struct md_order *o, int64_t item_id);
/* Magento's order predicates (Mage_Sales_Model_Order). */
int64_t md_item_qty_to_invoice(const struct md_order_item *it);
int md_item_is_dummy(const struct md_order_item *it);
int md_order_can_invoice(const struct md_order *o);
int md_order_can_ship(const struct md_order *o);
int md_order_can_creditmemo(const struct md_order *o);
/* canHold / canUnhold / canCancel (order_api.c). */
int md_order_can_hold(const struct md_order *o);
int md_order_can_unhold(const struct md_order *o);
int md_order_can_cancel(const struct md_order *o);
/* setState(state, true, comment): status = the state's default status, and
 * a status-history row written at once.  0 or -1. */
int md_order_set_state(struct store *st, struct md_order *o, const char *state,
                       const char *comment, const char *now);
/* Order::_checkState after an invoice change (in_process is always set by
 * the API).  0 or -1. */
int md_order_check_state(struct store *st, struct md_order *o, const char *now);
const char *md_state_default_status(const char *state);

/* ---- payment profiles (order.c) -------------------------------------- */

struct md_pay_profile {
    const char *method;
    int is_gateway, can_capture, can_capture_partial, can_void;
};
/* Known method code → profile, or NULL. */
const struct md_pay_profile *md_pay_profile_find(const char *method);
/* Payment::canCapture / canVoid (method flag and authorization state). */
int md_payment_can_capture(const struct md_payment *p);
int md_payment_can_void(const struct md_payment *p);

/* ---- invoice model and totals (totals.c) ---------------------------------- */

/* Item qty → row totals, discount, shipping, tax and grand total, with
 * Magento's carried rounding deltas; pure (no I/O).  0, or -1 when a
 * product or sum would leave decimal(12,4) (the caller faults 102). */
int md_invoice_collect(const struct md_order *o, struct md_invoice *inv,
                       const struct md_prev_invoices *prev);
/* Invoice_Item::isLast / Invoice::isLast. */
int md_inv_item_is_last(const struct md_inv_item *ii);
int md_invoice_is_last(const struct md_invoice *inv);
/* Invoice::register's bookkeeping on the order and its items (no pay).
 * 0, or -1 when a running total would leave decimal(12,4). */
int md_invoice_register(struct md_order *o, const struct md_invoice *inv);
/* Checked bookkeeping: *dst += v (sign > 0) or -= v for every op, all or
 * none; -1 (nothing changed) when any result leaves decimal(12,4). */
#define MD_DEC_OPS_MAX 32
struct md_dec_op {
    int64_t *dst;
    int64_t v;
};
int md_dec_apply(const struct md_dec_op *ops, size_t n, int sign);
/* Fault 102 for an amount that would leave decimal(12,4), naming it. */
int md_out_of_range(struct md_fault *f, const char *what);
/* Text a client asks to store must be valid UTF-8 of characters XML 1.0 can
 * carry (so no answer that shows it can be malformed): else fault 102 naming
 * field.  NULL is fine.  0 or -1. */
int md_text_check(const char *field, const char *s, struct md_fault *f);

/* ---- login throttling (throttle.c) --------------------------------------- */

/* 1 when the user name or ctx->peer is locked out (logged); one store read.
 * *counted: the name has failures on record (pass it to md_throttle_succeeded). */
int md_throttle_locked(const struct md_ctx *ctx, const char *username, int *counted);
/* A failed login of username from ctx->peer: counted and logged. */
void md_throttle_failed(const struct md_ctx *ctx, const char *username);
/* A successful login clears the user name's count (a write only if counted). */
void md_throttle_succeeded(const struct md_ctx *ctx, const char *username, int counted);
/* Forget every count in ctx's store (tests). */
void md_throttle_reset(struct md_ctx *ctx);

/* ---- payment operations (payment.c) --------------------------------------- */

/* Invoice::pay(): paid amounts on the payment and total_paid on the order.
 * 0, or -1 when a paid total would leave decimal(12,4). */
int md_invoice_pay(struct md_order *o, int64_t grand, int64_t base_grand, int64_t ship,
                   int64_t base_ship);
/* Payment::capture through the simulated gateway: fault 104 `Invoice
 * capturing problem.` when the order's payment declines captures; else a
 * capture transaction (*txn_out, arena), the authorization closed when this
 * capture covers the order's last remaining amount, and the order set to
 * processing with `Captured amount of $X online.`.  0 or -1. */
int md_gateway_capture(struct store *st, struct arena *a, struct md_order *o, int64_t base_amount,
                       const char *now, const char **txn_out, struct md_fault *f);
/* Payment::void: fault 104 `Invoice void problem` when declined; else a void
 * transaction, the authorization closed, order processing + history. */
int md_gateway_void(struct store *st, struct md_order *o, const char *now, struct md_fault *f);
/* "$1,234.56" (Currency::formatTxt for the order's base currency). */
void md_format_price(const char *currency, int64_t amount, char *out, size_t len);

/* ---- notifications (mail.c) --------------------------------------------------- */

/* Outbox row for a new-invoice or invoice-update notification. */
int md_outbox_invoice(struct store *st, struct arena *a, const struct md_order *o,
                      int64_t invoice_id, const char *inv_inc, int update, const char *comment,
                      const char *now);

/* ---- list filters (filter.c) ---------------------------------------------- */

/* Validate Magento list filters (parseFilters + prepareSqlCondition) into
 * the backend-neutral filter of model.h: whitelisted fields, known
 * operators, typed operands.  0, or -1 with fault 101 naming the field or
 * operator. */
int md_filter_compile(struct arena *a, const struct val *filters, struct md_filter *out,
                      struct md_fault *f);
/* The same for another entity's list (sales_order: fault 101 with the
 * order resource's text). */
int md_filter_compile_for(struct arena *a, enum md_entity entity, const struct val *filters,
                          struct md_filter *out, struct md_fault *f);

/* ---- auth (auth.c) ------------------------------------------------------ */

#define MD_KEY_HASH_MAX 160
/* "pbkdf2_sha256$<iter>$<salt hex>$<hash hex>".  0 or -1. */
int md_key_hash(const char *key, int iterations, char out[MD_KEY_HASH_MAX]);
/* 1 when key matches stored (constant-time compare), else 0. */
int md_key_verify(const char *key, const char *stored);
/* ACL: resources is "all" or a comma list of paths; path allowed when
 * listed itself or through an ancestor. */
int md_acl_allows(const char *resources, const char *path);
/* Known ACL resource paths of the invoice API (for role validation). */
int md_acl_known(const char *path);

/* ---- invoice creation with a forced increment id (tools/demo.c) ---------- */

int md_invoice_create_as(struct md_ctx *ctx, const struct md_create_req *req, const char *inc,
                         const char **inc_out, int64_t *entity_id_out, struct md_fault *f);

/* auth.c: username + API key -> user id, as login checks them (fault 6
 * empty, 2 bad/inactive/no role; an unknown user costs one PBKDF2 run too). */
int md_credentials_verify(struct md_ctx *ctx, const char *username, const char *api_key,
                          int64_t *uid, struct md_fault *f);

/* Filter parts Magento ignores (flt->nignored): a warning in the log and a
 * note on the request's journal entry and access log line. */
void md_filter_note_ignored(const struct md_ctx *ctx, const struct md_filter *flt);

#endif
