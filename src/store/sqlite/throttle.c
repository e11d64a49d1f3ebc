/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQLite backend: login throttling counts (store.h, table login_throttle of
 * schema/006).  One daemon per SQLite file, so the table mostly makes the
 * counts survive a restart; the PostgreSQL twin is what shares them.
 * A failure's upsert is a gated write: it joins the current group-commit
 * batch and shares its fsync (a failed login has already spent a PBKDF2,
 * which costs more than the batch's wait).
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite/sqlite_int.h"

#define UPSERT_HEAD                                                                       \
    "INSERT INTO login_throttle AS t (tkey, window_start, failures, max_failures, "       \
    "locked_until) VALUES "
#define UPSERT_ROW(k, l) "(?" k ", ?1, 1, ?" l ", CASE WHEN ?" l " <= 1 THEN ?1 + ?3 ELSE 0 END)"
#define UPSERT_TAIL                                                                       \
    " ON CONFLICT (tkey) DO UPDATE SET "                                                  \
    "window_start = CASE WHEN ?1 - t.window_start >= ?2 THEN ?1 ELSE t.window_start END, "  \
    "failures = CASE WHEN ?1 - t.window_start >= ?2 THEN 1 ELSE t.failures + 1 END, "       \
    "max_failures = excluded.max_failures, "                                              \
    "locked_until = CASE WHEN (CASE WHEN ?1 - t.window_start >= ?2 THEN 1 "               \
    "ELSE t.failures + 1 END) >= excluded.max_failures THEN ?1 + ?3 ELSE t.locked_until END " \
    "RETURNING tkey, failures"

int sq_throttle_locked(struct store *st, const char *k1, const char *k2, int64_t now,
                       int *k1_counted)
{
    static const char sql[] =
        "SELECT coalesce(max(CASE WHEN locked_until > ?3 THEN 1 ELSE 0 END), 0), "
        "coalesce(max(CASE WHEN tkey = ?1 THEN 1 ELSE 0 END), 0) "
        "FROM login_throttle WHERE tkey IN (?1, ?2)";
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    st_bind_text(s, 1, k1);
    st_bind_text(s, 2, k2);
    st_bind_int(s, 3, now);
    int rc = sqlite3_step(s), locked = -1;
    if (rc == SQLITE_ROW) {
        locked = sqlite3_column_int(s, 0) != 0;
        if (k1_counted)
            *k1_counted = sqlite3_column_int(s, 1) != 0;
    } else {
        store_note_error(st, "throttle");
    }
    store_done(s);
    return locked;
}

/* The upsert of the keys in k (1 or 2 of them); gated transaction open. */
static int upsert(struct store *st, struct store_throttle_key *k, int n, int64_t now,
                  int64_t window, int64_t lockout)
{
    static const char one[] = UPSERT_HEAD UPSERT_ROW("4", "5") UPSERT_TAIL;
    static const char two[] = UPSERT_HEAD UPSERT_ROW("4", "5") ", " UPSERT_ROW("6", "7") UPSERT_TAIL;
    sqlite3_stmt *s = store_prep(st, n == 2 ? two : one);
    int rc;
    if (!s)
        return -1;
    st_bind_int(s, 1, now);
    st_bind_int(s, 2, window);
    st_bind_int(s, 3, lockout);
    for (int i = 0; i < n; i++) {
        st_bind_text(s, 4 + 2 * i, k[i].key);
        st_bind_int(s, 5 + 2 * i, k[i].limit);
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *key = st_col_text(s, 0);
        for (int i = 0; i < n; i++)
            if (key && strcmp(key, k[i].key) == 0)
                k[i].count = sqlite3_column_int64(s, 1);
    }
    if (rc != SQLITE_DONE)
        store_note_error(st, "throttle");
    store_done(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

int sq_throttle_fail(struct store *st, struct store_throttle_key *k, int n, int64_t now,
                     int64_t window, int64_t lockout)
{
    struct store_throttle_key use[2];
    int m = 0;
    for (int i = 0; i < n && m < 2; i++)
        if (k[i].key)
            use[m++] = k[i];
    if (!m)
        return 0;
    if (sq_begin(st) != SQLITE_OK)
        return -1;
    if (upsert(st, use, m, now, window, lockout) != 0) {
        sq_rollback(st);
        return -1;
    }
    if (sq_commit(st) != SQLITE_OK)
        return -1;
    for (int i = 0, j = 0; i < n && j < m; i++)
        if (k[i].key)
            k[i].count = use[j++].count;
    return 0;
}

int sq_throttle_clear(struct store *st, const char *key, int64_t stale, int64_t now)
{
    static const char one[] = "DELETE FROM login_throttle WHERE tkey = ?";
    static const char old[] =
        "DELETE FROM login_throttle WHERE window_start <= ? AND locked_until <= ?";
    if (sq_begin(st) != SQLITE_OK)
        return -1;
    sqlite3_stmt *s = store_prep(st, key ? one : old);
    int rc = SQLITE_ERROR;
    if (s) {
        if (key) {
            st_bind_text(s, 1, key);
        } else {
            st_bind_int(s, 1, stale);
            st_bind_int(s, 2, now);
        }
        rc = sqlite3_step(s);
        if (rc != SQLITE_DONE)
            store_note_error(st, "throttle");
        store_done(s);
    }
    if (rc != SQLITE_DONE) {
        sq_rollback(st);
        return -1;
    }
    return sq_commit(st) == SQLITE_OK ? 0 : -1;
}
