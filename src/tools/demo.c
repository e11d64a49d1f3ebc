/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Demo data: the API user apiUser/apiKey (role all) and orders and invoices
 * on which every example of the seed documents runs as written:
 *   - invoice 200000006 (entity 1, order 200000002, store 2) answers info
 *     exactly as the Magento documentation shows it;
 *   - invoice 100000001 is OPEN on gateway order 100000001 (item 1, qty 5),
 *     whose authorization stays open (JSON-RPC examples);
 *   - order 100000003 is a gateway order not invoiced yet (create → info →
 *     addComment → capture);
 *   - order 100000016 (gateway, item 15 qty 10) and its OPEN invoice
 *     100000016 (capture examples); invoice 100000013 OPEN (cancel example);
 *   - order 200000008 (store 2, items 16 and 17: create example);
 *   - invoice 100000002 canceled, so `state in 2,3` lists rows.
 * Orders go through the normal import and invoices through the normal
 * create/cancel code with a fixed clock, all in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "domain/domain_int.h"
#include "tools/tools.h"

#define ADDR(first, last, email)                                                                \
    "{\"firstname\": \"" first "\", \"lastname\": \"" last "\", \"street\": \"10441 Jefferson "  \
    "Blvd\", \"city\": \"Culver City\", \"region\": \"California\", \"postcode\": \"90232\", "   \
    "\"country_id\": \"US\", \"telephone\": \"310-555-0100\", \"email\": \"" email "\"}"

#define ORDER(id, inc, store, created, state, method, first, last, email, ship, items)          \
    "{\"order_id\": " #id ", \"increment_id\": \"" inc "\", \"store_id\": " #store               \
    ", \"created_at\": \"" created "\", \"state\": \"" state "\", \"customer_email\": \"" email  \
    "\", \"customer_firstname\": \"" first "\", \"customer_lastname\": \"" last                  \
    "\", \"shipping_amount\": " ship ", \"customer_id\": " #id ", \"customer_group_id\": 1, "    \
    "\"shipping_method\": \"flatrate_flatrate\", \"shipping_description\": \"Flat Rate - "    \
    "Fixed\", \"remote_ip\": \"127.0.0.1\", \"status_history\": [{\"status\": \"pending\", "     \
    "\"comment\": \"Order placed\", \"is_customer_notified\": true}], \"payment\": "         \
    "{\"method\": \"" method "\", \"cc_owner\": \"" first " " last "\"}, \"billing_address\": "  \
    ADDR(first, last, email) ", \"shipping_address\": " ADDR(first, last, email)             \
    ", \"items\": [" items "]}"

#define ITEM(id, product, sku, name, qty, price)                                               \
    "{\"item_id\": " #id ", \"product_id\": " #product ", \"sku\": \"" sku "\", \"name\": \""  \
    name "\", \"qty_ordered\": " #qty ", \"price\": " price "}"

static const char demo_orders[] =
    "{\"orders\": ["
    ORDER(1, "100000001", 1, "2012-03-30 11:40:12", "processing", "authorizenet", "John", "Doe",
          "john.doe@example.com", "10",
          ITEM(1, 101, "product123", "Test Product", 5, "70") ","
          ITEM(2, 102, "product456", "Second Product", 1, "10")) ","
    ORDER(2, "200000002", 2, "2012-03-30 12:01:50", "new", "checkmo", "Jane", "Smith",
          "jane.smith@example.com", "5",
          ITEM(3, 1, "n2610-slider", "Nokia 2610 Phone", 1, "379.98")) ","
    ORDER(3, "100000003", 1, "2012-03-30 12:05:41", "processing", "authorizenet", "Alice",
          "Walker", "alice.walker@example.com", "5",
          ITEM(4, 166, "HTC Touch Diamond", "HTC Touch Diamond", 1, "750")) ","
    ORDER(4, "100000002", 1, "2012-03-30 12:06:03", "processing", "authorizenet", "Bob",
          "Brown", "bob.brown@example.com", "5",
          ITEM(5, 17, "bb8100", "BlackBerry 8100 Pearl", 1, "349.99")) ","
    ORDER(5, "100000013", 1, "2012-04-02 09:12:45", "processing", "authorizenet", "Carol",
          "White", "carol.white@example.com", "10",
          ITEM(6, 20, "canon-powershot-a630", "Canon PowerShot A630 8MP Digital Camera", 1,
               "329.99") ","
          ITEM(7, 25, "kodak-easyshare-m753", "Kodak EasyShare M753 Zoom Digital Camera", 1,
               "99.99")) ","
    ORDER(6, "200000008", 2, "2012-04-03 15:20:11", "new", "checkmo", "David", "Green",
          "david.green@example.com", "5",
          ITEM(16, 30, "coalesce-shirt", "Coalesce: Functioning On Impatience T-Shirt", 5,
               "15") ","
          ITEM(17, 31, "zolof-shirt", "Zolof The Rock And Roll Destroyer: LOL Cat T-shirt", 1,
               "13.5")) ","
    ORDER(7, "100000016", 1, "2012-04-05 10:00:00", "processing", "authorizenet", "Erin",
          "Black", "erin.black@example.com", "5",
          ITEM(15, 1, "n2610-slider", "Nokia 2610 Phone", 10, "149.99") ","
          ITEM(18, 40, "usb-cable", "USB Cable", 1, "9.99"))
    "]}";

