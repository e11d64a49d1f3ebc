/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * addComment, capture, void and cancel of an existing invoice
 * (Mage_Sales_Model_Order_Invoice_Api, Invoice::capture/void/cancel).
 *
 * State machine (§5.8): capture 1→2, void 2→3 (voidable only), cancel 1→3;
 * every other combination is fault 104 with Magento's exact message.  Each
 * operation is one BEGIN IMMEDIATE transaction and re-reads the invoice
 * inside it, so two concurrent captures of one invoice capture it once.
 */
#include <stdio.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/log.h"

enum op { OP_CAPTURE, OP_VOID, OP_CANCEL };

/* ---- the transition table ----------------------------------------------------- */

/* Which invoice state each operation starts from, and the refusal text. */
static const struct {
    int from, to;
    const char *refusal;
} transitions[] = {
    [OP_CAPTURE] = {MD_INV_OPEN, MD_INV_PAID, "Invoice cannot be captured."},
    [OP_VOID] = {MD_INV_PAID, MD_INV_CANCELED, "Invoice cannot be voided."},
    [OP_CANCEL] = {MD_INV_OPEN, MD_INV_CANCELED, "Invoice cannot be canceled."},
};

/* Invoice::canCapture / canVoid / canCancel.  *void_flag_out is set to 0
 * when canVoid learns from the payment that the invoice can never be voided
 * (Magento then saves can_void_flag = 0). */
static int allowed(enum op op, const struct md_inv_row *r, const struct md_order *o,
                   int *void_flag_out)
{
    *void_flag_out = 0;
    if (r->state != transitions[op].from)
        return 0;
    switch (op) {
    case OP_CAPTURE:
        return md_payment_can_capture(&o->pay);
    case OP_VOID:
        if (r->can_void_flag != MD_NULL)
            return r->can_void_flag != 0;
        if (md_payment_can_void(&o->pay))
            return 1;
        *void_flag_out = 1;
        return 0;
    case OP_CANCEL:
        return 1;
    }
    return 0;
}

/* ---- row updates ----------------------------------------------------------------- */

/* Invoice_Item::cancel for every item: take back what register() added. */
static int cancel_items(struct md_ctx *ctx, struct md_order *o, int64_t invoice_id, int *range)
{
    struct store_inv_item_sums *it;
    size_t n;
    if (store_invoice_item_sums(ctx->st, ctx->arena, invoice_id, &it, &n) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        struct md_order_item *oi = md_order_item_find(o, it[i].order_item_id);
        if (!oi)
            continue;
        const struct md_dec_op ops[] = {
            {&oi->qty_invoiced, it[i].qty},
            {&oi->tax_invoiced, it[i].tax_amount},
            {&oi->base_tax_invoiced, it[i].base_tax_amount},
            {&oi->hidden_tax_invoiced, it[i].hidden_tax_amount},
            {&oi->base_hidden_tax_invoiced, it[i].base_hidden_tax_amount},
            {&oi->discount_invoiced, it[i].discount_amount},
            {&oi->base_discount_invoiced, it[i].base_discount_amount},
            {&oi->row_invoiced, it[i].row_total},
            {&oi->base_row_invoiced, it[i].base_row_total},
        };
        if (md_dec_apply(ops, sizeof ops / sizeof ops[0], -1) != 0) {
            *range = 1;
            break;
        }
    }
    return 0;
}

/* Invoice::cancel (also the second half of void).  Every subtraction is
 * checked (dec.h): a total leaving decimal(12,4) is fault 102. */
