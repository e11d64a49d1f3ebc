/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PostgreSQL backend: idempotency keys (schema/005_idempotency.sql).  Every
 * function runs inside the caller's transaction: the key is written in the
 * same transaction as the write it answers.
 */
#include <stdio.h>
#include <string.h>

#include "magesoapd/val.h"
#include "store/pg/pg_int.h"

static const char *dup_text(struct arena *a, pq_stmt *s, int c)
{
    const char *t = pq_col_text(s, c);
    return arena_strdup(a, t ? t : "");
}

int pgs_idem_get(struct store *st, struct arena *a, int64_t user_id, const char *key,
                const char *now, struct store_idem *out)
{
    static const char sql[] =
        "SELECT request_hash, method, result_kind, result FROM idempotency_key "
        "WHERE user_id = ? AND idem_key = ? AND expires_at >= ?";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, user_id);
    pq_bind_text(s, 2, key);
    pq_bind_text(s, 3, now);
    int rc = pq_step(s), ret;
    if (rc == PQ_ROW) {
        out->request_hash = dup_text(a, s, 0);
        out->method = dup_text(a, s, 1);
        out->result_kind = dup_text(a, s, 2);
        out->result = dup_text(a, s, 3);
        ret = out->request_hash && out->method && out->result_kind && out->result ? 1 : -1;
        if (ret < 0)
            snprintf(st->errmsg, sizeof st->errmsg, "idempotency key: out of memory");
    } else if (rc == PQ_DONE) {
        ret = 0;
    } else {
        pq_note(st, "idempotency key");
        ret = -1;
    }
    pq_done(s);
    return ret;
}

int pgs_idem_put(struct store *st, int64_t user_id, const char *key, const struct store_idem *in,
                const char *now, const char *expires)
{
    /* An expired row of the same key (not purged yet) is replaced.  A live
     * one means another transaction (another worker or daemon) stored the
     * key since this request looked it up: the unique index made this
     * insert wait for it, and no row comes back, so this write fails and
     * rolls back instead of answering the key a second time. */
    static const char sql[] =
        "INSERT INTO idempotency_key (user_id, idem_key, request_hash, method, "
        "result_kind, result, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (user_id, idem_key) DO UPDATE SET request_hash = excluded.request_hash, "
        "method = excluded.method, result_kind = excluded.result_kind, "
        "result = excluded.result, created_at = excluded.created_at, "
        "expires_at = excluded.expires_at "
        "WHERE idempotency_key.expires_at < excluded.created_at RETURNING 1";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, user_id);
    pq_bind_text(s, 2, key);
    pq_bind_text(s, 3, in->request_hash);
    pq_bind_text(s, 4, in->method);
    pq_bind_text(s, 5, in->result_kind);
    pq_bind_text(s, 6, in->result);
    pq_bind_text(s, 7, now);
    pq_bind_text(s, 8, expires);
    int rc = pq_step(s);
    if (rc == PQ_DONE)
        snprintf(st->errmsg, sizeof st->errmsg,
                 "idempotency key: stored by a concurrent request meanwhile");
    else if (rc != PQ_ROW)
        pq_note(st, "idempotency key");
    pq_done(s);
    return rc == PQ_ROW ? 0 : -1;
}

int pgs_idem_purge(struct store *st, const char *now, int64_t limit, int64_t *n_out)
{
    /* oldest first, through the expiry index */
    static const char sql[] =
        "WITH gone AS (DELETE FROM idempotency_key WHERE (user_id, idem_key) IN "
        "(SELECT user_id, idem_key FROM idempotency_key WHERE expires_at < ? "
        "ORDER BY expires_at LIMIT ?) RETURNING 1) SELECT count(*) FROM gone";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, now);
    pq_bind_int(s, 2, limit);
    int rc = pq_step(s);
    if (rc != PQ_ROW)
        pq_note(st, "idempotency purge");
    else if (n_out)
        *n_out = pq_col_int(s, 0);
    pq_done(s);
    return rc == PQ_ROW ? 0 : -1;
}
