/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQLite backend: idempotency keys (schema/005_idempotency.sql).  Every
 * function runs inside the caller's transaction: the key is written in the
 * same transaction (the same group-commit batch) as the write it answers.
 */
#include <stdio.h>
#include <string.h>

#include "magesoapd/val.h"
#include "store/sqlite/sqlite_int.h"

static const char *dup_text(struct arena *a, sqlite3_stmt *s, int c)
{
    const char *t = st_col_text(s, c);
    return arena_strdup(a, t ? t : "");
}

int sq_idem_get(struct store *st, struct arena *a, int64_t user_id, const char *key,
                const char *now, struct store_idem *out)
{
    static const char sql[] =
        "SELECT request_hash, method, result_kind, result FROM idempotency_key "
        "WHERE user_id = ? AND idem_key = ? AND expires_at >= ?";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_int(s, 1, user_id);
    st_bind_text(s, 2, key);
    st_bind_text(s, 3, now);
    int rc = sqlite3_step(s), ret;
    if (rc == SQLITE_ROW) {
        out->request_hash = dup_text(a, s, 0);
        out->method = dup_text(a, s, 1);
        out->result_kind = dup_text(a, s, 2);
        out->result = dup_text(a, s, 3);
        ret = out->request_hash && out->method && out->result_kind && out->result ? 1 : -1;
        if (ret < 0)
            snprintf(st->errmsg, sizeof st->errmsg, "idempotency key: out of memory");
    } else if (rc == SQLITE_DONE) {
        ret = 0;
    } else {
        store_note_error(st, "idempotency key");
        ret = -1;
    }
    store_done(s);
    return ret;
}

int sq_idem_put(struct store *st, int64_t user_id, const char *key, const struct store_idem *in,
                const char *now, const char *expires)
{
    /* an expired row of the same key (not purged yet) is replaced */
    static const char sql[] =
        "INSERT OR REPLACE INTO idempotency_key (user_id, idem_key, request_hash, method, "
        "result_kind, result, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_int(s, 1, user_id);
    st_bind_text(s, 2, key);
    st_bind_text(s, 3, in->request_hash);
    st_bind_text(s, 4, in->method);
    st_bind_text(s, 5, in->result_kind);
    st_bind_text(s, 6, in->result);
    st_bind_text(s, 7, now);
    st_bind_text(s, 8, expires);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        store_note_error(st, "idempotency key");
    store_done(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

int sq_idem_purge(struct store *st, const char *now, int64_t limit, int64_t *n_out)
{
    /* oldest first, through the expiry index */
    static const char sql[] =
        "DELETE FROM idempotency_key WHERE rowid IN (SELECT rowid FROM idempotency_key "
        "WHERE expires_at < ? ORDER BY expires_at LIMIT ?)";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_text(s, 1, now);
    st_bind_int(s, 2, limit);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        store_note_error(st, "idempotency purge");
    else if (n_out)
        *n_out = sqlite3_changes(st->db);
    store_done(s);
    return rc == SQLITE_DONE ? 0 : -1;
}
