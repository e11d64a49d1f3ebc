/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PostgreSQL backend: orders with their items and payment, loaded inside the
 * caller's transaction and saved back, the status history and the payment
 * transactions.  Rows are mapped by column name through field tables, so a
 * SELECT * keeps working when a migration adds columns.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "magesoapd/val.h"
#include "store/pg/pg_int.h"

/* ---- row mapping ----------------------------------------------------------- */

enum fkind { FK_I64, FK_STR };
struct field {
    const char *col;
    size_t off;
    enum fkind kind;
};

#define FI(s, f) {#f, offsetof(struct s, f), FK_I64}
#define FS(s, f) {#f, offsetof(struct s, f), FK_STR}
#define FSUM(f) {#f, offsetof(struct md_order, sums) + offsetof(struct md_order_sums, f), FK_I64}

static const struct field order_fields[] = {
    FI(md_order, entity_id), FI(md_order, store_id), FI(md_order, is_virtual),
    FS(md_order, increment_id), FS(md_order, state), FS(md_order, status),
    FS(md_order, created_at), FS(md_order, customer_email), FS(md_order, customer_firstname),
    FS(md_order, customer_lastname), FS(md_order, global_currency_code),
    FS(md_order, base_currency_code), FS(md_order, store_currency_code),
    FS(md_order, hold_before_state), FS(md_order, hold_before_status),
    FS(md_order, order_currency_code), FI(md_order, base_to_global_rate),
    FI(md_order, base_to_order_rate), FI(md_order, store_to_base_rate),
    FI(md_order, store_to_order_rate), FI(md_order, billing_address_id),
    FI(md_order, shipping_address_id), FS(md_order, discount_description),
    FI(md_order, subtotal), FI(md_order, base_subtotal), FI(md_order, shipping_amount),
    FI(md_order, base_shipping_amount), FI(md_order, shipping_tax_amount),
    FI(md_order, base_shipping_tax_amount), FI(md_order, shipping_incl_tax),
    FI(md_order, base_shipping_incl_tax), FI(md_order, shipping_discount_amount),
    FI(md_order, base_shipping_discount_amount), FI(md_order, discount_amount),
    FI(md_order, base_discount_amount), FI(md_order, tax_amount), FI(md_order, base_tax_amount),
    FI(md_order, hidden_tax_amount), FI(md_order, base_hidden_tax_amount),
    FI(md_order, grand_total), FI(md_order, base_grand_total), FSUM(total_invoiced),
    FSUM(base_total_invoiced), FSUM(subtotal_invoiced), FSUM(base_subtotal_invoiced),
    FSUM(tax_invoiced), FSUM(base_tax_invoiced), FSUM(hidden_tax_invoiced),
    FSUM(base_hidden_tax_invoiced), FSUM(shipping_invoiced), FSUM(base_shipping_invoiced),
    FSUM(shipping_tax_invoiced), FSUM(base_shipping_tax_invoiced), FSUM(discount_invoiced),
    FSUM(base_discount_invoiced), FSUM(base_total_invoiced_cost), FSUM(total_paid),
    FSUM(base_total_paid), FSUM(total_refunded), FSUM(base_total_refunded),
};

static const struct field item_fields[] = {
    FI(md_order_item, item_id), FI(md_order_item, parent_item_id),
    FI(md_order_item, product_id), FS(md_order_item, product_type), FS(md_order_item, sku),
    FS(md_order_item, name), FS(md_order_item, description), FI(md_order_item, is_virtual),
    FI(md_order_item, is_qty_decimal), FI(md_order_item, locked_do_invoice),
    FI(md_order_item, qty_ordered), FI(md_order_item, qty_invoiced),
    FI(md_order_item, qty_canceled), FI(md_order_item, qty_shipped),
    FI(md_order_item, qty_refunded), FI(md_order_item, price), FI(md_order_item, base_price),
    FI(md_order_item, price_incl_tax), FI(md_order_item, base_price_incl_tax),
    FI(md_order_item, base_cost), FI(md_order_item, tax_amount),
    FI(md_order_item, base_tax_amount), FI(md_order_item, tax_invoiced),
    FI(md_order_item, base_tax_invoiced), FI(md_order_item, hidden_tax_amount),
    FI(md_order_item, base_hidden_tax_amount), FI(md_order_item, hidden_tax_invoiced),
    FI(md_order_item, base_hidden_tax_invoiced), FI(md_order_item, discount_amount),
    FI(md_order_item, base_discount_amount), FI(md_order_item, discount_invoiced),
    FI(md_order_item, base_discount_invoiced), FI(md_order_item, row_total),
    FI(md_order_item, base_row_total), FI(md_order_item, row_total_incl_tax),
    FI(md_order_item, base_row_total_incl_tax), FI(md_order_item, row_invoiced),
    FI(md_order_item, base_row_invoiced),
};

