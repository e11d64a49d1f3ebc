/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sales_order_invoice.create (Mage_Sales_Model_Order_Invoice_Api::create,
 * Service_Order::prepareInvoice, Invoice::register) and Magento 2's
 * InvoiceOrder (modes MD_CREATE_M2_*).
 *
 * The whole operation is one BEGIN IMMEDIATE transaction: the order, its
 * items and earlier invoices are read after the write lock is taken, so two
 * concurrent creates on one order see each other's quantities and can never
 * invoice more than was ordered.
 */
#include <stdio.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/dec.h"

#define M2_NOT_FOUND "The entity that was requested doesn't exist. Verify the entity and try again."
#define M2_NO_ID "An ID is needed. Set the ID and try again."
#define M2_COULD_NOT "Could not save an invoice, see error log for details"

/* Magento 2 validation messages, joined into one DocumentValidationException. */
#define M2_MAX_MSGS 8
struct m2_msgs {
    char msg[M2_MAX_MSGS][160];
    int n;
};

static void m2_add(struct m2_msgs *m, const char *msg)
{
    if (m->n < M2_MAX_MSGS)
        snprintf(m->msg[m->n++], sizeof m->msg[0], "%.159s", msg); /* msg[0] holds 160 */
}

/* ---- prepareInvoice ----------------------------------------------------------- */

/* The requested qty for an order item: the last map entry with its id (PHP
 * keeps the last of duplicate keys), *found = 0 when the id is absent. */
static int64_t requested_qty(const struct md_create_req *req, int64_t item_id, int *found)
{
    *found = 0;
    int64_t q = 0;
    for (size_t i = 0; req->qty && i < req->nqty; i++) {
        if (req->qty[i].item_id > 0 && req->qty[i].item_id == item_id) {
            q = req->qty[i].qty;
            *found = 1;
        }
    }
    return q;
}

/* Invoice_Item::setQty: integer items drop the fraction.  A qty outside
 * the qty rule counts as 0 (M1 never gets here with one: check_qtys refuses
 * it; M2 has collected its validation message). */
static int64_t normalise_qty(const struct md_order_item *oi, int64_t q)
{
    if (!oi->is_qty_decimal)
        q = q / DEC_SCALE * DEC_SCALE;
    return q > 0 ? q : 0;
}

/* Children of configurable items are invoiced with their parent, in the
 * parent's proportion.  0, or -1 when the proportion leaves decimal(12,4). */
static int add_dummies(struct md_order *o, struct md_invoice *inv)
{
    size_t nparents = inv->nitems;
    for (size_t i = 0; i < o->nitems; i++) {
        struct md_order_item *oi = &o->items[i];
        if (!md_item_is_dummy(oi) || !oi->parent)
            continue;
        for (size_t j = 0; j < nparents; j++) {
            const struct md_inv_item *p = &inv->items[j];
            if (p->oi != oi->parent || p->qty <= 0)
                continue;
            int64_t q;
            if (dec_muldiv(oi->qty_ordered, p->qty, oi->parent->qty_ordered, &q) != 0)
                return -1;
            int64_t left = oi->qty_ordered - oi->qty_invoiced - oi->qty_canceled;
            q = normalise_qty(oi, q < left ? q : left);
            if (q > 0) {
                memset(&inv->items[inv->nitems], 0, sizeof inv->items[0]);
                inv->items[inv->nitems].oi = oi;
                inv->items[inv->nitems++].qty = q;
            }
        }
    }
    return 0;
}

/* The one qty rule (dec.h, dec_qty_valid): an entry that is not a quantity
 * from 0 to 99999999.9999 -- DEC_INVALID from a decoder (NaN, "abc", "1,5",
 * past decimal(12,4)) or a negative -- refuses the whole create, whatever
 * item it names.  M1: Magento's fault 1 `Invalid qty to invoice item
 * "<name>"` (the item's id when the order has no such item); M2: one
 * validation message per entry (unknown items are reported by m2_validate). */
