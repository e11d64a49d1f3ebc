/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The repository interface (store.h): store_open picks the backend, every
 * other call goes through the connection's table of operations.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "magesoapd/import.h"
#include "store/store_impl.h"

#define OPS(st) (((const struct store_base *)(const void *)(st))->ops)

/* The `db` setting names PostgreSQL by URL (postgresql://, postgres://) or
 * by libpq keywords ("host=/tmp dbname=x": an '=' after a keyword at the
 * start); anything else is an SQLite file name. */
int store_is_pg(const char *db)
{
    if (!strncmp(db, "postgres://", 11) || !strncmp(db, "postgresql://", 13))
        return 1;
    size_t k = strspn(db, "abcdefghijklmnopqrstuvwxyz_");
    return k > 0 && db[k] == '=';
}

int store_open(const char *path, const struct cfg *cfg, struct store **out, char *err,
               size_t errlen)
{
    if (store_is_pg(path))
        return store_pg_open(path, cfg, out, err, errlen);
    return store_sqlite_open(path, cfg, out, err, errlen);
}

int store_check(const char *path, char *err, size_t errlen)
{
    if (store_is_pg(path))
        return store_pg_check(path, err, errlen);
    return store_sqlite_check(path, err, errlen);
}

int store_latest_version(void)
{
    /* both backends carry the same schema versions */
    return store_sqlite_latest_version();
}

const char *store_backend(const struct store *st)
{
    return OPS(st)->name;
}

void store_close(struct store *st)
{
    if (st)
        OPS(st)->close(st);
}

int store_schema_version(struct store *st)
{
    return OPS(st)->schema_version(st);
}

void store_ungate(struct store *st)
{
    OPS(st)->ungate(st);
}

int store_read_only(struct store *st, int on)
{
    return OPS(st)->read_only(st, on);
}

int store_unavailable(const struct store *st)
{
    return OPS(st)->unavailable ? OPS(st)->unavailable(st) : 0;
}

const char *store_errmsg(const struct store *st)
{
    return OPS(st)->errmsg(st);
}

int store_begin(struct store *st)
{
    return OPS(st)->begin(st);
}

int store_begin_read(struct store *st)
{
    return OPS(st)->begin_read(st);
}

int store_commit(struct store *st)
{
    return OPS(st)->commit(st);
}

void store_rollback(struct store *st)
{
    OPS(st)->rollback(st);
}

int store_order_load_by_inc(struct store *st, struct arena *a, const char *inc, struct md_order *o)
{
    return OPS(st)->order_load_by_inc(st, a, inc, o);
}

int store_order_load_by_id(struct store *st, struct arena *a, int64_t id, struct md_order *o)
{
    return OPS(st)->order_load_by_id(st, a, id, o);
}

int store_order_save(struct store *st, const struct md_order *o, const char *now)
{
    return OPS(st)->order_save(st, o, now);
}

int store_order_add_history(struct store *st, const struct md_order *o, const char *comment,
                            const char *entity_name, const char *now)
{
    return OPS(st)->order_add_history(st, o, comment, entity_name, now);
}

int store_payment_add_txn(struct store *st, const struct md_order *o, const char *txn,
                          const char *parent, const char *type, const char *now)
{
    return OPS(st)->payment_add_txn(st, o, txn, parent, type, now);
}

int store_payment_close_auth(struct store *st, const struct md_order *o)
{
    return OPS(st)->payment_close_auth(st, o);
}

int store_payment_auth_txn(struct store *st, const struct md_order *o, char *out, size_t len)
{
    return OPS(st)->payment_auth_txn(st, o, out, len);
}

int store_invoice_row_load(struct store *st, struct arena *a, const char *inc, struct md_inv_row *r)
{
    return OPS(st)->invoice_row_load(st, a, inc, r);
}

int store_invoice_prev(struct store *st, int64_t order_id, struct md_prev_invoices *p)
{
    return OPS(st)->invoice_prev(st, order_id, p);
}

int store_seq_next(struct store *st, int64_t store_id, char out[32])
{
    return OPS(st)->seq_next(st, store_id, out);
}

