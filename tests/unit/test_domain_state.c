/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The invoice state machine (§5.8): every starting situation × capture,
 * void, cancel on a fresh database, plus the gateway decline hooks (fault
 * 104 with Magento's generic text, nothing changed) and the order/payment
 * bookkeeping of each transition.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/dec.h"
#include "store/sqlite/sqlite_int.h"
#include "t.h"
#include "tools/tools.h"

static struct store *st;
static struct arena arena;
static struct cfg cfg;
static struct md_ctx ctx;

/* Order 1: gateway (authorizenet), item 1 qty 4 @ 10, shipping 5.
 * Order 2: checkmo, item 2 qty 1 @ 10.
 * Order 3: gateway that cannot capture.
 * Order 4/5: gateway declining capture / void. */
static const char orders[] =
    "{\"orders\": ["
    "{\"increment_id\": \"100000001\", \"order_id\": 1, \"state\": \"processing\","
    " \"shipping_amount\": 5, \"payment\": {\"method\": \"authorizenet\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"shipping_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 1, \"name\": \"Widget\", \"qty_ordered\": 4, \"price\": 10}]},"
    "{\"increment_id\": \"100000002\", \"order_id\": 2, \"payment\": {\"method\": \"checkmo\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 2, \"qty_ordered\": 1, \"price\": 10}]},"
    "{\"increment_id\": \"100000003\", \"order_id\": 3, \"payment\": {\"method\": \"gw\","
    " \"is_gateway\": true, \"can_capture\": false, \"can_void\": true},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 3, \"qty_ordered\": 1, \"price\": 10}]},"
    "{\"increment_id\": \"100000004\", \"order_id\": 4, \"payment\": {\"method\": "
    "\"authorizenet\", \"decline\": \"capture\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 4, \"qty_ordered\": 2, \"price\": 10}]},"
    "{\"increment_id\": \"100000005\", \"order_id\": 5, \"payment\": {\"method\": "
    "\"authorizenet\", \"decline\": \"void\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 5, \"qty_ordered\": 2, \"price\": 10}]}"
    "]}";

static void fresh(void)
{
    char err[512];
    store_close(st);
    arena_reset(&arena);
    if (store_open(":memory:", &cfg, &st, err, sizeof err) != 0 ||
        md_import_json(st, orders, strlen(orders), 0, err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        exit(2);
    }
    ctx = (struct md_ctx){st, &cfg, &arena, NULL, NULL, 0, NULL, NULL, NULL};
}

static const char *create(const char *order, int64_t item, int64_t qty)
{
    struct md_qty q = {item, qty * 10000};
    struct md_create_req req = {.order_inc = order, .qty = item ? &q : NULL, .nqty = item ? 1 : 0};
    struct md_fault f;
    const char *inc = NULL;
    if (md_invoice_create(&ctx, &req, &inc, NULL, &f) != 0)
        fprintf(stderr, "create %s: %d %s\n", order, f.code, f.msg);
    return inc;
}

static int64_t q(const char *sql, const char *arg)
{
    int64_t v = -1;
    st_query_int(st, sql, &v, arg ? "s" : NULL, arg);
    return v;
}

static int64_t inv_state(const char *inc)
{
    return q("SELECT state FROM sales_flat_invoice WHERE increment_id = ?", inc);
}

/* ---- starting situations ----------------------------------------------------------- */

enum start { OPEN_GW, PAID_OFFLINE, PAID_GW_AUTH_OPEN, PAID_GW_AUTH_CLOSED, CANCELED,
             OPEN_NO_CAPTURE, NSTART };
static const char *const start_names[] = {"open (gateway)", "paid (offline)",
                                          "paid (gateway, auth open)",
                                          "paid (gateway, auth closed)", "canceled",
                                          "open (gateway cannot capture)"};

static const char *prepare(enum start s)
{
    struct md_fault f;
    const char *inc = NULL;
    fresh();
    switch (s) {
    case OPEN_GW:
        return create("100000001", 1, 2);
    case PAID_OFFLINE:
        return create("100000002", 0, 0);
    case PAID_GW_AUTH_OPEN:
        inc = create("100000001", 1, 2);
        break;
    case PAID_GW_AUTH_CLOSED:
        inc = create("100000001", 0, 0);
        break;
    case CANCELED:
        inc = create("100000001", 1, 2);
        md_invoice_cancel(&ctx, inc, &f);
        return inc;
    case OPEN_NO_CAPTURE:
        return create("100000003", 0, 0);
    case NSTART:
        break;
    }
    if (inc && md_invoice_capture(&ctx, inc, &f) != 0)
        fprintf(stderr, "capture: %s\n", f.msg);
    return inc;
}

enum action { CAPTURE, VOID, CANCEL, NACTION };
static const char *const refusals[] = {"Invoice cannot be captured.", "Invoice cannot be voided.",
                                       "Invoice cannot be canceled."};

/* expected invoice state after the action; 0 = refused with fault 104 */
static const int expect[NSTART][NACTION] = {
    [OPEN_GW] = {2, 0, 3},
    [PAID_OFFLINE] = {0, 0, 0},
    [PAID_GW_AUTH_OPEN] = {0, 3, 0},
    [PAID_GW_AUTH_CLOSED] = {0, 0, 0},
    [CANCELED] = {0, 0, 0},
    [OPEN_NO_CAPTURE] = {0, 0, 3},
};

static int act(enum action a, const char *inc, struct md_fault *f)
{
    switch (a) {
    case CAPTURE:
        return md_invoice_capture(&ctx, inc, f);
    case VOID:
        return md_invoice_void(&ctx, inc, f);
    default:
        return md_invoice_cancel(&ctx, inc, f);
    }
}

static void state_machine_table(void)
{
    for (int s = 0; s < NSTART; s++) {
        for (int a = 0; a < NACTION; a++) {
            const char *inc = prepare((enum start)s);
            CHECK(inc != NULL);
            if (!inc)
                continue;
            int64_t before = inv_state(inc);
            struct md_fault f = {0, ""};
            int rc = act((enum action)a, inc, &f);
            if (expect[s][a]) {
                if (rc != 0)
                    fprintf(stderr, "%s × %d: fault %d %s\n", start_names[s], a, f.code, f.msg);
                CHECK_EQ_INT(rc, 0);
                CHECK_EQ_INT(inv_state(inc), expect[s][a]);
            } else {
                CHECK(rc != 0);
                CHECK_EQ_INT(f.code, 104);
                CHECK_EQ_STR(f.msg, refusals[a]);
                CHECK_EQ_INT(inv_state(inc), before);
            }
            struct md_fault g;
            CHECK(act((enum action)a, "999999999", &g) != 0 && g.code == 100);
        }
    }
}

/* Paid gateway invoice refused because the authorization is closed:
 * Magento remembers it in can_void_flag = 0. */
static void state_void_refusal_sets_flag(void)
{
    struct md_fault f;
    const char *inc = prepare(PAID_GW_AUTH_CLOSED);
    CHECK_EQ_INT(q("SELECT can_void_flag IS NULL FROM sales_flat_invoice WHERE increment_id = ?",
                   inc), 1);
    CHECK(md_invoice_void(&ctx, inc, &f) != 0);
    CHECK_EQ_INT(q("SELECT can_void_flag FROM sales_flat_invoice WHERE increment_id = ?", inc), 0);
}

static void state_bookkeeping(void)
{
    struct md_fault f;
    const char *inc = prepare(OPEN_GW); /* 2 of 4 @ 10 + 5 shipping = 25 */
    CHECK_EQ_INT(q("SELECT qty_invoiced FROM sales_flat_order_item WHERE item_id = 1", NULL),
                 20000);
    CHECK_EQ_INT(q("SELECT total_invoiced FROM sales_flat_order WHERE entity_id = 1", NULL),
                 250000);
    CHECK_EQ_INT(q("SELECT total_paid FROM sales_flat_order WHERE entity_id = 1", NULL), 0);
    CHECK_EQ_INT(md_invoice_capture(&ctx, inc, &f), 0);
    CHECK_EQ_INT(q("SELECT total_paid FROM sales_flat_order WHERE entity_id = 1", NULL), 250000);
    CHECK_EQ_INT(q("SELECT amount_paid FROM sales_flat_order_payment WHERE parent_id = 1", NULL),
                 250000);
    CHECK_EQ_INT(q("SELECT auth_state FROM sales_flat_order_payment WHERE parent_id = 1", NULL),
                 MD_AUTH_OPEN); /* 25 of 45 captured */
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order_status_history WHERE comment LIKE "
                   "'Captured amount of $25.00 online. Transaction ID: \"CAP-100000001-%'",
                   NULL), 1);
    CHECK_EQ_INT(md_invoice_void(&ctx, inc, &f), 0);
    CHECK_EQ_INT(q("SELECT qty_invoiced FROM sales_flat_order_item WHERE item_id = 1", NULL), 0);
    CHECK_EQ_INT(q("SELECT total_invoiced + total_paid + shipping_invoiced FROM "
                   "sales_flat_order WHERE entity_id = 1", NULL), 0);
    CHECK_EQ_INT(q("SELECT auth_state FROM sales_flat_order_payment WHERE parent_id = 1", NULL),
                 MD_AUTH_CLOSED); /* a void closes the authorization */
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order_status_history WHERE comment LIKE "
                   "'Voided authorization.%'", NULL), 1);
    /* the next invoice carries the shipping again (the shipped one was canceled) */
    inc = create("100000001", 1, 1);
    CHECK_EQ_INT(q("SELECT shipping_amount FROM sales_flat_invoice WHERE increment_id = ?", inc),
                 50000);
    /* and cannot be captured: the authorization is closed */
    CHECK(md_invoice_capture(&ctx, inc, &f) != 0 && f.code == 104);
}

