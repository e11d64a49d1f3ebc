/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SQLite connection: open with the pragmas every worker needs, apply the
 * embedded migrations (schema/NNN_name.sql, version = NNN, tracked in PRAGMA
 * user_version), and the small helpers the domain uses to run prepared
 * statements and transactions.  One struct store per thread; nothing here is
 * shared between connections.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "magesoapd/config.h"
#include "magesoapd/dec.h"
#include "magesoapd/embedded.h"
#include "store/store_int.h"

#define DEFAULT_BUSY_MS 5000

/* ---- errors ------------------------------------------------------------ */

void store_note_error(struct store *st, const char *what)
{
    snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", what, sqlite3_errmsg(st->db));
}

const char *store_errmsg(const struct store *st)
{
    return st->errmsg;
}

/* ---- statements -------------------------------------------------------- */

sqlite3_stmt *store_prep(struct store *st, const char *sql)
{
    for (size_t i = 0; i < st->ncache; i++) {
        if (st->cache[i].sql == sql) {
            sqlite3_reset(st->cache[i].stmt);
            sqlite3_clear_bindings(st->cache[i].stmt);
            return st->cache[i].stmt;
        }
    }
    if (st->ncache == st->capcache) {
        size_t cap = st->capcache ? st->capcache * 2 : 64;
        struct st_cached *c = realloc(st->cache, cap * sizeof *c);
        if (!c) {
            snprintf(st->errmsg, sizeof st->errmsg, "out of memory");
            return NULL;
        }
        st->cache = c;
        st->capcache = cap;
    }
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
        store_note_error(st, "prepare");
        return NULL;
    }
    st->cache[st->ncache].sql = sql;
    st->cache[st->ncache].stmt = stmt;
    st->ncache++;
    return stmt;
}

void store_done(sqlite3_stmt *stmt)
{
    if (stmt)
        sqlite3_reset(stmt);
}

int st_bind_text(sqlite3_stmt *s, int idx, const char *text)
{
    if (!text)
        return sqlite3_bind_null(s, idx);
    return sqlite3_bind_text(s, idx, text, -1, SQLITE_TRANSIENT);
}

int st_bind_int(sqlite3_stmt *s, int idx, int64_t v)
{
    return sqlite3_bind_int64(s, idx, v);
}

const char *st_col_text(sqlite3_stmt *s, int col)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return NULL;
    return (const char *)sqlite3_column_text(s, col);
}

int st_col_is_null(sqlite3_stmt *s, int col)
{
    return sqlite3_column_type(s, col) == SQLITE_NULL;
}

int st_query_int(struct store *st, const char *sql, int64_t *out, const char *types, ...)
{
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types && types[i]; i++) {
        if (types[i] == 'i')
            st_bind_int(s, i + 1, va_arg(ap, int64_t));
        else
            st_bind_text(s, i + 1, va_arg(ap, const char *));
    }
    va_end(ap);
    int rc = sqlite3_step(s), ret;
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(s, 0);
        ret = 1;
    } else if (rc == SQLITE_DONE) {
        ret = 0;
    } else {
        store_note_error(st, "query");
        ret = -1;
    }
    store_done(s);
    return ret;
}

/* ---- transactions ------------------------------------------------------ */

int store_exec(struct store *st, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(st->errmsg, sizeof st->errmsg, "%s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
    }
    return rc;
}

static int run_simple(struct store *st, const char *sql, const char *what)
{
    sqlite3_stmt *s = store_prep(st, sql);
    int rc = s ? sqlite3_step(s) : SQLITE_ERROR;
    store_done(s);
    if (rc != SQLITE_DONE) {
        store_note_error(st, what);
        return rc == SQLITE_OK || rc == SQLITE_ROW ? SQLITE_ERROR : rc;
    }
    return SQLITE_OK;
}

/* Transactions nest: inside an outer one (demo data = import + invoices in
 * one unit) an inner begin is a savepoint. */
static int begin_with(struct store *st, const char *sql)
{
    static const char savepoint[] = "SAVEPOINT md_nested";
    int rc = run_simple(st, st->in_tx ? savepoint : sql, "begin");
    if (rc == SQLITE_OK)
        st->in_tx++;
    return rc;
}

int store_begin(struct store *st)
{
    static const char sql[] = "BEGIN IMMEDIATE";
    return begin_with(st, sql);
}

int store_begin_read(struct store *st)
{
    static const char sql[] = "BEGIN";
    return begin_with(st, sql);
}

int store_commit(struct store *st)
{
    static const char commit[] = "COMMIT", release[] = "RELEASE md_nested";
    int rc = run_simple(st, st->in_tx > 1 ? release : commit, "commit");
    if (rc != SQLITE_OK) {
        store_rollback(st);
        return rc;
    }
    if (st->in_tx > 0)
        st->in_tx--;
    return SQLITE_OK;
}