int store_seq_advance(struct store *st, int64_t store_id, int64_t last_number)
{
    return OPS(st)->seq_advance(st, store_id, last_number);
}

int store_invoice_insert(struct store *st, const struct md_order *o, const struct md_invoice *inv,
                         const char *inc, int state, int64_t can_void_flag, int email_sent,
                         const char *now, int64_t *id_out)
{
    return OPS(st)->invoice_insert(st, o, inv, inc, state, can_void_flag, email_sent, now, id_out);
}

int store_invoice_set_state(struct store *st, int64_t id, int state, const char *txn,
                            int clear_void, const char *now)
{
    return OPS(st)->invoice_set_state(st, id, state, txn, clear_void, now);
}

int store_invoice_set_txn(struct store *st, int64_t id, const char *txn)
{
    return OPS(st)->invoice_set_txn(st, id, txn);
}

int store_invoice_touch(struct store *st, int64_t id, const char *now)
{
    return OPS(st)->invoice_touch(st, id, now);
}

int store_invoice_item_sums(struct store *st, struct arena *a, int64_t invoice_id,
                            struct store_inv_item_sums **out, size_t *n)
{
    return OPS(st)->invoice_item_sums(st, a, invoice_id, out, n);
}

int store_invoice_mail_lines(struct store *st, struct arena *a, int64_t invoice_id,
                             int64_t *grand_total, struct store_mail_line **out, size_t *n)
{
    return OPS(st)->invoice_mail_lines(st, a, invoice_id, grand_total, out, n);
}

int store_comment_insert(struct store *st, int64_t invoice_id, const char *comment, int notified,
                         int visible, const char *now)
{
    return OPS(st)->comment_insert(st, invoice_id, comment, notified, visible, now);
}

int store_invoice_info(struct store *st, struct arena *a, const char *inc, struct val **out)
{
    return OPS(st)->invoice_info(st, a, inc, out);
}

int store_order_info(struct store *st, struct arena *a, const char *inc, struct val **out)
{
    return OPS(st)->order_info(st, a, inc, out);
}

int store_order_list(struct store *st, struct arena *a, const struct md_filter *filter,
                     int64_t limit, int64_t deadline_ms, struct val *list)
{
    return OPS(st)->order_list(st, a, filter, limit, deadline_ms, list);
}

int store_order_history_add(struct store *st, int64_t order_id, const char *status,
                            const char *comment, int64_t notified, const char *now)
{
    return OPS(st)->order_history_add(st, order_id, status, comment, notified, now);
}

int store_order_cancel_save(struct store *st, const struct md_order *o,
                            const struct store_order_canceled *c, const char *now)
{
    return OPS(st)->order_cancel_save(st, o, c, now);
}

int store_invoice_list(struct store *st, struct arena *a, const struct md_filter *filter,
                       int64_t limit, int64_t deadline_ms, struct val *list)
{
    return OPS(st)->invoice_list(st, a, filter, limit, deadline_ms, list);
}

int store_list_ids(struct store *st, struct arena *a, const struct md_filter *filter,
                   int64_t limit, int64_t deadline_ms, struct store_ids *ids)
{
    return OPS(st)->list_ids(st, a, filter, limit, deadline_ms, ids);
}

void store_ids_free(struct store_ids *ids)
{
    free(ids->v);
    ids->v = NULL;
    ids->n = ids->cap = 0;
}

int store_ids_push(struct store_ids *ids, int64_t id)
{
    if (ids->n == ids->cap) {
        size_t cap = ids->cap ? ids->cap * 2 : 1024;
        int64_t *v = realloc(ids->v, cap * sizeof *v);
        if (!v)
            return -1;
        ids->v = v;
        ids->cap = cap;
    }
    ids->v[ids->n++] = id;
    return 0;
}

int store_outbox_add(struct store *st, const struct store_mail *m)
{
    return OPS(st)->outbox_add(st, m);
}

int store_session_get(struct store *st, struct arena *a, const char *sid, struct store_session *s)
{
    return OPS(st)->session_get(st, a, sid, s);
}

