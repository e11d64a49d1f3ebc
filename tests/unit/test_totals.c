/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Invoice totals (md_invoice_collect / md_invoice_register) on hand-built
 * orders: proportional rows, the last invoice's remainder, carried rounding
 * deltas, discount, tax, shipping on the first invoice only, base currency.
 */
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/dec.h"
#include "t.h"

#define D(x) ((int64_t)((x) * 10000 + ((x) < 0 ? -0.5 : 0.5))) /* 45.5 → 455000 */

static struct md_order order;
static struct md_order_item items[2];
static struct md_inv_item inv_items[2];
static struct md_invoice inv;
static struct md_prev_invoices prev;
static int was_last; /* md_invoice_is_last before registering */

static int64_t scaled(int64_t v, int64_t rate)
{
    int64_t out = 0;
    CHECK_EQ_INT(dec_muldiv(v, DEC_SCALE, rate, &out), 0);
    return out;
}

/* One order: item 1 row 10.00 (qty 3), item 2 row 20.00 (qty 2), shipping 5. */
static void make_order(int64_t rate)
{
    memset(&order, 0, sizeof order);
    memset(items, 0, sizeof items);
    memset(&prev, 0, sizeof prev);
    items[0] = (struct md_order_item){.item_id = 1, .qty_ordered = D(3), .price = D(3.3333),
                                      .row_total = D(10), .row_total_incl_tax = D(10),
                                      .base_cost = MD_NULL, .product_id = MD_NULL};
    items[1] = (struct md_order_item){.item_id = 2, .qty_ordered = D(2), .price = D(10),
                                      .row_total = D(20), .row_total_incl_tax = D(20),
                                      .base_cost = MD_NULL, .product_id = MD_NULL};
    for (int i = 0; i < 2; i++) {
        items[i].base_row_total = scaled(items[i].row_total, rate);
        items[i].base_row_total_incl_tax = items[i].base_row_total;
    }
    order.items = items;
    order.nitems = 2;
    order.state = "new";
    order.subtotal = D(30);
    order.base_subtotal = scaled(D(30), rate);
    order.shipping_amount = D(5);
    order.base_shipping_amount = scaled(D(5), rate);
    order.shipping_incl_tax = D(5);
    order.base_shipping_incl_tax = order.base_shipping_amount;
    order.grand_total = D(35);
    order.base_grand_total = scaled(D(35), rate);
}

static void make_invoice(int64_t q1, int64_t q2)
{
    memset(&inv, 0, sizeof inv);
    memset(inv_items, 0, sizeof inv_items);
    inv_items[0].oi = &items[0];
    inv_items[0].qty = q1;
    inv_items[1].oi = &items[1];
    inv_items[1].qty = q2;
    inv.items = inv_items;
    inv.nitems = 2;
}

/* Collect, register, and note that this invoice now carries shipping/discount. */
static void invoice(int64_t q1, int64_t q2)
{
    make_invoice(q1, q2);
    was_last = md_invoice_is_last(&inv);
    CHECK_EQ_INT(md_invoice_collect(&order, &inv, &prev), 0);
    CHECK_EQ_INT(md_invoice_register(&order, &inv), 0);
    if (inv.shipping_amount)
        prev.shipping_taken = 1;
    if (inv.discount_amount)
        prev.discount_taken = 1;
}

static void totals_full_invoice(void)
{
    make_order(DEC_SCALE);
    invoice(D(3), D(2));
    CHECK_EQ_INT(inv.subtotal, D(30));
    CHECK_EQ_INT(inv.shipping_amount, D(5));
    CHECK_EQ_INT(inv.shipping_incl_tax, D(5));
    CHECK_EQ_INT(inv.grand_total, D(35));
    CHECK_EQ_INT(inv.total_qty, D(5));
    CHECK_EQ_INT(inv.discount_amount, 0);
    CHECK_EQ_INT(inv_items[0].discount_amount, MD_NULL); /* no discount: NULL, as REF */
    CHECK_EQ_INT(order.sums.total_invoiced, D(35));
    CHECK_EQ_INT(items[0].qty_invoiced, D(3));
    CHECK_EQ_INT(items[1].row_invoiced, D(20));
}

/* 10.00 over 3 units: 3.33, then 6.67/2 = 3.335 → 3.34, then the last takes
 * the remaining 3.33; shipping only on the first invoice. */
static void totals_partial_and_last_remainder(void)
{
    make_order(DEC_SCALE);
    invoice(D(1), 0);
    CHECK_EQ_INT(inv_items[0].row_total, D(3.33));
    CHECK_EQ_INT(inv.subtotal, D(3.33));
    CHECK_EQ_INT(inv.shipping_amount, D(5));
    CHECK_EQ_INT(inv.grand_total, D(8.33));
    CHECK(!was_last);
    invoice(D(1), 0);
    CHECK_EQ_INT(inv_items[0].row_total, D(3.34));
    CHECK_EQ_INT(inv.shipping_amount, 0);
    CHECK_EQ_INT(inv.shipping_incl_tax, MD_NULL);
    CHECK_EQ_INT(inv.shipping_tax_amount, MD_NULL);
    CHECK_EQ_INT(inv.grand_total, D(3.34));
    invoice(D(1), D(2));
    CHECK(was_last);
    CHECK_EQ_INT(inv_items[0].row_total, D(3.33));
    CHECK_EQ_INT(inv.subtotal, D(23.33));
    CHECK_EQ_INT(order.sums.subtotal_invoiced, D(30));
    CHECK_EQ_INT(order.sums.total_invoiced, D(35));
    CHECK_EQ_INT(order.sums.shipping_invoiced, D(5));
}

