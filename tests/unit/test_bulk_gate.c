/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bulk seeding and the writers' gate (group commit) on a file database:
 * a seeded store is consistent (foreign keys, states, sequences) and every
 * seeded invoice and open order works through the normal API; many threads
 * creating at once all succeed, share commits, and a member that rolls back
 * leaves no trace while the others of its batch are kept.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tools/bulk.h"
#include "domain/domain_int.h"
#include "store/sqlite/sqlite_int.h"
#include "t.h"
#include "tools/tools.h"

#define NTHREADS 8
#define PER_THREAD 40

static struct cfg cfg;
static char dir[] = "/tmp/md_bulk_XXXXXX";
static char path[256];
static struct md_bulk_opts opts;
static struct md_bulk_result res;

static int64_t q(struct store *st, const char *sql)
{
    int64_t v = -1;
    st_query_int(st, sql, &v, NULL);
    return v;
}

static void bulk_seed_is_consistent(void)
{
    struct store *st;
    char err[512];
    CHECK_EQ_INT(store_open(path, &cfg, &st, err, sizeof err), 0);
    CHECK_EQ_INT(md_demo_load(st, &cfg, err, sizeof err), 0);
    md_bulk_defaults(&opts);
    opts.orders = 300;
    opts.invoices_per_order = 2;
    opts.items_per_order = 3;
    opts.open_orders = NTHREADS * PER_THREAD;
    opts.days = 30;
    int rc = md_bulk_seed(st, &cfg, &opts, &res, err, sizeof err);
    CHECK_EQ_INT(rc, 0);
    if (rc != 0) {
        fprintf(stderr, "bulk-seed: %s\n", err);
        store_close(st);
        return;
    }
    CHECK_EQ_INT(res.orders, 300);
    CHECK_EQ_INT(res.invoices, 600);
    CHECK_EQ_INT(res.by_state[1] + res.by_state[2] + res.by_state[3], 600);
    CHECK(res.by_state[1] > 0 && res.by_state[2] > 0 && res.by_state[3] > 0);
    CHECK_EQ_INT(res.by_store[1] + res.by_store[2], 600);
    CHECK_EQ_INT(res.open_orders, NTHREADS * PER_THREAD);
    /* demo (5 invoices) + seeded */
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sales_flat_invoice"), 605);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sales_flat_order"), 7 + 300 + NTHREADS * PER_THREAD);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    CHECK_EQ_INT(q(st, "PRAGMA foreign_keys"), 1);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sales_flat_invoice i WHERE NOT EXISTS (SELECT 1 "
                       "FROM sales_flat_invoice_item t WHERE t.parent_id = i.entity_id)"), 0);
    /* every order's invoiced quantities equal its invoices' (canceled ones
     * taken back), as the API keeps them */
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sales_flat_order_item oi WHERE oi.qty_invoiced != "
                       "(SELECT coalesce(sum(t.qty), 0) FROM sales_flat_invoice_item t JOIN "
                       "sales_flat_invoice i ON i.entity_id = t.parent_id WHERE "
                       "t.order_item_id = oi.item_id AND i.state != 3)"), 0);
    CHECK_EQ_INT(q(st, "SELECT count(DISTINCT increment_id) FROM sales_flat_invoice"), 605);
    /* the sequence goes on after the seeded numbers */
    int64_t last = strtoll(res.last_inv[1], NULL, 10);
    CHECK_EQ_INT(q(st, "SELECT CAST(increment_last_id AS INTEGER) FROM eav_entity_store "
                       "WHERE entity_type = 'invoice' AND store_id = 1"), last);

    struct arena a;
    arena_init(&a, 0);
    struct md_ctx ctx = {st, &cfg, &a, NULL, NULL, 0, NULL, NULL, NULL};
    struct md_fault f;
    struct val *out = NULL;
    CHECK_EQ_INT(md_invoice_info(&ctx, res.first_inv[2], &out, &f), 0);
    CHECK(out && val_map_get(out, "items") && val_map_get(out, "order_increment_id"));
    CHECK_EQ_INT(md_invoice_info(&ctx, res.last_inv[1], &out, &f), 0);
    /* an open order: create one item, then capture it (gateway payment) */
    struct md_qty one = {res.first_open_item_id, 10000};
    struct md_create_req req = {.order_inc = res.first_open_inc, .qty = &one, .nqty = 1};
    const char *inc = NULL;
    CHECK_EQ_INT(md_invoice_create(&ctx, &req, &inc, NULL, &f), 0);
    CHECK(inc && strtoll(inc, NULL, 10) == last + 1);
    CHECK_EQ_INT(md_invoice_capture(&ctx, inc, &f), 0);
    arena_free(&a);
    store_close(st);
}

