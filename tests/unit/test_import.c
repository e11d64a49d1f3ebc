/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Order import (spec/order-import.md): computed totals and defaults, unknown
 * fields refused by name, atomic rollback, --replace rules, id handling.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/domain_int.h"
#include "magesoapd/dec.h"
#include "store/sqlite/sqlite_int.h"
#include "t.h"
#include "tools/tools.h"

static struct store *st;
static struct cfg cfg;
static char err[1024];

#define BILL "\"billing_address\": {\"firstname\": \"Jane\", \"lastname\": \"Doe\"}"
#define PAY "\"payment\": {\"method\": \"checkmo\"}"
#define ITEM "\"items\": [{\"qty_ordered\": 1, \"price\": 10}]"

static void reopen(void)
{
    store_close(st);
    cfg_defaults(&cfg);
    if (store_open(":memory:", &cfg, &st, err, sizeof err) != 0)
        exit(2);
}

static int import(const char *json, int replace)
{
    err[0] = '\0';
    return md_import_json(st, json, strlen(json), replace, err, sizeof err);
}

static int64_t q(const char *sql)
{
    int64_t v = -1;
    st_query_int(st, sql, &v, NULL);
    return v;
}

static void import_computes_totals(void)
{
    reopen();
    const char *doc =
        "{\"orders\": [{\"increment_id\": \"100000016\", \"order_id\": 16, \"store_id\": 2,"
        " \"created_at\": \"2026-11-01 10:00:00\", \"base_to_order_rate\": 2,"
        " \"shipping_amount\": 5, \"shipping_tax_amount\": 0.5, \"discount_amount\": 4," PAY ","
        BILL ", \"shipping_address\": {\"firstname\": \"Jane\", \"lastname\": \"Doe\"},"
        " \"items\": [{\"item_id\": 15, \"sku\": \"n2610\", \"name\": \"Nokia\","
        " \"qty_ordered\": 2, \"price\": 379.98, \"tax_amount\": 3, \"discount_amount\": 1},"
        " {\"item_id\": 16, \"qty_ordered\": 1.5, \"is_qty_decimal\": true, \"price\": 2}]}]}";
    CHECK_EQ_INT(import(doc, 0), 0);
    if (err[0])
        fprintf(stderr, "%s\n", err);
    CHECK_EQ_INT(q("SELECT subtotal FROM sales_flat_order"), 7629600);       /* 759.96 + 3 */
    CHECK_EQ_INT(q("SELECT tax_amount FROM sales_flat_order"), 35000);       /* 3 + 0.5 */
    CHECK_EQ_INT(q("SELECT discount_amount FROM sales_flat_order"), -40000); /* negative */
    CHECK_EQ_INT(q("SELECT shipping_discount_amount FROM sales_flat_order"), 30000);
    CHECK_EQ_INT(q("SELECT grand_total FROM sales_flat_order"), 7629600 + 50000 + 35000 - 40000);
    CHECK_EQ_INT(q("SELECT base_subtotal FROM sales_flat_order"), 3814800); /* / 2 */
    CHECK_EQ_INT(q("SELECT base_price FROM sales_flat_order_item WHERE item_id = 15"), 1899900);
    CHECK_EQ_INT(q("SELECT row_total_incl_tax FROM sales_flat_order_item WHERE item_id = 15"),
                 7599600 + 30000);
    CHECK_EQ_INT(q("SELECT price_incl_tax FROM sales_flat_order_item WHERE item_id = 15"),
                 3814800);
    CHECK_EQ_INT(q("SELECT store_id FROM sales_flat_order_item WHERE item_id = 16"), 2);
    CHECK_EQ_INT(q("SELECT total_qty_ordered FROM sales_flat_order"), 35000);
    /* defaults */
    CHECK_EQ_INT(q("SELECT state = 'new' AND status = 'pending' FROM sales_flat_order"), 1);
    CHECK_EQ_INT(q("SELECT order_currency_code = 'USD' FROM sales_flat_order"), 1);
    /* addresses numbered like Magento's: 2n-1, 2n */
    CHECK_EQ_INT(q("SELECT billing_address_id FROM sales_flat_order"), 31);
    CHECK_EQ_INT(q("SELECT shipping_address_id FROM sales_flat_order"), 32);
    CHECK_EQ_INT(q("SELECT is_virtual FROM sales_flat_order"), 0);
    /* offline method: no authorization */
    CHECK_EQ_INT(q("SELECT auth_state FROM sales_flat_order_payment"), MD_AUTH_NONE);
}