static int check_qtys(struct md_order *o, const struct md_create_req *req, struct m2_msgs *m2,
                      struct md_fault *f)
{
    for (size_t i = 0; req->qty && i < req->nqty; i++) {
        if (dec_qty_valid(req->qty[i].qty))
            continue;
        const struct md_order_item *oi = md_order_item_find(o, req->qty[i].item_id);
        if (req->mode == MD_CREATE_M1 && oi)
            return md_fault_setf(f, MDF_INTERNAL, "Invalid qty to invoice item \"%s\"",
                                 oi->name ? oi->name : "");
        if (req->mode == MD_CREATE_M1)
            return md_fault_setf(f, MDF_INTERNAL, "Invalid qty to invoice item \"%lld\"",
                                 (long long)req->qty[i].item_id);
        if (oi) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     "The quantity to invoice for product SKU \"%s\" must be a number from 0 "
                     "to 99999999.9999.",
                     oi->sku ? oi->sku : "");
            m2_add(m2, msg);
        }
    }
    return 0;
}

/* Build the invoice items.  M1: an over-large qty is fault 1 `Invalid qty to
 * invoice item "<name>"`.  M2: problems are collected into m2. */
static int prepare(struct md_ctx *ctx, struct md_order *o, const struct md_create_req *req,
                   struct md_invoice *inv, struct m2_msgs *m2, struct md_fault *f)
{
    memset(inv, 0, sizeof *inv);
    inv->items = o->nitems ? arena_alloc(ctx->arena, o->nitems * sizeof *inv->items) : NULL;
    if (o->nitems && !inv->items)
        return md_internal(f, "out of memory", NULL);
    if (check_qtys(o, req, m2, f) != 0)
        return -1;
    int empty_map = !req->qty || req->nqty == 0;
    for (size_t i = 0; i < o->nitems; i++) {
        struct md_order_item *oi = &o->items[i];
        int64_t left = md_item_qty_to_invoice(oi);
        if (md_item_is_dummy(oi) || left <= 0 || oi->locked_do_invoice)
            continue;
        int found;
        int64_t q = empty_map ? left : requested_qty(req, oi->item_id, &found);
        q = normalise_qty(oi, q);
        if (q > left) {
            if (req->mode == MD_CREATE_M1)
                return md_fault_setf(f, MDF_INTERNAL, "Invalid qty to invoice item \"%s\"",
                                     oi->name ? oi->name : "");
            char msg[256];
            snprintf(msg, sizeof msg,
                     "The quantity to invoice must not be greater than the uninvoiced quantity "
                     "for product SKU \"%s\".",
                     oi->sku ? oi->sku : "");
            m2_add(m2, msg);
        }
        inv->items[inv->nitems].oi = oi;
        inv->items[inv->nitems++].qty = q;
    }
    if (add_dummies(o, inv) != 0)
        return md_out_of_range(f, "a child item's qty");
    return 0;
}

/* ---- Magento 2 validation (CanInvoice + InvoiceQuantityValidator) ------------ */

static void m2_validate(struct md_order *o, const struct md_create_req *req,
                        const struct md_invoice *inv, const struct m2_msgs *qty_msgs,
                        struct m2_msgs *out)
{
    static const char *const blocked[] = {"payment_review", "holded", "canceled", "complete",
                                          "closed"};
    int state_blocked = 0;
    for (size_t i = 0; i < sizeof blocked / sizeof blocked[0]; i++)
        state_blocked |= strcmp(o->state, blocked[i]) == 0;
    if (state_blocked) {
        char msg[160];
        snprintf(msg, sizeof msg, "An invoice cannot be created when an order has a status of %s",
                 o->status);
        m2_add(out, msg);
    } else if (!md_order_can_invoice(o)) {
        m2_add(out, "The order does not allow an invoice to be created.");
    }
    for (int i = 0; i < qty_msgs->n; i++)
        m2_add(out, qty_msgs->msg[i]);
    int unknown = 0;
    for (size_t i = 0; req->qty && i < req->nqty; i++)
        if (!md_order_item_find(o, req->qty[i].item_id))
            unknown = 1;
    int64_t total = 0;
    for (size_t i = 0; i < inv->nitems; i++)
        total += inv->items[i].qty;
    if (unknown)
        m2_add(out, "The invoice contains one or more items that are not part of the original "
                    "order.");
    else if (total <= 0)
        m2_add(out, "The invoice can't be created without products. Add products and try again.");
}