/* The capture covering the order's last remaining amount closes the
 * authorization: later paid invoices cannot be voided. */
static void state_full_capture_closes_authorization(void)
{
    struct md_fault f;
    fresh();
    const char *a = create("100000001", 1, 1), *b = create("100000001", 1, 3);
    CHECK_EQ_INT(md_invoice_capture(&ctx, a, &f), 0);
    CHECK_EQ_INT(q("SELECT auth_state FROM sales_flat_order_payment WHERE parent_id = 1", NULL),
                 MD_AUTH_OPEN);
    CHECK_EQ_INT(md_invoice_capture(&ctx, b, &f), 0);
    CHECK_EQ_INT(q("SELECT auth_state FROM sales_flat_order_payment WHERE parent_id = 1", NULL),
                 MD_AUTH_CLOSED);
    CHECK(md_invoice_void(&ctx, a, &f) != 0 && f.code == 104);
    CHECK_EQ_STR(f.msg, "Invoice cannot be voided.");
}

static void state_decline_hooks_change_nothing(void)
{
    struct md_fault f;
    fresh();
    const char *inc = create("100000004", 0, 0);
    CHECK(md_invoice_capture(&ctx, inc, &f) != 0);
    CHECK_EQ_INT(f.code, 104);
    CHECK_EQ_STR(f.msg, "Invoice capturing problem.");
    CHECK_EQ_INT(inv_state(inc), 1);
    CHECK_EQ_INT(q("SELECT total_paid FROM sales_flat_order WHERE entity_id = 4", NULL), 0);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_payment_transaction WHERE order_id = 4 AND "
                   "txn_type = 'capture'", NULL), 0);
    inc = create("100000005", 5, 1);
    CHECK_EQ_INT(md_invoice_capture(&ctx, inc, &f), 0);
    CHECK(md_invoice_void(&ctx, inc, &f) != 0);
    CHECK_EQ_INT(f.code, 104);
    CHECK_EQ_STR(f.msg, "Invoice void problem");
    CHECK_EQ_INT(inv_state(inc), 2);
    CHECK_EQ_INT(q("SELECT auth_state FROM sales_flat_order_payment WHERE parent_id = 5", NULL),
                 MD_AUTH_OPEN);
}

