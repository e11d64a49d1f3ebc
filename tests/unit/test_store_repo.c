/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The repository interface (store.h) on its own, without the domain: users
 * and roles, sessions, REST tokens, orders (load, save, history), invoices
 * (sequence, insert, row, state, info, list with a filter, item sums, mail
 * lines, comments), the outbox, transactions and counts.  Only store.h is
 * used after the backend is opened through open_backend(), so the same
 * test can run on another backend (MD_TEST_DB names the database; default
 * a fresh SQLite file).  The fixture orders come from the importer tool.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "magesoapd/config.h"
#include "magesoapd/store.h"
#include "magesoapd/val.h"
#include "t.h"
#include "tools/tools.h"

static struct cfg cfg;
static struct arena arena;
static char dir[] = "/tmp/md_repo_XXXXXX";
static char path[256];

static const char orders[] =
    "{\"orders\": ["
    "{\"increment_id\": \"100000001\", \"order_id\": 1, \"customer_email\": \"a@example.com\","
    " \"payment\": {\"method\": \"authorizenet\"}, \"shipping_amount\": 5,"
    " \"billing_address\": {\"firstname\": \"Ann\", \"lastname\": \"Bee\"},"
    " \"items\": [{\"item_id\": 1, \"sku\": \"w-1\", \"name\": \"Widget\", \"qty_ordered\": 4,"
    " \"price\": 10}, {\"item_id\": 2, \"sku\": \"g-1\", \"name\": \"Gadget\","
    " \"qty_ordered\": 1, \"price\": 2.5}]},"
    "{\"increment_id\": \"200000001\", \"order_id\": 2, \"store_id\": 2,"
    " \"payment\": {\"method\": \"checkmo\"},"
    " \"billing_address\": {\"firstname\": \"C\", \"lastname\": \"D\"},"
    " \"items\": [{\"item_id\": 3, \"qty_ordered\": 1, \"price\": 7}]}"
    "]}";

/* The one place that knows which backend runs. */
static struct store *open_backend(void)
{
    const char *db = getenv("MD_TEST_DB");
    char err[256];
    struct store *st;
    if (store_open(db && *db ? db : path, &cfg, &st, err, sizeof err) != 0) {
        fprintf(stderr, "open: %s\n", err);
        exit(2);
    }
    return st;
}

