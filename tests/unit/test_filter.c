/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * List filters: every operator compiled to the expected SQL and binds, then
 * run against invoices of known values; aliases, unknown fields and
 * operators (fault 101 with no SQL text), the row cap.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/domain_int.h"
#include "store/sqlite/sqlite_int.h"
#include "magesoapd/dec.h"
#include "t.h"
#include "tools/tools.h"

static struct store *st;
static struct arena arena;
static struct cfg cfg;
static struct md_ctx ctx;

static const char orders[] =
    "{\"orders\": ["
    "{\"increment_id\": \"100000010\", \"order_id\": 10, \"payment\": {\"method\": \"checkmo\"},"
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"}, \"shipping_amount\": 5,"
    " \"items\": [{\"item_id\": 10, \"sku\": \"s\", \"name\": \"n\", \"qty_ordered\": 9,"
    " \"price\": 10}]},"
    "{\"increment_id\": \"100000011\", \"order_id\": 11, \"order_currency_code\": \"EUR\","
    " \"payment\": {\"method\": \"authorizenet\"}, \"billing_address\": {\"firstname\": \"A\","
    " \"lastname\": \"B\"}, \"items\": [{\"item_id\": 11, \"qty_ordered\": 2, \"price\": 2.5}]}"
    "]}";

static struct md_fault f;

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
    /* invoices: 1 = order 10 qty 1 (15.00 paid), 2 = order 10 qty 2 (20.00
     * paid), 3 = order 11 (5.00 open, EUR), then 3 is canceled. */
    struct md_qty q1 = {10, 10000}, q2 = {10, 20000};
    struct md_create_req r = {.order_inc = "100000010", .qty = &q1, .nqty = 1};
    const char *inc;
    md_invoice_create(&ctx, &r, &inc, NULL, &f);
    r.qty = &q2;
    md_invoice_create(&ctx, &r, &inc, NULL, &f);
    r = (struct md_create_req){.order_inc = "100000011"};
    md_invoice_create(&ctx, &r, &inc, NULL, &f);
    md_invoice_cancel(&ctx, "100000003", &f);
    sqlite3_exec(st->db, "UPDATE sales_flat_invoice SET created_at = '2012-03-30 12:00:00' "
                         "WHERE entity_id = 1", NULL, NULL, NULL);
}

/* ---- building filters --------------------------------------------------------- */

static struct val *S(const char *s)
{
    return val_str(&arena, s);
}

static struct val *I(int64_t i)
{
    return val_int(&arena, i);
}

static struct val *map1(const char *k, struct val *v)
{
    struct val *m = val_map(&arena);
    val_map_push(&arena, m, k, v);
    return m;
}

static struct val *map2(const char *k1, struct val *v1, const char *k2, struct val *v2)
{
    struct val *m = map1(k1, v1);
    val_map_push(&arena, m, k2, v2);
    return m;
}

static struct val *list2(struct val *a, struct val *b)
{
    struct val *l = val_list(&arena);
    val_list_push(&arena, l, a);
    val_list_push(&arena, l, b);
    return l;
}

/* field => {op => operand} */
static struct val *cond(const char *field, const char *op, struct val *operand)
{
    return map1(field, map1(op, operand));
}

/* The invoice ids the filter selects, as "1,2"; "fault N" on a fault. */
static const char *ids(struct val *filter)
{
    static char buf[128];
    struct val *out = NULL;
    if (md_invoice_list(&ctx, filter, &out, &f) != 0) {
        snprintf(buf, sizeof buf, "fault %d", f.code);
        return buf;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < out->u.list.n; i++) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "%s%lld", i ? "," : "",
                 (long long)val_map_get(out->u.list.items[i], "invoice_id")->u.i);
    }
    return buf;
}

/* The domain's filter as the SQLite backend's WHERE text. */
static const char *sql_of(struct val *filter)
{
    struct md_filter flt;
    struct sq_where w;
    if (md_filter_compile(&arena, filter, &flt, &f) != 0 || sq_filter_sql(&arena, &flt, &w) != 0)
        return "fault";
    return w.sql;
}