static const struct field payment_fields[] = {
    FI(md_payment, entity_id), FS(md_payment, method), FS(md_payment, decline),
    FS(md_payment, last_trans_id), FI(md_payment, is_gateway), FI(md_payment, can_capture),
    FI(md_payment, can_capture_partial), FI(md_payment, can_void), FI(md_payment, auth_state),
    FI(md_payment, amount_paid), FI(md_payment, base_amount_paid),
    FI(md_payment, base_amount_paid_online), FI(md_payment, shipping_captured),
    FI(md_payment, base_shipping_captured),
};

#define NF(t) (sizeof(t) / sizeof((t)[0]))

/* Which field each result column of s fills (-1: none), worked out by name
 * once per statement and remembered per thread while SQLite hands out the
 * same column-name strings (that is, until the statement is prepared again
 * after a schema change). */
#define MAP_MAX_COLS 128
struct colmap {
    pq_stmt *stmt;
    const struct field *fields;
    const char *first, *last;
    int ncol;
    short field[MAP_MAX_COLS];
};

static const short *column_fields(pq_stmt *s, const struct field *fields, size_t nfields)
{
    static _Thread_local struct colmap memo[8];
    int ncol = pq_col_count(s);
    if (ncol < 1 || ncol > MAP_MAX_COLS)
        return NULL;
    const char *first = pq_col_name(s, 0), *last = pq_col_name(s, ncol - 1);
    struct colmap *m = &memo[((uintptr_t)s >> 6) % (sizeof memo / sizeof memo[0])];
    if (m->stmt == s && m->fields == fields && m->first == first && m->last == last &&
        m->ncol == ncol)
        return m->field;
    for (int c = 0; c < ncol; c++) {
        const char *name = pq_col_name(s, c);
        m->field[c] = -1;
        for (size_t i = 0; i < nfields && name; i++) {
            if (strcmp(fields[i].col, name) == 0) {
                m->field[c] = (short)i;
                break;
            }
        }
    }
    m->stmt = s;
    m->fields = fields;
    m->first = first;
    m->last = last;
    m->ncol = ncol;
    return m->field;
}

/* Copy the current row of s into obj through the field table. */
static int map_row(pq_stmt *s, struct arena *a, const struct field *fields, size_t nfields,
                   void *obj)
{
    int ncol = pq_col_count(s);
    const short *known = column_fields(s, fields, nfields);
    for (int c = 0; c < ncol; c++) {
        const char *name = known ? NULL : pq_col_name(s, c);
        for (size_t i = known ? (known[c] < 0 ? nfields : (size_t)known[c]) : 0; i < nfields;
             i++) {
            if (!known && strcmp(fields[i].col, name) != 0)
                continue;
            char *dst = (char *)obj + fields[i].off;
            if (fields[i].kind == FK_I64) {
                int64_t v = pq_col_is_null(s, c) ? MD_NULL : pq_col_int(s, c);
                memcpy(dst, &v, sizeof v);
            } else {
                const char *t = pq_col_text(s, c);
                const char *copy = t ? arena_strdup(a, t) : NULL;
                if (t && !copy)
                    return -1;
                memcpy(dst, &copy, sizeof copy);
            }
            break;
        }
    }
    return 0;
}

/* ---- loading --------------------------------------------------------------- */

/* The fields save_items writes, in its order. */
static void invoiced_fields(const struct md_order_item *it, int64_t v[9])
{
    v[0] = it->qty_invoiced;
    v[1] = it->tax_invoiced;
    v[2] = it->base_tax_invoiced;
    v[3] = it->hidden_tax_invoiced;
    v[4] = it->base_hidden_tax_invoiced;
    v[5] = it->discount_invoiced;
    v[6] = it->base_discount_invoiced;
    v[7] = it->row_invoiced;
    v[8] = it->base_row_invoiced;
}

static struct md_order_item *find_item(struct md_order *o, int64_t item_id)
{
    for (size_t i = 0; i < o->nitems; i++)
        if (o->items[i].item_id == item_id)
            return &o->items[i];
    return NULL;
}

