/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Invoice totals, as Magento's invoice total collectors compute them
 * (Mage/Sales/Model/Order/Invoice/Total/{Subtotal,Discount,Shipping,Tax,
 * Cost}.php, run in that order):
 *   - an item's row total, tax and discount are the order item's *remaining*
 *     amounts scaled by qty / remaining qty, rounded to 2 places with a
 *     rounding delta carried from item to item; the item's last invoice takes
 *     the whole remainder;
 *   - shipping (and shipping tax) goes on the first invoice that is not
 *     canceled, nothing on later ones;
 *   - the discount is stored negative; grand = subtotal + shipping + tax - discount.
 * Pure arithmetic on scaled integers: no I/O, no floating point.  Every
 * product and sum is checked against decimal(12,4) (dec.h): a result outside
 * it marks the collection bad, and md_invoice_collect refuses it.
 */
#include "domain/domain_int.h"
#include "magesoapd/dec.h"

struct rounders {
    int64_t regular, base, incl, incl_base;
    int bad; /* a product or sum left decimal(12,4) */
};

/* v * num / den, checked; 0 and r->bad set when out of range. */
static int64_t part(struct rounders *r, int64_t v, int64_t num, int64_t den)
{
    int64_t out;
    if (dec_muldiv(v, num, den, &out) != 0) {
        r->bad = 1;
        return 0;
    }
    return out;
}

/* *acc += v (or -= v), checked; r->bad set when out of range. */
static void add(struct rounders *r, int64_t *acc, int64_t v)
{
    if (dec_add(*acc, v, acc) != 0)
        r->bad = 1;
}

static void sub(struct rounders *r, int64_t *acc, int64_t v)
{
    if (dec_sub(*acc, v, acc) != 0)
        r->bad = 1;
}

/* a - b, checked. */
static int64_t diff(struct rounders *r, int64_t a, int64_t b)
{
    sub(r, &a, b);
    return a;
}

/* Mage_Core_Model_Calculator::deltaRound: round to 2 places, carrying what
 * was rounded away into the next value of the same kind. */
