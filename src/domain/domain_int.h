/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Invoice domain internals shared between the files of src/domain (and the
 * unit tests): the in-memory order/invoice model, the totals collector,
 * ACL and key hashing, filter compilation and small helpers.
 */
#ifndef MD_DOMAIN_INT_H
#define MD_DOMAIN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "magesoapd/domain.h"
#include "store/store_int.h"

/* A nullable integer column read into an int64_t holds MD_NULL when NULL. */
#define MD_NULL INT64_MIN

/* Invoice states (Mage_Sales_Model_Order_Invoice). */
enum { MD_INV_OPEN = 1, MD_INV_PAID = 2, MD_INV_CANCELED = 3 };

/* Authorization transaction of an order payment. */
enum { MD_AUTH_NONE = 0, MD_AUTH_OPEN = 1, MD_AUTH_CLOSED = 2 };

/* ---- helpers (ctx.c) ------------------------------------------------------ */

#define MD_TIME_LEN 20 /* "YYYY-MM-DD HH:MM:SS" + NUL */
void md_fmt_time(int64_t t, char out[MD_TIME_LEN]);
/* Parse "YYYY-MM-DD HH:MM:SS" (UTC); 0 or -1. */
int md_parse_time(const char *s, int64_t *out);
/* Fault 1 with Magento's default text; logs what went wrong (never sent). */
int md_internal(struct md_fault *f, const char *what, const struct store *st);
/* Random bytes as lowercase hex (2*n chars + NUL); 0 or -1. */
int md_random_hex(char *out, size_t nbytes);

/* ---- order model (order_db.c) --------------------------------------------- */

struct md_order_item {
    int64_t item_id, parent_item_id; /* parent 0 = none */
    int64_t product_id;              /* MD_NULL when unknown */
    const char *product_type, *sku, *name, *description;
    int64_t is_virtual, is_qty_decimal, locked_do_invoice;
    int64_t qty_ordered, qty_invoiced, qty_canceled, qty_shipped, qty_refunded;
    int64_t price, base_price, price_incl_tax, base_price_incl_tax;
    int64_t base_cost; /* MD_NULL when unknown */
    int64_t tax_amount, base_tax_amount, tax_invoiced, base_tax_invoiced;
    int64_t hidden_tax_amount, base_hidden_tax_amount, hidden_tax_invoiced,
        base_hidden_tax_invoiced;
    int64_t discount_amount, base_discount_amount, discount_invoiced, base_discount_invoiced;
    int64_t row_total, base_row_total, row_total_incl_tax, base_row_total_incl_tax;
    int64_t row_invoiced, base_row_invoiced;
    struct md_order_item *parent; /* resolved after loading */
    /* the invoiced fields as loaded (qty .. base_row_invoiced, in the order
     * md_order_save writes them): an item they still match is not written */
    int64_t loaded_invoiced[9];
    int has_children;
};

struct md_payment {
    int64_t entity_id;
    const char *method, *decline, *last_trans_id;
    int64_t is_gateway, can_capture, can_capture_partial, can_void, auth_state;
    int64_t amount_paid, base_amount_paid, base_amount_paid_online;
    int64_t shipping_captured, base_shipping_captured;
};

/* Order-level invoiced/paid bookkeeping, in the order of the UPDATE. */
struct md_order_sums {
    int64_t total_invoiced, base_total_invoiced, subtotal_invoiced, base_subtotal_invoiced;
    int64_t tax_invoiced, base_tax_invoiced, hidden_tax_invoiced, base_hidden_tax_invoiced;
    int64_t shipping_invoiced, base_shipping_invoiced, shipping_tax_invoiced,
        base_shipping_tax_invoiced;
    int64_t discount_invoiced, base_discount_invoiced, base_total_invoiced_cost;
    int64_t total_paid, base_total_paid, total_refunded, base_total_refunded;
};