static int load_items(struct store *st, struct arena *a, struct md_order *o)
{
    static const char count_sql[] =
        "SELECT count(*) FROM sales_flat_order_item WHERE order_id = ?";
    static const char sql[] =
        "SELECT * FROM sales_flat_order_item WHERE order_id = ? ORDER BY item_id";
    int64_t n = 0;
    if (pq_query_int(st, count_sql, &n, "i", o->entity_id) < 0)
        return -1;
    o->items = n ? arena_alloc(a, (size_t)n * sizeof *o->items) : NULL;
    if (n && !o->items)
        return -1;
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, o->entity_id);
    size_t i = 0;
    int rc;
    while ((rc = pq_step(s)) == PQ_ROW && i < (size_t)n) {
        if (map_row(s, a, item_fields, NF(item_fields), &o->items[i]) != 0)
            break;
        if (o->items[i].parent_item_id == MD_NULL)
            o->items[i].parent_item_id = 0;
        invoiced_fields(&o->items[i], o->items[i].loaded_invoiced);
        i++;
    }
    pq_done(s);
    if (rc != PQ_DONE && rc != PQ_ROW)
        return -1;
    o->nitems = i;
    for (i = 0; i < o->nitems; i++) {
        struct md_order_item *it = &o->items[i];
        if (it->parent_item_id) {
            it->parent = find_item(o, it->parent_item_id);
            if (it->parent)
                it->parent->has_children = 1;
        }
    }
    return 0;
}

static int load_payment(struct store *st, struct arena *a, struct md_order *o)
{
    static const char sql[] = "SELECT * FROM sales_flat_order_payment WHERE parent_id = ?";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, o->entity_id);
    int rc = pq_step(s), ret = 0;
    memset(&o->pay, 0, sizeof o->pay);
    if (rc == PQ_ROW)
        ret = map_row(s, a, payment_fields, NF(payment_fields), &o->pay);
    else if (rc != PQ_DONE)
        ret = -1;
    else
        o->pay.method = "checkmo"; /* every import has a payment; be safe */
    pq_done(s);
    return ret;
}

static int load_order(struct store *st, struct arena *a, pq_stmt *s, struct md_order *o)
{
    memset(o, 0, sizeof *o);
    int rc = pq_step(s);
    if (rc == PQ_DONE) {
        pq_done(s);
        return 0;
    }
    if (rc != PQ_ROW || map_row(s, a, order_fields, NF(order_fields), o) != 0) {
        pq_note(st, "loading order");
        pq_done(s);
        return -1;
    }
    pq_done(s);
    if (load_items(st, a, o) != 0 || load_payment(st, a, o) != 0) {
        pq_note(st, "loading order items");
        return -1;
    }
    return 1;
}

/* In a write transaction the order row is locked as it is read (FOR
 * UPDATE): a second writer of the same order, in this daemon or another,
 * waits here until the first commits, then reads its result.  Every
 * decision of a write (what is left to invoice, the payment's state) is
 * made on the locked row. */
int pgs_order_load_by_inc(struct store *st, struct arena *a, const char *inc, struct md_order *o)
{
    static const char sql[] = "SELECT * FROM sales_flat_order WHERE increment_id = ?";
    static const char lock_sql[] =
        "SELECT * FROM sales_flat_order WHERE increment_id = ? FOR UPDATE";
    pq_stmt *s = pq_prep(st, st->in_write ? lock_sql : sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, inc);
    return load_order(st, a, s, o);
}

int pgs_order_load_by_id(struct store *st, struct arena *a, int64_t id, struct md_order *o)
{
    static const char sql[] = "SELECT * FROM sales_flat_order WHERE entity_id = ?";
    static const char lock_sql[] = "SELECT * FROM sales_flat_order WHERE entity_id = ? FOR UPDATE";
    pq_stmt *s = pq_prep(st, st->in_write ? lock_sql : sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, id);
    return load_order(st, a, s, o);
}

/* ---- saving ------------------------------------------------------------------ */

/* Only the items whose invoiced amounts changed are written (Magento saves
 * an order's items that have data changes; the others keep updated_at). */