static int cancel_invoice(struct md_ctx *ctx, struct md_order *o, const struct md_inv_row *r,
                          const char *now, struct md_fault *f)
{
    struct store *st = ctx->st;
    /* Payment::cancelInvoice subtracts even for an OPEN invoice that never
     * added anything: Magento's bookkeeping, kept as is. */
    const struct md_dec_op pay[] = {
        {&o->pay.amount_paid, r->grand_total},
        {&o->pay.base_amount_paid, r->base_grand_total},
        {&o->pay.shipping_captured, r->shipping_amount},
        {&o->pay.base_shipping_captured, r->base_shipping_amount},
    };
    int range = 0;
    if (md_dec_apply(pay, sizeof pay / sizeof pay[0], -1) != 0)
        return md_out_of_range(f, "the order's paid amounts");
    if (cancel_items(ctx, o, r->entity_id, &range) != 0)
        return md_internal(f, "canceling invoice items", st);
    if (range)
        return md_out_of_range(f, "an item's invoiced amounts");
    struct md_order_sums *m = &o->sums;
    const struct md_dec_op sums[] = {
        {&m->total_invoiced, r->grand_total},
        {&m->base_total_invoiced, r->base_grand_total},
        {&m->subtotal_invoiced, r->subtotal},
        {&m->base_subtotal_invoiced, r->base_subtotal},
        {&m->tax_invoiced, r->tax_amount},
        {&m->base_tax_invoiced, r->base_tax_amount},
        {&m->hidden_tax_invoiced, r->hidden_tax_amount},
        {&m->base_hidden_tax_invoiced, r->base_hidden_tax_amount},
        {&m->shipping_tax_invoiced, r->shipping_tax_amount},
        {&m->base_shipping_tax_invoiced, r->base_shipping_tax_amount},
        {&m->shipping_invoiced, r->shipping_amount},
        {&m->base_shipping_invoiced, r->base_shipping_amount},
        {&m->discount_invoiced, r->discount_amount},
        {&m->base_discount_invoiced, r->base_discount_amount},
        {&m->total_paid, r->grand_total},
        {&m->base_total_paid, r->base_grand_total},
    };
    size_t n = sizeof sums / sizeof sums[0] - (r->state == MD_INV_PAID ? 0 : 2);
    if (md_dec_apply(sums, n, -1) != 0)
        return md_out_of_range(f, "the order's invoiced totals");
    if (store_invoice_set_state(st, r->entity_id, MD_INV_CANCELED, NULL, 0, now) != 0 ||
        md_order_set_state(st, o, "processing", "", now) != 0)
        return md_internal(f, "canceling invoice", st);
    return 0;
}

/* ---- the operations ------------------------------------------------------------- */

static int load_both(struct md_ctx *ctx, const char *inc, struct md_inv_row *r,
                     struct md_order *o, struct md_fault *f)
{
    int rc = store_invoice_row_load(ctx->st, ctx->arena, inc ? inc : "", r);
    if (rc < 0)
        return md_internal(f, "loading invoice", ctx->st);
    if (rc == 0)
        return md_fault_set(f, MDF_NOT_EXISTS);
    rc = store_order_load_by_id(ctx->st, ctx->arena, r->order_id, o);
    if (rc <= 0)
        return md_internal(f, "loading the invoice's order", ctx->st);
    return 0;
}

static int run_op(struct md_ctx *ctx, enum op op, const struct md_inv_row *r, struct md_order *o,
                  const char *now, struct md_fault *f)
{
    struct store *st = ctx->st;
    const char *txn = NULL;
    switch (op) {
    case OP_CAPTURE:
        if (md_gateway_capture(st, ctx->arena, o, r->base_grand_total, now, &txn, f) != 0)
            return -1;
        if (md_invoice_pay(o, r->grand_total, r->base_grand_total, r->shipping_amount,
                           r->base_shipping_amount) != 0)
            return md_out_of_range(f, "the order's paid totals");
        if (store_invoice_set_state(st, r->entity_id, MD_INV_PAID, txn, 0, now) != 0)
            return md_internal(f, "saving invoice", st);
        break;
    case OP_VOID:
        if (md_gateway_void(st, o, now, f) != 0)
            return -1;
        /* void = gateway void, then cancel */
        __attribute__((fallthrough));
    case OP_CANCEL:
        if (cancel_invoice(ctx, o, r, now, f) != 0)
            return -1;
        break;
    }
    if (md_order_check_state(st, o, now) != 0 || store_order_save(st, o, now) != 0)
        return md_internal(f, "saving order", st);
    static const char *const actions[] = {[OP_CAPTURE] = "capture", [OP_VOID] = "void",
                                          [OP_CANCEL] = "cancel"};
    if (md_audit(ctx, r->entity_id, actions[op], now) != 0)
        return md_internal(f, "audit", st);
    return 0;
}