struct md_order {
    int64_t entity_id, store_id, is_virtual;
    const char *increment_id, *state, *status, *created_at;
    const char *customer_email, *customer_firstname, *customer_lastname;
    const char *global_currency_code, *base_currency_code, *store_currency_code,
        *order_currency_code;
    int64_t base_to_global_rate, base_to_order_rate, store_to_base_rate, store_to_order_rate;
    int64_t billing_address_id, shipping_address_id; /* MD_NULL when absent */
    const char *discount_description;
    int64_t subtotal, base_subtotal, shipping_amount, base_shipping_amount;
    int64_t shipping_tax_amount, base_shipping_tax_amount, shipping_incl_tax,
        base_shipping_incl_tax;
    int64_t shipping_discount_amount, base_shipping_discount_amount;
    int64_t discount_amount, base_discount_amount, tax_amount, base_tax_amount;
    int64_t hidden_tax_amount, base_hidden_tax_amount, grand_total, base_grand_total;
    struct md_order_sums sums;
    struct md_order_item *items;
    size_t nitems;
    struct md_payment pay;
    int state_changed; /* set by md_order_set_state; the order row needs saving */
};

/* Load inside the caller's transaction; strings live in arena.  Returns 1
 * found, 0 not found, -1 error. */
int md_order_load_by_inc(struct store *st, struct arena *a, const char *inc, struct md_order *o);
int md_order_load_by_id(struct store *st, struct arena *a, int64_t id, struct md_order *o);
struct md_order_item *md_order_item_find(struct md_order *o, int64_t item_id);
/* Persist the order's state/status/totals, every item's invoiced fields and
 * the payment.  0 or -1. */
int md_order_save(struct store *st, const struct md_order *o, const char *now);
/* A status-history row (Order::addStatusHistoryComment). */
int md_order_add_history(struct store *st, const struct md_order *o, const char *comment,
                         const char *entity_name, const char *now);

/* Magento's order predicates (Mage_Sales_Model_Order). */
int64_t md_item_qty_to_invoice(const struct md_order_item *it);
int md_item_is_dummy(const struct md_order_item *it);
int md_order_can_invoice(const struct md_order *o);
int md_order_can_ship(const struct md_order *o);
int md_order_can_creditmemo(const struct md_order *o);
/* setState(state, true, comment): status = the state's default status, and
 * a status-history row written at once.  0 or -1. */
int md_order_set_state(struct store *st, struct md_order *o, const char *state,
                       const char *comment, const char *now);
/* Order::_checkState after an invoice change (in_process is always set by
 * the API).  0 or -1. */
int md_order_check_state(struct store *st, struct md_order *o, const char *now);
const char *md_state_default_status(const char *state);

/* ---- payment profiles (order_db.c) -------------------------------------- */

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

struct md_inv_item {
    struct md_order_item *oi;
    int64_t qty;
    int64_t row_total, base_row_total, row_total_incl_tax, base_row_total_incl_tax;
    int64_t tax_amount, base_tax_amount, hidden_tax_amount, base_hidden_tax_amount;
    int64_t discount_amount, base_discount_amount; /* MD_NULL unless discounted */
};

struct md_invoice {
    struct md_inv_item *items;
    size_t nitems;
    int64_t total_qty;
    int64_t subtotal, base_subtotal, subtotal_incl_tax, base_subtotal_incl_tax;
    int64_t discount_amount, base_discount_amount; /* negative */
    int64_t shipping_amount, base_shipping_amount;
    /* Shipping tax and shipping incl. tax are only set on the invoice that
     * carries the shipping (MD_NULL otherwise, as Magento leaves them). */
    int64_t shipping_tax_amount, base_shipping_tax_amount, shipping_hidden_tax_amount;
    int64_t shipping_incl_tax, base_shipping_incl_tax;
    int64_t tax_amount, base_tax_amount, hidden_tax_amount, base_hidden_tax_amount;
    int64_t grand_total, base_grand_total, base_cost;
};

/* What earlier invoices of the order say (Magento scans the collection). */
struct md_prev_invoices {
    int shipping_taken; /* a non-canceled invoice already carries shipping */
    int discount_taken; /* an invoice already has a discount */
};

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

/* ---- invoice rows (invoice_db.c) ----------------------------------------- */

