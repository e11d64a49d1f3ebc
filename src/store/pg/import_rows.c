/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Order import: the INSERTs of an order row and its item rows (ids already
 * assigned, totals already computed by import_parse.c). */
#include "magesoapd/import.h"
#include "store/pg/pg_int.h"

static void bind_opt(pq_stmt *s, int idx, int64_t v)
{
    if (v == MD_NULL)
        pq_bind_null(s, idx);
    else
        pq_bind_int(s, idx, v);
}

int pgs_imp_insert_order(struct store *st, const struct imp_order *o)
{
    static const char sql[] =
        "INSERT INTO sales_flat_order (entity_id, increment_id, store_id, state, status, "
        "created_at, updated_at, is_virtual, customer_email, customer_firstname, "
        "customer_lastname, global_currency_code, base_currency_code, store_currency_code, "
        "order_currency_code, base_to_global_rate, base_to_order_rate, store_to_base_rate, "
        "store_to_order_rate, discount_description, total_qty_ordered, subtotal, base_subtotal, "
        "subtotal_incl_tax, base_subtotal_incl_tax, shipping_amount, base_shipping_amount, "
        "shipping_tax_amount, base_shipping_tax_amount, shipping_incl_tax, "
        "base_shipping_incl_tax, shipping_discount_amount, base_shipping_discount_amount, "
        "discount_amount, base_discount_amount, tax_amount, base_tax_amount, grand_total, "
        "base_grand_total) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
        "?,?,?,?,?,?,?,?,?)";
    const struct imp_totals *t = &o->t;
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    int k = 1;
    pq_bind_int(s, k++, o->order_id);
    const char *txt[] = {o->inc,
                         NULL, /* store_id */
                         o->state,
                         o->status,
                         o->created_at,
                         o->created_at};
    pq_bind_text(s, k++, txt[0]);
    pq_bind_int(s, k++, o->store_id);
    for (int i = 2; i < 6; i++)
        pq_bind_text(s, k++, txt[i]);
    pq_bind_int(s, k++, !o->shipping.present);
    const char *more[] = {o->customer_email,       o->customer_firstname, o->customer_lastname,
                          o->global_currency_code, o->base_currency_code, o->store_currency_code,
                          o->order_currency_code};
    for (int i = 0; i < 7; i++)
        pq_bind_text(s, k++, more[i]);
    int64_t rates[] = {o->base_to_global_rate, o->base_to_order_rate, o->store_to_base_rate,
                       o->store_to_order_rate};
    for (int i = 0; i < 4; i++)
        pq_bind_int(s, k++, rates[i]);
    pq_bind_text(s, k++, o->discount_description);
    int64_t v[] = {t->total_qty_ordered,     t->subtotal,
                   t->base_subtotal,         t->subtotal_incl_tax,
                   t->base_subtotal_incl_tax, o->shipping_amount,
                   t->base_shipping_amount,  o->shipping_tax_amount,
                   t->base_shipping_tax_amount, t->shipping_incl_tax,
                   t->base_shipping_incl_tax, t->shipping_discount_amount,
                   t->base_shipping_discount_amount, t->discount_amount,
                   t->base_discount_amount,  t->tax_amount,
                   t->base_tax_amount,       t->grand_total,
                   t->base_grand_total};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        pq_bind_int(s, k++, v[i]);
    int rc = pq_step(s);
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

int pgs_imp_insert_item(struct store *st, const struct imp_order *o, const struct imp_item *it)
{
    static const char sql[] =
        "INSERT INTO sales_flat_order_item (item_id, order_id, parent_item_id, store_id, "
        "created_at, updated_at, product_id, product_type, sku, name, description, weight, "
        "is_virtual, is_qty_decimal, qty_ordered, price, base_price, price_incl_tax, "
        "base_price_incl_tax, tax_percent, tax_amount, base_tax_amount, discount_amount, "
        "base_discount_amount, row_total, base_row_total, row_total_incl_tax, "
        "base_row_total_incl_tax) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
        "?,?)";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    int k = 1;
    pq_bind_int(s, k++, it->item_id);
    pq_bind_int(s, k++, o->order_id);
    bind_opt(s, k++, it->parent_item_id ? it->parent_item_id : MD_NULL);
    pq_bind_int(s, k++, o->store_id);
    pq_bind_text(s, k++, o->created_at);
    pq_bind_text(s, k++, o->created_at);
    bind_opt(s, k++, it->product_id);
    const char *txt[] = {it->product_type, it->sku, it->name, it->description};
    for (int i = 0; i < 4; i++)
        pq_bind_text(s, k++, txt[i]);
    bind_opt(s, k++, it->weight);
    int64_t v[] = {it->is_virtual,          it->is_qty_decimal,   it->qty_ordered,
                   it->price,               it->base_price,       it->price_incl_tax,
                   it->base_price_incl_tax, it->tax_percent,      it->tax_amount,
                   it->base_tax_amount,     it->discount_amount,  it->base_discount_amount,
                   it->row_total,           it->base_row_total,   it->row_total_incl_tax,
                   it->base_row_total_incl_tax};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        pq_bind_int(s, k++, v[i]);
    int rc = pq_step(s);
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}
