/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Storage: pragmas, migrations (fresh, idempotent, newer-than-us refused),
 * :memory:, nested transactions, and the invoice column tables agreeing
 * with the schema (the info key order depends on it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/domain_int.h"
#include "magesoapd/embedded.h"
#include "store/sqlite/sqlite_int.h"
#include "t.h"

static struct cfg cfg;
static char dir[] = "/tmp/md_store_XXXXXX";
static char path[256];

static int64_t q(struct store *st, const char *sql)
{
    int64_t v = -1;
    st_query_int(st, sql, &v, NULL);
    return v;
}

static void store_memory_opens_at_latest(void)
{
    struct store *st;
    char err[256];
    CHECK_EQ_INT(store_open(":memory:", &cfg, &st, err, sizeof err), 0);
    CHECK(store_latest_version() >= 1);
    CHECK_EQ_INT(store_schema_version(st), store_latest_version());
    CHECK_EQ_INT(q(st, "PRAGMA foreign_keys"), 1);
    store_close(st);
}

static void store_file_pragmas_and_idempotent_migrations(void)
{
    struct store *st, *st2;
    char err[256];
    CHECK_EQ_INT(store_open(path, &cfg, &st, err, sizeof err), 0);
    sqlite3_stmt *s = store_prep(st, "PRAGMA journal_mode");
    CHECK(s && sqlite3_step(s) == SQLITE_ROW && strcmp(st_col_text(s, 0), "wal") == 0);
    store_done(s);
    CHECK_EQ_INT(q(st, "PRAGMA synchronous"), 2); /* FULL */
    CHECK_EQ_INT(q(st, "PRAGMA foreign_keys"), 1);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM sqlite_master WHERE name = 'sales_flat_invoice'"),
                 1);
    /* a second connection (another worker) sees the schema and migrates nothing */
    CHECK_EQ_INT(store_open(path, &cfg, &st2, err, sizeof err), 0);
    CHECK_EQ_INT(store_schema_version(st2), store_latest_version());
    store_close(st2);
    store_close(st);
    CHECK_EQ_INT(store_open(path, &cfg, &st, err, sizeof err), 0);
    CHECK_EQ_INT(store_schema_version(st), store_latest_version());
    /* upgrading a real version-1 database (001 only) applies every later
     * migration: 002 drops the sessions stored in clear, 004 adds columns */
    char v1path[300];
    snprintf(v1path, sizeof v1path, "%s.v1", path);
    sqlite3 *raw = NULL;
    CHECK_EQ_INT(sqlite3_open(v1path, &raw), SQLITE_OK);
    CHECK_EQ_INT(sqlite3_exec(raw, md_migrations[0].data, NULL, NULL, NULL), SQLITE_OK);
    CHECK_EQ_INT(sqlite3_exec(raw,
                              "INSERT INTO api_user (username, api_key, created) VALUES "
                              "('u', 'k', '2020-01-01 00:00:00'); INSERT INTO api_session "
                              "VALUES ('0123456789abcdef0123456789abcdef', 1, "
                              "'2020-01-01 00:00:00'); PRAGMA user_version = 1",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    sqlite3_close(raw);
    store_close(st);
    CHECK_EQ_INT(store_open(v1path, &cfg, &st, err, sizeof err), 0);
    CHECK_EQ_INT(store_schema_version(st), store_latest_version());
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM api_session"), 0);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM api_user"), 1);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM pragma_table_info('sales_flat_order') "
                       "WHERE name = 'hold_before_state'"),
                 1);
    store_close(st);
    unlink(v1path);
    char side[320];
    snprintf(side, sizeof side, "%s-wal", v1path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", v1path);
    unlink(side);
    CHECK_EQ_INT(store_open(path, &cfg, &st, err, sizeof err), 0);
    /* a database from a newer program is refused */
    store_exec(st, "PRAGMA user_version = 9999");
    store_close(st);
    CHECK(store_open(path, &cfg, &st, err, sizeof err) != 0);
    CHECK(strstr(err, "9999") != NULL);
}

static void store_bad_path_fails_cleanly(void)
{
    struct store *st = (struct store *)1;
    char err[256] = "";
    CHECK(store_open("/nonexistent-dir/x/y.db", &cfg, &st, err, sizeof err) != 0);
    CHECK(st == NULL);
    CHECK(err[0] != '\0');
}

