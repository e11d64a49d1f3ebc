/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PostgreSQL backend: API sessions, REST tokens, users and roles, and the
 * counts the tools ask for.  Sessions and tokens live in the database, so
 * every daemon on it sees a login, an endSession, an expiry at once.
 */
#include <stdio.h>
#include <string.h>

#include "magesoapd/val.h"
#include "store/pg/pg_int.h"

static int step_done(struct store *st, pq_stmt *s, const char *what)
{
    int rc = pq_step(s);
    if (rc != PQ_DONE)
        pq_note(st, what);
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

static const char *dup_col(struct arena *a, pq_stmt *s, int c)
{
    const char *t = pq_col_text(s, c);
    return t ? arena_strdup(a, t) : NULL;
}

static void copy_col(pq_stmt *s, int c, char *out, size_t len)
{
    snprintf(out, len, "%s", pq_col_text(s, c) ? pq_col_text(s, c) : "");
}

/* One statement with one or two text parameters, committed on its own
 * (autocommit on a pooled connection; inside the caller's transaction if
 * there is one). */
static int write_one(struct store *st, const char *sql, const char *a, const char *b)
{
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, a);
    if (b)
        pq_bind_text(s, 2, b);
    return pq_run(st, s, "session");
}

/* ---- sessions ------------------------------------------------------------------ */

int pgs_session_get(struct store *st, struct arena *a, const char *sid, struct store_session *ses)
{
    static const char sql[] =
        "SELECT s.user_id, s.logdate, r.resources, u.username FROM api_session s "
        "JOIN api_user u ON u.user_id = s.user_id "
        "LEFT JOIN api_role r ON r.role_id = u.role_id WHERE s.sessid = ?";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, sid);
    int rc = pq_step(s);
    memset(ses, 0, sizeof *ses);
    if (rc == PQ_ROW) {
        ses->user_id = pq_col_int(s, 0);
        copy_col(s, 1, ses->logdate, sizeof ses->logdate);
        ses->resources = dup_col(a, s, 2);
        ses->username = dup_col(a, s, 3);
    } else if (rc != PQ_DONE) {
        pq_note(st, "session");
    }
    pq_done(s);
    return rc == PQ_ROW ? 1 : rc == PQ_DONE ? 0 : -1;
}

int pgs_session_touch(struct store *st, const char *sid, const char *now)
{
    /* never moves a logdate back (two daemons may refresh it at once) */
    static const char sql[] =
        "UPDATE api_session SET logdate = $1 WHERE sessid = $2 AND logdate < $1";
    if (st->in_tx) /* a read transaction (inline info) cannot write: autocommit beside it */
        return pq_touch_beside(st, sql, now, sid);
    return write_one(st, sql, now, sid);
}

int pgs_session_delete(struct store *st, const char *sid)
{
    static const char sql[] = "DELETE FROM api_session WHERE sessid = ?";
    return write_one(st, sql, sid, NULL);
}

int pgs_session_add(struct store *st, int64_t uid, const char *sid, const char *now,
                   const char *cutoff, int64_t max_user, int64_t max_total)
{
    static const char purge[] = "DELETE FROM api_session WHERE logdate < ?";
    static const char cap[] =
        "DELETE FROM api_session WHERE sessid IN (SELECT sessid FROM api_session "
        "WHERE user_id = $1 ORDER BY logdate, sessid LIMIT greatest(0, (SELECT count(*) "
        "FROM api_session WHERE user_id = $1) - $2 + 1))";
    /* logins of all daemons take turns here, so the caps hold across them */
    static const char lock[] = "SELECT pg_advisory_xact_lock(7274002)";
    static const char count[] = "SELECT count(*) FROM api_session";
    static const char lognum[] = "UPDATE api_user SET lognum = lognum + 1 WHERE user_id = ?";
    static const char insert[] =
        "INSERT INTO api_session (sessid, user_id, logdate) VALUES (?, ?, ?)";
    pq_stmt *s;
    int64_t n = 0;
    if (pq_exec(st, lock) != 0 || !(s = pq_prep(st, purge)))
        return -1;
    pq_bind_text(s, 1, cutoff);
    if (step_done(st, s, "login") != 0 || !(s = pq_prep(st, cap)))
        return -1;
    pq_bind_int(s, 1, uid);
    pq_bind_int(s, 2, max_user);
    if (step_done(st, s, "login") != 0 || pq_query_int(st, count, &n, NULL) != 1)
        return -1;
    if (n >= max_total)
        return 1;
    if (!(s = pq_prep(st, lognum)))
        return -1;
    pq_bind_int(s, 1, uid);
    if (step_done(st, s, "login") != 0 || !(s = pq_prep(st, insert)))
        return -1;
    pq_bind_text(s, 1, sid);
    pq_bind_int(s, 2, uid);
    pq_bind_text(s, 3, now);
    return step_done(st, s, "login");
}

