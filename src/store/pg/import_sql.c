/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * store_import for SQLite: pass 2 of the order import (docs/order-import.md)
 * inside the caller's write transaction -- existing orders replaced or
 * refused, ids checked and assigned, every row inserted.
 */
#include <stdio.h>
#include <string.h>

#include "magesoapd/import.h"
#include "store/pg/pg_int.h"

/* ---- pass 2: database -------------------------------------------------------------------- */

static int exists(struct store *st, const char *sql, int64_t id)
{
    int64_t one;
    return pq_query_int(st, sql, &one, "i", id);
}

/* An existing order with this increment id: refuse, or delete it for --replace. */
static int handle_existing(struct store *st, struct imp_order *o, int replace, char *err,
                           size_t errlen)
{
    static const char find[] = "SELECT entity_id FROM sales_flat_order WHERE increment_id = ?";
    static const char invoices[] = "SELECT count(*) FROM sales_flat_invoice WHERE order_id = ?";
    static const char del[] = "DELETE FROM sales_flat_order WHERE entity_id = ?";
    char where[96];
    int64_t id = 0, n = 0;
    imp_where(o, where, sizeof where);
    int rc = pq_query_int(st, find, &id, "s", o->inc);
    if (rc <= 0)
        return rc;
    if (!replace) {
        snprintf(err, errlen, "%s: increment_id: an order with this increment_id already exists "
                              "(use --replace to overwrite it)", where);
        return -1;
    }
    if (pq_query_int(st, invoices, &n, "i", id) < 0)
        return -1;
    if (n > 0) {
        snprintf(err, errlen, "%s: the stored order has %lld invoice(s); --replace refused",
                 where, (long long)n);
        return -1;
    }
    if (!o->order_id)
        o->order_id = id; /* a replaced order keeps its entity id */
    pq_stmt *s = pq_prep(st, del);
    if (!s)
        return -1;
    pq_bind_int(s, 1, id);
    rc = pq_step(s);
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

static int check_ids(struct store *st, const struct imp_order *o, char *err, size_t errlen)
{
    static const char order_sql[] = "SELECT 1 FROM sales_flat_order WHERE entity_id = ?";
    static const char item_sql[] = "SELECT 1 FROM sales_flat_order_item WHERE item_id = ?";
    char where[96];
    imp_where(o, where, sizeof where);
    if (o->order_id && exists(st, order_sql, o->order_id) != 0) {
        snprintf(err, errlen, "%s: order_id: %lld is already used by another order", where,
                 (long long)o->order_id);
        return -1;
    }
    for (size_t i = 0; i < o->nitems; i++) {
        if (o->items[i].item_id && exists(st, item_sql, o->items[i].item_id) != 0) {
            snprintf(err, errlen, "%s: items[%zu].item_id: %lld is already used by another order",
                     where, i, (long long)o->items[i].item_id);
            return -1;
        }
    }
    return 0;
}

static int64_t max_id(struct store *st, const char *sql)
{
    int64_t v = 0;
    pq_query_int(st, sql, &v, NULL);
    return v;
}

/* Addresses take ids 2n-1 / 2n for order n when free, as a Magento store that
 * gives every order a billing and a shipping address numbers them; else the
 * next free id. */
static int64_t address_id(struct store *st, int64_t order_id, int which)
{
    static const char sql[] = "SELECT 1 FROM sales_flat_order_address WHERE entity_id = ?";
    int64_t want = 2 * order_id - 1 + which;
    if (order_id > 0 && order_id < INT64_MAX / 4 && exists(st, sql, want) == 0)
        return want;
    return 0; /* let SQLite choose */
}

static int insert_address(struct store *st, int64_t order_id, const struct imp_addr *a,
                          const char *type, int64_t want, int64_t *id_out)
{
    static const char sql[] =
        "INSERT INTO sales_flat_order_address (entity_id, parent_id, address_type, firstname, "
        "middlename, lastname, street, city, region, postcode, country_id, telephone, email) "
        "VALUES (coalesce($1::bigint, (SELECT coalesce(max(entity_id), 0) + 1 "
        "FROM sales_flat_order_address)), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
        "RETURNING entity_id";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    if (want)
        pq_bind_int(s, 1, want);
    pq_bind_int(s, 2, order_id);
    pq_bind_text(s, 3, type);
    const char *v[] = {a->firstname, a->middlename, a->lastname, a->street, a->city,
                       a->region,    a->postcode,   a->country_id, a->telephone, a->email};
    for (int i = 0; i < 10; i++)
        pq_bind_text(s, 4 + i, v[i]);
    int rc = pq_step(s);
    *id_out = rc == PQ_ROW ? pq_col_int(s, 0) : 0;
    pq_done(s);
    return rc == PQ_ROW ? 0 : -1;
}

static int set_addresses(struct store *st, const struct imp_order *o, int64_t bill,
                         int64_t ship)
{
    static const char sql[] =
        "UPDATE sales_flat_order SET billing_address_id = ?, shipping_address_id = ? "
        "WHERE entity_id = ?";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, bill);
    if (ship)
        pq_bind_int(s, 2, ship);
    pq_bind_int(s, 3, o->order_id);
    int rc = pq_step(s);
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

static int insert_payment(struct store *st, const struct imp_order *o, const char *now)
{
    static const char sql[] =
        "INSERT INTO sales_flat_order_payment (parent_id, method, is_gateway, can_capture, "
        "can_capture_partial, can_void, decline, auth_state, last_trans_id, amount_ordered, "
        "base_amount_ordered, amount_authorized, base_amount_authorized) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING entity_id";
    static const char txn_sql[] =
        "INSERT INTO sales_payment_transaction (order_id, payment_id, txn_id, txn_type, "
        "is_closed, created_at) VALUES (?, ?, ?, 'authorization', 0, ?)";
    const struct imp_totals *t = &o->t;
    int authorized = o->pay.is_gateway; /* a gateway order was authorized when placed */
    char txn[96];
    snprintf(txn, sizeof txn, "AUTH-%s", o->inc);
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, o->order_id);
    pq_bind_text(s, 2, o->pay.method);
    pq_bind_int(s, 3, o->pay.is_gateway);
    pq_bind_int(s, 4, o->pay.can_capture);
    pq_bind_int(s, 5, o->pay.can_capture_partial);
    pq_bind_int(s, 6, o->pay.can_void);
    pq_bind_text(s, 7, o->pay.decline);
    pq_bind_int(s, 8, authorized ? MD_AUTH_OPEN : MD_AUTH_NONE);
    pq_bind_text(s, 9, authorized ? txn : NULL);
    pq_bind_int(s, 10, t->grand_total);
    pq_bind_int(s, 11, t->base_grand_total);
    pq_bind_int(s, 12, authorized ? t->grand_total : 0);
    pq_bind_int(s, 13, authorized ? t->base_grand_total : 0);
    int rc = pq_step(s);
    int64_t pid = rc == PQ_ROW ? pq_col_int(s, 0) : 0;
    pq_done(s);
    if (rc != PQ_ROW || !authorized)
        return rc == PQ_ROW ? 0 : -1;
    if (!(s = pq_prep(st, txn_sql)))
        return -1;
    pq_bind_int(s, 1, o->order_id);
    pq_bind_int(s, 2, pid);
    pq_bind_text(s, 3, txn);
    pq_bind_text(s, 4, now);
    rc = pq_step(s);
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

static int store_order(struct store *st, struct imp_order *o, const char *now)
{
    if (pgs_imp_insert_order(st, o) != 0)
        return -1;
    for (size_t i = 0; i < o->nitems; i++)
        if (pgs_imp_insert_item(st, o, &o->items[i]) != 0)
            return -1;
    int64_t bill = 0, ship = 0;
    if (insert_address(st, o->order_id, &o->billing, "billing", address_id(st, o->order_id, 0),
                       &bill) != 0)
        return -1;
    if (o->shipping.present &&
        insert_address(st, o->order_id, &o->shipping, "shipping",
                       address_id(st, o->order_id, 1), &ship) != 0)
        return -1;
    if (set_addresses(st, o, bill, ship) != 0 || insert_payment(st, o, now) != 0 ||
        pgs_imp_insert_extras(st, o, bill, ship) != 0)
        return -1;
    return 0;
}

/* Ids not given are assigned past every id stored or named in the file. */
static void assign_ids(struct store *st, struct imp_doc *d)
{
    int64_t next_order = max_id(st, "SELECT coalesce(max(entity_id), 0) FROM sales_flat_order");
    int64_t next_item = max_id(st, "SELECT coalesce(max(item_id), 0) FROM sales_flat_order_item");
    for (size_t i = 0; i < d->norders; i++) {
        const struct imp_order *o = &d->orders[i];
        if (o->order_id > next_order)
            next_order = o->order_id;
        for (size_t j = 0; j < o->nitems; j++)
            if (o->items[j].item_id > next_item)
                next_item = o->items[j].item_id;
    }
    for (size_t i = 0; i < d->norders; i++) {
        struct imp_order *o = &d->orders[i];
        if (!o->order_id)
            o->order_id = ++next_order;
        for (size_t j = 0; j < o->nitems; j++)
            if (!o->items[j].item_id)
                o->items[j].item_id = ++next_item;
    }
}

int pgs_import(struct store *st, struct imp_doc *d, int replace, const char *now, char *err,
              size_t errlen)
{
    /* imports (any daemon or CLI) take turns: ids are assigned past the
     * stored maximum */
    if (pq_exec(st, "SELECT pg_advisory_xact_lock(7274004)") != 0) {
        snprintf(err, errlen, "import: %s", st->errmsg);
        return -1;
    }
    for (size_t i = 0; i < d->norders; i++) {
        err[0] = '\0';
        if (handle_existing(st, &d->orders[i], replace, err, errlen) != 0 ||
            check_ids(st, &d->orders[i], err, errlen) != 0)
            return -1;
    }
    assign_ids(st, d);
    for (size_t i = 0; i < d->norders; i++) {
        if (store_order(st, &d->orders[i], now) != 0) {
            char where[96];
            imp_where(&d->orders[i], where, sizeof where);
            snprintf(err, errlen, "%s: storing failed: %s", where, st->errmsg);
            return -1;
        }
    }
    return 0;
}