/* ---- tests -------------------------------------------------------------------------- */

static void filter_sql_is_templates_and_binds(void)
{
    struct md_filter flt;
    struct sq_where w;
    /* the domain's filter: field, operator, typed operands */
    CHECK_EQ_INT(md_filter_compile(&arena, cond("state", "eq", S("2")), &flt, &f), 0);
    CHECK_EQ_INT(flt.n, 1);
    CHECK_EQ_INT(flt.conds[0].op, MDF_EQ);
    CHECK_EQ_STR(md_invoice_cols[flt.conds[0].field].name, "state");
    CHECK_EQ_INT(flt.conds[0].nvals, 1);
    CHECK_EQ_INT(flt.conds[0].vals[0].kind, MDV_TEXT);
    CHECK_EQ_STR(flt.conds[0].vals[0].s, "2");
    /* the backend's SQL: templates and bound operands */
    CHECK_EQ_INT(sq_filter_sql(&arena, &flt, &w), 0);
    CHECK_EQ_STR(w.sql, "(i.state = ?)");
    CHECK_EQ_INT(w.nbinds, 1);
    CHECK_EQ_STR(w.binds[0]->s, "2");
    CHECK_EQ_INT(md_filter_compile(&arena, cond("grand_total", "gt", S("15.5")), &flt, &f), 0);
    CHECK_EQ_INT(flt.conds[0].op, MDF_GT);
    CHECK_EQ_INT(flt.conds[0].vals[0].kind, MDV_INT);
    CHECK_EQ_INT(flt.conds[0].vals[0].i, 155000); /* decimals scaled */
    CHECK_EQ_INT(sq_filter_sql(&arena, &flt, &w), 0);
    CHECK_EQ_STR(w.sql, "(i.grand_total > ?)");
    CHECK_EQ_INT(w.binds[0]->kind, MDV_INT);
    CHECK_EQ_INT(w.binds[0]->i, 155000); /* decimals bind scaled */
    CHECK_EQ_STR(sql_of(cond("increment_id", "like", S("1%"))),
                 "(i.increment_id LIKE ? ESCAPE '\\')");
    CHECK_EQ_STR(sql_of(cond("grand_total", "like", S("15%"))),
                 "(md_dec(i.grand_total) LIKE ? ESCAPE '\\')");
    CHECK_EQ_STR(sql_of(cond("invoice_id", "in", list2(I(1), I(2)))),
                 "(i.entity_id IN (?, ?))");
    CHECK_EQ_STR(sql_of(map1("order_increment_id", S("100000010"))), "(o.increment_id = ?)");
    CHECK_EQ_STR(sql_of(map2("state", S("2"), "order_id", S("10"))),
                 "(i.state = ?) AND (i.order_id = ?)");
    /* a client string never reaches the SQL text */
    CHECK(strstr(sql_of(map1("state", S("2'); DROP TABLE x; --"))), "DROP") == NULL);
    CHECK_EQ_STR(sql_of(NULL), "");
    CHECK_EQ_STR(sql_of(S("not an array")), ""); /* ignored, as parseFilters does */
}