static int save_items(struct store *st, const struct md_order *o, const char *now)
{
    static const char sql[] =
        "UPDATE sales_flat_order_item SET qty_invoiced = ?, tax_invoiced = ?, "
        "base_tax_invoiced = ?, hidden_tax_invoiced = ?, base_hidden_tax_invoiced = ?, "
        "discount_invoiced = ?, base_discount_invoiced = ?, row_invoiced = ?, "
        "base_row_invoiced = ?, updated_at = ? WHERE item_id = ?";
    for (size_t i = 0; i < o->nitems; i++) {
        const struct md_order_item *it = &o->items[i];
        int64_t v[9];
        invoiced_fields(it, v);
        if (memcmp(v, it->loaded_invoiced, sizeof v) == 0)
            continue;
        pq_stmt *s = pq_prep(st, sql);
        if (!s)
            return -1;
        int k = 1;
        for (size_t j = 0; j < sizeof v / sizeof v[0]; j++)
            pq_bind_int(s, k++, v[j]);
        pq_bind_text(s, k++, now);
        pq_bind_int(s, k, it->item_id);
        if (pq_defer(st, s, "order item") != 0)
            return -1;
    }
    return 0;
}

static int save_payment(struct store *st, const struct md_order *o)
{
    static const char sql[] =
        "UPDATE sales_flat_order_payment SET auth_state = ?, last_trans_id = ?, "
        "amount_paid = ?, base_amount_paid = ?, base_amount_paid_online = ?, "
        "shipping_captured = ?, base_shipping_captured = ? WHERE parent_id = ?";
    const struct md_payment *p = &o->pay;
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, p->auth_state);
    pq_bind_text(s, 2, p->last_trans_id);
    pq_bind_int(s, 3, p->amount_paid);
    pq_bind_int(s, 4, p->base_amount_paid);
    pq_bind_int(s, 5, p->base_amount_paid_online);
    pq_bind_int(s, 6, p->shipping_captured);
    pq_bind_int(s, 7, p->base_shipping_captured);
    pq_bind_int(s, 8, o->entity_id);
    return pq_defer(st, s, "payment");
}

int pgs_order_save(struct store *st, const struct md_order *o, const char *now)
{
    static const char sql[] =
        "UPDATE sales_flat_order SET state = ?, status = ?, updated_at = ?, "
        "total_invoiced = ?, base_total_invoiced = ?, subtotal_invoiced = ?, "
        "base_subtotal_invoiced = ?, tax_invoiced = ?, base_tax_invoiced = ?, "
        "hidden_tax_invoiced = ?, base_hidden_tax_invoiced = ?, shipping_invoiced = ?, "
        "base_shipping_invoiced = ?, shipping_tax_invoiced = ?, base_shipping_tax_invoiced = ?, "
        "discount_invoiced = ?, base_discount_invoiced = ?, base_total_invoiced_cost = ?, "
        "total_paid = ?, base_total_paid = ?, total_refunded = ?, base_total_refunded = ?, "
        "hold_before_state = ?, hold_before_status = ? WHERE entity_id = ?";
    const struct md_order_sums *m = &o->sums;
    int64_t v[] = {m->total_invoiced,      m->base_total_invoiced,    m->subtotal_invoiced,
                   m->base_subtotal_invoiced, m->tax_invoiced,       m->base_tax_invoiced,
                   m->hidden_tax_invoiced, m->base_hidden_tax_invoiced, m->shipping_invoiced,
                   m->base_shipping_invoiced, m->shipping_tax_invoiced,
                   m->base_shipping_tax_invoiced, m->discount_invoiced,
                   m->base_discount_invoiced, m->base_total_invoiced_cost, m->total_paid,
                   m->base_total_paid,     m->total_refunded,         m->base_total_refunded};
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, o->state);
    pq_bind_text(s, 2, o->status);
    pq_bind_text(s, 3, now);
    int k = 4;
    for (size_t j = 0; j < sizeof v / sizeof v[0]; j++)
        pq_bind_int(s, k++, v[j]);
    pq_bind_text(s, k++, o->hold_before_state);
    pq_bind_text(s, k++, o->hold_before_status);
    pq_bind_int(s, k, o->entity_id);
    if (pq_defer(st, s, "saving order") != 0)
        return -1;
    if (save_items(st, o, now) != 0 || save_payment(st, o) != 0) {
        pq_note(st, "saving order items/payment");
        return -1;
    }
    return 0;
}

int pgs_order_add_history(struct store *st, const struct md_order *o, const char *comment,
                         const char *entity_name, const char *now)
{
    static const char sql[] =
        "INSERT INTO sales_flat_order_status_history (parent_id, is_customer_notified, "
        "is_visible_on_front, comment, status, created_at, entity_name) "
        "VALUES (?, NULL, 0, ?, ?, ?, ?)";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, o->entity_id);
    pq_bind_text(s, 2, comment);
    pq_bind_text(s, 3, o->status);
    pq_bind_text(s, 4, now);
    pq_bind_text(s, 5, entity_name);
    if (pq_defer(st, s, "order history") != 0)
        return -1;
    return 0;
}