/* Creating: fault order and messages of §5.10. */
static void state_create_refusals(void)
{
    struct md_fault f;
    const char *inc;
    fresh();
    struct md_create_req req = {.order_inc = "nope"};
    CHECK(md_invoice_create(&ctx, &req, &inc, NULL, &f) != 0 && f.code == 103);
    struct md_qty over = {1, 50000};
    req = (struct md_create_req){.order_inc = "100000001", .qty = &over, .nqty = 1};
    CHECK(md_invoice_create(&ctx, &req, &inc, NULL, &f) != 0 && f.code == 1);
    CHECK_EQ_STR(f.msg, "Invalid qty to invoice item \"Widget\"");
    /* a fraction of an integer item is dropped (2.7 → 2) */
    struct md_qty frac = {1, 27000};
    req.qty = &frac;
    CHECK_EQ_INT(md_invoice_create(&ctx, &req, &inc, NULL, &f), 0);
    CHECK_EQ_INT(q("SELECT total_qty FROM sales_flat_invoice WHERE increment_id = ?", inc),
                 20000);
    sqlite3_exec(st->db, "UPDATE sales_flat_order SET state = 'holded' WHERE entity_id = 1", NULL,
                 NULL, NULL);
    CHECK(md_invoice_create(&ctx, &req, &inc, NULL, &f) != 0 && f.code == 102);
    CHECK_EQ_STR(f.msg, "Cannot do invoice for order.");
}

/* The one qty rule: NaN/"abc"/past decimal(12,4) (DEC_INVALID from a
 * decoder), negatives and qtys past the limit refuse the whole create with
 * Magento's fault 1 text; nothing is stored. */
