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

/* The optional fields of migration 004: customer and shipping fields on the
 * order, the extra address and payment fields, and the status history. */
static int run(pq_stmt *s)
{
    int rc = pq_step(s);
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

static int extra_address(struct store *st, int64_t id, const struct imp_addr *a)
{
    static const char sql[] = "UPDATE sales_flat_order_address SET prefix = ?, suffix = ?, "
                              "company = ?, fax = ?, region_id = ? WHERE entity_id = ?";
    if (!id || !a->present)
        return 0;
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    const char *v[] = {a->prefix, a->suffix, a->company, a->fax};
    for (int i = 0; i < 4; i++)
        pq_bind_text(s, i + 1, v[i]);
    bind_opt(s, 5, a->region_id);
    pq_bind_int(s, 6, id);
    return run(s);
}

int pgs_imp_insert_extras(struct store *st, const struct imp_order *o, int64_t bill, int64_t ship)
{
    static const char order_sql[] =
        "UPDATE sales_flat_order SET customer_id = ?, customer_group_id = ?, "
        "customer_is_guest = ?, customer_gender = ?, customer_middlename = ?, "
        "customer_prefix = ?, customer_suffix = ?, customer_dob = ?, customer_taxvat = ?, "
        "customer_note = ?, remote_ip = ?, store_name = ?, shipping_method = ?, "
        "shipping_description = ? WHERE entity_id = ?";
    static const char pay_sql[] =
        "UPDATE sales_flat_order_payment SET po_number = ?, cc_type = ?, cc_owner = ?, "
        "cc_last4 = ?, cc_exp_month = ?, cc_exp_year = ?, shipping_amount = ?, "
        "base_shipping_amount = ? WHERE parent_id = ?";
    static const char hist_sql[] =
        "INSERT INTO sales_flat_order_status_history (parent_id, is_customer_notified, "
        "is_visible_on_front, comment, status, created_at, entity_name) "
        "VALUES (?, ?, 0, ?, ?, ?, 'order')";
    pq_stmt *s = pq_prep(st, order_sql);
    if (!s)
        return -1;
    int k = 1;
    bind_opt(s, k++, o->customer_id);
    pq_bind_int(s, k++, o->customer_group_id);
    pq_bind_int(s, k++, o->customer_is_guest);
    bind_opt(s, k++, o->customer_gender);
    const char *txt[] = {o->customer_middlename, o->customer_prefix, o->customer_suffix,
                         o->customer_dob,        o->customer_taxvat, o->customer_note,
                         o->remote_ip,           o->store_name,      o->shipping_method,
                         o->shipping_description};
    for (size_t i = 0; i < sizeof txt / sizeof txt[0]; i++)
        pq_bind_text(s, k++, txt[i]);
    pq_bind_int(s, k, o->order_id);
    if (run(s) != 0 || extra_address(st, bill, &o->billing) != 0 ||
        extra_address(st, ship, &o->shipping) != 0)
        return -1;
    if (!(s = pq_prep(st, pay_sql)))
        return -1;
    const char *p[] = {o->pay.po_number, o->pay.cc_type,      o->pay.cc_owner,
                       o->pay.cc_last4,  o->pay.cc_exp_month, o->pay.cc_exp_year};
    for (int i = 0; i < 6; i++)
        pq_bind_text(s, i + 1, p[i]);
    pq_bind_int(s, 7, o->shipping_amount);
    pq_bind_int(s, 8, o->t.base_shipping_amount);
    pq_bind_int(s, 9, o->order_id);
    if (run(s) != 0)
        return -1;
    for (size_t i = 0; i < o->nhistory; i++) {
        const struct imp_history *h = &o->history[i];
        if (!(s = pq_prep(st, hist_sql)))
            return -1;
        pq_bind_int(s, 1, o->order_id);
        bind_opt(s, 2, h->is_customer_notified);
        pq_bind_text(s, 3, h->comment);
        pq_bind_text(s, 4, h->status);
        pq_bind_text(s, 5, h->created_at);
        if (run(s) != 0)
            return -1;
    }
    return 0;
}
