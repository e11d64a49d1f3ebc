/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PostgreSQL backend: invoice rows (the fields the operations need), inserting
 * a new invoice with its items and comments, state changes, the per-store
 * increment sequence (eav_entity_store) and the e-mail outbox.  Every
 * function here runs inside the caller's transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "magesoapd/val.h"
#include "store/pg/pg_int.h"

static void bind_opt(pq_stmt *s, int idx, int64_t v)
{
    if (v == MD_NULL)
        pq_bind_null(s, idx);
    else
        pq_bind_int(s, idx, v);
}

static int step_done(struct store *st, pq_stmt *s, const char *what)
{
    return pq_defer(st, s, what); /* pipelined inside a transaction (conn.c) */
}

/* ---- loading ------------------------------------------------------------------ */

int pgs_invoice_row_load(struct store *st, struct arena *a, const char *inc, struct md_inv_row *r)
{
    static const char sql[] =
        "SELECT entity_id, order_id, store_id, state, can_void_flag, increment_id, "
        "grand_total, base_grand_total, subtotal, base_subtotal, tax_amount, base_tax_amount, "
        "hidden_tax_amount, base_hidden_tax_amount, shipping_amount, base_shipping_amount, "
        "shipping_tax_amount, base_shipping_tax_amount, discount_amount, base_discount_amount, "
        "total_qty FROM sales_flat_invoice WHERE increment_id = ?";
    /* in a write transaction the invoice row is locked as it is read: a
     * concurrent capture / void / cancel of it (any daemon) waits, then
     * sees the committed state */
    static const char lock_sql[] =
        "SELECT entity_id, order_id, store_id, state, can_void_flag, increment_id, "
        "grand_total, base_grand_total, subtotal, base_subtotal, tax_amount, base_tax_amount, "
        "hidden_tax_amount, base_hidden_tax_amount, shipping_amount, base_shipping_amount, "
        "shipping_tax_amount, base_shipping_tax_amount, discount_amount, base_discount_amount, "
        "total_qty FROM sales_flat_invoice WHERE increment_id = ? FOR UPDATE";
    pq_stmt *s = pq_prep(st, st->in_write ? lock_sql : sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, inc);
    int rc = pq_step(s);
    if (rc != PQ_ROW) {
        if (rc != PQ_DONE)
            pq_note(st, "loading invoice");
        pq_done(s);
        return rc == PQ_DONE ? 0 : -1;
    }
    int64_t *dst[] = {&r->entity_id, &r->order_id, &r->store_id, &r->state, &r->can_void_flag};
    for (int i = 0; i < 5; i++)
        *dst[i] = pq_col_is_null(s, i) ? MD_NULL : pq_col_int(s, i);
    r->increment_id = arena_strdup(a, pq_col_text(s, 5));
    int64_t *amt[] = {&r->grand_total,       &r->base_grand_total,      &r->subtotal,
                      &r->base_subtotal,     &r->tax_amount,            &r->base_tax_amount,
                      &r->hidden_tax_amount, &r->base_hidden_tax_amount, &r->shipping_amount,
                      &r->base_shipping_amount, &r->shipping_tax_amount,
                      &r->base_shipping_tax_amount, &r->discount_amount,
                      &r->base_discount_amount, &r->total_qty};
    for (int i = 0; i < (int)(sizeof amt / sizeof amt[0]); i++)
        *amt[i] = pq_col_int(s, 6 + i); /* NULL reads as 0 */
    pq_done(s);
    return r->increment_id ? 1 : -1;
}

int pgs_invoice_prev(struct store *st, int64_t order_id, struct md_prev_invoices *p)
{
    static const char ship_sql[] =
        "SELECT EXISTS (SELECT 1 FROM sales_flat_invoice WHERE order_id = ? "
        "AND shipping_amount != 0 AND state != 3)";
    static const char disc_sql[] =
        "SELECT EXISTS (SELECT 1 FROM sales_flat_invoice WHERE order_id = ? "
        "AND discount_amount != 0)";
    int64_t a = 0, b = 0;
    if (pq_query_int(st, ship_sql, &a, "i", order_id) < 0 ||
        pq_query_int(st, disc_sql, &b, "i", order_id) < 0)
        return -1;
    p->shipping_taken = a != 0;
    p->discount_taken = b != 0;
    return 0;
}