int pgs_order_history_add(struct store *st, int64_t order_id, const char *status,
                         const char *comment, int64_t notified, const char *now)
{
    static const char sql[] =
        "INSERT INTO sales_flat_order_status_history (parent_id, is_customer_notified, "
        "is_visible_on_front, comment, status, created_at, entity_name) "
        "VALUES (?, ?, 0, ?, ?, ?, 'order')";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, order_id);
    if (notified == MD_NULL)
        pq_bind_null(s, 2);
    else
        pq_bind_int(s, 2, notified);
    pq_bind_text(s, 3, comment);
    pq_bind_text(s, 4, status);
    pq_bind_text(s, 5, now);
    int rc = pq_step(s);
    pq_done(s);
    if (rc != PQ_DONE) {
        pq_note(st, "order history");
        return -1;
    }
    return 0;
}

int pgs_order_cancel_save(struct store *st, const struct md_order *o,
                         const struct store_order_canceled *c, const char *now)
{
    static const char sql[] =
        "UPDATE sales_flat_order SET subtotal_canceled = ?, base_subtotal_canceled = ?, "
        "tax_canceled = ?, base_tax_canceled = ?, shipping_canceled = ?, "
        "base_shipping_canceled = ?, discount_canceled = ?, base_discount_canceled = ?, "
        "total_canceled = ?, base_total_canceled = ?, updated_at = ? WHERE entity_id = ?";
    static const char item_sql[] =
        "UPDATE sales_flat_order_item SET qty_canceled = ?, updated_at = ? "
        "WHERE item_id = ? AND qty_canceled != ?";
    const int64_t v[] = {c->subtotal, c->base_subtotal, c->tax,      c->base_tax,
                         c->shipping, c->base_shipping, c->discount, c->base_discount,
                         c->total,    c->base_total};
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    int k = 1;
    for (size_t j = 0; j < sizeof v / sizeof v[0]; j++)
        pq_bind_int(s, k++, v[j]);
    pq_bind_text(s, k++, now);
    pq_bind_int(s, k, o->entity_id);
    int rc = pq_step(s);
    pq_done(s);
    for (size_t i = 0; rc == PQ_DONE && i < o->nitems; i++) {
        if (!(s = pq_prep(st, item_sql)))
            return -1;
        pq_bind_int(s, 1, o->items[i].qty_canceled);
        pq_bind_text(s, 2, now);
        pq_bind_int(s, 3, o->items[i].item_id);
        pq_bind_int(s, 4, o->items[i].qty_canceled);
        rc = pq_step(s);
        pq_done(s);
    }
    if (rc != PQ_DONE) {
        pq_note(st, "order cancel");
        return -1;
    }
    return 0;
}

/* ---- payment transactions ---------------------------------------------------- */

int pgs_payment_add_txn(struct store *st, const struct md_order *o, const char *txn,
                       const char *parent, const char *type, const char *now)
{
    static const char sql[] =
        "INSERT INTO sales_payment_transaction (order_id, payment_id, txn_id, parent_txn_id, "
        "txn_type, is_closed, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, o->entity_id);
    pq_bind_int(s, 2, o->pay.entity_id);
    pq_bind_text(s, 3, txn);
    pq_bind_text(s, 4, parent);
    pq_bind_text(s, 5, type);
    pq_bind_text(s, 6, now);
    return pq_defer(st, s, "payment");
}

int pgs_payment_close_auth(struct store *st, const struct md_order *o)
{
    static const char sql[] =
        "UPDATE sales_payment_transaction SET is_closed = 1 "
        "WHERE order_id = ? AND txn_type = 'authorization'";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, o->entity_id);
    return pq_defer(st, s, "payment");
}

/* The authorization transaction id the gateway gave when the order was placed. */
int pgs_payment_auth_txn(struct store *st, const struct md_order *o, char *out, size_t len)
{
    static const char sql[] =
        "SELECT txn_id FROM sales_payment_transaction WHERE order_id = ? "
        "AND txn_type = 'authorization' ORDER BY transaction_id LIMIT 1";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, o->entity_id);
    int rc = pq_step(s), found = rc == PQ_ROW && pq_col_text(s, 0);
    if (found)
        snprintf(out, len, "%s", pq_col_text(s, 0));
    pq_done(s);
    return rc == PQ_ROW || rc == PQ_DONE ? found : -1;
}