static void repo_users_roles_sessions(void)
{
    struct store *st = open_backend();
    int64_t rid = 0, n = -1;
    struct store_user u;
    struct store_session s;
    CHECK_EQ_INT(store_is_empty(st), 0); /* the fixture orders */
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_role_put(st, "r1", "sales/order/invoice/info"), 0);
    CHECK_EQ_INT(store_role_id(st, "r1", &rid), 1);
    CHECK_EQ_INT(store_role_id(st, "nope", &n), 0);
    CHECK_EQ_INT(store_user_put(st, "u1", "hash-1", rid, "2020-01-01 00:00:00"), 0);
    CHECK_EQ_INT(store_commit(st), 0);
    CHECK_EQ_INT(store_count_users(st, "u1", &n), 0);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(store_user_get(st, "u1", &u), 1);
    CHECK_EQ_STR(u.api_key, "hash-1");
    CHECK_EQ_INT(u.is_active, 1);
    CHECK_EQ_INT(u.has_role, 1);
    CHECK_EQ_INT(store_user_get(st, "nobody", &u), 0);

    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_session_add(st, u.user_id, "sid-a", "2020-01-01 10:00:00",
                                   "2020-01-01 09:00:00", 100, 100), 0);
    CHECK_EQ_INT(store_session_add(st, u.user_id, "sid-b", "2020-01-01 10:00:01",
                                   "2020-01-01 09:00:01", 100, 100), 0);
    CHECK_EQ_INT(store_commit(st), 0);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-a", &s), 1);
    CHECK_EQ_INT(s.user_id, u.user_id);
    CHECK_EQ_STR(s.logdate, "2020-01-01 10:00:00");
    CHECK_EQ_STR(s.resources, "sales/order/invoice/info");
    CHECK_EQ_INT(store_session_touch(st, "sid-a", "2020-01-01 10:30:00"), 0);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-a", &s), 1);
    CHECK_EQ_STR(s.logdate, "2020-01-01 10:30:00");
    /* with max_total held a new session is refused, nothing added */
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_session_add(st, u.user_id, "sid-x", "2020-01-01 10:31:00",
                                   "2020-01-01 09:31:00", 100, 2), 1);
    store_rollback(st);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-x", &s), 0);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-b", &s), 1);
    /* past the user's max the oldest (by logdate) goes: sid-b, not the touched sid-a */
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_session_add(st, u.user_id, "sid-c", "2020-01-01 10:31:00",
                                   "2020-01-01 09:31:00", 2, 100), 0);
    CHECK_EQ_INT(store_commit(st), 0);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-b", &s), 0);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-a", &s), 1);
    /* read-only mode: reads go on, a write is refused before it starts
     * (nothing changes) and reported once the mode ends */
    CHECK_EQ_INT(store_read_only(st, 1), 0);
    CHECK_EQ_INT(store_begin_read(st), 0);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-a", &s), 1);
    CHECK(store_session_delete(st, "sid-a") != 0);
    CHECK(store_begin(st) != 0);
    CHECK_EQ_INT(store_commit(st), 0);
    CHECK_EQ_INT(store_read_only(st, 0), 1);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-a", &s), 1);
    CHECK_EQ_INT(store_read_only(st, 1), 0);
    CHECK_EQ_INT(store_read_only(st, 0), 0); /* nothing refused this time */
    CHECK_EQ_INT(store_session_delete(st, "sid-a"), 0);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-a", &s), 0);

    /* tokens: valid, then the key is replaced: sessions and tokens end */
    struct store_token t;
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_token_add(st, u.user_id, "th-1", "2020-01-01 10:00:00",
                                 "2020-01-01 14:00:00", 100, 100), 0);
    CHECK_EQ_INT(store_commit(st), 0);
    CHECK_EQ_INT(store_token_get(st, &arena, "th-1", &t), 1);
    CHECK_EQ_INT(t.user_id, u.user_id);
    CHECK_EQ_STR(t.expires_at, "2020-01-01 14:00:00");
    CHECK_EQ_INT(t.replaced, 0);
    CHECK_EQ_STR(t.resources, "sales/order/invoice/info");
    CHECK_EQ_INT(store_token_get(st, &arena, "th-2", &t), 0);
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_user_put(st, "u1", "hash-2", rid, "2020-01-02 00:00:00"), 0);
    CHECK_EQ_INT(store_commit(st), 0);
    CHECK_EQ_INT(store_token_get(st, &arena, "th-1", &t), 0);
    CHECK_EQ_INT(store_session_get(st, &arena, "sid-c", &s), 0);
    store_close(st);
}

/* Login throttling counts (both backends): one upsert per failure, window
 * restart, lockout at the limit until now + lockout, clear, purge. */
