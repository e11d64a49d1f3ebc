/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Magento 2 InvoiceOrder modes of md_invoice_create: entity ids, forced paid
 * state, online/offline capture, validation messages. */
#include <stdlib.h>
#include <string.h>

#include "domain/domain_int.h"
#include "store/sqlite/sqlite_int.h"
#include "t.h"
#include "tools/tools.h"

static struct store *st;
static struct arena arena;
static struct cfg cfg;
static struct md_ctx ctx;

static const char orders[] =
    "{\"orders\": ["
    "{\"increment_id\": \"000000001\", \"order_id\": 1, \"payment\": {\"method\": "
    "\"authorizenet\"}, \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"shipping_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 1, \"sku\": \"SKU-1\", \"qty_ordered\": 2, \"price\": 10}]},"
    "{\"increment_id\": \"000000002\", \"order_id\": 2, \"payment\": {\"method\": \"checkmo\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 2, \"sku\": \"SKU-2\", \"qty_ordered\": 1, \"price\": 10}]},"
    "{\"increment_id\": \"000000003\", \"order_id\": 3, \"state\": \"complete\", \"payment\":"
    " {\"method\": \"checkmo\"}, \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 3, \"qty_ordered\": 1, \"price\": 10}]},"
    "{\"increment_id\": \"000000004\", \"order_id\": 4, \"payment\": {\"method\": "
    "\"authorizenet\", \"decline\": \"capture\"}, \"billing_address\": {\"firstname\": \"A\","
    " \"lastname\": \"B\"}, \"items\": [{\"item_id\": 4, \"qty_ordered\": 1, \"price\": 10}]}"
    "]}";

static void setup(void)
{
    char err[512];
    cfg_defaults(&cfg);
    if (store_open(":memory:", &cfg, &st, err, sizeof err) != 0 ||
        md_import_json(st, orders, strlen(orders), 0, err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        exit(2);
    }
    arena_init(&arena, 0);
    ctx = (struct md_ctx){st, &cfg, &arena, NULL, NULL, 0, NULL, NULL, NULL};
}

static int64_t q(const char *sql, int64_t id)
{
    int64_t v = -1;
    st_query_int(st, sql, &v, "i", id);
    return v;
}

static int m2(int64_t order, int online, const struct md_qty *qty, size_t n, int64_t *id,
              struct md_fault *f)
{
    struct md_create_req req = {.order_entity_id = order, .qty = qty, .nqty = n,
                                .mode = online ? MD_CREATE_M2_ONLINE : MD_CREATE_M2_OFFLINE};
    return md_invoice_create(&ctx, &req, NULL, id, f);
}

static void m2_online_capture(void)
{
    struct md_fault f;
    int64_t id = 0;
    struct md_qty one = {1, 10000};
    CHECK_EQ_INT(m2(1, 1, &one, 1, &id, &f), 0);
    CHECK(id > 0);
    CHECK_EQ_INT(q("SELECT state FROM sales_flat_invoice WHERE entity_id = ?", id), 2);
    CHECK_EQ_INT(q("SELECT can_void_flag IS NULL FROM sales_flat_invoice WHERE entity_id = ?", id),
                 1);
    CHECK_EQ_INT(q("SELECT transaction_id LIKE 'CAP-000000001-%' FROM sales_flat_invoice WHERE "
                   "entity_id = ?", id), 1);
    CHECK_EQ_INT(q("SELECT total_paid FROM sales_flat_order WHERE entity_id = ?", 1), 100000);
}

static void m2_offline_pays(void)
{
    struct md_fault f;
    int64_t id = 0;
    CHECK_EQ_INT(m2(1, 0, NULL, 0, &id, &f), 0);
    CHECK_EQ_INT(q("SELECT state FROM sales_flat_invoice WHERE entity_id = ?", id), 2);
    CHECK_EQ_INT(q("SELECT can_void_flag FROM sales_flat_invoice WHERE entity_id = ?", id), 0);
    CHECK_EQ_INT(m2(2, 1, NULL, 0, &id, &f), 0); /* offline method, capture=true: paid */
    CHECK_EQ_INT(q("SELECT state FROM sales_flat_invoice WHERE entity_id = ?", id), 2);
}

static void m2_validation_messages(void)
{
    struct md_fault f;
    int64_t id;
    CHECK(m2(99, 0, NULL, 0, &id, &f) != 0);
    CHECK_EQ_INT(f.code, 103);
    CHECK_EQ_STR(f.msg,
                 "The entity that was requested doesn't exist. Verify the entity and try again.");
    CHECK(m2(0, 0, NULL, 0, &id, &f) != 0);
    CHECK_EQ_STR(f.msg, "An ID is needed. Set the ID and try again.");
    CHECK(m2(3, 0, NULL, 0, &id, &f) != 0);
    CHECK_EQ_INT(f.code, 102);
    CHECK_EQ_STR(f.msg, "Invoice Document Validation Error(s):\n"
                        "An invoice cannot be created when an order has a status of complete");
    /* order 1 is fully invoiced now but not shipped: still processing */
    CHECK_EQ_INT(q("SELECT state = 'processing' FROM sales_flat_order WHERE entity_id = ?", 1), 1);
    CHECK(m2(1, 0, NULL, 0, &id, &f) != 0);
    CHECK_EQ_STR(f.msg, "Invoice Document Validation Error(s):\n"
                        "The order does not allow an invoice to be created.\n"
                        "The invoice can't be created without products. Add products and try "
                        "again.");
    struct md_qty over[2] = {{4, 30000}, {77, 10000}};
    CHECK(m2(4, 0, over, 2, &id, &f) != 0);
    CHECK_EQ_STR(f.msg, "Invoice Document Validation Error(s):\n"
                        "The quantity to invoice must not be greater than the uninvoiced "
                        "quantity for product SKU \"\".\n"
                        "The invoice contains one or more items that are not part of the "
                        "original order.");
}

static void m2_decline(void)
{
    struct md_fault f;
    int64_t id;
    CHECK(m2(4, 1, NULL, 0, &id, &f) != 0);
    CHECK_EQ_INT(f.code, 104);
    CHECK_EQ_STR(f.msg, "Could not save an invoice, see error log for details");
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_invoice WHERE order_id = ?", 4), 0);
}

int main(void)
{
    setup();
    T_RUN(m2_online_capture);
    T_RUN(m2_offline_pays);
    T_RUN(m2_validation_messages);
    T_RUN(m2_decline);
    arena_free(&arena);
    store_close(st);
    return t_done();
}