/* The stored invoice fields the operations need. */
struct md_inv_row {
    int64_t entity_id, order_id, store_id, state, can_void_flag; /* flag MD_NULL = NULL */
    const char *increment_id;
    int64_t grand_total, base_grand_total, subtotal, base_subtotal;
    int64_t tax_amount, base_tax_amount, hidden_tax_amount, base_hidden_tax_amount;
    int64_t shipping_amount, base_shipping_amount, shipping_tax_amount,
        base_shipping_tax_amount;
    int64_t discount_amount, base_discount_amount, total_qty;
};

int md_inv_row_load(struct store *st, struct arena *a, const char *inc, struct md_inv_row *r);
/* Next increment id of the store's invoice sequence (inside a write
 * transaction): prefix = store id, 8-digit zero-padded counter, skipping any
 * id already taken.  out needs 32 bytes.  0 or -1. */
int md_seq_next(struct store *st, int64_t store_id, char out[32]);
/* Move a store's sequence to at least last_number (demo data). */
int md_seq_advance(struct store *st, int64_t store_id, int64_t last_number);
/* Insert the invoice and its items; *id_out = entity id.  0 or -1. */
int md_invoice_insert(struct store *st, const struct md_order *o, const struct md_invoice *inv,
                      const char *inc, int state, int64_t can_void_flag, int email_sent,
                      const char *now, int64_t *id_out);
int md_comment_insert(struct store *st, int64_t invoice_id, const char *comment, int notified,
                      int visible, const char *now);
int md_prev_invoices_load(struct store *st, int64_t order_id, struct md_prev_invoices *p);
/* Outbox row for a new-invoice or invoice-update notification. */
int md_outbox_invoice(struct store *st, const struct md_order *o, int64_t invoice_id,
                      const char *inv_inc, int update, const char *comment, const char *now);

/* ---- invoice column tables (invoice_read.c) ------------------------------ */

enum md_col_kind { MDC_INT, MDC_DEC, MDC_STR };
struct md_col {
    const char *name;
    enum md_col_kind kind;
};
/* sales_flat_invoice columns after entity_id, in table (= REF key) order. */
extern const struct md_col md_invoice_cols[];
extern const size_t md_invoice_ncols;
extern const struct md_col md_invoice_item_cols[];
extern const size_t md_invoice_item_ncols;
extern const struct md_col md_invoice_comment_cols[];
extern const size_t md_invoice_comment_ncols;

/* ---- list filters (filter.c) ---------------------------------------------- */

enum md_bind_kind { MDB_INT, MDB_TEXT };
struct md_bind {
    enum md_bind_kind kind;
    int64_t i;
    const char *s;
};

struct md_where {
    char *sql; /* "" when no condition; else "(...) AND (...)" */
    size_t len, cap;
    struct md_bind *binds;
    size_t nbinds, capbinds;
    int join_order; /* the order table is needed (order_increment_id) */
    /* Conditions on low-cardinality indexed columns (state, store_id,
     * order_currency_code): [start, end) spans of sql.  The list query
     * marks them likely-true for SQLite's planner, which without
     * statistics would otherwise prefer their index (a third of a big
     * store) to a selective one such as a created_at range. */
    struct md_span {
        size_t start, end;
    } *broad;
    size_t nbroad;
};

/* Compile Magento list filters into a WHERE clause over sales_flat_invoice
 * (alias i) and sales_flat_order (alias o).  SQL comes only from
 * whitelisted columns and operator templates; operands are bound.  0, or -1
 * with fault 101 naming the field/operator. */
int md_filter_compile(struct arena *a, const struct val *filters, struct md_where *w,
                      struct md_fault *f);

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

/* ---- import (import.c) --------------------------------------------------- */

/* Import with an explicit "now" (demo data uses fixed dates). */
int md_import_json_at(struct store *st, const char *json, size_t len, int replace,
                      const char *now, char *err, size_t errlen);

/* ---- invoice creation with a forced increment id (demo.c) ---------------- */

int md_invoice_create_as(struct md_ctx *ctx, const struct md_create_req *req, const char *inc,
                         const char **inc_out, int64_t *entity_id_out, struct md_fault *f);

/* auth.c: username + API key -> user id, as login checks them (fault 6
 * empty, 2 bad/inactive/no role; an unknown user costs one PBKDF2 run too). */
int md_credentials_verify(struct md_ctx *ctx, const char *username, const char *api_key,
                          int64_t *uid, struct md_fault *f);

#endif