static void repo_throttle(void)
{
    struct store *st = open_backend();
    struct store_throttle_key k[2] = {{.key = "u:alice", .limit = 3}, {.key = "p:192.0.2.1", .limit = 2}};
    int counted = -1;
    CHECK_EQ_INT(store_throttle_clear(st, NULL, INT64_MAX, INT64_MAX), 0);
    CHECK_EQ_INT(store_throttle_locked(st, "u:alice", "p:192.0.2.1", 1000, &counted), 0);
    CHECK_EQ_INT(counted, 0);
    CHECK_EQ_INT(store_throttle_fail(st, k, 2, 1000, 60, 120), 0);
    CHECK(k[0].count == 1 && k[1].count == 1);
    CHECK_EQ_INT(store_throttle_locked(st, "u:alice", NULL, 1001, &counted), 0);
    CHECK_EQ_INT(counted, 1);
    CHECK_EQ_INT(store_throttle_fail(st, k, 2, 1010, 60, 120), 0);
    CHECK(k[0].count == 2 && k[1].count == 2);
    /* the peer reached its limit of 2: locked until 1130 */
    CHECK_EQ_INT(store_throttle_locked(st, "u:alice", NULL, 1011, &counted), 0);
    CHECK_EQ_INT(store_throttle_locked(st, "u:bob", "p:192.0.2.1", 1011, &counted), 1);
    CHECK_EQ_INT(counted, 0);
    CHECK_EQ_INT(store_throttle_locked(st, NULL, "p:192.0.2.1", 1129, &counted), 1);
    CHECK_EQ_INT(store_throttle_locked(st, NULL, "p:192.0.2.1", 1130, &counted), 0);
    /* the name's window (from 1000) is over at 1060: it restarts at 1 */
    k[1].key = NULL;
    CHECK_EQ_INT(store_throttle_fail(st, k, 2, 1060, 60, 120), 0);
    CHECK_EQ_INT(k[0].count, 1);
    CHECK_EQ_INT(store_throttle_fail(st, k, 1, 1061, 60, 120), 0);
    CHECK_EQ_INT(store_throttle_fail(st, k, 1, 1062, 60, 120), 0);
    CHECK_EQ_INT(k[0].count, 3);
    CHECK_EQ_INT(store_throttle_locked(st, "u:alice", NULL, 1063, &counted), 1);
    /* a success clears the name */
    CHECK_EQ_INT(store_throttle_clear(st, "u:alice", 0, 0), 0);
    CHECK_EQ_INT(store_throttle_locked(st, "u:alice", NULL, 1063, &counted), 0);
    CHECK_EQ_INT(counted, 0);
    /* purge: the peer's row (window from 1000, lock over at 1130) goes,
     * a fresh one stays */
    k[0].key = "u:carol";
    CHECK_EQ_INT(store_throttle_fail(st, k, 1, 5000, 60, 120), 0);
    CHECK_EQ_INT(store_throttle_clear(st, NULL, 5000 - 60, 5000), 0);
    CHECK_EQ_INT(store_throttle_locked(st, "p:192.0.2.1", NULL, 5000, &counted), 0);
    CHECK_EQ_INT(counted, 0);
    CHECK_EQ_INT(store_throttle_locked(st, "u:carol", NULL, 5000, &counted), 0);
    CHECK_EQ_INT(counted, 1);
    CHECK_EQ_INT(store_throttle_clear(st, NULL, INT64_MAX, INT64_MAX), 0);
    store_close(st);
}

static void repo_transactions(void)
{
    struct store *st = open_backend(), *other = open_backend();
    int64_t id = 0;
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_role_put(st, "gone", "all"), 0);
    store_rollback(st);
    CHECK_EQ_INT(store_role_id(other, "gone", &id), 0);
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_role_put(st, "kept", "all"), 0);
    CHECK_EQ_INT(store_begin(st), 0); /* nested: a savepoint */
    CHECK_EQ_INT(store_role_put(st, "inner", "all"), 0);
    store_rollback(st);
    CHECK_EQ_INT(store_commit(st), 0);
    /* committed = visible to another connection at once */
    CHECK_EQ_INT(store_role_id(other, "kept", &id), 1);
    CHECK_EQ_INT(store_role_id(other, "inner", &id), 0);
    store_close(other);
    store_close(st);
}

static void repo_orders(void)
{
    struct store *st = open_backend();
    struct md_order o, again;
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_order_load_by_inc(st, &arena, "100000001", &o), 1);
    CHECK_EQ_INT(store_order_load_by_inc(st, &arena, "999", &again), 0);
    CHECK_EQ_INT(o.nitems, 2);
    CHECK_EQ_STR(o.items[0].sku, "w-1");
    CHECK_EQ_INT(o.items[0].qty_ordered, 40000);
    CHECK_EQ_STR(o.pay.method, "authorizenet");
    CHECK_EQ_INT(o.pay.can_capture, 1);
    o.state = "processing";
    o.status = "processing";
    o.sums.total_invoiced = 123450;
    o.items[0].qty_invoiced = 10000;
    o.pay.amount_paid = 5;
    CHECK_EQ_INT(store_order_save(st, &o, "2020-01-01 00:00:00"), 0);
    CHECK_EQ_INT(store_order_add_history(st, &o, "note", "invoice", "2020-01-01 00:00:00"), 0);
    CHECK_EQ_INT(store_payment_add_txn(st, &o, "AUTH-1", NULL, "authorization", "2020"), 0);
    CHECK_EQ_INT(store_commit(st), 0);
    CHECK_EQ_INT(store_begin_read(st), 0);
    CHECK_EQ_INT(store_order_load_by_id(st, &arena, o.entity_id, &again), 1);
    CHECK_EQ_INT(store_commit(st), 0);
    CHECK_EQ_STR(again.state, "processing");
    CHECK_EQ_INT(again.sums.total_invoiced, 123450);
    CHECK_EQ_INT(again.items[0].qty_invoiced, 10000);
    CHECK_EQ_INT(again.items[1].qty_invoiced, 0);
    CHECK_EQ_INT(again.pay.amount_paid, 5);
    char txn[64];
    CHECK_EQ_INT(store_payment_auth_txn(st, &again, txn, sizeof txn), 1);
    CHECK_EQ_STR(txn, "AUTH-100000001"); /* the import authorized the gateway order */
    store_close(st);
}