/* Within one invoice the rounding delta carries from item to item. */
static void totals_rounding_delta_carries(void)
{
    make_order(DEC_SCALE);
    items[1].qty_ordered = D(3);
    items[1].row_total = items[1].base_row_total = D(10);
    order.subtotal = order.base_subtotal = D(20);
    invoice(D(1), D(1));
    CHECK_EQ_INT(inv_items[0].row_total, D(3.33)); /* 3.3333 → 3.33, delta +0.0033 */
    CHECK_EQ_INT(inv_items[1].row_total, D(3.34)); /* 3.3366 → 3.34 */
    CHECK_EQ_INT(inv.subtotal, D(6.67));
}

static void totals_discount(void)
{
    make_order(DEC_SCALE);
    items[0].discount_amount = items[0].base_discount_amount = D(3); /* 1.00 a unit */
    order.discount_amount = order.base_discount_amount = -D(3);
    invoice(D(1), 0);
    CHECK_EQ_INT(inv_items[0].discount_amount, D(1));
    CHECK_EQ_INT(inv_items[1].discount_amount, MD_NULL);
    CHECK_EQ_INT(inv.discount_amount, -D(1)); /* stored negative */
    CHECK_EQ_INT(inv.grand_total, D(3.33) + D(5) - D(1));
    CHECK_EQ_INT(items[0].discount_invoiced, D(1));
    CHECK_EQ_INT(order.sums.discount_invoiced, -D(1));
    invoice(D(2), D(2)); /* last: the remaining 2.00 */
    CHECK_EQ_INT(inv_items[0].discount_amount, D(2));
    CHECK_EQ_INT(inv.grand_total, D(6.67) + D(20) - D(2));
}

/* A shipping discount goes with the first discounted invoice only. */
static void totals_shipping_discount(void)
{
    make_order(DEC_SCALE);
    order.shipping_discount_amount = order.base_shipping_discount_amount = D(2);
    invoice(D(1), 0);
    CHECK_EQ_INT(inv.discount_amount, -D(2));
    invoice(D(1), 0);
    CHECK_EQ_INT(inv.discount_amount, 0);
}

static void totals_tax(void)
{
    make_order(DEC_SCALE);
    items[1].tax_amount = items[1].base_tax_amount = D(2); /* 1.00 a unit */
    items[1].row_total_incl_tax = items[1].base_row_total_incl_tax = D(22);
    order.shipping_tax_amount = order.base_shipping_tax_amount = D(0.5);
    order.tax_amount = order.base_tax_amount = D(2.5);
    invoice(0, D(1));
    CHECK_EQ_INT(inv_items[1].tax_amount, D(1));
    CHECK_EQ_INT(inv.shipping_tax_amount, D(0.5));
    CHECK_EQ_INT(inv.tax_amount, D(1.5));
    CHECK_EQ_INT(inv.subtotal_incl_tax, D(11));
    CHECK_EQ_INT(inv.grand_total, D(10) + D(5) + D(1.5));
    invoice(D(3), D(1)); /* last: remaining tax 1.00, no shipping tax */
    CHECK_EQ_INT(inv.tax_amount, D(1));
    CHECK_EQ_INT(inv.shipping_tax_amount, MD_NULL);
    CHECK_EQ_INT(order.sums.tax_invoiced, D(2.5));
}

/* base_* come from the order's base amounts (rate 2: half). */
static void totals_base_currency(void)
{
    make_order(2 * DEC_SCALE);
    invoice(D(1), 0);
    CHECK_EQ_INT(inv.subtotal, D(3.33));
    CHECK_EQ_INT(inv.base_subtotal, D(1.67)); /* 5.00 / 3 */
    CHECK_EQ_INT(inv.base_shipping_amount, D(2.5));
    CHECK_EQ_INT(inv.base_grand_total, D(1.67) + D(2.5));
}

/* A canceled invoice gives the shipping back to the next one. */
static void totals_shipping_after_cancel(void)
{
    make_order(DEC_SCALE);
    prev.shipping_taken = 0; /* the only shipped invoice was canceled */
    invoice(D(1), 0);
    CHECK_EQ_INT(inv.shipping_amount, D(5));
}

/* Invoice with quantities that match no item (V1 list-form itemsQty). */
static void totals_empty_invoice(void)
{
    make_order(DEC_SCALE);
    invoice(0, 0);
    CHECK_EQ_INT(inv.subtotal, 0);
    CHECK_EQ_INT(inv.grand_total, D(5)); /* the first invoice carries shipping */
    CHECK_EQ_INT(inv.total_qty, 0);
    CHECK_EQ_INT(items[0].qty_invoiced, 0);
}