static void import_payment_profiles(void)
{
    reopen();
    const char *doc =
        "{\"orders\": ["
        "{\"increment_id\": \"1\", \"payment\": {\"method\": \"authorizenet\"}, " BILL ", " ITEM
        "},"
        "{\"increment_id\": \"2\", \"payment\": {\"method\": \"oraclecap\", \"is_gateway\": "
        "true, \"can_capture\": true, \"can_capture_partial\": true, \"can_void\": true, "
        "\"decline\": \"void\"}, " BILL ", " ITEM "},"
        "{\"increment_id\": \"3\", \"payment\": {\"method\": \"checkmo\", \"can_capture\": 1}, "
        BILL ", " ITEM "}]}";
    CHECK_EQ_INT(import(doc, 0), 0);
    CHECK_EQ_INT(q("SELECT is_gateway + can_capture + can_void + auth_state FROM "
                   "sales_flat_order_payment WHERE parent_id = 1"), 4);
    CHECK_EQ_INT(q("SELECT decline = 'void' FROM sales_flat_order_payment WHERE parent_id = 2"),
                 1);
    CHECK_EQ_INT(q("SELECT can_capture FROM sales_flat_order_payment WHERE parent_id = 3"), 1);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_payment_transaction WHERE txn_type = "
                   "'authorization'"), 2);
    /* ids assigned when absent; a virtual order (no shipping address) */
    CHECK_EQ_INT(q("SELECT max(entity_id) FROM sales_flat_order"), 3);
    CHECK_EQ_INT(q("SELECT is_virtual FROM sales_flat_order WHERE entity_id = 1"), 1);
}

static void import_refuses_unknown_fields(void)
{
    reopen();
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", \"colour\": \"red\", " PAY ", " BILL
                 ", " ITEM "}]}", 0) != 0);
    CHECK_EQ_STR(err, "order \"9\" (#1): unknown field \"colour\"");
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", " PAY ", \"billing_address\": "
                 "{\"firstname\": \"J\", \"lastname\": \"D\", \"zip\": \"1\"}, " ITEM "}]}",
                 0) != 0);
    CHECK_EQ_STR(err, "order \"9\" (#1): unknown field \"billing_address.zip\"");
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", " PAY ", " BILL ", \"items\": "
                 "[{\"qty_ordered\": 1, \"price\": 1}, {\"qty\": 1, \"price\": 1}]}]}", 0) != 0);
    CHECK_EQ_STR(err, "order \"9\" (#1): unknown field \"items[1].qty\"");
    CHECK(import("{\"orders\": [], \"extra\": 1}", 0) != 0);
    CHECK(strstr(err, "\"extra\"") != NULL);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order"), 0);
}

static void import_names_bad_values(void)
{
    reopen();
    CHECK(import("{\"orders\": [{" PAY ", " BILL ", " ITEM "}]}", 0) != 0);
    CHECK_EQ_STR(err, "order #1: increment_id: is required");
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", " PAY ", " BILL ", \"items\": "
                 "[{\"qty_ordered\": 1.5, \"price\": 1}]}]}", 0) != 0);
    CHECK(strstr(err, "items[0].qty_ordered") != NULL);
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", " PAY ", " BILL ", \"items\": "
                 "[{\"qty_ordered\": 0, \"price\": 1}]}]}", 0) != 0);
    CHECK(strstr(err, "items[0].qty_ordered") != NULL);
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", " PAY ", " BILL ", \"items\": "
                 "[{\"qty_ordered\": 1}]}]}", 0) != 0);
    CHECK_EQ_STR(err, "order \"9\" (#1): items[0].price: is required");
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", " PAY ", " BILL ", \"items\": []}]}",
                 0) != 0);
    CHECK(strstr(err, "items") != NULL);
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", \"state\": \"shipped\", " PAY ", " BILL
                 ", " ITEM "}]}", 0) != 0);
    CHECK(strstr(err, "state") != NULL);
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", \"payment\": {\"method\": \"cash\"}, "
                 BILL ", " ITEM "}]}", 0) != 0);
    CHECK(strstr(err, "payment.method") != NULL);
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", \"payment\": {\"method\": "
                 "\"checkmo\", \"decline\": \"refund\"}, " BILL ", " ITEM "}]}", 0) != 0);
    CHECK(strstr(err, "payment.decline") != NULL);
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", " PAY ", \"billing_address\": "
                 "{\"firstname\": \"J\"}, " ITEM "}]}", 0) != 0);
    CHECK_EQ_STR(err, "order \"9\" (#1): billing_address.lastname: is required");
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", \"created_at\": \"yesterday\", " PAY
                 ", " BILL ", " ITEM "}]}", 0) != 0);
    CHECK(strstr(err, "created_at") != NULL);
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", " PAY ", " BILL ", \"items\": "
                 "[{\"qty_ordered\": 1, \"price\": 1, \"parent_item_id\": 77}]}]}", 0) != 0);
    CHECK(strstr(err, "items[0].parent_item_id") != NULL);
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", " BILL ", " ITEM "}]}", 0) != 0);
    CHECK_EQ_STR(err, "order \"9\" (#1): payment: is required");
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", \"payment\": \"checkmo\", " BILL ", "
                 ITEM "}]}", 0) != 0);
    CHECK_EQ_STR(err, "order \"9\" (#1): payment must be an object");
    CHECK(import("{\"orders\": [", 0) != 0);
    CHECK(strstr(err, "JSON") != NULL);
    CHECK(import("{\"orders\": [{\"increment_id\": \"9\", \"increment_id\": \"8\"}]}", 0) != 0);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order"), 0);
}