/* An invoice of one Widget of order 100000001, inserted through the store. */
static int64_t insert_invoice(struct store *st, struct md_order *o, char inc[32])
{
    struct md_inv_item ii;
    struct md_invoice inv;
    int64_t id = 0;
    memset(&ii, 0, sizeof ii);
    memset(&inv, 0, sizeof inv);
    ii.oi = &o->items[0];
    ii.qty = 10000;
    ii.row_total = ii.base_row_total = 100000;
    ii.discount_amount = ii.base_discount_amount = MD_NULL;
    inv.items = &ii;
    inv.nitems = 1;
    inv.total_qty = 10000;
    inv.subtotal = inv.base_subtotal = 100000;
    inv.grand_total = inv.base_grand_total = 150000;
    inv.shipping_amount = inv.base_shipping_amount = 50000;
    inv.shipping_tax_amount = inv.base_shipping_tax_amount = MD_NULL;
    inv.shipping_hidden_tax_amount = inv.shipping_incl_tax = inv.base_shipping_incl_tax = MD_NULL;
    CHECK_EQ_INT(store_seq_next(st, o->store_id, inc), 0);
    CHECK_EQ_INT(store_invoice_insert(st, o, &inv, inc, 1, MD_NULL, 1, "2020-01-02 00:00:00",
                                      &id), 0);
    return id;
}

static const struct val *get(const struct val *m, const char *k)
{
    const struct val *v = val_map_get(m, k);
    if (!v)
        fprintf(stderr, "no key %s\n", k);
    return v;
}

static void repo_invoices(void)
{
    struct store *st = open_backend();
    struct md_order o;
    struct md_inv_row r;
    struct md_prev_invoices prev;
    char inc[32], inc2[32];
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_order_load_by_inc(st, &arena, "100000001", &o), 1);
    CHECK_EQ_INT(store_invoice_prev(st, o.entity_id, &prev), 0);
    CHECK_EQ_INT(prev.shipping_taken, 0);
    int64_t id = insert_invoice(st, &o, inc);
    CHECK_EQ_STR(inc, "100000001");
    CHECK_EQ_INT(store_invoice_prev(st, o.entity_id, &prev), 0);
    CHECK_EQ_INT(prev.shipping_taken, 1);
    CHECK_EQ_INT(store_comment_insert(st, id, "first", 1, 0, "2020-01-02 00:00:00"), 0);
    CHECK_EQ_INT(store_comment_insert(st, id, "second", 0, 1, "2020-01-03 00:00:00"), 0);
    CHECK_EQ_INT(store_seq_advance(st, o.store_id, 7), 0);
    CHECK_EQ_INT(store_seq_next(st, o.store_id, inc2), 0);
    CHECK_EQ_STR(inc2, "100000008");
    CHECK_EQ_INT(store_commit(st), 0);

    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_invoice_row_load(st, &arena, inc, &r), 1);
    CHECK_EQ_INT(store_invoice_row_load(st, &arena, "nope", &r), 0);
    store_rollback(st);
    CHECK_EQ_INT(r.entity_id, id);
    CHECK_EQ_INT(r.order_id, o.entity_id);
    CHECK_EQ_INT(r.state, 1);
    CHECK_EQ_INT(r.can_void_flag, MD_NULL);
    CHECK_EQ_INT(r.grand_total, 150000);
    CHECK_EQ_INT(r.total_qty, 10000);

    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_invoice_set_state(st, id, 2, "CAP-1", 1, "2020-01-04 00:00:00"), 0);
    CHECK_EQ_INT(store_invoice_touch(st, id, "2020-01-05 00:00:00"), 0);
    CHECK_EQ_INT(store_commit(st), 0);

    struct val *info = NULL;
    CHECK_EQ_INT(store_invoice_info(st, &arena, "nope", &info), 0);
    CHECK_EQ_INT(store_invoice_info(st, &arena, inc, &info), 1);
    CHECK_EQ_STR(info->u.map.kv[0].key, md_invoice_cols[0].name); /* table order */
    CHECK_EQ_INT(get(info, "state")->u.i, 2);
    CHECK_EQ_STR(get(info, "transaction_id")->u.s.p, "CAP-1");
    CHECK_EQ_INT(get(info, "can_void_flag")->u.i, 0);
    CHECK_EQ_STR(get(info, "updated_at")->u.s.p, "2020-01-05 00:00:00");
    CHECK_EQ_INT(get(info, "grand_total")->t, VAL_DEC);
    CHECK_EQ_INT(get(info, "invoice_id")->u.i, id);
    CHECK_EQ_STR(get(info, "order_increment_id")->u.s.p, "100000001");
    CHECK_EQ_STR(get(info, "billing_firstname")->u.s.p, "Ann");
    const struct val *items = get(info, "items"), *comments = get(info, "comments");
    CHECK(items && items->u.list.n == 1);
    CHECK(comments && comments->u.list.n == 2);
    if (comments && comments->u.list.n == 2) /* newest first */
        CHECK_EQ_STR(val_map_get(comments->u.list.items[0], "comment")->u.s.p, "second");

    struct store_inv_item_sums *sums;
    struct store_mail_line *lines;
    size_t n = 0;
    int64_t grand = 0;
    CHECK_EQ_INT(store_invoice_item_sums(st, &arena, id, &sums, &n), 0);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(sums[0].order_item_id, o.items[0].item_id);
    CHECK_EQ_INT(sums[0].qty, 10000);
    CHECK_EQ_INT(sums[0].row_total, 100000);
    CHECK_EQ_INT(store_invoice_mail_lines(st, &arena, id, &grand, &lines, &n), 0);
    CHECK_EQ_INT(grand, 150000);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(lines[0].name, "Widget");
    CHECK_EQ_STR(lines[0].sku, "w-1");

    struct store_mail m = {"invoice_new", 1, o.entity_id, id, "a@example.com", "Ann Bee",
                           "subject", "body", "2020-01-02 00:00:00"};
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_outbox_add(st, &m), 0);
    CHECK_EQ_INT(store_commit(st), 0);
    store_close(st);
}