struct worker {
    pthread_t tid;
    int id, ok, bad, other;
};

/* Each thread: PER_THREAD open orders of its own, a create per order, and
 * between them a create asking too much (fault after the transaction began:
 * its savepoint is rolled back inside someone's batch). */
static void *create_worker(void *arg)
{
    struct worker *w = arg;
    struct store *st;
    struct arena a;
    char err[256];
    if (store_open(path, &cfg, &st, err, sizeof err) != 0)
        return NULL;
    arena_init(&a, 0);
    struct md_ctx ctx = {st, &cfg, &a, NULL, NULL, 0, NULL, NULL, NULL};
    int64_t first = strtoll(res.first_open_inc, NULL, 10);
    for (int i = 0; i < PER_THREAD; i++) {
        /* order 0 of the open ones was used by the first test */
        int64_t n = 1 + w->id + (int64_t)i * NTHREADS;
        if (n >= opts.open_orders)
            break;
        char inc[32];
        snprintf(inc, sizeof inc, "%lld", (long long)(first + n));
        int64_t item = res.first_open_item_id + n * opts.items_per_order;
        struct md_qty too_much = {item, 99 * 10000}, one = {item, 10000};
        struct md_create_req bad = {.order_inc = inc, .qty = &too_much, .nqty = 1};
        struct md_create_req good = {.order_inc = inc, .qty = &one, .nqty = 1, .comment = "c"};
        struct md_fault f;
        const char *out;
        if (md_invoice_create(&ctx, &bad, &out, NULL, &f) != 0 && f.code == 1)
            w->bad++;
        else
            w->other++;
        if (md_invoice_create(&ctx, &good, &out, NULL, &f) == 0)
            w->ok++;
        else
            w->other++, fprintf(stderr, "create %s: %d %s\n", inc, f.code, f.msg);
        arena_reset(&a);
    }
    arena_free(&a);
    store_close(st);
    return NULL;
}

static void gate_many_writers(void)
{
    struct worker w[NTHREADS];
    struct store *st;
    char err[256];
    if (store_open(path, &cfg, &st, err, sizeof err) != 0)
        return;
    int64_t before = q(st, "SELECT count(*) FROM sales_flat_invoice");
    for (int i = 0; i < NTHREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        pthread_create(&w[i].tid, NULL, create_worker, &w[i]);
    }
    int ok = 0, bad = 0, other = 0;
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(w[i].tid, NULL);
        ok += w[i].ok;
        bad += w[i].bad;
        other += w[i].other;
    }
    CHECK_EQ_INT(other, 0);
    CHECK_EQ_INT(ok, NTHREADS * PER_THREAD - 1);
    CHECK_EQ_INT(bad, ok);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sales_flat_invoice") - before, ok);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sales_flat_invoice_comment WHERE comment = 'c'"), ok);
    CHECK_EQ_INT(q(st, "SELECT count(DISTINCT increment_id) FROM sales_flat_invoice"),
                 q(st, "SELECT count(*) FROM sales_flat_invoice"));
    /* a write on another connection of the same file, outside any batch */
    CHECK_EQ_INT(store_begin(st), SQLITE_OK);
    store_exec(st, "INSERT INTO api_role (role_name, resources) VALUES ('gate', 'all')");
    store_rollback(st);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM api_role WHERE role_name = 'gate'"), 0);
    CHECK_EQ_INT(store_begin(st), SQLITE_OK);
    store_exec(st, "INSERT INTO api_role (role_name, resources) VALUES ('gate', 'all')");
    CHECK_EQ_INT(store_commit(st), SQLITE_OK);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM api_role WHERE role_name = 'gate'"), 1);
    store_close(st);
}

int main(void)
{
    cfg_defaults(&cfg);
    cfg.busy_timeout_ms = 30000;
    if (!mkdtemp(dir))
        return 2;
    snprintf(path, sizeof path, "%s/bulk.db", dir);
    T_RUN(bulk_seed_is_consistent);
    T_RUN(gate_many_writers);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return t_done();
}