static void state_create_refuses_bad_qty(void)
{
    struct md_fault f;
    const char *inc;
    fresh();
    static const int64_t bad[] = {DEC_INVALID, -1, -10000, DEC_MAX + 1, INT64_MAX};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct md_qty qty = {1, bad[i]};
        struct md_create_req req = {.order_inc = "100000001", .qty = &qty, .nqty = 1};
        CHECK(md_invoice_create(&ctx, &req, &inc, NULL, &f) != 0 && f.code == 1);
        CHECK_EQ_STR(f.msg, "Invalid qty to invoice item \"Widget\"");
    }
    /* a bad entry refuses the create even beside a good one, or for an unknown item */
    struct md_qty two[] = {{1, 10000}, {99, DEC_INVALID}};
    struct md_create_req req = {.order_inc = "100000001", .qty = two, .nqty = 2};
    CHECK(md_invoice_create(&ctx, &req, &inc, NULL, &f) != 0 && f.code == 1);
    CHECK_EQ_STR(f.msg, "Invalid qty to invoice item \"99\"");
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_invoice", NULL), 0);
    CHECK_EQ_INT(q("SELECT qty_invoiced FROM sales_flat_order_item WHERE item_id = 1", NULL), 0);
    /* the limits themselves: 0 invoices nothing of the item, DEC_MAX asks too much */
    struct md_qty zero[] = {{1, 0}}, max[] = {{1, DEC_MAX}};
    req.qty = max;
    req.nqty = 1;
    CHECK(md_invoice_create(&ctx, &req, &inc, NULL, &f) != 0 && f.code == 1);
    CHECK_EQ_STR(f.msg, "Invalid qty to invoice item \"Widget\"");
    req.qty = zero;
    CHECK_EQ_INT(md_invoice_create(&ctx, &req, &inc, NULL, &f), 0);
    CHECK_EQ_INT(q("SELECT total_qty FROM sales_flat_invoice WHERE increment_id = ?", inc), 0);
    /* Magento 2 (REST): a validation message naming the SKU, HTTP 400 */
    struct md_qty neg = {2, -10000};
    req = (struct md_create_req){.order_entity_id = 2, .qty = &neg, .nqty = 1,
                                 .mode = MD_CREATE_M2_OFFLINE};
    sqlite3_exec(st->db, "UPDATE sales_flat_order_item SET sku = 'SKU-2' WHERE item_id = 2",
                 NULL, NULL, NULL);
    CHECK(md_invoice_create(&ctx, &req, &inc, NULL, &f) != 0 && f.code == 102);
    CHECK(strstr(f.msg, "\nThe quantity to invoice for product SKU \"SKU-2\" must be a number "
                        "from 0 to 99999999.9999.") != NULL);
}

/* Totals that would leave decimal(12,4) are fault 102, with nothing stored. */
static void state_amounts_out_of_range(void)
{
    struct md_fault f;
    const char *inc;
    fresh();
    sqlite3_exec(st->db, "UPDATE sales_flat_order SET total_invoiced = 999999999999 "
                         "WHERE entity_id = 2", NULL, NULL, NULL);
    struct md_create_req req = {.order_inc = "100000002"};
    CHECK(md_invoice_create(&ctx, &req, &inc, NULL, &f) != 0 && f.code == 102);
    CHECK_EQ_STR(f.msg, "Amount out of range: the order's invoiced totals would fall outside "
                        "-99999999.9999 to 99999999.9999.");
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_invoice", NULL), 0);
    CHECK_EQ_INT(q("SELECT qty_invoiced FROM sales_flat_order_item WHERE item_id = 2", NULL), 0);

    /* capture: the paid totals */
    inc = create("100000001", 1, 2);
    CHECK(inc != NULL);
    sqlite3_exec(st->db, "UPDATE sales_flat_order SET total_paid = 999999999999 "
                         "WHERE entity_id = 1", NULL, NULL, NULL);
    CHECK(md_invoice_capture(&ctx, inc, &f) != 0 && f.code == 102);
    CHECK_EQ_STR(f.msg, "Amount out of range: the order's paid totals would fall outside "
                        "-99999999.9999 to 99999999.9999.");
    CHECK_EQ_INT(inv_state(inc), 1);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_payment_transaction WHERE txn_type = 'capture'",
                   NULL),
                 0);
    /* cancel: Payment::cancelInvoice subtracts from the paid amounts */
    sqlite3_exec(st->db, "UPDATE sales_flat_order_payment SET amount_paid = -999999999999 "
                         "WHERE parent_id = 1", NULL, NULL, NULL);
    CHECK(md_invoice_cancel(&ctx, inc, &f) != 0 && f.code == 102);
    CHECK_EQ_STR(f.msg, "Amount out of range: the order's paid amounts would fall outside "
                        "-99999999.9999 to 99999999.9999.");
    CHECK_EQ_INT(inv_state(inc), 1);
}

int main(void)
{
    cfg_defaults(&cfg);
    arena_init(&arena, 0);
    T_RUN(state_machine_table);
    T_RUN(state_void_refusal_sets_flag);
    T_RUN(state_bookkeeping);
    T_RUN(state_full_capture_closes_authorization);
    T_RUN(state_decline_hooks_change_nothing);
    T_RUN(state_create_refusals);
    T_RUN(state_create_refuses_bad_qty);
    T_RUN(state_amounts_out_of_range);
    store_close(st);
    arena_free(&arena);
    return t_done();
}