/* ---- increment ids (§7) ---------------------------------------------------------- */

static int seq_exists(struct store *st, const char *inc)
{
    static const char sql[] = "SELECT 1 FROM sales_flat_invoice WHERE increment_id = ?";
    int64_t one;
    return pq_query_int(st, sql, &one, "s", inc);
}

/* Highest number already used with this prefix (8-digit form), so a new
 * sequence starts past imported or demo invoices. */
static int seq_highest(struct store *st, const char *prefix, int64_t *num)
{
    static const char sql[] =
        "SELECT max(increment_id) FROM sales_flat_invoice WHERE increment_id BETWEEN ? AND ? "
        "AND length(increment_id) = ?";
    char lo[40], hi[40];
    snprintf(lo, sizeof lo, "%s00000000", prefix);
    snprintf(hi, sizeof hi, "%s99999999", prefix);
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, lo);
    pq_bind_text(s, 2, hi);
    pq_bind_int(s, 3, (int64_t)strlen(lo)); /* "1" + 8 digits, not store 10's ids */
    int rc = pq_step(s);
    *num = 0;
    if (rc == PQ_ROW && !pq_col_is_null(s, 0))
        *num = strtoll(pq_col_text(s, 0) + strlen(prefix), NULL, 10);
    pq_done(s);
    return rc == PQ_ROW ? 0 : -1;
}

/* Read (creating on first use) the store's row: prefix and last number.
 * The row is locked until the transaction ends (FOR UPDATE): two daemons
 * numbering invoices of one store take turns, so increment ids stay unique
 * and without gaps (a rolled-back transaction gives its number back). */
static int seq_row(struct store *st, int64_t store_id, char prefix[24], int64_t *last)
{
    static const char get_sql[] =
        "SELECT increment_prefix, increment_last_id FROM eav_entity_store "
        "WHERE entity_type = 'invoice' AND store_id = ? FOR UPDATE";
    static const char ins_sql[] =
        "INSERT INTO eav_entity_store (entity_type, store_id, increment_prefix, "
        "increment_last_id) VALUES ('invoice', ?, ?, ?) ON CONFLICT DO NOTHING";
    pq_stmt *s = pq_prep(st, get_sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, store_id);
    int rc = pq_step(s);
    if (rc == PQ_ROW) {
        snprintf(prefix, 24, "%s", pq_col_text(s, 0) ? pq_col_text(s, 0) : "");
        const char *l = pq_col_text(s, 1) ? pq_col_text(s, 1) : "";
        size_t pl = strlen(prefix);
        *last = strtoll(strncmp(l, prefix, pl) == 0 ? l + pl : l, NULL, 10);
        pq_done(s);
        return 0;
    }
    pq_done(s);
    if (rc != PQ_DONE)
        return -1;
    snprintf(prefix, 24, "%lld", (long long)store_id);
    if (seq_highest(st, prefix, last) != 0)
        return -1;
    char lastid[48];
    snprintf(lastid, sizeof lastid, "%s%08lld", prefix, (long long)*last);
    s = pq_prep(st, ins_sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, store_id);
    pq_bind_text(s, 2, prefix);
    pq_bind_text(s, 3, lastid);
    if (step_done(st, s, "sequence") != 0)
        return -1;
    /* made here or by a concurrent first invoice of the store: lock it */
    if (!(s = pq_prep(st, get_sql)))
        return -1;
    pq_bind_int(s, 1, store_id);
    rc = pq_step(s);
    if (rc == PQ_ROW) {
        const char *l = pq_col_text(s, 1) ? pq_col_text(s, 1) : "";
        size_t pl = strlen(prefix);
        *last = strtoll(strncmp(l, prefix, pl) == 0 ? l + pl : l, NULL, 10);
    }
    pq_done(s);
    return rc == PQ_ROW ? 0 : -1;
}

