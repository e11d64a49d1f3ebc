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

static int update_invoice(struct store *st, int64_t id, int64_t state, const char *txn,
                          int64_t void_flag, const char *now)
{
    static const char sql[] =
        "UPDATE sales_flat_invoice SET state = ?, transaction_id = coalesce(?, transaction_id), "
        "can_void_flag = CASE WHEN ? THEN 0 ELSE can_void_flag END, updated_at = ? "
        "WHERE entity_id = ?";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_int(s, 1, state);
    st_bind_text(s, 2, txn);
    st_bind_int(s, 3, void_flag);
    st_bind_text(s, 4, now);
    st_bind_int(s, 5, id);
    int rc = sqlite3_step(s);
    store_done(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Invoice_Item::cancel for every item: take back what register() added. */
static int cancel_items(struct store *st, struct md_order *o, int64_t invoice_id, int *range)
{
    static const char sql[] =
        "SELECT order_item_id, qty, tax_amount, base_tax_amount, hidden_tax_amount, "
        "base_hidden_tax_amount, discount_amount, base_discount_amount, row_total, "
        "base_row_total FROM sales_flat_invoice_item WHERE parent_id = ?";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_int(s, 1, invoice_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct md_order_item *oi = md_order_item_find(o, sqlite3_column_int64(s, 0));
        if (!oi)
            continue;
        int64_t *dst[] = {&oi->qty_invoiced,           &oi->tax_invoiced,
                          &oi->base_tax_invoiced,      &oi->hidden_tax_invoiced,
                          &oi->base_hidden_tax_invoiced, &oi->discount_invoiced,
                          &oi->base_discount_invoiced, &oi->row_invoiced,
                          &oi->base_row_invoiced};
        struct md_dec_op ops[9];
        for (int i = 0; i < 9; i++)
            ops[i] = (struct md_dec_op){dst[i], sqlite3_column_int64(s, i + 1)};
        if (md_dec_apply(ops, 9, -1) != 0) {
            *range = 1;
            break;
        }
    }
    store_done(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Invoice::cancel (also the second half of void).  Every subtraction is
 * checked (dec.h): a total leaving decimal(12,4) is fault 102. */
static int cancel_invoice(struct store *st, struct md_order *o, const struct md_inv_row *r,
                          const char *now, struct md_fault *f)
{
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
    if (cancel_items(st, o, r->entity_id, &range) != 0)
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
    if (update_invoice(st, r->entity_id, MD_INV_CANCELED, NULL, 0, now) != 0 ||
        md_order_set_state(st, o, "processing", "", now) != 0)
        return md_internal(f, "canceling invoice", st);
    return 0;
}

/* ---- the operations ------------------------------------------------------------- */

static int load_both(struct md_ctx *ctx, const char *inc, struct md_inv_row *r,
                     struct md_order *o, struct md_fault *f)
{
    int rc = md_inv_row_load(ctx->st, ctx->arena, inc ? inc : "", r);
    if (rc < 0)
        return md_internal(f, "loading invoice", ctx->st);
    if (rc == 0)
        return md_fault_set(f, MDF_NOT_EXISTS);
    rc = md_order_load_by_id(ctx->st, ctx->arena, r->order_id, o);
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
        if (update_invoice(st, r->entity_id, MD_INV_PAID, txn, 0, now) != 0)
            return md_internal(f, "saving invoice", st);
        break;
    case OP_VOID:
        if (md_gateway_void(st, o, now, f) != 0)
            return -1;
        /* void = gateway void, then cancel */
        __attribute__((fallthrough));
    case OP_CANCEL:
        if (cancel_invoice(st, o, r, now, f) != 0)
            return -1;
        break;
    }
    if (md_order_check_state(st, o, now) != 0 || md_order_save(st, o, now) != 0)
        return md_internal(f, "saving order", st);
    return 0;
}

static int transition(struct md_ctx *ctx, const char *inc, enum op op, struct md_fault *f)
{
    struct md_inv_row r;
    struct md_order o;
    char now[MD_TIME_LEN];
    md_fmt_time(md_now(ctx), now);
    if (store_begin(ctx->st) != SQLITE_OK)
        return md_internal(f, "begin", ctx->st);
    if (load_both(ctx, inc, &r, &o, f) != 0)
        goto fail;
    int learned_unvoidable;
    if (!allowed(op, &r, &o, &learned_unvoidable)) {
        md_fault_setf(f, MDF_STATUS_NOT_CHANGED, "%s", transitions[op].refusal);
        /* Invoice::canVoid remembers a negative answer (can_void_flag = 0). */
        if (learned_unvoidable &&
            (update_invoice(ctx->st, r.entity_id, r.state, NULL, 1, now) != 0 ||
             store_commit(ctx->st) != SQLITE_OK))
            goto fail;
        if (!learned_unvoidable)
            store_rollback(ctx->st);
        return -1;
    }
    if (run_op(ctx, op, &r, &o, now, f) != 0)
        goto fail;
    if (store_commit(ctx->st) != SQLITE_OK)
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

static int touch_invoice(struct store *st, int64_t id, const char *now)
{
    static const char sql[] = "UPDATE sales_flat_invoice SET updated_at = ? WHERE entity_id = ?";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_text(s, 1, now);
    st_bind_int(s, 2, id);
    int rc = sqlite3_step(s);
    store_done(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int add_comment_tx(struct md_ctx *ctx, const char *inc, const char *comment, int email,
                          int include_comment, const char *now, struct md_fault *f)
{
    struct md_inv_row r;
    struct md_order o;
    if (load_both(ctx, inc, &r, &o, f) != 0)
        return -1;
    if (md_comment_insert(ctx->st, r.entity_id, comment, email, 0, now) != 0 ||
        touch_invoice(ctx->st, r.entity_id, now) != 0)
        return md_internal(f, "saving comment", ctx->st);
    if (email && md_outbox_invoice(ctx->st, &o, r.entity_id, r.increment_id, 1,
                                   include_comment ? comment : NULL, now) != 0)
        return md_internal(f, "email outbox", ctx->st);
    return 0;
}

int md_invoice_add_comment(struct md_ctx *ctx, const char *invoice_inc, const char *comment,
                           int email, int include_comment, struct md_fault *f)
{
    char now[MD_TIME_LEN];
    md_fmt_time(md_now(ctx), now);
    if (store_begin(ctx->st) != SQLITE_OK)
        return md_internal(f, "begin", ctx->st);
    if (add_comment_tx(ctx, invoice_inc, comment, email, include_comment, now, f) != 0) {
        store_rollback(ctx->st);
        return -1;
    }
    if (store_commit(ctx->st) != SQLITE_OK)
        return md_internal(f, "commit", ctx->st);
    return 0;
}
