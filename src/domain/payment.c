/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The payment side of invoices (Mage_Sales_Model_Order_Payment) against the
 * built-in simulated gateway: pay bookkeeping, online capture and void with
 * their transactions, authorization state and order history texts.  The
 * order-import `payment.decline` hook makes a gateway call fail.
 */
#include <stdio.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/dec.h"

int md_invoice_pay(struct md_order *o, int64_t grand, int64_t base_grand, int64_t ship,
                   int64_t base_ship)
{
    const struct md_dec_op ops[] = {
        {&o->pay.amount_paid, grand},      {&o->pay.base_amount_paid, base_grand},
        {&o->pay.shipping_captured, ship}, {&o->pay.base_shipping_captured, base_ship},
        {&o->sums.total_paid, grand},      {&o->sums.base_total_paid, base_grand},
    };
    return md_dec_apply(ops, sizeof ops / sizeof ops[0], 1);
}

void md_format_price(const char *currency, int64_t amount, char *out, size_t len)
{
    static const char *const symbols[][2] = {
        {"USD", "$"}, {"EUR", "\xe2\x82\xac"}, {"GBP", "\xc2\xa3"}, {"JPY", "\xc2\xa5"},
        {"AUD", "A$"}, {"CAD", "CA$"},
    };
    const char *sym = NULL;
    for (size_t i = 0; currency && i < sizeof symbols / sizeof symbols[0]; i++)
        if (strcmp(symbols[i][0], currency) == 0)
            sym = symbols[i][1];
    int64_t cents = dec_round2(amount) / 100;
    int neg = cents < 0;
    uint64_t a = neg ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)(a / 100));
    /* thousands separators, as Zend_Currency prints them for en_US */
    size_t n = strlen(digits), g = 0;
    for (size_t i = 0; i < n && g + 2 < sizeof grouped; i++) {
        if (i && (n - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    if (sym)
        snprintf(out, len, "%s%s%s.%02llu", neg ? "-" : "", sym, grouped,
                 (unsigned long long)(a % 100));
    else
        snprintf(out, len, "%s%s %s.%02llu", neg ? "-" : "", currency ? currency : "", grouped,
                 (unsigned long long)(a % 100));
}

/* The authorization transaction id the gateway gave when the order was placed. */
static void auth_txn_id(struct store *st, const struct md_order *o, char *out, size_t len)
{
    if (store_payment_auth_txn(st, o, out, len) != 1)
        snprintf(out, len, "AUTH-%s", o->increment_id);
}

static int close_auth(struct store *st, struct md_order *o)
{
    o->pay.auth_state = MD_AUTH_CLOSED;
    return store_payment_close_auth(st, o);
}

static int declines(const struct md_order *o, const char *call)
{
    return o->pay.decline && strcmp(o->pay.decline, call) == 0;
}

int md_gateway_capture(struct store *st, struct arena *a, struct md_order *o, int64_t base_amount,
                       const char *now, const char **txn_out, struct md_fault *f)
{
    if (declines(o, "capture"))
        return md_fault_setf(f, MDF_STATUS_NOT_CHANGED, "Invoice capturing problem.");
    char hex[8], auth[96], price[48], msg[256];
    if (md_random_hex(hex, 3) != 0)
        return md_internal(f, "random", NULL);
    const char *txn = arena_printf(a, "CAP-%s-%s", o->increment_id, hex);
    if (!txn)
        return md_internal(f, "out of memory", NULL);
    auth_txn_id(st, o, auth, sizeof auth);
    /* Payment::_isCaptureFinal: the capture that covers what is left of the
     * order closes the authorization (partial captures keep it open). */
    int final = o->pay.base_amount_paid + base_amount >= o->base_grand_total;
    if (store_payment_add_txn(st, o, txn, auth, "capture", now) != 0 ||
        (final && close_auth(st, o) != 0))
        return md_internal(f, "capture transaction", st);
    o->pay.last_trans_id = txn;
    if (dec_add(o->pay.base_amount_paid_online, base_amount, &o->pay.base_amount_paid_online))
        return md_out_of_range(f, "the amount paid online");
    md_format_price(o->base_currency_code, base_amount, price, sizeof price);
    snprintf(msg, sizeof msg, "Captured amount of %s online. Transaction ID: \"%s\"", price, txn);
    if (md_order_set_state(st, o, "processing", msg, now) != 0)
        return md_internal(f, "order history", st);
    *txn_out = txn;
    return 0;
}

int md_gateway_void(struct store *st, struct md_order *o, const char *now, struct md_fault *f)
{
    if (declines(o, "void"))
        return md_fault_setf(f, MDF_STATUS_NOT_CHANGED, "Invoice void problem");
    char auth[96], txn[128], msg[256];
    auth_txn_id(st, o, auth, sizeof auth);
    snprintf(txn, sizeof txn, "%s-void", auth);
    if (store_payment_add_txn(st, o, txn, auth, "void", now) != 0 || close_auth(st, o) != 0)
        return md_internal(f, "void transaction", st);
    snprintf(msg, sizeof msg, "Voided authorization. Transaction ID: \"%s\"", txn);
    if (md_order_set_state(st, o, "processing", msg, now) != 0)
        return md_internal(f, "order history", st);
    return 0;
}