/* ---- REST tokens ------------------------------------------------------------------ */

int pgs_token_get(struct store *st, struct arena *a, const char *hash, struct store_token *t)
{
    static const char sql[] =
        "SELECT t.user_id, t.expires_at, u.is_active, "
        "COALESCE(u.modified, '') > t.created_at, r.resources, u.username FROM rest_token t "
        "JOIN api_user u ON u.user_id = t.user_id "
        "LEFT JOIN api_role r ON r.role_id = u.role_id WHERE t.token = ?";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, hash);
    int rc = pq_step(s);
    memset(t, 0, sizeof *t);
    if (rc == PQ_ROW) {
        t->user_id = pq_col_int(s, 0);
        copy_col(s, 1, t->expires_at, sizeof t->expires_at);
        t->is_active = pq_col_int(s, 2);
        t->replaced = pq_col_int(s, 3);
        t->resources = dup_col(a, s, 4);
        t->username = dup_col(a, s, 5);
    } else if (rc != PQ_DONE) {
        pq_note(st, "token");
    }
    pq_done(s);
    return rc == PQ_ROW ? 1 : rc == PQ_DONE ? 0 : -1;
}

int pgs_token_add(struct store *st, int64_t uid, const char *hash, const char *now,
                 const char *expires, int64_t max_user, int64_t max_total)
{
    static const char purge[] = "DELETE FROM rest_token WHERE expires_at < ?";
    static const char cap[] =
        "DELETE FROM rest_token WHERE token IN (SELECT token FROM rest_token "
        "WHERE user_id = $1 ORDER BY created_at, token LIMIT greatest(0, (SELECT count(*) "
        "FROM rest_token WHERE user_id = $1) - $2 + 1))";
    static const char lock[] = "SELECT pg_advisory_xact_lock(7274003)";
    static const char count[] = "SELECT count(*) FROM rest_token";
    static const char insert[] =
        "INSERT INTO rest_token (token, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)";
    pq_stmt *s;
    int64_t n = 0;
    if (pq_exec(st, lock) != 0 || !(s = pq_prep(st, purge)))
        return -1;
    pq_bind_text(s, 1, now);
    if (step_done(st, s, "token") != 0 || !(s = pq_prep(st, cap)))
        return -1;
    pq_bind_int(s, 1, uid);
    pq_bind_int(s, 2, max_user);
    if (step_done(st, s, "token") != 0 || pq_query_int(st, count, &n, NULL) != 1)
        return -1;
    if (n >= max_total)
        return 1;
    if (!(s = pq_prep(st, insert)))
        return -1;
    pq_bind_text(s, 1, hash);
    pq_bind_int(s, 2, uid);
    pq_bind_text(s, 3, now);
    pq_bind_text(s, 4, expires);
    return step_done(st, s, "token");
}

/* ---- users and roles ------------------------------------------------------------------ */

int pgs_user_get(struct store *st, const char *username, struct store_user *u)
{
    static const char sql[] =
        "SELECT u.user_id, u.api_key, u.is_active, r.role_id IS NOT NULL FROM api_user u "
        "LEFT JOIN api_role r ON r.role_id = u.role_id WHERE lower(u.username) = lower(?)";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, username);
    int rc = pq_step(s);
    if (rc == PQ_ROW) {
        u->user_id = pq_col_int(s, 0);
        copy_col(s, 1, u->api_key, sizeof u->api_key);
        u->is_active = pq_col_int(s, 2);
        u->has_role = pq_col_int(s, 3);
    } else if (rc != PQ_DONE) {
        pq_note(st, "login");
    }
    pq_done(s);
    return rc == PQ_ROW ? 1 : rc == PQ_DONE ? 0 : -1;
}

