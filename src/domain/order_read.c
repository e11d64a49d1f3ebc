/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * md_order_get (domain.h): one order with its items as the store keeps
 * them, read in one snapshot, for the Magento 2 order read.  The keys are
 * the sales_flat_order / sales_flat_order_item column names.
 */
#include <string.h>

#include "domain/domain_int.h"

struct kv {
    const char *key;
    int kind; /* 'i' integer, 'd' decimal (scaled), 's' string */
    const void *p;
};

#define I(k, f) {k, 'i', &(f)}
#define D(k, f) {k, 'd', &(f)}
#define S(k, f) {k, 's', &(f)}

static int push_all(struct arena *a, struct val *m, const struct kv *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct val *v = NULL;
        if (t[i].kind == 's') {
            const char *s = *(const char *const *)t[i].p;
            v = s ? val_str(a, s) : val_null(a);
        } else {
            int64_t x = *(const int64_t *)t[i].p;
            v = x == MD_NULL ? val_null(a) : t[i].kind == 'i' ? val_int(a, x) : val_dec(a, x);
        }
        if (!v || val_map_push(a, m, t[i].key, v))
            return -1;
    }
    return 0;
}

static struct val *item_map(struct arena *a, const struct md_order *o,
                            const struct md_order_item *it)
{
    const struct kv t[] = {
        I("item_id", it->item_id), I("order_id", o->entity_id),
        I("parent_item_id", it->parent_item_id), I("store_id", o->store_id),
        I("product_id", it->product_id), S("product_type", it->product_type),
        S("sku", it->sku), S("name", it->name), S("description", it->description),
        I("is_virtual", it->is_virtual), I("is_qty_decimal", it->is_qty_decimal),
        D("qty_ordered", it->qty_ordered), D("qty_invoiced", it->qty_invoiced),
        D("qty_canceled", it->qty_canceled), D("qty_shipped", it->qty_shipped),
        D("qty_refunded", it->qty_refunded), D("price", it->price),
        D("base_price", it->base_price), D("price_incl_tax", it->price_incl_tax),
        D("base_price_incl_tax", it->base_price_incl_tax), D("base_cost", it->base_cost),
        D("tax_amount", it->tax_amount), D("base_tax_amount", it->base_tax_amount),
        D("tax_invoiced", it->tax_invoiced), D("base_tax_invoiced", it->base_tax_invoiced),
        D("hidden_tax_amount", it->hidden_tax_amount),
        D("base_hidden_tax_amount", it->base_hidden_tax_amount),
        D("hidden_tax_invoiced", it->hidden_tax_invoiced),
        D("base_hidden_tax_invoiced", it->base_hidden_tax_invoiced),
        D("discount_amount", it->discount_amount),
        D("base_discount_amount", it->base_discount_amount),
        D("discount_invoiced", it->discount_invoiced),
        D("base_discount_invoiced", it->base_discount_invoiced), D("row_total", it->row_total),
        D("base_row_total", it->base_row_total), D("row_total_incl_tax", it->row_total_incl_tax),
        D("base_row_total_incl_tax", it->base_row_total_incl_tax),
        D("row_invoiced", it->row_invoiced), D("base_row_invoiced", it->base_row_invoiced),
    };
    struct val *m = val_map(a);
    if (!m || push_all(a, m, t, sizeof t / sizeof t[0]))
        return NULL;
    return m;
}