static int64_t delta_round(struct rounders *r, int64_t *delta, int64_t price, int negative)
{
    if (price == 0)
        return 0;
    if (negative)
        *delta = -*delta;
    add(r, &price, *delta);
    int64_t rounded;
    if (dec_round2_checked(price, &rounded) != 0) {
        r->bad = 1;
        rounded = 0;
    }
    *delta = price - rounded;
    if (negative)
        *delta = -*delta;
    return rounded;
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

static int64_t or0(int64_t v)
{
    return v == MD_NULL ? 0 : v;
}

int md_inv_item_is_last(const struct md_inv_item *ii)
{
    return ii->qty == md_item_qty_to_invoice(ii->oi);
}

int md_invoice_is_last(const struct md_invoice *inv)
{
    for (size_t i = 0; i < inv->nitems; i++)
        if (!md_item_is_dummy(inv->items[i].oi) && !md_inv_item_is_last(&inv->items[i]))
            return 0;
    return 1;
}

/* Invoice_Item::calcRowTotal */
static void calc_row_total(struct md_inv_item *ii, struct rounders *r)
{
    const struct md_order_item *oi = ii->oi;
    int64_t row = diff(r, oi->row_total, oi->row_invoiced);
    int64_t base_row = diff(r, oi->base_row_total, oi->base_row_invoiced);
    if (!md_inv_item_is_last(ii)) {
        int64_t avail = diff(r, oi->qty_ordered, oi->qty_invoiced);
        row = delta_round(r, &r->regular, part(r, row, ii->qty, avail), 0);
        base_row = delta_round(r, &r->base, part(r, base_row, ii->qty, avail), 0);
    }
    ii->row_total = row;
    ii->base_row_total = base_row;
    ii->row_total_incl_tax = MD_NULL;
    ii->base_row_total_incl_tax = MD_NULL;
    if (oi->row_total_incl_tax && oi->base_row_total_incl_tax) {
        ii->row_total_incl_tax = delta_round(
            r, &r->incl, part(r, oi->row_total_incl_tax, ii->qty, oi->qty_ordered), 0);
        ii->base_row_total_incl_tax = delta_round(
            r, &r->incl_base, part(r, oi->base_row_total_incl_tax, ii->qty, oi->qty_ordered), 0);
    }
}

static void collect_subtotal(const struct md_order *o, struct md_invoice *inv,
                             const struct md_prev_invoices *prev, struct rounders *r, int last)
{
    int64_t sum = 0, base_sum = 0, incl = 0, base_incl = 0;
    for (size_t i = 0; i < inv->nitems; i++) {
        struct md_inv_item *ii = &inv->items[i];
        if (md_item_is_dummy(ii->oi))
            continue;
        calc_row_total(ii, r);
        add(r, &sum, ii->row_total);
        add(r, &base_sum, ii->base_row_total);
        add(r, &incl, or0(ii->row_total_incl_tax));
        add(r, &base_incl, or0(ii->base_row_total_incl_tax));
    }
    const struct md_order_sums *m = &o->sums;
    int64_t allowed = diff(r, o->subtotal, m->subtotal_invoiced);
    int64_t base_allowed = diff(r, o->base_subtotal, m->base_subtotal_invoiced);
    int64_t allowed_incl = allowed, base_allowed_incl = base_allowed;
    add(r, &allowed_incl, diff(r, o->hidden_tax_amount, m->hidden_tax_invoiced));
    add(r, &allowed_incl, diff(r, o->tax_amount, m->tax_invoiced));
    add(r, &base_allowed_incl, diff(r, o->base_hidden_tax_amount, m->base_hidden_tax_invoiced));
    add(r, &base_allowed_incl, diff(r, o->base_tax_amount, m->base_tax_invoiced));
    if (!prev->shipping_taken) {
        sub(r, &allowed_incl, o->shipping_tax_amount);
        sub(r, &base_allowed_incl, o->base_shipping_tax_amount);
    }
    if (last) {
        sum = allowed;
        base_sum = base_allowed;
        incl = allowed_incl;
        base_incl = base_allowed_incl;
    } else {
        sum = min64(allowed, sum);
        base_sum = min64(base_allowed, base_sum);
        incl = min64(allowed_incl, incl);
        base_incl = min64(base_allowed_incl, base_incl);
    }
    inv->subtotal = sum;
    inv->base_subtotal = base_sum;
    inv->subtotal_incl_tax = incl;
    inv->base_subtotal_incl_tax = base_incl;
    add(r, &inv->grand_total, sum);
    add(r, &inv->base_grand_total, base_sum);
}

static void collect_discount(const struct md_order *o, struct md_invoice *inv,
                             const struct md_prev_invoices *prev, struct rounders *r)
{
    int64_t total = 0, base_total = 0;
    /* The shipping part of the discount goes with the first discounted invoice. */
    if (!prev->discount_taken) {
        add(r, &total, o->shipping_discount_amount);
        add(r, &base_total, o->base_shipping_discount_amount);
    }
    for (size_t i = 0; i < inv->nitems; i++) {
        struct md_inv_item *ii = &inv->items[i];
        const struct md_order_item *oi = ii->oi;
        ii->discount_amount = MD_NULL;
        ii->base_discount_amount = MD_NULL;
        if (md_item_is_dummy(oi) || !oi->discount_amount || !oi->qty_ordered)
            continue;
        int64_t disc = diff(r, oi->discount_amount, oi->discount_invoiced);
        int64_t base_disc = diff(r, oi->base_discount_amount, oi->base_discount_invoiced);
        if (!md_inv_item_is_last(ii)) {
            int64_t active = diff(r, oi->qty_ordered, oi->qty_invoiced);
            disc = delta_round(r, &r->regular, part(r, disc, ii->qty, active), 1);
            base_disc = delta_round(r, &r->base, part(r, base_disc, ii->qty, active), 1);
        }
        ii->discount_amount = disc;
        ii->base_discount_amount = base_disc;
        add(r, &total, disc);
        add(r, &base_total, base_disc);
    }
    inv->discount_amount = -total;
    inv->base_discount_amount = -base_total;
    sub(r, &inv->grand_total, total);
    sub(r, &inv->base_grand_total, base_total);
}

static void collect_shipping(const struct md_order *o, struct md_invoice *inv,
                             const struct md_prev_invoices *prev, struct rounders *r)
{
    inv->shipping_amount = 0;
    inv->base_shipping_amount = 0;
    inv->shipping_incl_tax = MD_NULL;
    inv->base_shipping_incl_tax = MD_NULL;
    if (!o->shipping_amount || prev->shipping_taken)
        return;
    inv->shipping_amount = o->shipping_amount;
    inv->base_shipping_amount = o->base_shipping_amount;
    inv->shipping_incl_tax = o->shipping_incl_tax;
    inv->base_shipping_incl_tax = o->base_shipping_incl_tax;
    add(r, &inv->grand_total, o->shipping_amount);
    add(r, &inv->base_grand_total, o->base_shipping_amount);
}

/* An item's share of its remaining tax (Invoice/Total/Tax.php). */
static void item_tax(struct md_inv_item *ii, struct rounders *r)
{
    const struct md_order_item *oi = ii->oi;
    int64_t t = diff(r, oi->tax_amount, oi->tax_invoiced);
    int64_t bt = diff(r, oi->base_tax_amount, oi->base_tax_invoiced);
    int64_t h = diff(r, oi->hidden_tax_amount, oi->hidden_tax_invoiced);
    int64_t bh = diff(r, oi->base_hidden_tax_amount, oi->base_hidden_tax_invoiced);
    if (!md_inv_item_is_last(ii)) {
        int64_t avail = diff(r, oi->qty_ordered, oi->qty_invoiced);
        t = delta_round(r, &r->regular, part(r, t, ii->qty, avail), 0);
        bt = delta_round(r, &r->base, part(r, bt, ii->qty, avail), 0);
        h = delta_round(r, &r->regular, part(r, h, ii->qty, avail), 0);
        bh = delta_round(r, &r->base, part(r, bh, ii->qty, avail), 0);
    }
    ii->tax_amount = t;
    ii->base_tax_amount = bt;
    ii->hidden_tax_amount = h;
    ii->base_hidden_tax_amount = bh;
}

static void collect_tax(const struct md_order *o, struct md_invoice *inv,
                        const struct md_prev_invoices *prev, struct rounders *r, int last)
{
    int64_t tax = 0, base_tax = 0;
    for (size_t i = 0; i < inv->nitems; i++) {
        struct md_inv_item *ii = &inv->items[i];
        const struct md_order_item *oi = ii->oi;
        ii->tax_amount = ii->base_tax_amount = 0;
        ii->hidden_tax_amount = ii->base_hidden_tax_amount = 0;
        if (md_item_is_dummy(oi) || !(oi->tax_amount || oi->hidden_tax_amount) ||
            !oi->qty_ordered)
            continue;
        item_tax(ii, r);
        add(r, &tax, ii->tax_amount);
        add(r, &base_tax, ii->base_tax_amount);
    }
    inv->shipping_tax_amount = inv->base_shipping_tax_amount = MD_NULL;
    inv->shipping_hidden_tax_amount = MD_NULL;
    if (!prev->shipping_taken) {
        add(r, &tax, o->shipping_tax_amount);
        add(r, &base_tax, o->base_shipping_tax_amount);
        inv->shipping_tax_amount = o->shipping_tax_amount;
        inv->base_shipping_tax_amount = o->base_shipping_tax_amount;
        inv->shipping_hidden_tax_amount = 0;
    }
    int64_t allowed = diff(r, o->tax_amount, o->sums.tax_invoiced);
    int64_t base_allowed = diff(r, o->base_tax_amount, o->sums.base_tax_invoiced);
    inv->tax_amount = last ? allowed : min64(allowed, tax);
    inv->base_tax_amount = last ? base_allowed : min64(base_allowed, base_tax);
    inv->hidden_tax_amount = inv->base_hidden_tax_amount = 0;
    add(r, &inv->grand_total, inv->tax_amount);
    add(r, &inv->base_grand_total, inv->base_tax_amount);
}

int md_invoice_collect(const struct md_order *o, struct md_invoice *inv,
                       const struct md_prev_invoices *prev)
{
    struct rounders r = {0, 0, 0, 0, 0};
    int last = md_invoice_is_last(inv);
    inv->grand_total = inv->base_grand_total = 0;
    inv->total_qty = 0;
    inv->base_cost = 0;
    for (size_t i = 0; i < inv->nitems; i++) {
        add(&r, &inv->total_qty, inv->items[i].qty);
        const struct md_order_item *oi = inv->items[i].oi;
        if (oi->base_cost != MD_NULL && !md_item_is_dummy(oi))
            add(&r, &inv->base_cost, part(&r, oi->base_cost, inv->items[i].qty, DEC_SCALE));
    }
    collect_subtotal(o, inv, prev, &r, last);
    collect_discount(o, inv, prev, &r);
    collect_shipping(o, inv, prev, &r);
    collect_tax(o, inv, prev, &r, last);
    return r.bad ? -1 : 0;
}

int md_dec_apply(const struct md_dec_op *ops, size_t n, int sign)
{
    int64_t out[MD_DEC_OPS_MAX];
    if (n > MD_DEC_OPS_MAX)
        return -1;
    for (size_t i = 0; i < n; i++) /* everything checked before anything changes */
        if ((sign > 0 ? dec_add(*ops[i].dst, ops[i].v, &out[i])
                      : dec_sub(*ops[i].dst, ops[i].v, &out[i])) != 0)
            return -1;
    for (size_t i = 0; i < n; i++)
        *ops[i].dst = out[i];
    return 0;
}

#define NOPS(a) (sizeof(a) / sizeof((a)[0]))

static int register_item(const struct md_inv_item *ii)
{
    struct md_order_item *oi = ii->oi;
    const struct md_dec_op ops[] = {
        {&oi->qty_invoiced, ii->qty},
        {&oi->tax_invoiced, ii->tax_amount},
        {&oi->base_tax_invoiced, ii->base_tax_amount},
        {&oi->hidden_tax_invoiced, ii->hidden_tax_amount},
        {&oi->base_hidden_tax_invoiced, ii->base_hidden_tax_amount},
        {&oi->discount_invoiced, or0(ii->discount_amount)},
        {&oi->base_discount_invoiced, or0(ii->base_discount_amount)},
        {&oi->row_invoiced, ii->row_total},
        {&oi->base_row_invoiced, ii->base_row_total},
    };
    return md_dec_apply(ops, NOPS(ops), 1);
}

int md_invoice_register(struct md_order *o, const struct md_invoice *inv)
{
    for (size_t i = 0; i < inv->nitems; i++)
        if (inv->items[i].qty > 0 && register_item(&inv->items[i]) != 0)
            return -1;
    struct md_order_sums *m = &o->sums;
    const struct md_dec_op ops[] = {
        {&m->total_invoiced, inv->grand_total},
        {&m->base_total_invoiced, inv->base_grand_total},
        {&m->subtotal_invoiced, inv->subtotal},
        {&m->base_subtotal_invoiced, inv->base_subtotal},
        {&m->tax_invoiced, inv->tax_amount},
        {&m->base_tax_invoiced, inv->base_tax_amount},
        {&m->hidden_tax_invoiced, inv->hidden_tax_amount},
        {&m->base_hidden_tax_invoiced, inv->base_hidden_tax_amount},
        {&m->shipping_tax_invoiced, or0(inv->shipping_tax_amount)},
        {&m->base_shipping_tax_invoiced, or0(inv->base_shipping_tax_amount)},
        {&m->shipping_invoiced, inv->shipping_amount},
        {&m->base_shipping_invoiced, inv->base_shipping_amount},
        {&m->discount_invoiced, inv->discount_amount},
        {&m->base_discount_invoiced, inv->base_discount_amount},
        {&m->base_total_invoiced_cost, inv->base_cost},
    };
    return md_dec_apply(ops, NOPS(ops), 1);
}