/* A bad order anywhere stores nothing. */
static void import_is_atomic(void)
{
    reopen();
    CHECK(import("{\"orders\": [{\"increment_id\": \"1\", " PAY ", " BILL ", " ITEM "},"
                 "{\"increment_id\": \"2\", \"order_id\": 5, " PAY ", " BILL ", " ITEM "},"
                 "{\"increment_id\": \"3\", \"order_id\": 5, " PAY ", " BILL ", " ITEM "}]}",
                 0) != 0);
    CHECK(strstr(err, "order \"3\" (#3): order_id") != NULL);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order"), 0);
    /* a database-level conflict (item id of a stored order) rolls back too */
    CHECK_EQ_INT(import("{\"orders\": [{\"increment_id\": \"1\", " PAY ", " BILL ", \"items\": "
                        "[{\"item_id\": 7, \"qty_ordered\": 1, \"price\": 1}]}]}", 0), 0);
    CHECK(import("{\"orders\": [{\"increment_id\": \"2\", " PAY ", " BILL ", " ITEM "},"
                 "{\"increment_id\": \"3\", " PAY ", " BILL ", \"items\": [{\"item_id\": 7, "
                 "\"qty_ordered\": 1, \"price\": 1}]}]}", 0) != 0);
    CHECK(strstr(err, "order \"3\" (#2): items[0].item_id") != NULL);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order"), 1);
    CHECK(import("{\"orders\": [{\"increment_id\": \"4\", " PAY ", " BILL ", \"items\": "
                 "[{\"item_id\": 8, \"qty_ordered\": 1, \"price\": 1}, {\"item_id\": 8, "
                 "\"qty_ordered\": 1, \"price\": 1}]}]}", 0) != 0);
    CHECK(strstr(err, "items[1].item_id") != NULL);
}

static void import_replace_rules(void)
{
    reopen();
    const char *v1 = "{\"orders\": [{\"increment_id\": \"100000001\", \"order_id\": 3, " PAY
                     ", " BILL ", \"items\": [{\"item_id\": 3, \"qty_ordered\": 2, "
                     "\"price\": 10}]}]}";
    const char *v2 = "{\"orders\": [{\"increment_id\": \"100000001\", " PAY ", " BILL
                     ", \"items\": [{\"item_id\": 3, \"qty_ordered\": 4, \"price\": 10}]}]}";
    CHECK_EQ_INT(import(v1, 0), 0);
    CHECK(import(v1, 0) != 0);
    CHECK(strstr(err, "already exists") != NULL && strstr(err, "--replace") != NULL);
    CHECK_EQ_INT(import(v2, 1), 0);
    CHECK_EQ_INT(q("SELECT qty_ordered FROM sales_flat_order_item WHERE item_id = 3"), 40000);
    CHECK_EQ_INT(q("SELECT entity_id FROM sales_flat_order"), 3); /* keeps its id */
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order"), 1);
    /* once invoiced, --replace is refused */
    struct arena a;
    struct md_fault f;
    const char *inc;
    arena_init(&a, 0);
    struct md_ctx ctx = {st, &cfg, &a, NULL, NULL, 0, NULL, NULL, NULL};
    struct md_create_req req = {.order_inc = "100000001"};
    CHECK_EQ_INT(md_invoice_create(&ctx, &req, &inc, NULL, &f), 0);
    arena_free(&a);
    CHECK(import(v1, 1) != 0);
    CHECK(strstr(err, "invoice") != NULL && strstr(err, "--replace refused") != NULL);
    CHECK_EQ_INT(q("SELECT qty_ordered FROM sales_flat_order_item WHERE item_id = 3"), 40000);
}