/* The ids a filter selects, as "1,2" (sorted by the caller's list order). */
static const char *list_ids(struct store *st, const struct md_filter *flt, int64_t limit)
{
    static char buf[128];
    struct val *list = val_list(&arena);
    int rc = store_invoice_list(st, &arena, flt, limit, 0, list);
    if (rc != 0) {
        snprintf(buf, sizeof buf, "error %d", rc);
        return buf;
    }
    buf[0] = '\0';
    int64_t ids[16];
    size_t n = list->u.list.n < 16 ? list->u.list.n : 16;
    for (size_t i = 0; i < n; i++)
        ids[i] = val_map_get(list->u.list.items[i], "invoice_id")->u.i;
    for (size_t i = 1; i < n; i++) /* insertion sort: the order is the caller's job */
        for (size_t j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
            int64_t t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s%lld", i ? "," : "", (long long)ids[i]);
    }
    return buf;
}

static int col_index(const char *name)
{
    for (size_t i = 0; i < md_invoice_ncols; i++)
        if (!strcmp(md_invoice_cols[i].name, name))
            return (int)i;
    return -1000;
}

static void repo_list_filters(void)
{
    struct store *st = open_backend();
    struct md_order o2;
    char inc[32];
    /* invoice 2 on order 200000001 (store 2) */
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_order_load_by_inc(st, &arena, "200000001", &o2), 1);
    int64_t id2 = insert_invoice(st, &o2, inc);
    CHECK_EQ_STR(inc, "200000001");
    CHECK_EQ_INT(store_commit(st), 0);
    CHECK_EQ_INT(id2, 2);

    struct md_fval two = {MDV_INT, 2, NULL}, one = {MDV_INT, 1, NULL},
                   inc1 = {MDV_TEXT, 0, "100000001"}, pat = {MDV_TEXT, 0, "^2"},
                   gt = {MDV_INT, 150000, NULL}, like = {MDV_TEXT, 0, "15.0%"};
    struct md_fval both[] = {one, two};
    struct md_fcond c_state = {.op = MDF_EQ, .field = col_index("state"), .vals = &two, .nvals = 1};
    struct md_fcond c_in = {.op = MDF_IN, .field = MD_FIELD_ENTITY_ID, .vals = both, .nvals = 2};
    struct md_fcond c_nin = {.op = MDF_NIN, .field = MD_FIELD_ENTITY_ID, .vals = &one, .nvals = 1};
    struct md_fcond c_order = {.op = MDF_EQ, .field = MD_FIELD_ORDER_INC, .vals = &inc1,
                               .nvals = 1};
    struct md_fcond c_re = {.op = MDF_REGEXP, .field = col_index("increment_id"), .vals = &pat,
                            .nvals = 1};
    struct md_fcond c_gt = {.op = MDF_GTEQ, .field = col_index("grand_total"), .vals = &gt,
                            .nvals = 1};
    struct md_fcond c_like = {.op = MDF_LIKE, .field = col_index("grand_total"), .vals = &like,
                              .nvals = 1};
    struct md_fcond c_null = {.op = MDF_NULL, .field = col_index("transaction_id")};
    struct md_fcond c_false = {.op = MDF_FALSE};
    struct md_fcond or_kids[] = {c_order, c_re};
    struct md_fcond c_or = {.op = MDF_OR, .field = MD_FIELD_ENTITY_ID, .kids = or_kids, .nkids = 2};
    struct md_fcond c_all = {.op = MDF_AND, .field = MD_FIELD_ENTITY_ID};
    struct md_filter none = {.conds = NULL, .n = 0, .entity = MD_ENT_INVOICE};