/* The invoices, created in this order (200000006 must be entity 1). */
static const struct {
    const char *order, *inc, *at;
    int64_t item, qty; /* item 0 = the whole order */
    int cancel;
} demo_invoices[] = {
    {"200000002", "200000006", "2012-03-30 12:02:19", 0, 0, 0},
    {"100000001", "100000001", "2012-03-30 11:45:30", 1, 2, 0},
    {"100000002", "100000002", "2012-03-30 12:07:10", 0, 0, 1},
    {"100000013", "100000013", "2012-04-02 09:15:00", 0, 0, 0},
    {"100000016", "100000016", "2012-04-05 10:05:00", 18, 1, 0},
};

static int64_t demo_clock(void *arg)
{
    return *(const int64_t *)arg;
}

static int make_invoices(struct md_ctx *ctx, int64_t *clock, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof demo_invoices / sizeof demo_invoices[0]; i++) {
        struct md_qty q = {demo_invoices[i].item, demo_invoices[i].qty * 10000};
        struct md_create_req req;
        struct md_fault f;
        memset(&req, 0, sizeof req);
        req.order_inc = demo_invoices[i].order;
        req.qty = demo_invoices[i].item ? &q : NULL;
        req.nqty = demo_invoices[i].item ? 1 : 0;
        req.mode = MD_CREATE_M1;
        md_parse_time(demo_invoices[i].at, clock);
        if (md_invoice_create_as(ctx, &req, demo_invoices[i].inc, NULL, NULL, &f) != 0 ||
            (demo_invoices[i].cancel && md_invoice_cancel(ctx, demo_invoices[i].inc, &f) != 0)) {
            snprintf(err, errlen, "demo invoice %s: %s", demo_invoices[i].inc, f.msg);
            return -1;
        }
    }
    /* Later invoices must never take a demo number. */
    if (store_seq_advance(ctx->st, 1, 16) != 0 || store_seq_advance(ctx->st, 2, 6) != 0) {
        snprintf(err, errlen, "demo: increment sequence: %s", store_errmsg(ctx->st));
        return -1;
    }
    return 0;
}

/* 1 = already loaded, 0 = not there, -1 = partly there (conflict). */
static int demo_state(struct store *st)
{
    static const char *const orders[] = {"100000001", "200000002", "100000003", "100000002",
                                         "100000013", "200000008", "100000016"};
    int64_t n = 0, u = 0;
    if (store_count_orders(st, orders, sizeof orders / sizeof orders[0], &n) != 0 ||
        store_count_users(st, "apiUser", &u) != 0)
        return -1;
    if (n == 7 && u == 1)
        return 1;
    return n == 0 ? 0 : -1;
}

static int load_tx(struct store *st, const struct cfg *cfg, char *err, size_t errlen)
{
    struct arena a;
    int64_t clock = 0;
    struct md_ctx ctx = {.st = st, .cfg = cfg, .arena = &a, .now = demo_clock,
                         .clock_arg = &clock, .actor = "demo"};
    int rc;
    if (md_import_json_at(st, demo_orders, sizeof demo_orders - 1, 0, "2012-03-30 11:00:00",
                          err, errlen) != 0)
        return -1;
    arena_init(&a, 0);
    rc = make_invoices(&ctx, &clock, err, errlen);
    arena_free(&a);
    if (rc == 0 && md_user_add(st, cfg, "apiUser", "apiKey", NULL, err, errlen) != 0)
        rc = -1;
    return rc;
}

int md_demo_load(struct store *st, const struct cfg *cfg, char *err, size_t errlen)
{
    int state = demo_state(st);
    if (state != 0) {
        snprintf(err, errlen, "the database already holds %s; run `magesoapd demo --reset` (or "
                              "`magesoapd reset --demo`) to replace every order and invoice with "
                              "the demo data",
                 state == 1 ? "the demo data" : "some of the demo orders");
        return -1;
    }
    /* One transaction: the import and invoice code nest as savepoints. */
    if (store_begin(st) != 0) {
        snprintf(err, errlen, "demo: %s", store_errmsg(st));
        return -1;
    }
    if (load_tx(st, cfg, err, errlen) != 0) {
        store_rollback(st);
        return -1;
    }
    if (store_commit(st) != 0) {
        snprintf(err, errlen, "demo: %s", store_errmsg(st));
        return -1;
    }
    return 0;
}

int md_store_is_empty(struct store *st)
{
    return store_is_empty(st);
}

int md_reset(struct store *st, const struct cfg *cfg, int demo, const char *fixture, char *err,
             size_t errlen)
{
    if (store_begin(st) != 0) {
        snprintf(err, errlen, "reset: %s", store_errmsg(st));
        return -1;
    }
    if (store_clear_data(st) != 0) {
        snprintf(err, errlen, "reset: %s", store_errmsg(st));
        store_rollback(st);
        return -1;
    }
    int rc = 0;
    if (demo)
        rc = load_tx(st, cfg, err, errlen);
    else if (fixture)
        rc = md_import_file(st, fixture, 0, err, errlen);
    if (rc != 0) {
        store_rollback(st);
        return -1;
    }
    if (store_commit(st) != 0) {
        snprintf(err, errlen, "reset: %s", store_errmsg(st));
        return -1;
    }
    return 0;
}