static void filter_every_operator(void)
{
    CHECK_EQ_STR(ids(NULL), "1,2,3");
    CHECK_EQ_STR(ids(map1("state", S("2"))), "1,2");
    CHECK_EQ_STR(ids(cond("state", "eq", I(3))), "3");
    CHECK_EQ_STR(ids(cond("state", "neq", S("2"))), "3");
    CHECK_EQ_STR(ids(cond("increment_id", "like", S("%03"))), "3");
    CHECK_EQ_STR(ids(cond("grand_total", "like", S("15.%"))), "1");
    CHECK_EQ_STR(ids(cond("increment_id", "nlike", S("%03"))), "1,2");
    CHECK_EQ_STR(ids(cond("invoice_id", "in", list2(I(1), I(3)))), "1,3");
    CHECK_EQ_STR(ids(cond("state", "in", S("2,3"))), "1,2,3"); /* V2 comma string */
    CHECK_EQ_STR(ids(cond("invoice_id", "nin", list2(I(1), I(3)))), "2");
    CHECK_EQ_STR(ids(cond("invoice_id", "in", val_list(&arena))), "");
    CHECK_EQ_STR(ids(cond("email_sent", "is", val_null(&arena))), "1,2,3");
    CHECK_EQ_STR(ids(cond("can_void_flag", "is", S("NOT NULL"))), "1,2");
    CHECK_EQ_STR(ids(cond("can_void_flag", "notnull", I(1))), "1,2");
    CHECK_EQ_STR(ids(cond("can_void_flag", "null", I(1))), "3");
    CHECK_EQ_STR(ids(cond("grand_total", "gt", S("15"))), "2");
    CHECK_EQ_STR(ids(cond("grand_total", "lt", S("15"))), "3");
    CHECK_EQ_STR(ids(cond("grand_total", "gteq", S("15.0000"))), "1,2");
    CHECK_EQ_STR(ids(cond("grand_total", "lteq", val_dec(&arena, 150000))), "1,3");
    CHECK_EQ_STR(ids(cond("order_currency_code", "finset", S("EUR"))), "3");
    CHECK_EQ_STR(ids(cond("order_currency_code", "finset", S("EUR,USD"))), "");
    CHECK_EQ_STR(ids(map1("invoice_id", map2("from", I(2), "to", I(3)))), "2,3");
    CHECK_EQ_STR(ids(map1("invoice_id", map1("from", I(2)))), "2,3");
    CHECK_EQ_STR(ids(map1("invoice_id", map1("to", I(1)))), "1");
    struct val *dates = map2("from", S("2012-03-30"), "to", S("2012-03-30 23:59:59"));
    val_map_push(&arena, dates, "date", val_bool(&arena, 1));
    CHECK_EQ_STR(ids(map1("created_at", dates)), "1");
    CHECK_EQ_STR(ids(cond("transaction_id", "seq", S(""))), "1,2,3");
    CHECK_EQ_STR(ids(cond("order_currency_code", "seq", S("EUR"))), "3");
    CHECK_EQ_STR(ids(cond("transaction_id", "sneq", S(""))), "");
    CHECK_EQ_STR(ids(cond("order_currency_code", "sneq", S("EUR"))), "1,2");
    /* regexp: POSIX extended, case-insensitive; a broken pattern is fault 101 */
    CHECK_EQ_STR(ids(cond("state", "regexp", S("^2$"))), ids(cond("state", "eq", S("2"))));
    CHECK_EQ_STR(ids(cond("order_currency_code", "regexp", S("^e.r$"))),
                 ids(cond("order_currency_code", "eq", S("EUR"))));
    CHECK_EQ_STR(ids(cond("grand_total", "regexp", S("\\.0000$"))), "1,2,3");
    CHECK_EQ_STR(ids(cond("state", "regexp", S("(unclosed"))), "fault 101");
}

static void filter_or_lists_and_aliases(void)
{
    /* an array without an operator key: OR of its conditions */
    CHECK_EQ_STR(ids(map1("invoice_id", list2(I(1), map1("gt", I(2))))), "1,3");
    struct val *numbered = map2("0", I(1), "1", I(2));
    CHECK_EQ_STR(ids(map1("invoice_id", numbered)), "1,2");
    CHECK_EQ_STR(ids(map1("entity_id", I(2))), "2");
    CHECK_EQ_STR(ids(map1("order_increment_id", S("100000011"))), "3");
    CHECK_EQ_STR(ids(cond("order_increment_id", "in", list2(S("100000010"), S("x")))), "1,2");
    CHECK_EQ_STR(ids(map1("STATE", S("3"))), "3"); /* MySQL column names ignore case */
    /* the complex filter of the capture run */
    CHECK_EQ_STR(ids(map2("invoice_id", map1("in", list2(I(1), I(2))), "state",
                          map1("eq", I(2)))), "1,2");
}

