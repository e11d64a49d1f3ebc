/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bulk loading on SQLite (store.h, store_bulk_*): reading an order's rows
 * as text, and one big write transaction of prepared INSERTs.  The values
 * arrive as text; the columns' type affinity stores numbers as numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/bulk_tables.h"
#include "store/sqlite/sqlite_int.h"

int sq_bulk_read(struct store *st, int64_t order_id, enum store_bulk_table t,
                 struct store_bulk_rows *out)
{
    sqlite3_stmt *s = store_prep(st, sb_tables[t].select);
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    out->pk = -1;
    if (!s)
        return -1;
    out->ncols = sqlite3_column_count(s);
    out->cols = calloc((size_t)out->ncols, sizeof *out->cols);
    if (!out->cols)
        goto oom;
    for (int c = 0; c < out->ncols; c++) {
        if (!(out->cols[c] = strdup(sqlite3_column_name(s, c))))
            goto oom;
        if (!strcmp(out->cols[c], sb_tables[t].pk))
            out->pk = c;
    }
    sqlite3_bind_int64(s, 1, order_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 8;
            char **v = realloc(out->v, cap * (size_t)out->ncols * sizeof *v);
            if (!v)
                goto oom;
            out->v = v;
        }
        for (int c = 0; c < out->ncols; c++) {
            const char *x = st_col_text(s, c);
            char **cell = &out->v[out->n * (size_t)out->ncols + (size_t)c];
            if (!x) {
                *cell = NULL;
            } else if (!(*cell = strdup(x))) {
                for (int k = 0; k < c; k++)
                    free(out->v[out->n * (size_t)out->ncols + (size_t)k]);
                goto oom;
            }
        }
        out->n++;
    }
    store_done(s);
    if (rc != SQLITE_DONE || out->pk < 0) {
        store_note_error(st, rc != SQLITE_DONE ? "bulk read" : "bulk read: no primary key");
        store_bulk_rows_free(out);
        return -1;
    }
    return 0;
oom:
    store_done(s);
    store_bulk_rows_free(out);
    snprintf(st->errmsg, sizeof st->errmsg, "bulk read: out of memory");
    return -1;
}

/* ---- the load ----------------------------------------------------------------------------- */

struct sq_sink {
    struct store *st;
    sqlite3_stmt *ins[SB_NTABLES];
    int ncols[SB_NTABLES];
};

/* A canonical integer ("0", "-12", "345": no leading zero, at most 18
 * digits): bound as one, which spares SQLite the text-to-integer affinity
 * conversion per value.  A TEXT column turns it back into the same text. */
static int canonical_int(const char *v, int64_t *out)
{
    const char *p = v + (*v == '-');
    size_t n = strspn(p, "0123456789");
    if (n == 0 || n > 18 || p[n] != '\0' || (p[0] == '0' && n > 1) || (*v == '-' && p[0] == '0'))
        return 0;
    *out = strtoll(v, NULL, 10);
    return 1;
}

static int emit_row(void *arg, enum store_bulk_table t, const char *const *vals)
{
    struct sq_sink *k = arg;
    sqlite3_stmt *s = k->ins[t];
    for (int c = 0; c < k->ncols[t]; c++) {
        int64_t i;
        if (vals[c] && canonical_int(vals[c], &i))
            sqlite3_bind_int64(s, c + 1, i);
        else
            sqlite3_bind_text(s, c + 1, vals[c], -1, SQLITE_STATIC);
    }
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        snprintf(k->st->errmsg, sizeof k->st->errmsg, "inserting into %s: %s", sb_tables[t].name,
                 sqlite3_errmsg(k->st->db));
        return -1;
    }
    return 0;
}