static int seq_store(struct store *st, int64_t store_id, const char *lastid)
{
    static const char sql[] =
        "UPDATE eav_entity_store SET increment_last_id = ? "
        "WHERE entity_type = 'invoice' AND store_id = ?";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, lastid);
    pq_bind_int(s, 2, store_id);
    return step_done(st, s, "sequence");
}

int pgs_seq_next(struct store *st, int64_t store_id, char out[32])
{
    char prefix[24];
    int64_t last;
    if (seq_row(st, store_id, prefix, &last) != 0)
        return -1;
    for (int tries = 0; tries < 1000000; tries++) {
        char full[64]; /* prefix (< 24) + up to 20 digits, cut to out's 32 bytes */
        snprintf(full, sizeof full, "%s%08lld", prefix, (long long)++last);
        snprintf(out, 32, "%.31s", full);
        int e = seq_exists(st, out);
        if (e < 0)
            return -1;
        if (e == 0)
            return seq_store(st, store_id, out);
    }
    return -1;
}

int pgs_seq_advance(struct store *st, int64_t store_id, int64_t last_number)
{
    char prefix[24], lastid[48];
    int64_t last;
    if (seq_row(st, store_id, prefix, &last) != 0)
        return -1;
    if (last >= last_number)
        return 0;
    snprintf(lastid, sizeof lastid, "%s%08lld", prefix, (long long)last_number);
    return seq_store(st, store_id, lastid);
}

/* ---- inserting ---------------------------------------------------------------------- */

static int insert_item(struct store *st, int64_t invoice_id, const struct md_inv_item *ii)
{
    static const char sql[] =
        "INSERT INTO sales_flat_invoice_item (parent_id, base_price, tax_amount, "
        "base_row_total, discount_amount, row_total, base_discount_amount, price_incl_tax, "
        "base_tax_amount, base_price_incl_tax, qty, base_cost, price, base_row_total_incl_tax, "
        "row_total_incl_tax, product_id, order_item_id, additional_data, description, sku, "
        "name, hidden_tax_amount, base_hidden_tax_amount) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,?,?,?,?,?)";
    const struct md_order_item *oi = ii->oi;
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    int64_t v[] = {invoice_id,           oi->base_price,       ii->tax_amount,
                   ii->base_row_total,   ii->discount_amount,  ii->row_total,
                   ii->base_discount_amount, oi->price_incl_tax, ii->base_tax_amount,
                   oi->base_price_incl_tax, ii->qty,           oi->base_cost,
                   oi->price,            ii->base_row_total_incl_tax, ii->row_total_incl_tax,
                   oi->product_id,       oi->item_id};
    int k = 1;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        bind_opt(s, k++, v[i]);
    pq_bind_text(s, k++, oi->description);
    pq_bind_text(s, k++, oi->sku);
    pq_bind_text(s, k++, oi->name);
    pq_bind_int(s, k++, ii->hidden_tax_amount);
    pq_bind_int(s, k, ii->base_hidden_tax_amount);
    return step_done(st, s, "invoice item");
}