static void filter_faults_name_the_field(void)
{
    CHECK_EQ_STR(ids(map1("nosuchfield", I(1))), "fault 101");
    CHECK(strstr(f.msg, "Invalid filter given. Details in error message.") == f.msg);
    CHECK(strstr(f.msg, "\"nosuchfield\"") != NULL);
    CHECK(strstr(f.msg, "SELECT") == NULL && strstr(f.msg, "sales_flat") == NULL);
    CHECK_EQ_STR(ids(cond("state", "bogus", I(1))), "fault 101");
    CHECK(strstr(f.msg, "\"bogus\"") != NULL && strstr(f.msg, "\"state\"") != NULL);
    CHECK_EQ_STR(ids(cond("grand_total", "gt", S("abc"))), "fault 101");
    CHECK(strstr(f.msg, "grand_total") != NULL);
    CHECK_EQ_STR(ids(map1("state", val_map(&arena))), "fault 101");
    CHECK_EQ_STR(ids(cond("state", "eq", list2(I(1), I(2)))), "fault 101");
    CHECK_EQ_STR(ids(cond("state", "is", S("maybe"))), "fault 101");
    struct val *l = val_list(&arena);
    val_list_push(&arena, l, I(1));
    CHECK_EQ_STR(ids(l), "fault 101"); /* a list names column "0" */
    CHECK_EQ_STR(ids(map1("created_at", map2("from", S("yesterday"), "date", I(1)))),
                 "fault 101");
    /* nesting is bounded */
    struct val *deep = I(1);
    for (int i = 0; i < 20; i++)
        deep = list2(deep, I(2));
    CHECK_EQ_STR(ids(map1("state", deep)), "fault 101");
}

static void filter_row_cap(void)
{
    cfg.list_max_rows = 2;
    CHECK_EQ_STR(ids(NULL), "fault 101");
    CHECK(strstr(f.msg, "More than 2 invoices") != NULL);
    CHECK_EQ_STR(ids(map1("state", S("2"))), "1,2");
    cfg.list_max_rows = 100000;
}

/* A deadline already past stops the list query (progress handler) with
 * Magento's generic fault 1; without a deadline the same filter answers. */
static void filter_deadline(void)
{
    /* enough rows for the scan to run a few thousand VM steps */
    CHECK_EQ_INT(sqlite3_exec(st->db, "CREATE TEMP TABLE t AS SELECT * FROM sales_flat_invoice "
                                      "WHERE entity_id = 3", NULL, NULL, NULL), SQLITE_OK);
    for (int k = 1000; k < 5000; k++) {
        char sql[160];
        snprintf(sql, sizeof sql, "UPDATE t SET entity_id = %d, increment_id = 'x%d'; "
                 "INSERT INTO sales_flat_invoice SELECT * FROM t", k, k);
        CHECK_EQ_INT(sqlite3_exec(st->db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    struct val *flt = cond("increment_id", "regexp", S("^1000"));
    CHECK_EQ_STR(ids(flt), "1,2,3");
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ctx.deadline_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 - 1;
    CHECK_EQ_STR(ids(flt), "fault 1");
    CHECK_EQ_STR(f.msg, "Internal Error. Please see log for details.");
    ctx.deadline_ms = 0;
    CHECK_EQ_STR(ids(flt), "1,2,3");
}

int main(void)
{
    setup();
    T_RUN(filter_sql_is_templates_and_binds);
    T_RUN(filter_every_operator);
    T_RUN(filter_or_lists_and_aliases);
    T_RUN(filter_faults_name_the_field);
    T_RUN(filter_row_cap);
    T_RUN(filter_deadline);
    arena_free(&arena);
    store_close(st);
    return t_done();
}