static struct val *order_map(struct arena *a, const struct md_order *o)
{
    const struct md_order_sums *s = &o->sums;
    const struct kv t[] = {
        I("entity_id", o->entity_id), S("increment_id", o->increment_id),
        I("store_id", o->store_id), S("state", o->state), S("status", o->status),
        S("created_at", o->created_at), I("is_virtual", o->is_virtual),
        S("customer_email", o->customer_email), S("customer_firstname", o->customer_firstname),
        S("customer_lastname", o->customer_lastname),
        S("global_currency_code", o->global_currency_code),
        S("base_currency_code", o->base_currency_code),
        S("store_currency_code", o->store_currency_code),
        S("order_currency_code", o->order_currency_code),
        D("base_to_global_rate", o->base_to_global_rate),
        D("base_to_order_rate", o->base_to_order_rate),
        D("store_to_base_rate", o->store_to_base_rate),
        D("store_to_order_rate", o->store_to_order_rate),
        I("billing_address_id", o->billing_address_id),
        I("shipping_address_id", o->shipping_address_id),
        S("discount_description", o->discount_description), D("subtotal", o->subtotal),
        D("base_subtotal", o->base_subtotal), D("shipping_amount", o->shipping_amount),
        D("base_shipping_amount", o->base_shipping_amount),
        D("shipping_tax_amount", o->shipping_tax_amount),
        D("base_shipping_tax_amount", o->base_shipping_tax_amount),
        D("shipping_incl_tax", o->shipping_incl_tax),
        D("base_shipping_incl_tax", o->base_shipping_incl_tax),
        D("shipping_discount_amount", o->shipping_discount_amount),
        D("base_shipping_discount_amount", o->base_shipping_discount_amount),
        D("discount_amount", o->discount_amount), D("base_discount_amount", o->base_discount_amount),
        D("tax_amount", o->tax_amount), D("base_tax_amount", o->base_tax_amount),
        D("hidden_tax_amount", o->hidden_tax_amount),
        D("base_hidden_tax_amount", o->base_hidden_tax_amount), D("grand_total", o->grand_total),
        D("base_grand_total", o->base_grand_total), D("total_invoiced", s->total_invoiced),
        D("base_total_invoiced", s->base_total_invoiced),
        D("subtotal_invoiced", s->subtotal_invoiced),
        D("base_subtotal_invoiced", s->base_subtotal_invoiced),
        D("tax_invoiced", s->tax_invoiced), D("base_tax_invoiced", s->base_tax_invoiced),
        D("hidden_tax_invoiced", s->hidden_tax_invoiced),
        D("base_hidden_tax_invoiced", s->base_hidden_tax_invoiced),
        D("shipping_invoiced", s->shipping_invoiced),
        D("base_shipping_invoiced", s->base_shipping_invoiced),
        D("discount_invoiced", s->discount_invoiced),
        D("base_discount_invoiced", s->base_discount_invoiced),
        D("total_paid", s->total_paid), D("base_total_paid", s->base_total_paid),
        D("total_refunded", s->total_refunded), D("base_total_refunded", s->base_total_refunded),
    };
    struct val *m = val_map(a), *items = val_list(a), *pay = val_map(a);
    if (!m || !items || !pay || push_all(a, m, t, sizeof t / sizeof t[0]))
        return NULL;
    for (size_t i = 0; i < o->nitems; i++) {
        struct val *it = item_map(a, o, &o->items[i]);
        if (!it || val_list_push(a, items, it))
            return NULL;
    }
    const struct kv pt[] = {
        I("entity_id", o->pay.entity_id), I("parent_id", o->entity_id),
        S("method", o->pay.method), S("last_trans_id", o->pay.last_trans_id),
        D("amount_paid", o->pay.amount_paid), D("base_amount_paid", o->pay.base_amount_paid),
        D("base_amount_paid_online", o->pay.base_amount_paid_online),
        D("shipping_captured", o->pay.shipping_captured),
        D("base_shipping_captured", o->pay.base_shipping_captured),
    };
    if (push_all(a, pay, pt, sizeof pt / sizeof pt[0]) || val_map_push(a, m, "items", items) ||
        val_map_push(a, m, "payment", pay))
        return NULL;
    return m;
}

int md_order_get(struct md_ctx *ctx, int64_t entity_id, struct val **out, struct md_fault *f)
{
    struct md_order o;
    int rc;

    *out = NULL;
    if (entity_id <= 0)
        return md_fault_set(f, MDF_ORDER_NOT_EXISTS);
    if (store_begin_read(ctx->st) != 0)
        return md_internal(f, "order read", ctx->st);
    memset(&o, 0, sizeof o);
    rc = store_order_load_by_id(ctx->st, ctx->arena, entity_id, &o);
    store_commit(ctx->st);
    if (rc < 0)
        return md_internal(f, "order read", ctx->st);
    if (rc == 0)
        return md_fault_set(f, MDF_ORDER_NOT_EXISTS);
    *out = order_map(ctx->arena, &o);
    return *out ? 0 : md_internal(f, "order read: out of memory", NULL);
}