static int transition(struct md_ctx *ctx, const char *inc, enum op op, struct md_fault *f)
{
    struct md_inv_row r;
    struct md_order o;
    char now[MD_TIME_LEN];
    md_fmt_time(md_now(ctx), now);
    if (store_begin(ctx->st) != 0)
        return md_internal(f, "begin", ctx->st);
    if (load_both(ctx, inc, &r, &o, f) != 0)
        goto fail;
    int learned_unvoidable;
    if (!allowed(op, &r, &o, &learned_unvoidable)) {
        md_fault_setf(f, MDF_STATUS_NOT_CHANGED, "%s", transitions[op].refusal);
        /* Invoice::canVoid remembers a negative answer (can_void_flag = 0). */
        if (learned_unvoidable &&
            (store_invoice_set_state(ctx->st, r.entity_id, (int)r.state, NULL, 1, now) != 0 ||
             store_commit(ctx->st) != 0))
            goto fail;
        if (!learned_unvoidable)
            store_rollback(ctx->st);
        return -1;
    }
    if (run_op(ctx, op, &r, &o, now, f) != 0)
        goto fail;
    if (store_commit(ctx->st) != 0)
        return md_internal(f, "commit", ctx->st);
    return 0;
fail:
    store_rollback(ctx->st);
    return -1;
}

int md_invoice_capture(struct md_ctx *ctx, const char *invoice_inc, struct md_fault *f)
{
    return transition(ctx, invoice_inc, OP_CAPTURE, f);
}

int md_invoice_void(struct md_ctx *ctx, const char *invoice_inc, struct md_fault *f)
{
    return transition(ctx, invoice_inc, OP_VOID, f);
}

int md_invoice_cancel(struct md_ctx *ctx, const char *invoice_inc, struct md_fault *f)
{
    return transition(ctx, invoice_inc, OP_CANCEL, f);
}

/* ---- addComment ------------------------------------------------------------------ */

static int add_comment_tx(struct md_ctx *ctx, const char *inc, const char *comment, int email,
                          int include_comment, const char *now, struct md_fault *f)
{
    struct md_inv_row r;
    struct md_order o;
    int64_t max = ctx->cfg && ctx->cfg->max_comments_per_invoice > 0
                      ? ctx->cfg->max_comments_per_invoice
                      : 1000,
            have = 0;
    if (load_both(ctx, inc, &r, &o, f) != 0)
        return -1;
    if (store_comment_count(ctx->st, r.entity_id, &have) != 0)
        return md_internal(f, "counting comments", ctx->st);
    if (have >= max) {
        log_msg(LOG_WARN, "addComment refused: invoice %s has %lld comments "
                          "(max_comments_per_invoice = %lld), user %s from %s",
                r.increment_id, (long long)have, (long long)max, ctx->user ? ctx->user : "?",
                ctx->peer ? ctx->peer : "?");
        return md_fault_setf(f, MDF_DATA_INVALID,
                             "Invoice comment not added: the invoice has %lld comments, the "
                             "most this server keeps (max_comments_per_invoice).",
                             (long long)max);
    }
    if (store_comment_insert(ctx->st, r.entity_id, comment, email, 0, now) != 0 ||
        store_invoice_touch(ctx->st, r.entity_id, now) != 0 ||
        md_audit(ctx, r.entity_id, "comment", now) != 0)
        return md_internal(f, "saving comment", ctx->st);
    if (email && md_outbox_invoice(ctx->st, ctx->arena, &o, r.entity_id, r.increment_id, 1,
                                   include_comment ? comment : NULL, now) != 0)
        return md_internal(f, "email outbox", ctx->st);
    return 0;
}

int md_invoice_add_comment(struct md_ctx *ctx, const char *invoice_inc, const char *comment,
                           int email, int include_comment, struct md_fault *f)
{
    char now[MD_TIME_LEN];
    if (md_text_check("comment", comment, f) != 0)
        return -1;
    md_fmt_time(md_now(ctx), now);
    if (store_begin(ctx->st) != 0)
        return md_internal(f, "begin", ctx->st);
    if (add_comment_tx(ctx, invoice_inc, comment, email, include_comment, now, f) != 0) {
        store_rollback(ctx->st);
        return -1;
    }
    if (store_commit(ctx->st) != 0)
        return md_internal(f, "commit", ctx->st);
    return 0;
}