#define F1(c) (&(struct md_filter){.conds = &(c), .n = 1, .entity = MD_ENT_INVOICE})
    CHECK_EQ_STR(list_ids(st, &none, 10), "1,2");
    CHECK_EQ_STR(list_ids(st, &none, 1), "1"); /* limit */
    CHECK_EQ_STR(list_ids(st, F1(c_state), 10), "1");   /* invoice 1 was set to state 2 */
    CHECK_EQ_STR(list_ids(st, F1(c_in), 10), "1,2");
    CHECK_EQ_STR(list_ids(st, F1(c_nin), 10), "2");
    CHECK_EQ_STR(list_ids(st, F1(c_order), 10), "1");
    CHECK_EQ_STR(list_ids(st, F1(c_re), 10), "2");
    CHECK_EQ_STR(list_ids(st, F1(c_or), 10), "1,2");
    CHECK_EQ_STR(list_ids(st, F1(c_gt), 10), "1,2");
    CHECK_EQ_STR(list_ids(st, F1(c_like), 10), "1,2"); /* decimals as Magento prints them */
    CHECK_EQ_STR(list_ids(st, F1(c_null), 10), "2");
    CHECK_EQ_STR(list_ids(st, F1(c_false), 10), "");
    CHECK_EQ_STR(list_ids(st, F1(c_all), 10), "1,2");
    struct md_fcond and2[] = {c_in, c_state};
    CHECK_EQ_STR(list_ids(st, &(struct md_filter){.conds = and2, .n = 2, .entity = MD_ENT_INVOICE}, 10), "1");
#undef F1
    int64_t cnt = 0;
    static const char *const incs[] = {"100000001", "200000001", "nope"};
    CHECK_EQ_INT(store_count_orders(st, incs, 3, &cnt), 0);
    CHECK_EQ_INT(cnt, 2);
    store_close(st);
}

/* A PostgreSQL server that is not there is refused, naming the backend; a
 * fresh store is empty; then the fixture orders go in. */
static void repo_open_and_fixture(void)
{
    char err[512];
    struct store *st = (struct store *)1;
    CHECK(store_open("postgresql://127.0.0.1:1/magento", &cfg, &st, err, sizeof err) != 0);
    CHECK(st == NULL && strstr(err, "PostgreSQL") != NULL);
    st = open_backend();
    CHECK_EQ_INT(store_is_empty(st), 1);
    CHECK_EQ_INT(md_import_json(st, orders, strlen(orders), 0, err, sizeof err), 0);
    CHECK_EQ_INT(store_is_empty(st), 0);
    store_close(st);
}

/* The audit trail (migration 003) and the inspection reads; info stays
 * Magento's (no audit key). */
