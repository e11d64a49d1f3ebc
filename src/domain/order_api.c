/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sales_order resource (Mage_Sales_Model_Order_Api): list, info,
 * addComment, hold, unhold and cancel, with Mage_Sales_Model_Order's
 * canHold / canUnhold / canCancel and registerCancellation.  Reads come
 * from the store in one snapshot; every change is one write transaction
 * that re-reads the order inside it, so a hold or cancel racing an invoice
 * create is decided on the committed state: an order is never invoiced once
 * it is held or canceled, and never canceled once fully invoiced.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/log.h"

#define STATUS_MAX 32 /* sales_flat_order.status varchar(32) */

/* ---- reads --------------------------------------------------------------------- */

int md_order_info(struct md_ctx *ctx, const char *order_inc, struct val **out,
                  struct md_fault *f)
{
    int rc = store_order_info(ctx->st, ctx->arena, order_inc ? order_inc : "", out);
    if (rc < 0)
        return md_internal(f, "order info", ctx->st);
    return rc == 0 ? md_fault_set(f, MDF_ORD_NOT_EXISTS) : 0;
}

int md_order_list(struct md_ctx *ctx, const struct val *filters, struct val **out,
                  struct md_fault *f)
{
    struct md_filter flt;
    int64_t max;
    if (md_filter_compile_for(ctx->arena, MD_ENT_ORDER, filters, &flt, f) != 0)
        return -1;
    md_filter_note_ignored(ctx, &flt);
    int rc = md_list_rows(ctx, &flt, &max, out, f);
    if (rc == 1)
        return md_fault_setf(f, MDF_ORD_INVALID_FILTER,
                             "%s More than %lld orders match; narrow the filter.",
                             md_fault_text(MDF_ORD_INVALID_FILTER), (long long)max);
    return rc;
}

/* ---- predicates (Mage_Sales_Model_Order) ------------------------------------------ */

static int state_is(const struct md_order *o, const char *s)
{
    return o->state && strcmp(o->state, s) == 0;
}

int md_order_can_hold(const struct md_order *o)
{
    return !state_is(o, "canceled") && !state_is(o, "payment_review") &&
           !state_is(o, "complete") && !state_is(o, "closed") && !state_is(o, "holded");
}

int md_order_can_unhold(const struct md_order *o)
{
    return state_is(o, "holded");
}

static int64_t qty_to_ship(const struct md_order_item *it)
{
    int64_t q = it->qty_ordered - it->qty_shipped - it->qty_refunded - it->qty_canceled;
    return q > 0 ? q : 0;
}

/* Order_Item::getQtyToCancel: min(to invoice, to ship), not below 0. */
static int64_t qty_to_cancel(const struct md_order_item *it)
{
    int64_t inv = md_item_qty_to_invoice(it), ship = qty_to_ship(it);
    int64_t q = inv < ship ? inv : ship;
    return q > 0 ? q : 0;
}

static int64_t qty_to_refund(const struct md_order_item *it)
{
    if (md_item_is_dummy(it))
        return 0;
    int64_t q = it->qty_invoiced - it->qty_refunded;
    return q > 0 ? q : 0;
}

int md_order_can_cancel(const struct md_order *o)
{
    if (state_is(o, "payment_review") || md_order_can_unhold(o))
        return 0;
    int all_invoiced = 1;
    for (size_t i = 0; i < o->nitems && all_invoiced; i++)
        if (md_item_qty_to_invoice(&o->items[i]) > 0)
            all_invoiced = 0;
    if (all_invoiced)
        return 0;
    return !state_is(o, "canceled") && !state_is(o, "complete") && !state_is(o, "closed");
}

/* ---- changes ------------------------------------------------------------------------ */

enum change { CH_HOLD, CH_UNHOLD, CH_CANCEL, CH_COMMENT };

struct comment_args {
    const char *status, *comment;
    int notify;
};

/* Order::registerCancellation: what is left is canceled; an order with
 * invoiced items ends processing (items left to ship) or complete. */
static int register_cancellation(struct md_ctx *ctx, struct md_order *o, const char *now,
                                 struct md_fault *f)
{
    const char *state = "canceled";
    for (size_t i = 0; i < o->nitems; i++) {
        struct md_order_item *it = &o->items[i];
        if (strcmp(state, "processing") != 0 && qty_to_refund(it) > 0)
            state = qty_to_ship(it) > qty_to_cancel(it) ? "processing" : "complete";
        it->qty_canceled += qty_to_cancel(it);
    }
    const struct md_order_sums *m = &o->sums;
    struct store_order_canceled c = {
        .subtotal = o->subtotal - m->subtotal_invoiced,
        .base_subtotal = o->base_subtotal - m->base_subtotal_invoiced,
        .tax = o->tax_amount - m->tax_invoiced,
        .base_tax = o->base_tax_amount - m->base_tax_invoiced,
        .shipping = o->shipping_amount - m->shipping_invoiced,
        .base_shipping = o->base_shipping_amount - m->base_shipping_invoiced,
        .discount = llabs(o->discount_amount) - m->discount_invoiced,
        .base_discount = llabs(o->base_discount_amount) - m->base_discount_invoiced,
        .total = o->grand_total - m->total_paid,
        .base_total = o->base_grand_total - m->base_total_paid,
    };
    if (store_order_cancel_save(ctx->st, o, &c, now) != 0 ||
        md_order_set_state(ctx->st, o, state, "", now) != 0)
        return md_internal(f, "canceling order", ctx->st);
    return 0;
}