static int m2_fault(const struct m2_msgs *m, struct md_fault *f)
{
    char text[MD_FAULT_MSG_MAX] = "Invoice Document Validation Error(s):";
    for (int i = 0; i < m->n; i++) {
        size_t len = strlen(text);
        snprintf(text + len, sizeof text - len, "\n%s", m->msg[i]);
    }
    return md_fault_setf(f, MDF_DATA_INVALID, "%s", text);
}

/* ---- register: payment decision and bookkeeping -------------------------------- */

struct created {
    int state;
    int64_t can_void_flag;
    const char *txn; /* online capture (M2 capture=true) */
};

/* Invoice::register (M1) / PayOperation (M2). */
static int decide_payment(struct md_ctx *ctx, struct md_order *o, const struct md_invoice *inv,
                          const struct md_create_req *req, const char *now, struct created *c,
                          struct md_fault *f)
{
    c->state = MD_INV_OPEN;
    c->can_void_flag = MD_NULL;
    c->txn = NULL;
    int can_capture = md_payment_can_capture(&o->pay);
    int pay = 0;
    if (req->mode == MD_CREATE_M1) {
        /* The API never requests a capture: capturable invoices stay open. */
        pay = !can_capture && !o->pay.is_gateway;
    } else if (can_capture && req->mode == MD_CREATE_M2_ONLINE) {
        if (md_gateway_capture(ctx->st, ctx->arena, o, inv->base_grand_total, now, &c->txn, f) != 0)
            return md_fault_setf(f, MDF_STATUS_NOT_CHANGED, M2_COULD_NOT);
        pay = 1;
        c->can_void_flag = MD_NULL;
    } else {
        pay = can_capture || !o->pay.is_gateway || req->mode == MD_CREATE_M2_OFFLINE;
    }
    if (pay) {
        if (!c->txn)
            c->can_void_flag = 0;
        c->state = MD_INV_PAID;
        if (md_invoice_pay(o, inv->grand_total, inv->base_grand_total, inv->shipping_amount,
                           inv->base_shipping_amount) != 0)
            return md_out_of_range(f, "the order's paid totals");
    }
    if (req->mode != MD_CREATE_M1)
        c->state = MD_INV_PAID; /* InvoiceOrder forces the paid state */
    if (md_invoice_register(o, inv) != 0)
        return md_out_of_range(f, "the order's invoiced totals");
    return 0;
}

/* ---- the operation ------------------------------------------------------------- */

static int load(struct md_ctx *ctx, const struct md_create_req *req, struct md_order *o,
                struct md_fault *f)
{
    int rc;
    if (req->order_inc) {
        rc = store_order_load_by_inc(ctx->st, ctx->arena, req->order_inc, o);
    } else if (req->mode != MD_CREATE_M1 && req->order_entity_id <= 0) {
        return md_fault_setf(f, MDF_DATA_INVALID, M2_NO_ID);
    } else {
        rc = req->order_entity_id > 0
                 ? store_order_load_by_id(ctx->st, ctx->arena, req->order_entity_id, o)
                 : 0;
    }
    if (rc < 0)
        return md_internal(f, "loading order", ctx->st);
    if (rc == 0)
        return req->mode == MD_CREATE_M1 ? md_fault_set(f, MDF_ORDER_NOT_EXISTS)
                                         : md_fault_setf(f, MDF_ORDER_NOT_EXISTS, M2_NOT_FOUND);
    return 0;
}