int pgs_invoice_insert(struct store *st, const struct md_order *o, const struct md_invoice *inv,
                      const char *inc, int state, int64_t can_void_flag, int email_sent,
                      const char *now, int64_t *id_out)
{
    static const char sql[] =
        "INSERT INTO sales_flat_invoice (store_id, base_grand_total, shipping_tax_amount, "
        "tax_amount, base_tax_amount, store_to_order_rate, base_shipping_tax_amount, "
        "base_discount_amount, base_to_order_rate, grand_total, shipping_amount, "
        "subtotal_incl_tax, base_subtotal_incl_tax, store_to_base_rate, base_shipping_amount, "
        "total_qty, base_to_global_rate, subtotal, base_subtotal, discount_amount, "
        "billing_address_id, order_id, can_void_flag, state, shipping_address_id, "
        "hidden_tax_amount, base_hidden_tax_amount, shipping_hidden_tax_amount, "
        "shipping_incl_tax, base_shipping_incl_tax, email_sent, store_currency_code, "
        "order_currency_code, base_currency_code, global_currency_code, increment_id, "
        "created_at, updated_at, discount_description) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "RETURNING entity_id";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    int64_t v[] = {o->store_id,
                   inv->base_grand_total,
                   inv->shipping_tax_amount,
                   inv->tax_amount,
                   inv->base_tax_amount,
                   o->store_to_order_rate,
                   inv->base_shipping_tax_amount,
                   inv->base_discount_amount,
                   o->base_to_order_rate,
                   inv->grand_total,
                   inv->shipping_amount,
                   inv->subtotal_incl_tax,
                   inv->base_subtotal_incl_tax,
                   o->store_to_base_rate,
                   inv->base_shipping_amount,
                   inv->total_qty,
                   o->base_to_global_rate,
                   inv->subtotal,
                   inv->base_subtotal,
                   inv->discount_amount,
                   o->billing_address_id,
                   o->entity_id,
                   can_void_flag,
                   state,
                   o->shipping_address_id,
                   inv->hidden_tax_amount,
                   inv->base_hidden_tax_amount,
                   inv->shipping_hidden_tax_amount,
                   inv->shipping_incl_tax,
                   inv->base_shipping_incl_tax,
                   email_sent ? 1 : MD_NULL};
    int k = 1;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        bind_opt(s, k++, v[i]);
    const char *t[] = {o->store_currency_code, o->order_currency_code, o->base_currency_code,
                       o->global_currency_code, inc, now, now, o->discount_description};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        pq_bind_text(s, k++, t[i]);
    if (pq_step(s) != PQ_ROW) {
        pq_note(st, "invoice");
        pq_done(s);
        return -1;
    }
    *id_out = pq_col_int(s, 0);
    pq_done(s);
    for (size_t i = 0; i < inv->nitems; i++)
        if (inv->items[i].qty > 0 && insert_item(st, *id_out, &inv->items[i]) != 0)
            return -1;
    return 0;
}

int pgs_comment_insert(struct store *st, int64_t invoice_id, const char *comment, int notified,
                      int visible, const char *now)
{
    static const char sql[] =
        "INSERT INTO sales_flat_invoice_comment (parent_id, is_customer_notified, "
        "is_visible_on_front, comment, created_at) VALUES (?, ?, ?, ?, ?)";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, invoice_id);
    pq_bind_int(s, 2, notified ? 1 : 0);
    pq_bind_int(s, 3, visible ? 1 : 0);
    pq_bind_text(s, 4, comment);
    pq_bind_text(s, 5, now);
    return step_done(st, s, "invoice comment");
}

/* ---- changes ------------------------------------------------------------------------ */

int pgs_invoice_set_state(struct store *st, int64_t id, int state, const char *txn,
                         int clear_void, const char *now)
{
    static const char sql[] =
        "UPDATE sales_flat_invoice SET state = ?, transaction_id = coalesce(?, transaction_id), "
        "can_void_flag = CASE WHEN ? THEN 0 ELSE can_void_flag END, updated_at = ? "
        "WHERE entity_id = ?";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, state);
    pq_bind_text(s, 2, txn);
    pq_bind_int(s, 3, clear_void ? 1 : 0);
    pq_bind_text(s, 4, now);
    pq_bind_int(s, 5, id);
    return step_done(st, s, "invoice state");
}

int pgs_invoice_set_txn(struct store *st, int64_t id, const char *txn)
{
    static const char sql[] =
        "UPDATE sales_flat_invoice SET transaction_id = ? WHERE entity_id = ?";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, txn);
    pq_bind_int(s, 2, id);
    return step_done(st, s, "invoice transaction id");
}

int pgs_invoice_touch(struct store *st, int64_t id, const char *now)
{
    static const char sql[] = "UPDATE sales_flat_invoice SET updated_at = ? WHERE entity_id = ?";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, now);
    pq_bind_int(s, 2, id);
    return step_done(st, s, "invoice");
}