/* The change itself, on the order loaded inside the transaction.  1: done,
 * commit; 0 with f: refused, nothing written; -1: storage error. */
static int apply(struct md_ctx *ctx, struct md_order *o, enum change ch,
                 const struct comment_args *ca, const char *now, struct md_fault *f)
{
    struct store *st = ctx->st;
    switch (ch) {
    case CH_HOLD:
        if (!md_order_can_hold(o))
            return md_fault_setf(f, MDF_ORD_STATUS_NOT_CHANGED, "Hold action is not available."),
                   0;
        o->hold_before_state = o->state;
        o->hold_before_status = o->status;
        if (md_order_set_state(st, o, "holded", "", now) != 0)
            return md_internal(f, "holding order", st);
        break;
    case CH_UNHOLD:
        if (!md_order_can_unhold(o))
            return md_fault_setf(f, MDF_ORD_STATUS_NOT_CHANGED,
                                 "Unhold action is not available."),
                   0;
        /* setState(hold_before_state, hold_before_status): that status */
        o->state = o->hold_before_state ? o->hold_before_state : "processing";
        o->status = o->hold_before_status ? o->hold_before_status
                                          : md_state_default_status(o->state);
        o->hold_before_state = o->hold_before_status = NULL;
        if (store_order_history_add(st, o->entity_id, o->status, "", MD_NULL, now) != 0)
            return md_internal(f, "unholding order", st);
        break;
    case CH_CANCEL:
        if (state_is(o, "canceled"))
            return md_fault_set(f, MDF_ORD_STATUS_NOT_CHANGED), 0;
        if (!md_order_can_cancel(o))
            return md_fault_set(f, MDF_ORD_STATUS_NOT_CHANGED), 0;
        if (register_cancellation(ctx, o, now, f) != 0)
            return -1;
        break;
    case CH_COMMENT:
        /* addStatusHistoryComment($comment, $status): the status given
         * becomes the order's (none given: it stays) */
        if (ca->status && *ca->status)
            o->status = ca->status;
        if (store_order_history_add(st, o->entity_id, o->status, ca->comment,
                                    ca->notify ? 1 : 0, now) != 0)
            return md_internal(f, "order comment", st);
        break;
    }
    if (store_order_save(st, o, now) != 0)
        return md_internal(f, "saving order", st);
    return 1;
}

static int change(struct md_ctx *ctx, const char *inc, enum change ch,
                  const struct comment_args *ca, struct md_fault *f)
{
    struct md_order o;
    char now[MD_TIME_LEN];
    md_fmt_time(md_now(ctx), now);
    if (store_begin(ctx->st) != 0)
        return md_internal(f, "begin", ctx->st);
    int rc = store_order_load_by_inc(ctx->st, ctx->arena, inc ? inc : "", &o);
    if (rc <= 0) {
        store_rollback(ctx->st);
        return rc < 0 ? md_internal(f, "loading order", ctx->st)
                      : md_fault_set(f, MDF_ORD_NOT_EXISTS);
    }
    rc = apply(ctx, &o, ch, ca, now, f);
    if (rc <= 0) {
        store_rollback(ctx->st);
        return -1;
    }
    if (store_commit(ctx->st) != 0)
        return md_internal(f, "commit", ctx->st);
    /* Order_Api::cancel: an order that did not end canceled (it had
     * invoiced items) is saved as registerCancellation left it, and the
     * call still answers status_not_changed */
    if (ch == CH_CANCEL && !state_is(&o, "canceled"))
        return md_fault_set(f, MDF_ORD_STATUS_NOT_CHANGED);
    return 0;
}

int md_order_hold(struct md_ctx *ctx, const char *order_inc, struct md_fault *f)
{
    return change(ctx, order_inc, CH_HOLD, NULL, f);
}

int md_order_unhold(struct md_ctx *ctx, const char *order_inc, struct md_fault *f)
{
    return change(ctx, order_inc, CH_UNHOLD, NULL, f);
}

int md_order_cancel(struct md_ctx *ctx, const char *order_inc, struct md_fault *f)
{
    return change(ctx, order_inc, CH_CANCEL, NULL, f);
}

int md_order_add_comment(struct md_ctx *ctx, const char *order_inc, const char *status,
                         const char *comment, int notify, struct md_fault *f)
{
    struct comment_args ca = {status, comment, notify};
    if (md_text_check("status", status, f) != 0 || md_text_check("comment", comment, f) != 0)
        return -1;
    if (status && strlen(status) > STATUS_MAX)
        return md_fault_setf(f, MDF_ORD_DATA_INVALID,
                             "%s The status is longer than %d characters.",
                             md_fault_text(MDF_ORD_DATA_INVALID), STATUS_MAX);
    return change(ctx, order_inc, CH_COMMENT, &ca, f);
}