int pgs_user_put(struct store *st, const char *username, const char *key_hash, int64_t role_id,
                const char *now)
{
    static const char sql[] =
        "INSERT INTO api_user (username, api_key, created, modified, is_active, role_id) "
        "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT ((lower(username))) DO UPDATE SET "
        "api_key = excluded.api_key, modified = excluded.modified, is_active = 1, "
        "role_id = excluded.role_id";
    /* a replaced key ends the user's SOAP sessions and REST tokens */
    static const char *const drop[] = {
        "DELETE FROM api_session WHERE user_id = "
        "(SELECT user_id FROM api_user WHERE lower(username) = lower(?))",
        "DELETE FROM rest_token WHERE user_id = "
        "(SELECT user_id FROM api_user WHERE lower(username) = lower(?))"};
    pq_stmt *s;
    for (size_t i = 0; i < 2; i++) {
        if (!(s = pq_prep(st, drop[i])))
            return -1;
        pq_bind_text(s, 1, username);
        if (step_done(st, s, "user add") != 0)
            return -1;
    }
    if (!(s = pq_prep(st, sql)))
        return -1;
    pq_bind_text(s, 1, username);
    pq_bind_text(s, 2, key_hash);
    pq_bind_text(s, 3, now);
    pq_bind_text(s, 4, now);
    pq_bind_int(s, 5, role_id);
    return step_done(st, s, "user add");
}

int pgs_role_put(struct store *st, const char *name, const char *resources)
{
    static const char sql[] =
        "INSERT INTO api_role (role_name, resources) VALUES (?, ?) "
        "ON CONFLICT (role_name) DO UPDATE SET resources = excluded.resources";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, name);
    pq_bind_text(s, 2, resources);
    return step_done(st, s, "role add");
}

int pgs_role_id(struct store *st, const char *name, int64_t *id)
{
    static const char sql[] = "SELECT role_id FROM api_role WHERE role_name = ?";
    int rc = pq_query_int(st, sql, id, "s", name);
    if (rc < 0)
        pq_note(st, "role");
    return rc;
}

/* ---- counts ------------------------------------------------------------------------------ */

int pgs_count_orders(struct store *st, const char *const *incs, size_t n, int64_t *out)
{
    static const char sql[] = "SELECT count(*) FROM sales_flat_order WHERE increment_id = ?";
    *out = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t c = 0;
        if (pq_query_int(st, sql, &c, "s", incs[i]) < 0)
            return -1;
        *out += c;
    }
    return 0;
}

int pgs_count_users(struct store *st, const char *username, int64_t *out)
{
    static const char sql[] = "SELECT count(*) FROM api_user WHERE lower(username) = lower(?)";
    static const char all[] = "SELECT count(*) FROM api_user";
    if (!username)
        return pq_query_int(st, all, out, NULL) < 0 ? -1 : 0;
    return pq_query_int(st, sql, out, "s", username) < 0 ? -1 : 0;
}

int pgs_is_empty(struct store *st)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM sales_flat_order) + (SELECT count(*) FROM api_user)";
    int64_t n = 1;
    if (pq_query_int(st, sql, &n, NULL) < 0)
        return 0;
    return n == 0;
}

int pgs_clear_data(struct store *st)
{
    /* entity ids start again at 1 */
    static const char sql[] =
        "TRUNCATE invoice_audit, sales_flat_invoice_comment, sales_flat_invoice_item, sales_flat_invoice, "
        "sales_payment_transaction, sales_flat_order_status_history, sales_flat_order_payment, "
        "sales_flat_order_address, sales_flat_order_item, sales_flat_order, eav_entity_store, "
        "email_outbox, api_session, rest_token, idempotency_key RESTART IDENTITY";
    return pq_exec(st, sql);
}

int pgs_backup(struct store *st, const char *path)
{
    (void)path;
    snprintf(st->errmsg, sizeof st->errmsg,
             "backup: the database is on PostgreSQL: use pg_dump (or a base backup with WAL "
             "archiving for point-in-time recovery), see docs/postgresql.md");
    return -1;
}
