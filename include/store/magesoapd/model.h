/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The data model the store fills and saves: orders with their items and
 * payment, invoices, the stored invoice fields, the invoice column tables
 * (Magento's key order) and the backend-neutral list filter.  Plain C
 * structs, no storage type: the domain computes on them, a store backend
 * (store.h) loads and persists them.
 */
#ifndef MAGESOAPD_MODEL_H
#define MAGESOAPD_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* A nullable integer column read into an int64_t holds MD_NULL when NULL. */
#define MD_NULL INT64_MIN

/* Invoice states (Mage_Sales_Model_Order_Invoice). */
enum { MD_INV_OPEN = 1, MD_INV_PAID = 2, MD_INV_CANCELED = 3 };

/* Authorization transaction of an order payment. */
enum { MD_AUTH_NONE = 0, MD_AUTH_OPEN = 1, MD_AUTH_CLOSED = 2 };

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
    const char *hold_before_state, *hold_before_status; /* NULL unless on hold */
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

/* Audit (invoice_audit, migration 003): who made an invoice, a comment, a
 * capture, a void or a cancel.  api_user is the API user's name, or "cli",
 * "import", "demo" for rows the command line made; peer the client's
 * address ("HOST:PORT"), NULL when none (command line).  Kept apart from the
 * invoice tables: never part of a Magento answer. */
struct md_audit {
    int64_t audit_id, invoice_id;
    int64_t comment_id;   /* the comment an action "comment" added, 0 otherwise */
    const char *action;   /* "create", "comment", "capture", "void", "cancel" */
    const char *api_user;
    const char *peer;     /* NULL = none */
    const char *created_at;
};

/* Time text as stored: "YYYY-MM-DD HH:MM:SS" + NUL. */
#define MD_TIME_LEN 20

enum md_col_kind { MDC_INT, MDC_DEC, MDC_STR };
struct md_col {
    const char *name;
    enum md_col_kind kind;
};

/* sales_flat_invoice columns after entity_id, in table (= REF key) order;
 * items and comments likewise (columns.c). */
extern const struct md_col md_invoice_cols[];
extern const size_t md_invoice_ncols;
extern const struct md_col md_invoice_item_cols[];
extern const size_t md_invoice_item_ncols;
extern const struct md_col md_invoice_comment_cols[];
extern const size_t md_invoice_comment_ncols;
/* The order tables likewise (sales_order.info and .list). */
extern const struct md_col md_order_cols[];
extern const size_t md_order_ncols;
extern const struct md_col md_order_item_cols[];
extern const size_t md_order_item_ncols;
extern const struct md_col md_order_address_cols[];
extern const size_t md_order_address_ncols;
extern const struct md_col md_order_payment_cols[];
extern const size_t md_order_payment_ncols;
extern const struct md_col md_order_history_cols[];
extern const size_t md_order_history_ncols;

/* ---- list filters ------------------------------------------------------------
 *
 * What the domain makes of Magento's `field => condition` filters once they
 * are validated: a tree of conditions on whitelisted fields with typed
 * operands.  A backend turns it into its query language, binding every
 * operand; nothing in it is client text except operand values. */

/* The field a condition tests: an index into md_invoice_cols, or one of
 * these. */
enum { MD_FIELD_ENTITY_ID = -1, MD_FIELD_ORDER_INC = -2 };

enum md_fop {
    MDF_EQ, MDF_NEQ, MDF_GT, MDF_LT, MDF_GTEQ, MDF_LTEQ, /* one operand */
    MDF_LIKE, MDF_NLIKE,   /* one text operand, MySQL LIKE with '\\' escape, on the text form */
    MDF_REGEXP,            /* one text operand: POSIX extended, case-insensitive, text form */
    MDF_FINSET,            /* one text operand without a comma: FIND_IN_SET on the text form */
    MDF_IN, MDF_NIN,       /* any number of operands (none: IN matches nothing) */
    MDF_NULL, MDF_NOTNULL, /* no operand */
    MDF_FALSE,             /* matches nothing */
    MDF_AND, MDF_OR,       /* kids; AND without kids matches everything */
};

enum md_fval_kind { MDV_INT, MDV_TEXT };
struct md_fval {
    enum md_fval_kind kind; /* decimal columns: MDV_INT scaled by 10^4 */
    int64_t i;
    const char *s;
};

struct md_fcond {
    enum md_fop op;
    int field;               /* the field the condition (or group) is about */
    struct md_fval *vals;
    size_t nvals;
    struct md_fcond *kids;   /* MDF_AND / MDF_OR */
    size_t nkids;
};

/* What a filter is about: its field indexes point into md_invoice_cols
 * (MD_ENT_INVOICE) or md_order_cols (MD_ENT_ORDER). */
enum md_entity { MD_ENT_INVOICE, MD_ENT_ORDER };

/* Every top-level condition must hold (AND). */
struct md_filter {
    struct md_fcond *conds;
    size_t n;
    enum md_entity entity;
    /* Parts Magento ignores and so does the filter (a filters argument that
     * is no array, a condition's keys after the first, keys beside from/to):
     * how many, and the first one (arena text), for a warning in the log. */
    int nignored;
    const char *ignored;
};

#endif
