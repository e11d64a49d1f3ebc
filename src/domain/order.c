/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Orders in memory: Magento's order predicates (canInvoice, canShip,
 * canCreditmemo, _checkState), state changes and payment profiles.  The
 * store loads and saves them (store.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/dec.h"

/* ---- items ------------------------------------------------------------------ */

struct md_order_item *md_order_item_find(struct md_order *o, int64_t item_id)
{
    for (size_t i = 0; i < o->nitems; i++)
        if (o->items[i].item_id == item_id)
            return &o->items[i];
    return NULL;
}

/* ---- predicates (Mage_Sales_Model_Order, Order_Item) ------------------------ */

/* Configurable children follow their parent: their price lives on the
 * parent, so they are "dummies" for invoicing. */
int md_item_is_dummy(const struct md_order_item *it)
{
    return it->parent_item_id != 0;
}

int64_t md_item_qty_to_invoice(const struct md_order_item *it)
{
    if (md_item_is_dummy(it))
        return 0;
    int64_t q = it->qty_ordered - it->qty_invoiced - it->qty_canceled;
    return q > 0 ? q : 0;
}

static int64_t item_qty_to_ship(const struct md_order_item *it)
{
    int64_t q = it->qty_ordered - it->qty_shipped - it->qty_refunded - it->qty_canceled;
    return q > 0 ? q : 0;
}

static int state_is(const struct md_order *o, const char *s)
{
    return o->state && strcmp(o->state, s) == 0;
}

int md_order_can_invoice(const struct md_order *o)
{
    if (state_is(o, "holded") || state_is(o, "payment_review") || state_is(o, "canceled") ||
        state_is(o, "complete") || state_is(o, "closed"))
        return 0;
    for (size_t i = 0; i < o->nitems; i++)
        if (md_item_qty_to_invoice(&o->items[i]) > 0 && !o->items[i].locked_do_invoice)
            return 1;
    return 0;
}

int md_order_can_ship(const struct md_order *o)
{
    if (state_is(o, "holded") || state_is(o, "payment_review") || state_is(o, "canceled") ||
        o->is_virtual)
        return 0;
    for (size_t i = 0; i < o->nitems; i++)
        if (item_qty_to_ship(&o->items[i]) > 0 && !o->items[i].is_virtual &&
            !md_item_is_dummy(&o->items[i]))
            return 1;
    return 0;
}

int md_order_can_creditmemo(const struct md_order *o)
{
    if (state_is(o, "holded") || state_is(o, "payment_review") || state_is(o, "canceled") ||
        state_is(o, "closed"))
        return 0;
    int64_t d = dec_round2(o->sums.total_paid) - o->sums.total_refunded;
    return d >= 1 || d <= -1; /* |paid - refunded| >= 0.0001 */
}

const char *md_state_default_status(const char *state)
{
    static const char *const map[][2] = {
        {"new", "pending"},         {"pending_payment", "pending_payment"},
        {"processing", "processing"}, {"complete", "complete"},
        {"closed", "closed"},       {"canceled", "canceled"},
        {"holded", "holded"},       {"payment_review", "payment_review"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], state) == 0)
            return map[i][1];
    return state;
}

int md_order_set_state(struct store *st, struct md_order *o, const char *state,
                       const char *comment, const char *now)
{
    o->state = state;
    o->status = md_state_default_status(state);
    o->state_changed = 1;
    return store_order_add_history(st, o, comment ? comment : "", "order", now);
}

int md_order_check_state(struct store *st, struct md_order *o, const char *now)
{
    if (!state_is(o, "canceled") && !state_is(o, "holded") && !md_order_can_invoice(o) &&
        !md_order_can_ship(o)) {
        if (o->base_grand_total == 0 || md_order_can_creditmemo(o)) {
            if (!state_is(o, "complete"))
                return md_order_set_state(st, o, "complete", "", now);
        } else if (o->sums.total_refunded != 0) {
            if (!state_is(o, "closed"))
                return md_order_set_state(st, o, "closed", "", now);
        }
    }
    if (state_is(o, "new"))
        return md_order_set_state(st, o, "processing", "", now);
    return 0;
}

/* ---- payment profiles ------------------------------------------------------ */

static const struct md_pay_profile profiles[] = {
    {"checkmo", 0, 0, 0, 0},         {"banktransfer", 0, 0, 0, 0},
    {"cashondelivery", 0, 0, 0, 0},  {"purchaseorder", 0, 0, 0, 0},
    {"free", 0, 0, 0, 0},            {"authorizenet", 1, 1, 1, 1},
    {"paypal_direct", 1, 1, 1, 1},   {"verisign", 1, 1, 1, 1},
    {"paypaluk_direct", 1, 1, 1, 1},
};

const struct md_pay_profile *md_pay_profile_find(const char *method)
{
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (strcmp(profiles[i].method, method) == 0)
            return &profiles[i];
    return NULL;
}

/* Payment::canCapture: the method can capture, and a closed authorization
 * (fully captured or voided) leaves nothing to capture against. */
int md_payment_can_capture(const struct md_payment *p)
{
    return p->can_capture && p->auth_state != MD_AUTH_CLOSED;
}

/* Payment::canVoid: the method can void and the authorization is open. */
int md_payment_can_void(const struct md_payment *p)
{
    return p->can_void && p->auth_state == MD_AUTH_OPEN;
}