/* Amounts at the decimal(12,4) limit pass; one ulp (0.0001) past it is
 * refused by collect, and by register when a running total would pass it. */
static void totals_at_the_limit(void)
{
    make_order(DEC_SCALE);
    items[0].row_total = items[0].row_total_incl_tax = items[0].base_row_total =
        items[0].base_row_total_incl_tax = DEC_MAX - D(20) - D(5);
    items[0].qty_ordered = D(1);
    order.subtotal = order.base_subtotal = DEC_MAX - D(5);
    order.grand_total = order.base_grand_total = DEC_MAX;
    make_invoice(D(1), D(2));
    CHECK_EQ_INT(md_invoice_collect(&order, &inv, &prev), 0);
    CHECK_EQ_INT(inv.grand_total, DEC_MAX); /* 99999999.9999 exactly */
    CHECK_EQ_INT(md_invoice_register(&order, &inv), 0);
    CHECK_EQ_INT(order.sums.total_invoiced, DEC_MAX);

    /* one more 0.0001 of shipping: the grand total leaves the range */
    make_order(DEC_SCALE);
    items[0].row_total = items[0].row_total_incl_tax = items[0].base_row_total =
        items[0].base_row_total_incl_tax = DEC_MAX - D(20) - D(5);
    items[0].qty_ordered = D(1);
    order.subtotal = order.base_subtotal = DEC_MAX - D(5);
    order.shipping_amount = order.base_shipping_amount = D(5) + 1;
    make_invoice(D(1), D(2));
    CHECK_EQ_INT(md_invoice_collect(&order, &inv, &prev), -1);
}

/* The line of issue 8: price 42,949,692.9597 x qty 42,949,652.9604 used to
 * wrap to 3,894.98.  A row scaled by a qty past the range is refused, not
 * wrapped. */
static void totals_product_out_of_range(void)
{
    make_order(DEC_SCALE);
    items[0].qty_ordered = D(4);
    items[0].row_total = items[0].base_row_total = DEC_MAX - 99; /* 99,999,999.99 */
    order.subtotal = order.base_subtotal = DEC_MAX;
    make_invoice(D(2), 0); /* not the last: row x 2 / 4 */
    CHECK_EQ_INT(md_invoice_collect(&order, &inv, &prev), 0);
    CHECK_EQ_INT(inv_items[0].row_total, 500000000000LL);
    /* 99,999,999.9998 of 99,999,999.9999 rounds to 100,000,000.00: refused */
    items[0].qty_ordered = DEC_MAX;
    items[0].row_total = items[0].base_row_total = DEC_MAX;
    make_invoice(DEC_MAX - 1, 0);
    CHECK_EQ_INT(md_invoice_collect(&order, &inv, &prev), -1);

    make_order(DEC_SCALE);
    items[0].base_cost = D(42949692.9597);
    make_invoice(D(3), 0);
    CHECK_EQ_INT(md_invoice_collect(&order, &inv, &prev), -1); /* cost x 3 > limit */
    items[0].base_cost = D(10);
    make_invoice(D(3), 0);
    CHECK_EQ_INT(md_invoice_collect(&order, &inv, &prev), 0);
    CHECK_EQ_INT(inv.base_cost, D(30));
}

/* A running total past the limit is refused and leaves the order's totals
 * as they were (the caller rolls the transaction back). */
static void totals_register_refuses_overflow(void)
{
    make_order(DEC_SCALE);
    make_invoice(D(3), D(2));
    CHECK_EQ_INT(md_invoice_collect(&order, &inv, &prev), 0);
    order.sums.total_invoiced = DEC_MAX - D(35) + 1;
    CHECK_EQ_INT(md_invoice_register(&order, &inv), -1);
    CHECK_EQ_INT(order.sums.total_invoiced, DEC_MAX - D(35) + 1);
    CHECK_EQ_INT(order.sums.subtotal_invoiced, 0);
    CHECK_EQ_INT(md_invoice_pay(&order, DEC_MAX, DEC_MAX, 0, 0), 0);
    CHECK_EQ_INT(order.sums.total_paid, DEC_MAX);
    CHECK_EQ_INT(md_invoice_pay(&order, 1, 1, 0, 0), -1);
    CHECK_EQ_INT(order.sums.total_paid, DEC_MAX);
    CHECK_EQ_INT(order.pay.amount_paid, DEC_MAX);
}

int main(void)
{
    T_RUN(totals_full_invoice);
    T_RUN(totals_partial_and_last_remainder);
    T_RUN(totals_rounding_delta_carries);
    T_RUN(totals_discount);
    T_RUN(totals_shipping_discount);
    T_RUN(totals_tax);
    T_RUN(totals_base_currency);
    T_RUN(totals_shipping_after_cancel);
    T_RUN(totals_empty_invoice);
    T_RUN(totals_at_the_limit);
    T_RUN(totals_product_out_of_range);
    T_RUN(totals_register_refuses_overflow);
    return t_done();
}