int store_idem_get(struct store *st, struct arena *a, int64_t user_id, const char *key,
                   const char *now, struct store_idem *out)
{
    return OPS(st)->idem_get(st, a, user_id, key, now, out);
}

int store_idem_put(struct store *st, int64_t user_id, const char *key,
                   const struct store_idem *in, const char *now, const char *expires)
{
    return OPS(st)->idem_put(st, user_id, key, in, now, expires);
}

int store_idem_purge(struct store *st, const char *now, int64_t limit, int64_t *n_out)
{
    return OPS(st)->idem_purge(st, now, limit, n_out);
}

int store_throttle_locked(struct store *st, const char *k1, const char *k2, int64_t now,
                          int *k1_counted)
{
    return OPS(st)->throttle_locked(st, k1, k2, now, k1_counted);
}

int store_throttle_fail(struct store *st, struct store_throttle_key *k, int n, int64_t now,
                        int64_t window, int64_t lockout)
{
    return OPS(st)->throttle_fail(st, k, n, now, window, lockout);
}

int store_throttle_clear(struct store *st, const char *key, int64_t stale, int64_t now)
{
    return OPS(st)->throttle_clear(st, key, stale, now);
}

int store_session_touch(struct store *st, const char *sid, const char *now)
{
    return OPS(st)->session_touch(st, sid, now);
}

int store_session_delete(struct store *st, const char *sid)
{
    return OPS(st)->session_delete(st, sid);
}

int store_session_add(struct store *st, int64_t uid, const char *sid, const char *now,
                      const char *cutoff, int64_t max_user, int64_t max_total)
{
    return OPS(st)->session_add(st, uid, sid, now, cutoff, max_user, max_total);
}

int store_token_get(struct store *st, struct arena *a, const char *hash, struct store_token *t)
{
    return OPS(st)->token_get(st, a, hash, t);
}

int store_token_add(struct store *st, int64_t uid, const char *hash, const char *now,
                    const char *expires, int64_t max_user, int64_t max_total)
{
    return OPS(st)->token_add(st, uid, hash, now, expires, max_user, max_total);
}

int store_user_get(struct store *st, const char *username, struct store_user *u)
{
    return OPS(st)->user_get(st, username, u);
}

int store_user_put(struct store *st, const char *username, const char *key_hash, int64_t role_id,
                   const char *now)
{
    return OPS(st)->user_put(st, username, key_hash, role_id, now);
}

int store_role_put(struct store *st, const char *name, const char *resources)
{
    return OPS(st)->role_put(st, name, resources);
}

int store_role_id(struct store *st, const char *name, int64_t *id)
{
    return OPS(st)->role_id(st, name, id);
}

int store_count_orders(struct store *st, const char *const *incs, size_t n, int64_t *out)
{
    return OPS(st)->count_orders(st, incs, n, out);
}

int store_order_recent(struct store *st, struct arena *a, int64_t limit, struct val *list)
{
    return OPS(st)->order_recent(st, a, limit, list);
}

int store_counts(struct store *st, struct store_counts *c)
{
    return OPS(st)->counts(st, c);
}

/* ---- group-commit figures (relaxed atomics: counters, no ordering) ---- */
static _Atomic uint64_t g_ws_batches, g_ws_members, g_ws_failed, g_ws_commit_sum;
static _Atomic uint64_t g_ws_size[STORE_BATCH_BUCKETS], g_ws_commit[10];
const unsigned store_commit_us_bounds[9] = {100, 250, 500, 1000, 2500, 5000, 10000, 25000, 100000};

