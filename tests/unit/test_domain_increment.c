/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Invoice increment ids (§7): per-store sequences, prefix = store id,
 * 8-digit padding, never a number already taken, no reuse after failures. */
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
    "{\"increment_id\": \"a\", \"store_id\": 1, \"payment\": {\"method\": \"checkmo\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 1, \"qty_ordered\": 100, \"price\": 1}]},"
    "{\"increment_id\": \"b\", \"store_id\": 2, \"payment\": {\"method\": \"checkmo\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 2, \"qty_ordered\": 100, \"price\": 1}]},"
    "{\"increment_id\": \"c\", \"store_id\": 12, \"payment\": {\"method\": \"checkmo\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 3, \"qty_ordered\": 100, \"price\": 1}]},"
    "{\"increment_id\": \"d\", \"store_id\": 3, \"payment\": {\"method\": \"checkmo\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 4, \"qty_ordered\": 100, \"price\": 1}]}"
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

static const char *one(const char *order, int64_t item, int64_t qty)
{
    struct md_qty q = {item, qty * 10000};
    struct md_create_req req = {.order_inc = order, .qty = &q, .nqty = 1};
    struct md_fault f;
    const char *inc = NULL;
    return md_invoice_create(&ctx, &req, &inc, NULL, &f) == 0 ? inc : "fault";
}

static void increment_per_store_padded(void)
{
    CHECK_EQ_STR(one("c", 3, 1), "1200000001");
    /* store 1's sequence starts after store 12's ids exist: not in its range */
    CHECK_EQ_STR(one("a", 1, 1), "100000001");
    CHECK_EQ_STR(one("a", 1, 1), "100000002");
    CHECK_EQ_STR(one("b", 2, 1), "200000001");
    CHECK_EQ_STR(one("a", 1, 1), "100000003");
    CHECK_EQ_STR(one("b", 2, 1), "200000002");
}

/* A number taken by an invoice that did not come from the sequence
 * (imported or demo data) is skipped; a new store's sequence starts past
 * the highest number already used with its prefix. */
static void increment_never_collides(void)
{
    sqlite3_exec(st->db,
                 "INSERT INTO sales_flat_invoice (order_id, increment_id, state) VALUES "
                 "(1, '100000004', 2), (4, '300000007', 2)",
                 NULL, NULL, NULL);
    CHECK_EQ_STR(one("a", 1, 1), "100000005");
    CHECK_EQ_STR(one("d", 4, 1), "300000008");
    int64_t n = 0;
    CHECK(st_query_int(st, "SELECT count(DISTINCT increment_id) = count(*) FROM "
                           "sales_flat_invoice", &n, NULL) == 1 && n == 1);
}

/* A refused create takes no number; the sequence row remembers the last. */
static void increment_no_reuse_no_gap_on_fault(void)
{
    CHECK_EQ_STR(one("a", 1, 1000), "fault");
    CHECK_EQ_STR(one("a", 1, 1), "100000006");
    CHECK_EQ_INT(store_seq_advance(st, 1, 41), 0);
    CHECK_EQ_STR(one("a", 1, 1), "100000042");
    CHECK_EQ_INT(store_seq_advance(st, 1, 5), 0); /* never moves back */
    CHECK_EQ_STR(one("a", 1, 1), "100000043");
    char last[64] = "";
    sqlite3_stmt *s = store_prep(st, "SELECT increment_last_id FROM eav_entity_store "
                                     "WHERE entity_type = 'invoice' AND store_id = 1");
    if (s && sqlite3_step(s) == SQLITE_ROW)
        snprintf(last, sizeof last, "%s", st_col_text(s, 0));
    store_done(s);
    CHECK_EQ_STR(last, "100000043");
}

int main(void)
{
    setup();
    T_RUN(increment_per_store_padded);
    T_RUN(increment_never_collides);
    T_RUN(increment_no_reuse_no_gap_on_fault);
    arena_free(&arena);
    store_close(st);
    return t_done();
}