static void repo_audit(void)
{
    struct store *st = open_backend();
    struct md_inv_row r;
    int64_t n = 0;
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK_EQ_INT(store_invoice_row_load(st, &arena, "100000001", &r), 1);
    CHECK_EQ_INT(store_comment_count(st, r.entity_id, &n), 0);
    CHECK_EQ_INT(n, 2);
    struct md_audit made = {.invoice_id = r.entity_id, .action = "create", .api_user = "clerk",
                            .peer = "127.0.0.1:5555", .created_at = "2020-01-02 00:00:00"};
    CHECK_EQ_INT(store_audit_add(st, &made), 0);
    CHECK_EQ_INT(store_comment_insert(st, r.entity_id, "third", 0, 0, "2020-01-06 00:00:00"), 0);
    struct md_audit said = {.invoice_id = r.entity_id, .action = "comment", .api_user = NULL,
                            .created_at = "2020-01-06 00:00:00"};
    CHECK_EQ_INT(store_audit_add(st, &said), 0);
    CHECK_EQ_INT(store_commit(st), 0);
    /* only the five actions; a failed statement aborts its transaction on
     * PostgreSQL (its commit then fails), so it gets one of its own */
    struct md_audit bad = {.invoice_id = r.entity_id, .action = "delete", .api_user = "x",
                           .created_at = "2020-01-06 00:00:00"};
    CHECK_EQ_INT(store_begin(st), 0);
    CHECK(store_audit_add(st, &bad) != 0);
    store_rollback(st);
    CHECK_EQ_INT(store_comment_count(st, r.entity_id, &n), 0);
    CHECK_EQ_INT(n, 3);

    struct md_audit *au = NULL;
    size_t na = 0;
    CHECK_EQ_INT(store_invoice_audit(st, &arena, r.entity_id, &au, &na), 0);
    CHECK_EQ_INT(na, 2);
    if (na == 2) {
        CHECK_EQ_STR(au[0].action, "create");
        CHECK_EQ_STR(au[0].api_user, "clerk");
        CHECK_EQ_STR(au[0].peer, "127.0.0.1:5555");
        CHECK_EQ_INT(au[0].comment_id, 0);
        CHECK_EQ_STR(au[1].api_user, "cli");
        CHECK(au[1].peer == NULL);
        CHECK(au[1].comment_id > 0);
    }
    struct val *info = NULL;
    CHECK_EQ_INT(store_invoice_info(st, &arena, "100000001", &info), 1);
    CHECK(info && !val_map_get(info, "api_user") && !val_map_get(info, "created_by"));

    struct store_inspect_q q = {.order_inc = "100000001"};
    struct val *list = NULL;
    CHECK_EQ_INT(store_inspect_invoices(st, &arena, &q, &list), 0);
    CHECK(list && list->u.list.n == 1);
    if (list && list->u.list.n == 1) {
        const struct val *row = list->u.list.items[0];
        CHECK_EQ_STR(get(row, "created_by")->u.s.p, "clerk");
        CHECK_EQ_INT(get(row, "grand_total")->t, VAL_DEC);
        CHECK_EQ_INT(get(row, "grand_total")->u.i, 150000);
    }
    q.state = 3;
    CHECK_EQ_INT(store_inspect_invoices(st, &arena, &q, &list), 0);
    CHECK(list && list->u.list.n == 0);
    CHECK_EQ_INT(store_inspect_order(st, &arena, "nope", &list), 0);
    CHECK_EQ_INT(store_inspect_order(st, &arena, "100000001", &list), 1);
    CHECK(get(list, "items") && get(list, "items")->u.list.n >= 1);
    CHECK_EQ_INT(store_inspect_roles(st, &arena, &list), 0);
    CHECK_EQ_INT(store_inspect_users(st, &arena, &list), 0);
    CHECK_EQ_INT(store_inspect_outbox(st, &arena, &(struct store_inspect_q){0}, &list), 0);
    CHECK(list && list->u.list.n >= 1);
    store_close(st);
}

int main(void)
{
    cfg_defaults(&cfg);
    arena_init(&arena, 0);
    if (!mkdtemp(dir))
        return 2;
    snprintf(path, sizeof path, "%s/repo.db", dir);
    T_RUN(repo_open_and_fixture);
    T_RUN(repo_users_roles_sessions);
    T_RUN(repo_throttle);
    T_RUN(repo_transactions);
    T_RUN(repo_orders);
    T_RUN(repo_invoices);
    T_RUN(repo_audit);
    T_RUN(repo_list_filters);
    arena_free(&arena);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cleanup failed\n");
    return t_done();
}