static void store_nested_transactions(void)
{
    struct store *st;
    char err[256];
    CHECK_EQ_INT(store_open(":memory:", &cfg, &st, err, sizeof err), 0);
    CHECK_EQ_INT(store_begin(st), SQLITE_OK);
    store_exec(st, "INSERT INTO api_role (role_name, resources) VALUES ('a', 'all')");
    CHECK_EQ_INT(store_begin(st), SQLITE_OK); /* savepoint */
    store_exec(st, "INSERT INTO api_role (role_name, resources) VALUES ('b', 'all')");
    store_rollback(st); /* undoes b only */
    CHECK_EQ_INT(store_begin(st), SQLITE_OK);
    store_exec(st, "INSERT INTO api_role (role_name, resources) VALUES ('c', 'all')");
    CHECK_EQ_INT(store_commit(st), SQLITE_OK);
    CHECK_EQ_INT(store_commit(st), SQLITE_OK);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM api_role"), 2);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM api_role WHERE role_name = 'b'"), 0);
    CHECK_EQ_INT(store_begin(st), SQLITE_OK);
    store_exec(st, "DELETE FROM api_role");
    store_rollback(st);
    CHECK_EQ_INT(q(st, "SELECT count(*) FROM api_role"), 2);
    store_close(st);
}

/* The info/list column tables must list the table's columns in order. */
static void check_table(struct store *st, const char *sql, const struct md_col *cols, size_t n)
{
    sqlite3_stmt *s = store_prep(st, sql);
    size_t i = 0;
    int first = 1;
    while (s && sqlite3_step(s) == SQLITE_ROW) {
        const char *name = st_col_text(s, 1);
        if (first) {
            CHECK_EQ_STR(name, "entity_id");
            first = 0;
            continue;
        }
        CHECK(i < n);
        if (i < n)
            CHECK_EQ_STR(name, cols[i].name);
        i++;
    }
    store_done(s);
    CHECK_EQ_INT(i, n);
}

static void store_column_tables_match_schema(void)
{
    struct store *st;
    char err[256];
    CHECK_EQ_INT(store_open(":memory:", &cfg, &st, err, sizeof err), 0);
    check_table(st, "PRAGMA table_info(sales_flat_invoice)", md_invoice_cols, md_invoice_ncols);
    check_table(st, "PRAGMA table_info(sales_flat_invoice_item)", md_invoice_item_cols,
                md_invoice_item_ncols);
    check_table(st, "PRAGMA table_info(sales_flat_invoice_comment)", md_invoice_comment_cols,
                md_invoice_comment_ncols);
    CHECK_EQ_INT(md_invoice_ncols, 43);
    /* the columns connectors filter on are indexed (others scan) */
    static const char *const indexed[] = {"increment_id", "order_id", "state", "created_at",
                                          "updated_at", "store_id", "grand_total",
                                          "order_currency_code", "transaction_id"};
    for (size_t i = 0; i < sizeof indexed / sizeof indexed[0]; i++) {
        int64_t n = 0;
        st_query_int(st,
                     "SELECT count(*) FROM sqlite_master m, pragma_index_list(m.name) il, "
                     "pragma_index_info(il.name) ii WHERE m.name = 'sales_flat_invoice' "
                     "AND ii.name = ? AND ii.seqno = 0",
                     &n, "s", indexed[i]);
        if (n < 1)
            fprintf(stderr, "no index on %s\n", indexed[i]);
        CHECK(n >= 1);
    }
    store_close(st);
}

static void store_md_dec_function(void)
{
    struct store *st;
    char err[256];
    CHECK_EQ_INT(store_open(":memory:", &cfg, &st, err, sizeof err), 0);
    sqlite3_stmt *s = store_prep(st, "SELECT md_dec(450000), md_dec(-5000), md_dec(NULL)");
    CHECK(s && sqlite3_step(s) == SQLITE_ROW);
    if (s) {
        CHECK_EQ_STR(st_col_text(s, 0), "45.0000");
        CHECK_EQ_STR(st_col_text(s, 1), "-0.5000");
        CHECK(st_col_text(s, 2) == NULL);
    }
    store_done(s);
    store_close(st);
}

int main(void)
{
    cfg_defaults(&cfg);
    if (!mkdtemp(dir))
        return 2;
    snprintf(path, sizeof path, "%s/t.db", dir);
    T_RUN(store_memory_opens_at_latest);
    T_RUN(store_file_pragmas_and_idempotent_migrations);
    T_RUN(store_bad_path_fails_cleanly);
    T_RUN(store_nested_transactions);
    T_RUN(store_column_tables_match_schema);
    T_RUN(store_md_dec_function);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return t_done();
}