void store_write_stats_note(int members, int64_t commit_us, int ok)
{
    int b = 0;
    while (b < STORE_BATCH_BUCKETS - 1 && members > (1 << b))
        b++;
    int c = 0;
    while (c < 9 && commit_us > (int64_t)store_commit_us_bounds[c])
        c++;
    atomic_fetch_add_explicit(&g_ws_batches, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&g_ws_members, (uint64_t)(members > 0 ? members : 0),
                              memory_order_relaxed);
    if (!ok)
        atomic_fetch_add_explicit(&g_ws_failed, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&g_ws_size[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&g_ws_commit[c], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&g_ws_commit_sum, (uint64_t)(commit_us > 0 ? commit_us : 0),
                              memory_order_relaxed);
}

void store_write_stats_get(struct store_write_stats *o)
{
    o->batches = atomic_load_explicit(&g_ws_batches, memory_order_relaxed);
    o->members = atomic_load_explicit(&g_ws_members, memory_order_relaxed);
    o->failed = atomic_load_explicit(&g_ws_failed, memory_order_relaxed);
    o->commit_us_sum = atomic_load_explicit(&g_ws_commit_sum, memory_order_relaxed);
    for (int i = 0; i < STORE_BATCH_BUCKETS; i++)
        o->size_bucket[i] = atomic_load_explicit(&g_ws_size[i], memory_order_relaxed);
    for (int i = 0; i < 10; i++)
        o->commit_us_bucket[i] = atomic_load_explicit(&g_ws_commit[i], memory_order_relaxed);
}

int store_count_users(struct store *st, const char *username, int64_t *out)
{
    return OPS(st)->count_users(st, username, out);
}

int store_is_empty(struct store *st)
{
    return OPS(st)->is_empty(st);
}

int store_comment_count(struct store *st, int64_t invoice_id, int64_t *out)
{
    return OPS(st)->comment_count(st, invoice_id, out);
}

int store_audit_add(struct store *st, const struct md_audit *a)
{
    return OPS(st)->audit_add(st, a);
}

int store_invoice_audit(struct store *st, struct arena *a, int64_t invoice_id,
                        struct md_audit **out, size_t *n)
{
    return OPS(st)->invoice_audit(st, a, invoice_id, out, n);
}

int store_inspect_invoices(struct store *st, struct arena *a, const struct store_inspect_q *q,
                           struct val **out)
{
    return OPS(st)->inspect_invoices(st, a, q, out);
}

int store_inspect_orders(struct store *st, struct arena *a, const struct store_inspect_q *q,
                         struct val **out)
{
    return OPS(st)->inspect_orders(st, a, q, out);
}

int store_inspect_order(struct store *st, struct arena *a, const char *inc, struct val **out)
{
    return OPS(st)->inspect_order(st, a, inc, out);
}

int store_inspect_users(struct store *st, struct arena *a, struct val **out)
{
    return OPS(st)->inspect_users(st, a, out);
}

int store_inspect_roles(struct store *st, struct arena *a, struct val **out)
{
    return OPS(st)->inspect_roles(st, a, out);
}

int store_inspect_outbox(struct store *st, struct arena *a, const struct store_inspect_q *q,
                         struct val **out)
{
    return OPS(st)->inspect_outbox(st, a, q, out);
}

int store_clear_data(struct store *st)
{
    return OPS(st)->clear_data(st);
}

int store_backup(struct store *st, const char *path)
{
    return OPS(st)->backup(st, path);
}

/* ---- import (magesoapd/import.h) -------------------------------------------------- */

void imp_where(const struct imp_order *o, char *out, size_t len)
{
    if (o->inc)
        snprintf(out, len, "order \"%s\" (#%zu)", o->inc, o->pos);
    else
        snprintf(out, len, "order #%zu", o->pos);
}

int store_import(struct store *st, struct imp_doc *d, int replace, const char *now, char *err,
                 size_t errlen)
{
    return OPS(st)->import(st, d, replace, now, err, errlen);
}

/* ---- bulk loading -------------------------------------------------------------------- */

void store_bulk_rows_free(struct store_bulk_rows *r)
{
    for (int c = 0; c < r->ncols; c++)
        free(r->cols[c]);
    for (size_t i = 0; i < r->n * (size_t)r->ncols; i++)
        free(r->v[i]);
    free(r->cols);
    free(r->v);
    memset(r, 0, sizeof *r);
}

int store_bulk_read(struct store *st, int64_t order_id, enum store_bulk_table t,
                    struct store_bulk_rows *out)
{
    return OPS(st)->bulk_read(st, order_id, t, out);
}

int store_bulk_load(struct store *st, const struct store_bulk_load *l, char *err, size_t errlen)
{
    return OPS(st)->bulk_load(st, l, err, errlen);
}