/* Everything between BEGIN and COMMIT; *id = the new entity id. */
static int create_tx(struct md_ctx *ctx, const struct md_create_req *req, const char *forced_inc,
                     const char *now, char inc[32], int64_t *id, struct md_fault *f)
{
    struct store *st = ctx->st;
    struct md_order o;
    struct md_invoice inv;
    struct m2_msgs qty_msgs = {.n = 0}, m2 = {.n = 0};
    if (load(ctx, req, &o, f) != 0)
        return -1;
    if (req->mode == MD_CREATE_M1 && !md_order_can_invoice(&o))
        return md_fault_setf(f, MDF_DATA_INVALID, "Cannot do invoice for order.");
    if (prepare(ctx, &o, req, &inv, &qty_msgs, f) != 0)
        return -1;
    if (req->mode != MD_CREATE_M1) {
        m2_validate(&o, req, &inv, &qty_msgs, &m2);
        if (m2.n)
            return m2_fault(&m2, f);
    }
    struct md_prev_invoices prev;
    if (store_invoice_prev(st, o.entity_id, &prev) != 0)
        return md_internal(f, "previous invoices", st);
    if (md_invoice_collect(&o, &inv, &prev) != 0)
        return md_out_of_range(f, "an invoice total");
    struct created c;
    if (decide_payment(ctx, &o, &inv, req, now, &c, f) != 0)
        return -1;
    if (forced_inc)
        snprintf(inc, 32, "%s", forced_inc);
    else if (store_seq_next(st, o.store_id, inc) != 0)
        return md_internal(f, "increment id", st);
    int notified = req->mode == MD_CREATE_M1 ? req->email : req->email && req->include_comment;
    if (store_invoice_insert(st, &o, &inv, inc, c.state, c.can_void_flag, req->email, now,
                             id) != 0 ||
        (c.txn && store_invoice_set_txn(st, *id, c.txn) != 0) ||
        (req->comment && store_comment_insert(st, *id, req->comment, notified,
                                           req->comment_visible_on_front, now) != 0) ||
        md_audit(ctx, *id, "create", now) != 0 ||
        (req->comment && md_audit(ctx, *id, "comment", now) != 0))
        return md_internal(f, "saving invoice", st);
    /* Order::_checkState on save: new → processing, complete when nothing
     * is left to invoice or ship and something was paid. */
    if (md_order_check_state(st, &o, now) != 0 || store_order_save(st, &o, now) != 0)
        return md_internal(f, "saving order", st);
    if (req->email && md_outbox_invoice(st, ctx->arena, &o, *id, inc, 0,
                                        req->include_comment ? req->comment : NULL, now) != 0)
        return md_internal(f, "email outbox", st);
    return 0;
}

int md_invoice_create_as(struct md_ctx *ctx, const struct md_create_req *req, const char *inc,
                         const char **inc_out, int64_t *entity_id_out, struct md_fault *f)
{
    char now[MD_TIME_LEN], newinc[32];
    int64_t id = 0;
    if (md_text_check("comment", req->comment, f) != 0)
        return -1;
    md_fmt_time(md_now(ctx), now);
    if (store_begin(ctx->st) != 0)
        return md_internal(f, "begin", ctx->st);
    if (create_tx(ctx, req, inc, now, newinc, &id, f) != 0) {
        store_rollback(ctx->st);
        return -1;
    }
    if (store_commit(ctx->st) != 0)
        return md_internal(f, "commit", ctx->st);
    if (inc_out && !(*inc_out = arena_strdup(ctx->arena, newinc)))
        return md_internal(f, "out of memory", NULL);
    if (entity_id_out)
        *entity_id_out = id;
    return 0;
}

int md_invoice_create(struct md_ctx *ctx, const struct md_create_req *req, const char **inc_out,
                      int64_t *entity_id_out, struct md_fault *f)
{
    return md_invoice_create_as(ctx, req, NULL, inc_out, entity_id_out, f);
}
