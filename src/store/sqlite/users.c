/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQLite backend: API sessions, REST tokens, users and roles, and the
 * counts the tools ask for.
 */
#include <stdio.h>
#include <string.h>

#include "magesoapd/val.h"
#include "store/sqlite/sqlite_int.h"

static int step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        store_note_error(st, what);
    store_done(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

static const char *dup_col(struct arena *a, sqlite3_stmt *s, int c)
{
    const char *t = st_col_text(s, c);
    return t ? arena_strdup(a, t) : NULL;
}

static void copy_col(sqlite3_stmt *s, int c, char *out, size_t len)
{
    snprintf(out, len, "%s", st_col_text(s, c) ? st_col_text(s, c) : "");
}

/* One statement with one or two text parameters as a write transaction of
 * its own: it queues with the other writers of the process (conn.c)
 * instead of polling for SQLite's lock. */
static int write_one(struct store *st, const char *sql, const char *a, const char *b)
{
    if (sq_begin(st) != SQLITE_OK)
        return -1;
    sqlite3_stmt *s = store_prep(st, sql);
    int rc = -1;
    if (s) {
        st_bind_text(s, 1, a);
        if (b)
            st_bind_text(s, 2, b);
        rc = step_done(st, s, "session");
    }
    if (rc != 0) {
        sq_rollback(st);
        return -1;
    }
    return sq_commit(st) == SQLITE_OK ? 0 : -1;
}

/* ---- sessions ------------------------------------------------------------------ */

int sq_session_get(struct store *st, struct arena *a, const char *sid, struct store_session *ses)
{
    static const char sql[] =
        "SELECT s.user_id, s.logdate, r.resources, u.username FROM api_session s "
        "JOIN api_user u ON u.user_id = s.user_id "
        "LEFT JOIN api_role r ON r.role_id = u.role_id WHERE s.sessid = ?";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_text(s, 1, sid);
    int rc = sqlite3_step(s);
    memset(ses, 0, sizeof *ses);
    if (rc == SQLITE_ROW) {
        ses->user_id = sqlite3_column_int64(s, 0);
        copy_col(s, 1, ses->logdate, sizeof ses->logdate);
        ses->resources = dup_col(a, s, 2);
        ses->username = dup_col(a, s, 3);
        sq_touch_overlay(st, sid, ses->logdate, sizeof ses->logdate);
    } else if (rc != SQLITE_DONE) {
        store_note_error(st, "session");
    }
    store_done(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int sq_session_touch(struct store *st, const char *sid, const char *now)
{
    static const char sql[] = "UPDATE api_session SET logdate = ? WHERE sessid = ?";
    if (sq_touch_defer(st, sid, now) == 0)
        return 0; /* written by the committer without waiting (conn.c) */
    return write_one(st, sql, now, sid);
}

int sq_session_delete(struct store *st, const char *sid)
{
    static const char sql[] = "DELETE FROM api_session WHERE sessid = ?";
    return write_one(st, sql, sid, NULL);
}

int sq_session_add(struct store *st, int64_t uid, const char *sid, const char *now,
                   const char *cutoff, int64_t max_user, int64_t max_total)
{
    static const char purge[] = "DELETE FROM api_session WHERE logdate < ?";
    static const char cap[] =
        "DELETE FROM api_session WHERE rowid IN (SELECT rowid FROM api_session WHERE user_id = ?1 "
        "ORDER BY logdate, rowid LIMIT max(0, (SELECT count(*) FROM api_session "
        "WHERE user_id = ?1) - ?2 + 1))";
    static const char count[] = "SELECT count(*) FROM api_session";
    static const char lognum[] = "UPDATE api_user SET lognum = lognum + 1 WHERE user_id = ?";
    static const char insert[] =
        "INSERT INTO api_session (sessid, user_id, logdate) VALUES (?, ?, ?)";
    sqlite3_stmt *s;
    int64_t n = 0;
    sq_touch_apply(st); /* the purge and the cap go by logdate */
    if (!(s = store_prep(st, purge)))
        return -1;
    st_bind_text(s, 1, cutoff);
    if (step_done(st, s, "login") != 0 || !(s = store_prep(st, cap)))
        return -1;
    st_bind_int(s, 1, uid);
    st_bind_int(s, 2, max_user);
    if (step_done(st, s, "login") != 0 || st_query_int(st, count, &n, NULL) != 1)
        return -1;
    if (n >= max_total)
        return 1;
    if (!(s = store_prep(st, lognum)))
        return -1;
    st_bind_int(s, 1, uid);
    if (step_done(st, s, "login") != 0 || !(s = store_prep(st, insert)))
        return -1;
    st_bind_text(s, 1, sid);
    st_bind_int(s, 2, uid);
    st_bind_text(s, 3, now);
    return step_done(st, s, "login");
}

/* ---- REST tokens ------------------------------------------------------------------ */

int sq_token_get(struct store *st, struct arena *a, const char *hash, struct store_token *t)
{
    static const char sql[] =
        "SELECT t.user_id, t.expires_at, u.is_active, "
        "COALESCE(u.modified, '') > t.created_at, r.resources, u.username FROM rest_token t "
        "JOIN api_user u ON u.user_id = t.user_id "
        "LEFT JOIN api_role r ON r.role_id = u.role_id WHERE t.token = ?";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_text(s, 1, hash);
    int rc = sqlite3_step(s);
    memset(t, 0, sizeof *t);
    if (rc == SQLITE_ROW) {
        t->user_id = sqlite3_column_int64(s, 0);
        copy_col(s, 1, t->expires_at, sizeof t->expires_at);
        t->is_active = sqlite3_column_int64(s, 2);
        t->replaced = sqlite3_column_int64(s, 3);
        t->resources = dup_col(a, s, 4);
        t->username = dup_col(a, s, 5);
    } else if (rc != SQLITE_DONE) {
        store_note_error(st, "token");
    }
    store_done(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int sq_token_add(struct store *st, int64_t uid, const char *hash, const char *now,
                 const char *expires, int64_t max_user, int64_t max_total)
{
    static const char purge[] = "DELETE FROM rest_token WHERE expires_at < ?";
    static const char cap[] =
        "DELETE FROM rest_token WHERE rowid IN (SELECT rowid FROM rest_token WHERE user_id = ?1 "
        "ORDER BY created_at, rowid LIMIT max(0, (SELECT count(*) FROM rest_token "
        "WHERE user_id = ?1) - ?2 + 1))";
    static const char count[] = "SELECT count(*) FROM rest_token";
    static const char insert[] =
        "INSERT INTO rest_token (token, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)";
    sqlite3_stmt *s;
    int64_t n = 0;
    if (!(s = store_prep(st, purge)))
        return -1;
    st_bind_text(s, 1, now);
    if (step_done(st, s, "token") != 0 || !(s = store_prep(st, cap)))
        return -1;
    st_bind_int(s, 1, uid);
    st_bind_int(s, 2, max_user);
    if (step_done(st, s, "token") != 0 || st_query_int(st, count, &n, NULL) != 1)
        return -1;
    if (n >= max_total)
        return 1;
    if (!(s = store_prep(st, insert)))
        return -1;
    st_bind_text(s, 1, hash);
    st_bind_int(s, 2, uid);
    st_bind_text(s, 3, now);
    st_bind_text(s, 4, expires);
    return step_done(st, s, "token");
}

/* ---- users and roles ------------------------------------------------------------------ */

int sq_user_get(struct store *st, const char *username, struct store_user *u)
{
    static const char sql[] =
        "SELECT u.user_id, u.api_key, u.is_active, r.role_id IS NOT NULL FROM api_user u "
        "LEFT JOIN api_role r ON r.role_id = u.role_id WHERE u.username = ?";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_text(s, 1, username);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        u->user_id = sqlite3_column_int64(s, 0);
        copy_col(s, 1, u->api_key, sizeof u->api_key);
        u->is_active = sqlite3_column_int64(s, 2);
        u->has_role = sqlite3_column_int64(s, 3);
    } else if (rc != SQLITE_DONE) {
        store_note_error(st, "login");
    }
    store_done(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int sq_user_put(struct store *st, const char *username, const char *key_hash, int64_t role_id,
                const char *now)
{
    static const char sql[] =
        "INSERT INTO api_user (username, api_key, created, modified, is_active, role_id) "
        "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (username) DO UPDATE SET "
        "api_key = excluded.api_key, modified = excluded.modified, is_active = 1, "
        "role_id = excluded.role_id";
    /* a replaced key ends the user's SOAP sessions and REST tokens */
    static const char *const drop[] = {
        "DELETE FROM api_session WHERE user_id = (SELECT user_id FROM api_user WHERE username = ?)",
        "DELETE FROM rest_token WHERE user_id = (SELECT user_id FROM api_user WHERE username = ?)"};
    sqlite3_stmt *s;
    for (size_t i = 0; i < 2; i++) {
        if (!(s = store_prep(st, drop[i])))
            return -1;
        st_bind_text(s, 1, username);
        if (step_done(st, s, "user add") != 0)
            return -1;
    }
    if (!(s = store_prep(st, sql)))
        return -1;
    st_bind_text(s, 1, username);
    st_bind_text(s, 2, key_hash);
    st_bind_text(s, 3, now);
    st_bind_text(s, 4, now);
    st_bind_int(s, 5, role_id);
    return step_done(st, s, "user add");
}

int sq_role_put(struct store *st, const char *name, const char *resources)
{
    static const char sql[] =
        "INSERT INTO api_role (role_name, resources) VALUES (?, ?) "
        "ON CONFLICT (role_name) DO UPDATE SET resources = excluded.resources";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_text(s, 1, name);
    st_bind_text(s, 2, resources);
    return step_done(st, s, "role add");
}

int sq_role_id(struct store *st, const char *name, int64_t *id)
{
    static const char sql[] = "SELECT role_id FROM api_role WHERE role_name = ?";
    int rc = st_query_int(st, sql, id, "s", name);
    if (rc < 0)
        store_note_error(st, "role");
    return rc;
}

/* ---- counts ------------------------------------------------------------------------------ */

int sq_count_orders(struct store *st, const char *const *incs, size_t n, int64_t *out)
{
    static const char sql[] = "SELECT count(*) FROM sales_flat_order WHERE increment_id = ?";
    *out = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t c = 0;
        if (st_query_int(st, sql, &c, "s", incs[i]) < 0)
            return -1;
        *out += c;
    }
    return 0;
}

int sq_count_users(struct store *st, const char *username, int64_t *out)
{
    static const char sql[] = "SELECT count(*) FROM api_user WHERE username = ?";
    static const char all[] = "SELECT count(*) FROM api_user";
    if (!username)
        return st_query_int(st, all, out, NULL) < 0 ? -1 : 0;
    return st_query_int(st, sql, out, "s", username) < 0 ? -1 : 0;
}

int sq_is_empty(struct store *st)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM sales_flat_order) + (SELECT count(*) FROM api_user)";
    int64_t n = 1;
    if (st_query_int(st, sql, &n, NULL) < 0)
        return 0;
    return n == 0;
}

int sq_clear_data(struct store *st)
{
    /* children first (foreign keys are on); entity ids start again at 1 */
    static const char *const tables[] = {
        "invoice_audit", "sales_flat_invoice_comment", "sales_flat_invoice_item",
        "sales_flat_invoice",
        "sales_payment_transaction", "sales_flat_order_status_history", "sales_flat_order_payment",
        "sales_flat_order_address", "sales_flat_order_item", "sales_flat_order",
        "eav_entity_store", "email_outbox", "api_session", "rest_token", "idempotency_key",
    };
    char sql[96];
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        snprintf(sql, sizeof sql, "DELETE FROM %s", tables[i]);
        if (store_exec(st, sql) != 0)
            return -1;
    }
    return 0;
}

int sq_backup(struct store *st, const char *path)
{
    static const char sql[] = "VACUUM INTO ?";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_text(s, 1, path);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        store_note_error(st, "backup");
    store_done(s);
    return rc == SQLITE_DONE ? 0 : -1;
}