void store_rollback(struct store *st)
{
    static const char rollback[] = "ROLLBACK", to[] = "ROLLBACK TO md_nested",
                      release[] = "RELEASE md_nested";
    if (st->in_tx > 1) {
        run_simple(st, to, "rollback");
        run_simple(st, release, "rollback");
        st->in_tx--;
        return;
    }
    /* A failed statement may already have ended the transaction. */
    if (!sqlite3_get_autocommit(st->db))
        run_simple(st, rollback, "rollback");
    st->in_tx = 0;
}

/* ---- SQL functions ------------------------------------------------------- */

/* md_dec(x): a scaled decimal as Magento prints it ("45.0000"), so that text
 * operators in list filters (like, finset) see what MySQL would compare. */
static void fn_md_dec(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(c);
        return;
    }
    char buf[24];
    dec_format(sqlite3_value_int64(argv[0]), buf);
    sqlite3_result_text(c, buf, -1, SQLITE_TRANSIENT);
}

/* ---- migrations ---------------------------------------------------------- */

static int migration_version(const char *name)
{
    char *end;
    errno = 0;
    long v = strtol(name, &end, 10);
    if (errno || end == name || v <= 0 || v > 100000)
        return -1;
    return (int)v;
}

int store_latest_version(void)
{
    int latest = 0;
    for (const struct md_embedded *m = md_migrations; m->name; m++) {
        int v = migration_version(m->name);
        if (v > latest)
            latest = v;
    }
    return latest;
}

int store_schema_version(struct store *st)
{
    int64_t v = 0;
    if (st_query_int(st, "PRAGMA user_version", &v, NULL) != 1)
        return -1;
    return (int)v;
}

/* One migration, in its own IMMEDIATE transaction.  The version is re-read
 * inside the transaction: when several workers open a fresh file at once,
 * only the first applies it and the others see it done. */
static int apply_migration(struct store *st, const struct md_embedded *m, int v, char *err,
                           size_t errlen)
{
    if (store_begin(st) != SQLITE_OK) {
        snprintf(err, errlen, "migration %s: %s", m->name, st->errmsg);
        return -1;
    }
    int cur = store_schema_version(st);
    if (cur >= v) {
        store_rollback(st);
        return 0;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
    if (store_exec(st, m->data) != SQLITE_OK || store_exec(st, pragma) != SQLITE_OK) {
        snprintf(err, errlen, "migration %s: %s", m->name, st->errmsg);
        store_rollback(st);
        return -1;
    }
    if (store_commit(st) != SQLITE_OK) {
        snprintf(err, errlen, "migration %s: %s", m->name, st->errmsg);
        return -1;
    }
    return 0;
}

static int migrate(struct store *st, char *err, size_t errlen)
{
    int cur = store_schema_version(st);
    if (cur < 0) {
        snprintf(err, errlen, "reading schema version: %s", st->errmsg);
        return -1;
    }
    if (cur > store_latest_version()) {
        snprintf(err, errlen, "database schema version %d is newer than this program (%d)", cur,
                 store_latest_version());
        return -1;
    }
    /* md_migrations is sorted by name, so versions come in order. */
    for (const struct md_embedded *m = md_migrations; m->name; m++) {
        int v = migration_version(m->name);
        if (v < 0) {
            snprintf(err, errlen, "migration %s: name must start with its number", m->name);
            return -1;
        }
        if (v > cur && apply_migration(st, m, v, err, errlen) != 0)
            return -1;
    }
    return 0;
}

/* ---- open / close ---------------------------------------------------------- */

static int set_pragmas(struct store *st, int busy_ms, char *err, size_t errlen)
{
    /* The busy timeout goes first: switching to WAL needs a lock that a
     * concurrently opening worker may hold for a moment. */
    sqlite3_busy_timeout(st->db, busy_ms);
    static const char *const pragmas[] = {
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
    };
    for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++) {
        if (store_exec(st, pragmas[i]) != SQLITE_OK) {
            snprintf(err, errlen, "%s: %s", pragmas[i], st->errmsg);
            return -1;
        }
    }
    if (sqlite3_create_function(st->db, "md_dec", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                fn_md_dec, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "registering md_dec: %s", sqlite3_errmsg(st->db));
        return -1;
    }
    return 0;
}

int store_open(const char *path, const struct cfg *cfg, struct store **out, char *err,
               size_t errlen)
{
    *out = NULL;
    struct store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* NOMUTEX: a connection never leaves its worker thread. */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, st->db ? sqlite3_errmsg(st->db) : "cannot open");
        store_close(st);
        return -1;
    }
    sqlite3_extended_result_codes(st->db, 1);
    int busy = cfg ? cfg->busy_timeout_ms : DEFAULT_BUSY_MS;
    if (set_pragmas(st, busy, err, errlen) != 0 || migrate(st, err, errlen) != 0) {
        store_close(st);
        return -1;
    }
    *out = st;
    return 0;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->ncache; i++)
        sqlite3_finalize(st->cache[i].stmt);
    free(st->cache);
    sqlite3_close_v2(st->db);
    free(st);
}
