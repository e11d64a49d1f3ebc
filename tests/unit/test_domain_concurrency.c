/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Concurrency on a file database, one connection per thread as the workers
 * run: many threads invoicing one order never invoice more than was
 * ordered, and many threads capturing one invoice capture it exactly once.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain_int.h"
#include "store/sqlite/sqlite_int.h"
#include "t.h"
#include "tools/tools.h"

#define NTHREADS 8

static struct cfg cfg;
static char dir[] = "/tmp/md_conc_XXXXXX";
static char path[256];
static pthread_barrier_t barrier;
static char capture_inc[32]; /* the invoice the capture workers race on */

static const char orders[] =
    "{\"orders\": ["
    "{\"increment_id\": \"100000001\", \"order_id\": 1, \"shipping_amount\": 5,"
    " \"payment\": {\"method\": \"checkmo\"}, \"billing_address\": {\"firstname\": \"A\","
    " \"lastname\": \"B\"}, \"shipping_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 1, \"qty_ordered\": 40, \"price\": 10}]},"
    "{\"increment_id\": \"100000002\", \"order_id\": 2, \"payment\": {\"method\": "
    "\"authorizenet\"}, \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 2, \"qty_ordered\": 4, \"price\": 10}]}"
    "]}";

struct worker {
    pthread_t tid;
    int id;
    int ok, faults, other;
    int64_t qty; /* invoiced by this thread, scaled */
};

static int open_worker(struct store **st, struct arena *a, struct md_ctx *ctx)
{
    char err[256];
    if (store_open(path, &cfg, st, err, sizeof err) != 0) {
        fprintf(stderr, "worker open: %s\n", err);
        return -1;
    }
    arena_init(a, 0);
    *ctx = (struct md_ctx){*st, &cfg, a, NULL, NULL, 0, NULL, NULL, NULL};
    return 0;
}

static void *create_worker(void *arg)
{
    struct worker *w = arg;
    struct store *st;
    struct arena a;
    struct md_ctx ctx;
    if (open_worker(&st, &a, &ctx) != 0)
        return NULL;
    pthread_barrier_wait(&barrier);
    /* qty 1, 2 or 3 per invoice until the order has nothing left */
    for (int i = 0; i < 100; i++) {
        struct md_qty q = {1, (int64_t)(1 + (w->id + i) % 3) * 10000};
        struct md_create_req req = {.order_inc = "100000001", .qty = &q, .nqty = 1};
        struct md_fault f;
        const char *inc;
        if (md_invoice_create(&ctx, &req, &inc, NULL, &f) == 0) {
            w->ok++;
            w->qty += q.qty;
        } else if (f.code == 102) {
            break; /* fully invoiced */
        } else if (f.code == 1 && strstr(f.msg, "Invalid qty")) {
            w->faults++; /* asked more than was left: try smaller */
            q.qty = 10000;
        } else {
            fprintf(stderr, "create: %d %s\n", f.code, f.msg);
            w->other++;
        }
        arena_reset(&a);
    }
    arena_free(&a);
    store_close(st);
    return NULL;
}

static void *capture_worker(void *arg)
{
    struct worker *w = arg;
    struct store *st;
    struct arena a;
    struct md_ctx ctx;
    if (open_worker(&st, &a, &ctx) != 0)
        return NULL;
    pthread_barrier_wait(&barrier);
    struct md_fault f;
    if (md_invoice_capture(&ctx, capture_inc, &f) == 0)
        w->ok++;
    else if (f.code == 104 && strcmp(f.msg, "Invoice cannot be captured.") == 0)
        w->faults++;
    else
        w->other++, fprintf(stderr, "capture: %d %s\n", f.code, f.msg);
    arena_free(&a);
    store_close(st);
    return NULL;
}

static int64_t q(struct store *st, const char *sql)
{
    int64_t v = -1;
    st_query_int(st, sql, &v, NULL);
    return v;
}

static void run(void *(*fn)(void *), struct worker *w)
{
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        pthread_create(&w[i].tid, NULL, fn, &w[i]);
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(w[i].tid, NULL);
    pthread_barrier_destroy(&barrier);
}

static void concurrent_creates_never_over_invoice(void)
{
    struct worker w[NTHREADS];
    run(create_worker, w);
    int ok = 0, other = 0;
    int64_t qty = 0;
    for (int i = 0; i < NTHREADS; i++) {
        ok += w[i].ok;
        other += w[i].other;
        qty += w[i].qty;
    }
    CHECK_EQ_INT(other, 0);
    CHECK_EQ_INT(qty, 400000); /* exactly the 40 ordered */
    struct store *st;
    char err[256];
    if (store_open(path, &cfg, &st, err, sizeof err) != 0)
        return;
    CHECK_EQ_INT(q(st, "SELECT qty_invoiced FROM sales_flat_order_item WHERE item_id = 1"),
                 400000);
    CHECK_EQ_INT(q(st, "SELECT sum(qty) FROM sales_flat_invoice_item"), 400000);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sales_flat_invoice WHERE order_id = 1"), ok);
    CHECK_EQ_INT(q(st, "SELECT count(DISTINCT increment_id) FROM sales_flat_invoice"), ok);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sales_flat_invoice WHERE shipping_amount > 0"), 1);
    CHECK_EQ_INT(q(st, "SELECT total_invoiced FROM sales_flat_order WHERE entity_id = 1"),
                 4050000);
    CHECK_EQ_INT(q(st, "SELECT total_paid FROM sales_flat_order WHERE entity_id = 1"), 4050000);
    store_close(st);
}

static void concurrent_captures_capture_once(void)
{
    struct store *st;
    struct arena a;
    struct md_ctx ctx;
    struct md_fault f;
    const char *inc = NULL;
    if (open_worker(&st, &a, &ctx) != 0)
        return;
    struct md_create_req req = {.order_inc = "100000002"};
    CHECK_EQ_INT(md_invoice_create(&ctx, &req, &inc, NULL, &f), 0);
    CHECK(inc != NULL);
    snprintf(capture_inc, sizeof capture_inc, "%s", inc ? inc : "");
    struct worker w[NTHREADS];
    run(capture_worker, w);
    int ok = 0, refused = 0, other = 0;
    for (int i = 0; i < NTHREADS; i++) {
        ok += w[i].ok;
        refused += w[i].faults;
        other += w[i].other;
    }
    CHECK_EQ_INT(ok, 1);
    CHECK_EQ_INT(refused, NTHREADS - 1);
    CHECK_EQ_INT(other, 0);
    CHECK_EQ_INT(q(st, "SELECT total_paid FROM sales_flat_order WHERE entity_id = 2"), 400000);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sales_payment_transaction WHERE order_id = 2 AND "
                       "txn_type = 'capture'"), 1);
    CHECK_EQ_INT(q(st, "SELECT state FROM sales_flat_invoice WHERE order_id = 2"), 2);
    arena_free(&a);
    store_close(st);
}

int main(void)
{
    char err[256];
    struct store *st;
    cfg_defaults(&cfg);
    cfg.busy_timeout_ms = 30000;
    if (!mkdtemp(dir))
        return 2;
    snprintf(path, sizeof path, "%s/conc.db", dir);
    if (store_open(path, &cfg, &st, err, sizeof err) != 0 ||
        md_import_json(st, orders, strlen(orders), 0, err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        return 2;
    }
    store_close(st);
    T_RUN(concurrent_creates_never_over_invoice);
    T_RUN(concurrent_captures_capture_once);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return t_done();
}
