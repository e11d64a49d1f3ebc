/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bulk loading on PostgreSQL (store.h, store_bulk_*).  The load runs on a
 * connection of its own (pq_connect_alone: no pipeline mode, no statement
 * timeout), in one transaction: the row counts and increment sequences are
 * read under a lock that keeps other writers of orders and invoices out,
 * the rows are buffered per table in COPY text format and sent with
 * COPY ... FROM STDIN whenever the buffers hold 16 MB (every table, parents
 * first, so each COPY finds the rows its foreign keys point at), then the
 * identity sequences and the invoice increment sequences move past the
 * loaded ids and numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/bulk_tables.h"
#include "store/pg/pg_int.h"

#define FLUSH_BYTES (16u << 20)

int pgs_bulk_read(struct store *st, int64_t order_id, enum store_bulk_table t,
                  struct store_bulk_rows *out)
{
    pq_stmt *s = pq_prep(st, sb_tables[t].select);
    size_t cap = 0;
    int rc;
    memset(out, 0, sizeof *out);
    out->pk = -1;
    if (!s)
        return -1;
    pq_bind_int(s, 1, order_id);
    while ((rc = pq_step(s)) == PQ_ROW) {
        if (!out->cols) {
            out->ncols = pq_col_count(s);
            if (!(out->cols = calloc((size_t)out->ncols, sizeof *out->cols)))
                goto oom;
            for (int c = 0; c < out->ncols; c++) {
                if (!(out->cols[c] = strdup(pq_col_name(s, c))))
                    goto oom;
                if (!strcmp(out->cols[c], sb_tables[t].pk))
                    out->pk = c;
            }
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 8;
            char **v = realloc(out->v, cap * (size_t)out->ncols * sizeof *v);
            if (!v)
                goto oom;
            out->v = v;
        }
        for (int c = 0; c < out->ncols; c++) {
            const char *x = pq_col_text(s, c);
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
    pq_done(s);
    if (rc != PQ_DONE) {
        store_bulk_rows_free(out);
        pq_note(st, "bulk read");
        return -1;
    }
    if (!out->cols) { /* no row: the primary key's name alone (a template
                       * store is SQLite, which names every column) */
        out->ncols = 1;
        out->pk = 0;
        out->cols = calloc(1, sizeof *out->cols);
        if (!out->cols || !(out->cols[0] = strdup(sb_tables[t].pk)))
            goto oom_done;
    }
    return out->pk >= 0 ? 0 : -1;
oom:
    pq_done(s);
oom_done:
    store_bulk_rows_free(out);
    pq_note_error(st, "bulk read", "out of memory");
    return -1;
}

/* ---- the load ----------------------------------------------------------------------------- */

struct pg_sink {
    struct store *st;
    PGconn *c;
    const struct store_bulk_load *l;
    char *copy_sql[SB_NTABLES];
    char *buf[SB_NTABLES];
    size_t len[SB_NTABLES], cap[SB_NTABLES], total;
};

static int fail(struct pg_sink *k, const char *what, const char *detail)
{
    pq_note_error(k->st, what, detail ? detail : PQerrorMessage(k->c));
    return -1;
}

/* Run sql ($1.. = vals) on the load's connection, expecting status ok:
 * the result (PQclear it), or NULL with errmsg. */
static PGresult *run(struct pg_sink *k, const char *sql, int n, const char *const *vals,
                     ExecStatusType ok, const char *what)
{
    PGresult *r = PQexecParams(k->c, sql, n, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(r) != ok) {
        fail(k, what, PQresultErrorMessage(r));
        PQclear(r);
        return NULL;
    }
    return r;
}

static int run_cmd(struct pg_sink *k, const char *sql, const char *what)
{
    PGresult *r = run(k, sql, 0, NULL, PGRES_COMMAND_OK, what);
    PQclear(r);
    return r ? 0 : -1;
}

/* One value of a one-row query: 1 (text in out), 0 NULL / no row, -1. */
static int one(struct pg_sink *k, const char *sql, int n, const char *const *vals, int col,
               char *out, size_t len, const char *what)
{
    PGresult *r = run(k, sql, n, vals, PGRES_TUPLES_OK, what);
    if (!r)
        return -1;
    int found = PQntuples(r) > 0 && col < PQnfields(r) && !PQgetisnull(r, 0, col);
    if (found)
        snprintf(out, len, "%s", PQgetvalue(r, 0, col));
    PQclear(r);
    return found;
}

static int flush(struct pg_sink *k)
{
    for (int t = 0; t < SB_NTABLES; t++) {
        if (!k->len[t])
            continue;
        PGresult *r = PQexec(k->c, k->copy_sql[t]);
        if (PQresultStatus(r) != PGRES_COPY_IN) {
            fail(k, sb_tables[t].name, PQresultErrorMessage(r));
            PQclear(r);
            return -1;
        }
        PQclear(r);
        if (PQputCopyData(k->c, k->buf[t], (int)k->len[t]) != 1 || PQputCopyEnd(k->c, NULL) != 1)
            return fail(k, sb_tables[t].name, NULL);
        int bad = 0;
        while ((r = PQgetResult(k->c))) {
            if (PQresultStatus(r) != PGRES_COMMAND_OK && !bad) {
                fail(k, sb_tables[t].name, PQresultErrorMessage(r));
                bad = 1;
            }
            PQclear(r);
        }
        if (bad)
            return -1;
        k->len[t] = 0;
    }
    k->total = 0;
    return 0;
}

static int put(struct pg_sink *k, enum store_bulk_table t, const char *s, size_t n)
{
    if (k->len[t] + n > k->cap[t]) {
        size_t cap = k->cap[t] ? k->cap[t] : 65536;
        while (cap < k->len[t] + n)
            cap *= 2;
        char *b = realloc(k->buf[t], cap);
        if (!b)
            return -1;
        k->buf[t] = b;
        k->cap[t] = cap;
    }
    memcpy(k->buf[t] + k->len[t], s, n);
    k->len[t] += n;
    k->total += n;
    return 0;
}

/* One row in COPY text format: tab-separated, \N for NULL, backslash,
 * tab, newline and carriage return escaped. */
static int emit_row(void *arg, enum store_bulk_table t, const char *const *vals)
{
    struct pg_sink *k = arg;
    int nc = k->l->ncols[t];
    for (int c = 0; c < nc; c++) {
        if (c && put(k, t, "\t", 1) != 0)
            goto oom;
        if (!vals[c]) {
            if (put(k, t, "\\N", 2) != 0)
                goto oom;
            continue;
        }
        for (const char *p = vals[c]; *p;) {
            size_t plain = strcspn(p, "\\\t\n\r");
            if (plain && put(k, t, p, plain) != 0)
                goto oom;
            p += plain;
            if (!*p)
                break;
            const char *esc = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : "\\r";
            if (put(k, t, esc, 2) != 0)
                goto oom;
            p++;
        }
    }
    if (put(k, t, "\n", 1) != 0)
        goto oom;
    return k->total >= FLUSH_BYTES ? flush(k) : 0;
oom:
    pq_note_error(k->st, "bulk load", "out of memory");
    return -1;
}

static int copy_sql_init(struct pg_sink *k)
{
    for (int t = 0; t < SB_NTABLES; t++) {
        size_t len = 64 + strlen(sb_tables[t].name);
        for (int c = 0; c < k->l->ncols[t]; c++)
            len += strlen(k->l->cols[t][c]) + 4;
        if (!(k->copy_sql[t] = malloc(len)))
            return -1;
        size_t n = (size_t)snprintf(k->copy_sql[t], len, "COPY %s (", sb_tables[t].name);
        for (int c = 0; c < k->l->ncols[t]; c++)
            n += (size_t)snprintf(k->copy_sql[t] + n, len - n, "%s\"%s\"", c ? ", " : "",
                                  k->l->cols[t][c]);
        snprintf(k->copy_sql[t] + n, len - n, ") FROM STDIN");
    }
    return 0;
}

/* Highest "<prefix><8 digits>" number used in a table's increment_id. */
static int highest_num(struct pg_sink *k, int invoices, const char *prefix, int64_t *out)
{
    static const char order_sql[] =
        "SELECT max(increment_id) FROM sales_flat_order WHERE increment_id BETWEEN $1 AND $2 "
        "AND length(increment_id) = $3::int";
    static const char inv_sql[] =
        "SELECT max(increment_id) FROM sales_flat_invoice WHERE increment_id BETWEEN $1 AND $2 "
        "AND length(increment_id) = $3::int";
    char lo[40], hi[40], len[24], v[64];
    snprintf(lo, sizeof lo, "%s00000000", prefix);
    snprintf(hi, sizeof hi, "%s99999999", prefix);
    snprintf(len, sizeof len, "%zu", strlen(lo));
    const char *vals[] = {lo, hi, len};
    int rc = one(k, invoices ? inv_sql : order_sql, 3, vals, 0, v, sizeof v, "increment ids");
    *out = rc == 1 ? strtoll(v + strlen(prefix), NULL, 10) : 0;
    return rc < 0 ? -1 : 0;
}

static int state_init(struct pg_sink *k, struct store_bulk_state *b, int64_t seq_last[3])
{
    static const char seq_sql[] =
        "SELECT increment_prefix, increment_last_id FROM eav_entity_store "
        "WHERE entity_type = 'invoice' AND store_id = $1 FOR UPDATE";
    char sql[200], v[64];
    for (int t = 0; t < SB_NTABLES; t++) {
        snprintf(sql, sizeof sql, "SELECT coalesce(max(%s), 0) FROM %s", sb_tables[t].pk,
                 sb_tables[t].name);
        if (one(k, sql, 0, NULL, 0, v, sizeof v, sb_tables[t].name) < 0)
            return -1;
        b->max_id[t] = strtoll(v, NULL, 10);
    }
    for (int store = 1; store <= 2; store++) {
        char prefix[24], sid[16], last[64];
        int64_t high;
        snprintf(prefix, sizeof prefix, "%d", store);
        snprintf(sid, sizeof sid, "%d", store);
        if (highest_num(k, 0, prefix, &b->order_num[store]) != 0)
            return -1;
        const char *vals[] = {sid};
        int rc = one(k, seq_sql, 1, vals, 0, b->inv_prefix[store], sizeof b->inv_prefix[store],
                     "increment sequence");
        if (rc < 0)
            return -1;
        if (rc == 0)
            snprintf(b->inv_prefix[store], sizeof b->inv_prefix[store], "%s", prefix);
        rc = one(k, seq_sql, 1, vals, 1, last, sizeof last, "increment sequence");
        if (rc < 0)
            return -1;
        size_t pl = strlen(b->inv_prefix[store]);
        seq_last[store] =
            rc == 1 ? strtoll(strncmp(last, b->inv_prefix[store], pl) == 0 ? last + pl : last,
                              NULL, 10)
                    : 0;
        if (highest_num(k, 1, b->inv_prefix[store], &high) != 0)
            return -1;
        b->inv_num[store] = high > seq_last[store] ? high : seq_last[store];
    }
    return 0;
}

/* After the rows: identity sequences past the loaded ids, invoice
 * increment sequences past the numbers used. */
static int sequences_end(struct pg_sink *k, const struct store_bulk_state *b,
                         const int64_t seq_last[3])
{
    static const char seq_sql[] =
        "UPDATE eav_entity_store SET increment_last_id = $1 "
        "WHERE entity_type = 'invoice' AND store_id = $2";
    char sql[400];
    for (int t = 0; t < SB_NTABLES; t++) {
        snprintf(sql, sizeof sql,
                 "SELECT setval(pg_get_serial_sequence('%s', '%s'), "
                 "(SELECT coalesce(max(%s), 0) + 1 FROM %s), false)",
                 sb_tables[t].name, sb_tables[t].pk, sb_tables[t].pk, sb_tables[t].name);
        PGresult *r = run(k, sql, 0, NULL, PGRES_TUPLES_OK, "identity sequence");
        if (!r)
            return -1;
        PQclear(r);
    }
    for (int store = 1; store <= 2; store++) {
        if (b->inv_num[store] <= seq_last[store])
            continue;
        char lastid[64], sid[16];
        snprintf(lastid, sizeof lastid, "%s%08lld", b->inv_prefix[store],
                 (long long)b->inv_num[store]);
        snprintf(sid, sizeof sid, "%d", store);
        const char *vals[] = {lastid, sid};
        PGresult *r = run(k, seq_sql, 2, vals, PGRES_COMMAND_OK, "increment sequence");
        if (!r)
            return -1;
        PQclear(r);
    }
    return 0;
}

int pgs_bulk_load(struct store *st, const struct store_bulk_load *l, char *err, size_t errlen)
{
    struct pg_sink k;
    struct store_bulk_state state;
    int64_t seq_last[3] = {0, 0, 0};
    int rc = 0, produced = 0;

    memset(&k, 0, sizeof k);
    memset(&state, 0, sizeof state);
    k.st = st;
    k.l = l;
    err[0] = '\0';
    st->errmsg[0] = '\0';
    /* the invoice sequence rows (created as the API would on first use) */
    for (int s = 1; rc == 0 && s <= 2; s++)
        rc = pgs_seq_advance(st, s, 0);
    if (rc == 0 && copy_sql_init(&k) != 0) {
        pq_note_error(st, "bulk load", "out of memory");
        rc = -1;
    }
    if (rc == 0 && !(k.c = pq_connect_alone(st)))
        rc = -1;
    if (rc == 0)
        rc = run_cmd(&k, "BEGIN", "begin");
    if (rc == 0)
        rc = run_cmd(&k,
                     "LOCK TABLE sales_flat_order, sales_flat_invoice, eav_entity_store "
                     "IN SHARE ROW EXCLUSIVE MODE",
                     "lock");
    if (rc == 0)
        rc = state_init(&k, &state, seq_last);
    if (rc == 0) {
        produced = 1;
        rc = l->produce(l->arg, &state, emit_row, &k);
    }
    if (rc == 0)
        rc = flush(&k);
    if (rc == 0)
        rc = sequences_end(&k, &state, seq_last);
    if (rc == 0)
        rc = run_cmd(&k, "COMMIT", "commit");
    if (rc != 0 && (!produced || st->errmsg[0]))
        snprintf(err, errlen, "%s", st->errmsg[0] ? st->errmsg : "bulk load failed");
    if (k.c)
        PQfinish(k.c); /* a transaction still open is rolled back */
    for (int t = 0; t < SB_NTABLES; t++) {
        free(k.copy_sql[t]);
        free(k.buf[t]);
    }
    return rc;
}