static void import_file(void)
{
    reopen();
    CHECK(md_import_file(st, "/nonexistent/orders.json", 0, err, sizeof err) != 0);
    CHECK(strstr(err, "/nonexistent/orders.json") != NULL);
    char path[] = "/tmp/md_import_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    const char *doc = "{\"orders\": [{\"increment_id\": \"5\", " PAY ", " BILL ", " ITEM "}]}";
    CHECK(write(fd, doc, strlen(doc)) == (ssize_t)strlen(doc));
    close(fd);
    CHECK_EQ_INT(md_import_file(st, path, 0, err, sizeof err), 0);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order"), 1);
    unlink(path);
}

/* One order "9" with the given items JSON and extra order fields. */
static int import_items(const char *extra, const char *items)
{
    char doc[1024];
    snprintf(doc, sizeof doc,
             "{\"orders\": [{\"increment_id\": \"9\", %s" PAY ", " BILL ", \"items\": [%s]}]}",
             extra, items);
    reopen();
    return import(doc, 0);
}

/* decimal(12,4): 99,999,999.9999 at most, for given and computed amounts. */
static void import_money_in_range(void)
{
    /* at the limit: accepted */
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 1, \"price\": 99999999.99}"), 0);
    CHECK_EQ_INT(q("SELECT grand_total FROM sales_flat_order"), 999999999900LL);
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 99999999.9999, \"is_qty_decimal\": true,"
                                  " \"price\": 0}"),
                 0);
    CHECK_EQ_INT(q("SELECT qty_ordered FROM sales_flat_order_item"), DEC_MAX);
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 99999999, \"price\": 1}"), 0);
    CHECK_EQ_INT(q("SELECT row_total FROM sales_flat_order_item"), 999999990000LL);

    /* given values past it: refused naming the field */
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 1, \"price\": 100000000}"), -1);
    CHECK_EQ_STR(err, "order \"9\" (#1): items[0].price: is out of range: at most "
                      "99999999.9999 (Magento's decimal(12,4))");
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 100000000, \"price\": 0}"), -1);
    CHECK(strstr(err, "items[0].qty_ordered: is out of range") != NULL);
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 1, \"price\": 99999999.99995}"), -1);
    CHECK(strstr(err, "items[0].price: is out of range") != NULL);
    CHECK_EQ_INT(import_items("\"shipping_amount\": 1e300, ", "{\"qty_ordered\": 1, \"price\": 1}"),
                 -1);
    CHECK(strstr(err, "shipping_amount: is out of range") != NULL);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order"), 0);

    /* computed values past it: refused naming the computed column */
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 1, \"price\": 99999999.9999}"), -1);
    CHECK_EQ_STR(err, "order \"9\" (#1): items[0].row_total (price x qty_ordered): would be out "
                      "of range: amounts and quantities are limited to 99999999.9999 (Magento's "
                      "decimal(12,4))"); /* rounds to 100,000,000.00 */
    /* the line of issue 8, once stored with a row total of 3,894.98 */
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 42949652.9604, \"is_qty_decimal\": true,"
                                  " \"price\": 42949692.9597}"),
                 -1);
    CHECK(strstr(err, "items[0].row_total (price x qty_ordered): would be out of range") != NULL);
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 1, \"price\": 60000000},"
                                  "{\"qty_ordered\": 1, \"price\": 60000000}"),
                 -1);
    CHECK_EQ_STR(err, "order \"9\" (#1): subtotal: would be out of range: amounts and quantities "
                      "are limited to 99999999.9999 (Magento's decimal(12,4))");
    CHECK_EQ_INT(import_items("", "{\"qty_ordered\": 60000000, \"price\": 0},"
                                  "{\"qty_ordered\": 60000000, \"price\": 0}"),
                 -1);
    CHECK(strstr(err, "total_qty_ordered: would be out of range") != NULL);
    CHECK_EQ_INT(import_items("\"shipping_amount\": 0.01, ",
                              "{\"qty_ordered\": 1, \"price\": 99999999.99}"),
                 -1);
    CHECK(strstr(err, "grand_total: would be out of range") != NULL);
    CHECK_EQ_INT(import_items("\"base_to_order_rate\": 0.5, ",
                              "{\"qty_ordered\": 1, \"price\": 50000000}"),
                 -1);
    CHECK(strstr(err, "items[0].base_price: would be out of range") != NULL);
    /* a discount keeps the grand total in range, the subtotal is still checked */
    CHECK_EQ_INT(import_items("\"discount_amount\": 50000000, ",
                              "{\"qty_ordered\": 1, \"price\": 99999999.99},"
                              "{\"qty_ordered\": 1, \"price\": 1}"),
                 -1);
    CHECK(strstr(err, "subtotal: would be out of range") != NULL);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_order"), 0);
}

int main(void)
{
    T_RUN(import_computes_totals);
    T_RUN(import_payment_profiles);
    T_RUN(import_refuses_unknown_fields);
    T_RUN(import_names_bad_values);
    T_RUN(import_is_atomic);
    T_RUN(import_replace_rules);
    T_RUN(import_file);
    T_RUN(import_money_in_range);
    store_close(st);
    return t_done();
}