/* Rows of a statement bound to one id, copied into an arena array by fill. */
static int collect(struct store *st, struct arena *a, const char *sql, int64_t id, size_t size,
                   void (*fill)(pq_stmt *s, struct arena *a, void *row), void **out,
                   size_t *n)
{
    pq_stmt *s = pq_prep(st, sql);
    size_t cap = 0;
    char *rows = NULL;
    *n = 0;
    if (!s)
        return -1;
    pq_bind_int(s, 1, id);
    int rc;
    while ((rc = pq_step(s)) == PQ_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            char *p = arena_alloc(a, ncap * size);
            if (!p)
                break;
            if (*n)
                memcpy(p, rows, *n * size);
            rows = p;
            cap = ncap;
        }
        fill(s, a, rows + *n * size);
        (*n)++;
    }
    pq_done(s);
    *out = rows;
    if (rc != PQ_DONE)
        pq_note(st, "invoice items");
    return rc == PQ_DONE ? 0 : -1;
}

static void fill_sums(pq_stmt *s, struct arena *a, void *row)
{
    (void)a;
    struct store_inv_item_sums *r = row;
    int64_t *v[] = {&r->order_item_id, &r->qty, &r->tax_amount, &r->base_tax_amount,
                    &r->hidden_tax_amount, &r->base_hidden_tax_amount, &r->discount_amount,
                    &r->base_discount_amount, &r->row_total, &r->base_row_total};
    for (int i = 0; i < (int)(sizeof v / sizeof v[0]); i++)
        *v[i] = pq_col_int(s, i);
}

int pgs_invoice_item_sums(struct store *st, struct arena *a, int64_t invoice_id,
                         struct store_inv_item_sums **out, size_t *n)
{
    static const char sql[] =
        "SELECT order_item_id, qty, tax_amount, base_tax_amount, hidden_tax_amount, "
        "base_hidden_tax_amount, discount_amount, base_discount_amount, row_total, "
        "base_row_total FROM sales_flat_invoice_item WHERE parent_id = ?";
    void *rows = NULL;
    int rc = collect(st, a, sql, invoice_id, sizeof **out, fill_sums, &rows, n);
    *out = rows;
    return rc;
}

static void fill_line(pq_stmt *s, struct arena *a, void *row)
{
    struct store_mail_line *l = row;
    l->name = pq_col_text(s, 0) ? arena_strdup(a, pq_col_text(s, 0)) : "";
    l->sku = pq_col_text(s, 1) ? arena_strdup(a, pq_col_text(s, 1)) : "";
    l->qty = pq_col_int(s, 2);
    l->row_total = pq_col_int(s, 3);
}

int pgs_invoice_mail_lines(struct store *st, struct arena *a, int64_t invoice_id,
                          int64_t *grand_total, struct store_mail_line **out, size_t *n)
{
    static const char total_sql[] =
        "SELECT grand_total FROM sales_flat_invoice WHERE entity_id = ?";
    static const char sql[] =
        "SELECT name, sku, qty, row_total FROM sales_flat_invoice_item "
        "WHERE parent_id = ? ORDER BY entity_id";
    void *rows = NULL;
    *grand_total = 0;
    if (pq_query_int(st, total_sql, grand_total, "i", invoice_id) < 0)
        return -1;
    int rc = collect(st, a, sql, invoice_id, sizeof **out, fill_line, &rows, n);
    *out = rows;
    return rc;
}

/* ---- e-mail outbox ---------------------------------------------------------------- */

int pgs_outbox_add(struct store *st, const struct store_mail *m)
{
    static const char sql[] =
        "INSERT INTO email_outbox (kind, store_id, order_id, invoice_id, recipient, "
        "recipient_name, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, m->kind);
    pq_bind_int(s, 2, m->store_id);
    pq_bind_int(s, 3, m->order_id);
    pq_bind_int(s, 4, m->invoice_id);
    pq_bind_text(s, 5, m->recipient);
    pq_bind_text(s, 6, m->recipient_name);
    pq_bind_text(s, 7, m->subject);
    pq_bind_text(s, 8, m->body);
    pq_bind_text(s, 9, m->created_at);
    return step_done(st, s, "email outbox");
}
