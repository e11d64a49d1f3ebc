/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PostgreSQL backend: login throttling counts (store.h, table login_throttle
 * of schema/pg/006), shared by every daemon on the database: N daemons
 * allow login_max_failures failures in total, not N times as many.
 *
 * A failure's upsert commits with synchronous_commit = off (SET LOCAL, this
 * transaction only): it is visible to every daemon at once, but its COMMIT
 * does not wait for the WAL flush.  A crash of the PostgreSQL server may
 * lose the last fraction of a second of counts (at most wal_writer_delay x 3);
 * a lost count gives an attacker one try more, never a wrong invoice.
 */
#include <stdio.h>
#include <string.h>

#include "store/pg/pg_int.h"

#define UPSERT_HEAD                                                                       \
    "INSERT INTO login_throttle AS t (tkey, window_start, failures, max_failures, "       \
    "locked_until) VALUES "
#define UPSERT_ROW(k, l)                                                                  \
    "($" k "::text, $1::bigint, 1, $" l "::bigint, CASE WHEN $" l "::bigint <= 1 "        \
    "THEN $1::bigint + $3::bigint ELSE 0 END)"
#define UPSERT_TAIL                                                                       \
    " ON CONFLICT (tkey) DO UPDATE SET "                                                  \
    "window_start = CASE WHEN $1::bigint - t.window_start >= $2::bigint THEN $1::bigint "   \
    "ELSE t.window_start END, "                                                           \
    "failures = CASE WHEN $1::bigint - t.window_start >= $2::bigint THEN 1 "              \
    "ELSE t.failures + 1 END, "                                                           \
    "max_failures = excluded.max_failures, "                                              \
    "locked_until = CASE WHEN (CASE WHEN $1::bigint - t.window_start >= $2::bigint THEN 1 " \
    "ELSE t.failures + 1 END) >= excluded.max_failures THEN $1::bigint + $3::bigint "     \
    "ELSE t.locked_until END RETURNING tkey, failures"

int pgs_throttle_locked(struct store *st, const char *k1, const char *k2, int64_t now,
                        int *k1_counted)
{
    static const char sql[] =
        "SELECT coalesce(max(CASE WHEN locked_until > $3::bigint THEN 1 ELSE 0 END), 0), "
        "coalesce(max(CASE WHEN tkey = $1::text THEN 1 ELSE 0 END), 0) "
        "FROM login_throttle WHERE tkey IN ($1::text, $2::text)";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, k1);
    pq_bind_text(s, 2, k2);
    pq_bind_int(s, 3, now);
    int rc = pq_step(s), locked = -1;
    if (rc == PQ_ROW) {
        locked = pq_col_int(s, 0) != 0;
        if (k1_counted)
            *k1_counted = pq_col_int(s, 1) != 0;
    } else {
        pq_note(st, "throttle");
    }
    pq_done(s);
    return locked;
}

static int upsert(struct store *st, struct store_throttle_key *k, int n, int64_t now,
                  int64_t window, int64_t lockout)
{
    static const char one[] = UPSERT_HEAD UPSERT_ROW("4", "5") UPSERT_TAIL;
    static const char two[] = UPSERT_HEAD UPSERT_ROW("4", "5") ", " UPSERT_ROW("6", "7") UPSERT_TAIL;
    pq_stmt *s = pq_prep(st, n == 2 ? two : one);
    int rc;
    if (!s)
        return -1;
    pq_bind_int(s, 1, now);
    pq_bind_int(s, 2, window);
    pq_bind_int(s, 3, lockout);
    for (int i = 0; i < n; i++) {
        pq_bind_text(s, 4 + 2 * i, k[i].key);
        pq_bind_int(s, 5 + 2 * i, k[i].limit);
    }
    while ((rc = pq_step(s)) == PQ_ROW) {
        const char *key = pq_col_text(s, 0);
        for (int i = 0; i < n; i++)
            if (key && strcmp(key, k[i].key) == 0)
                k[i].count = pq_col_int(s, 1);
    }
    if (rc != PQ_DONE)
        pq_note(st, "throttle");
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

int pgs_throttle_fail(struct store *st, struct store_throttle_key *k, int n, int64_t now,
                      int64_t window, int64_t lockout)
{
    struct store_throttle_key use[2];
    int m = 0;
    for (int i = 0; i < n && m < 2; i++)
        if (k[i].key)
            use[m++] = k[i];
    if (!m)
        return 0;
    if (pgs_begin(st) != 0)
        return -1;
    if (pq_exec(st, "SET LOCAL synchronous_commit = off") != 0 ||
        upsert(st, use, m, now, window, lockout) != 0) {
        pgs_rollback(st);
        return -1;
    }
    if (pgs_commit(st) != 0)
        return -1;
    for (int i = 0, j = 0; i < n && j < m; i++)
        if (k[i].key)
            k[i].count = use[j++].count;
    return 0;
}

int pgs_throttle_clear(struct store *st, const char *key, int64_t stale, int64_t now)
{
    static const char one[] = "DELETE FROM login_throttle WHERE tkey = $1::text";
    static const char old[] =
        "DELETE FROM login_throttle WHERE window_start <= $1::bigint AND locked_until <= $2::bigint";
    pq_stmt *s = pq_prep(st, key ? one : old);
    if (!s)
        return -1;
    if (key) {
        pq_bind_text(s, 1, key);
    } else {
        pq_bind_int(s, 1, stale);
        pq_bind_int(s, 2, now);
    }
    return pq_run(st, s, "throttle");
}