static int64_t max_pk(struct store *st, enum store_bulk_table t)
{
    char sql[160];
    sqlite3_stmt *s = NULL;
    int64_t v = 0;
    snprintf(sql, sizeof sql, "SELECT coalesce(max(%s), 0) FROM %s", sb_tables[t].pk,
             sb_tables[t].name);
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* Highest "<prefix><8 digits>" number used in a table's increment_id. */
static int64_t highest_num(struct store *st, int invoices, const char *prefix)
{
    static const char order_sql[] =
        "SELECT max(increment_id) FROM sales_flat_order WHERE increment_id BETWEEN ? AND ? "
        "AND length(increment_id) = ?";
    static const char inv_sql[] =
        "SELECT max(increment_id) FROM sales_flat_invoice WHERE increment_id BETWEEN ? AND ? "
        "AND length(increment_id) = ?";
    char lo[40], hi[40];
    int64_t v = 0;
    snprintf(lo, sizeof lo, "%s00000000", prefix);
    snprintf(hi, sizeof hi, "%s99999999", prefix);
    sqlite3_stmt *s = store_prep(st, invoices ? inv_sql : order_sql);
    if (!s)
        return -1;
    st_bind_text(s, 1, lo);
    st_bind_text(s, 2, hi);
    st_bind_int(s, 3, (int64_t)strlen(lo));
    if (sqlite3_step(s) == SQLITE_ROW && !st_col_is_null(s, 0))
        v = strtoll(st_col_text(s, 0) + strlen(prefix), NULL, 10);
    store_done(s);
    return v;
}

static int state_init(struct store *st, struct store_bulk_state *b)
{
    static const char sql[] =
        "SELECT increment_prefix, increment_last_id FROM eav_entity_store "
        "WHERE entity_type = 'invoice' AND store_id = ?";
    for (int t = 0; t < SB_NTABLES; t++)
        b->max_id[t] = max_pk(st, (enum store_bulk_table)t);
    for (int store = 1; store <= 2; store++) {
        char prefix[24];
        snprintf(prefix, sizeof prefix, "%d", store);
        b->order_num[store] = highest_num(st, 0, prefix);
        /* the invoice sequence row (created as the API would on first use) */
        if (sq_seq_advance(st, store, 0) != 0)
            return -1;
        sqlite3_stmt *s = store_prep(st, sql);
        if (!s)
            return -1;
        st_bind_int(s, 1, store);
        int64_t last = 0;
        if (sqlite3_step(s) == SQLITE_ROW) {
            snprintf(b->inv_prefix[store], sizeof b->inv_prefix[store], "%s",
                     st_col_text(s, 0) ? st_col_text(s, 0) : prefix);
            const char *l = st_col_text(s, 1) ? st_col_text(s, 1) : "";
            size_t pl = strlen(b->inv_prefix[store]);
            last = strtoll(strncmp(l, b->inv_prefix[store], pl) == 0 ? l + pl : l, NULL, 10);
        } else {
            snprintf(b->inv_prefix[store], sizeof b->inv_prefix[store], "%s", prefix);
        }
        store_done(s);
        int64_t high = highest_num(st, 1, b->inv_prefix[store]);
        if (b->order_num[store] < 0 || high < 0)
            return -1;
        b->inv_num[store] = high > last ? high : last;
    }
    return 0;
}

static int prepare_inserts(struct sq_sink *k, const struct store_bulk_load *l)
{
    for (int t = 0; t < SB_NTABLES; t++) {
        size_t len = 64 + strlen(sb_tables[t].name);
        for (int c = 0; c < l->ncols[t]; c++)
            len += strlen(l->cols[t][c]) + 8;
        char *sql = malloc(len);
        if (!sql)
            return -1;
        size_t n = (size_t)snprintf(sql, len, "INSERT INTO %s (", sb_tables[t].name);
        for (int c = 0; c < l->ncols[t]; c++)
            n += (size_t)snprintf(sql + n, len - n, "%s\"%s\"", c ? ", " : "", l->cols[t][c]);
        n += (size_t)snprintf(sql + n, len - n, ") VALUES (");
        for (int c = 0; c < l->ncols[t]; c++)
            n += (size_t)snprintf(sql + n, len - n, "%s?", c ? ", " : "");
        snprintf(sql + n, len - n, ")");
        k->ncols[t] = l->ncols[t];
        int rc = sqlite3_prepare_v3(k->st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &k->ins[t],
                                    NULL);
        free(sql);
        if (rc != SQLITE_OK) {
            store_note_error(k->st, sb_tables[t].name);
            return -1;
        }
    }
    return 0;
}

/* PRAGMA whose answer is one text value (journal_mode). */
static void pragma_text(struct store *st, const char *sql, char *out, size_t len)
{
    sqlite3_stmt *s = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, len, "%s", st_col_text(s, 0) ? st_col_text(s, 0) : "");
    sqlite3_finalize(s);
}

int sq_bulk_load(struct store *st, const struct store_bulk_load *l, char *err, size_t errlen)
{
    struct sq_sink k;
    struct store_bulk_state state;
    char mode[32], now[32];
    int rc, produced = 0;

    memset(&k, 0, sizeof k);
    memset(&state, 0, sizeof state);
    k.st = st;
    err[0] = '\0';
    st->errmsg[0] = '\0';
    sq_ungate(st); /* the inserts below run on this connection */
    /* The rows are consistent by construction: no per-row foreign-key
     * lookups.  A rollback journal instead of WAL writes every page once
     * (WAL would write it twice, once more at the checkpoint); it needs the
     * database to itself, else WAL stays. */
    pragma_text(st, "PRAGMA journal_mode", mode, sizeof mode);
    store_exec(st, "PRAGMA foreign_keys = OFF");
    store_exec(st, "PRAGMA cache_size = -262144");
    pragma_text(st, "PRAGMA journal_mode = DELETE", now, sizeof now);
    rc = prepare_inserts(&k, l);
    if (rc == 0 && sq_begin(st) != SQLITE_OK) {
        store_note_error(st, "begin");
        rc = -1;
    }
    if (rc == 0) {
        rc = state_init(st, &state);
        if (rc != 0)
            store_note_error(st, "increment sequences");
        if (rc == 0) {
            produced = 1;
            rc = l->produce(l->arg, &state, emit_row, &k);
        }
        for (int s = 1; rc == 0 && s <= 2; s++)
            rc = sq_seq_advance(st, s, state.inv_num[s]);
        if (rc == 0 && sq_commit(st) != SQLITE_OK) {
            store_note_error(st, "commit");
            rc = -1;
        } else if (rc != 0) {
            sq_rollback(st);
        }
    }
    if (rc != 0 && (!produced || st->errmsg[0]))
        snprintf(err, errlen, "%s", st->errmsg[0] ? st->errmsg : "bulk load failed");
    if (mode[0] && strcmp(mode, "delete") != 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA journal_mode = %.20s", mode);
        pragma_text(st, sql, now, sizeof now);
    }
    store_exec(st, "PRAGMA cache_size = -2000");
    store_exec(st, "PRAGMA foreign_keys = ON");
    for (int t = 0; t < SB_NTABLES; t++)
        sqlite3_finalize(k.ins[t]);
    return rc;
}
