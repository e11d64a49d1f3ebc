/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SQLite backend's internals: the struct store behind the opaque
 * handle, the prepared-statement cache, transactions and the helpers the
 * backend's files (and the tools that load SQLite directly) share.  The
 * domain never includes this file (nor sqlite3.h).
 */
#ifndef MD_SQLITE_INT_H
#define MD_SQLITE_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "magesoapd/store.h"
#include "store/store_impl.h"

struct st_cached {
    const char *sql; /* key: the address of a static SQL string */
    sqlite3_stmt *stmt;
};

struct store_gate;

#define SQ_DYN_CACHE 16

/* A member of a group-commit batch (store.c): set by the committer. */
struct store_member {
    struct store_member *next;
    int done, ok;
};

struct store {
    struct store_base base;  /* ops = sq_ops */
    sqlite3 *db;
    struct st_cached *cache; /* grows; one connection = one thread */
    size_t ncache, capcache;
    int in_tx;               /* transaction depth (>1: savepoints) */
    char errmsg[256];        /* last SQLite error, for logs only */
    /* Write transactions of a file database go through the process-wide
     * gate of that file (group commit, see store.c): while one runs, db
     * and cache are the gate's writer connection and own_* keep this
     * connection's.  gate is NULL for ":memory:" and for a writer. */
    struct store_gate *gate;
    int gated_tx;            /* the outermost transaction runs on the gate */
    int busy_ms;
    sqlite3 *own_db;
    struct st_cached *own_cache;
    size_t own_ncache, own_capcache;
    struct store_member member;
    int read_only, write_refused; /* store_read_only() */
    /* list statements (SQL built per filter shape), least recently used
     * replaced; only on this connection's own database handle */
    struct st_dyn {
        char *sql;
        sqlite3_stmt *stmt;
        uint64_t used;
    } dyn[SQ_DYN_CACHE];
    uint64_t dyn_clock;
    sqlite3 *home_db; /* the handle this connection opened (db may point at the writer's) */
};

/* A prepared statement for SQL built at run time (list filters), cached by
 * its text: the same filter shape with other values reuses it.  Returns
 * the statement reset with bindings cleared; *cached says whether it
 * belongs to the cache (then store_done() it) or must be finalized. */
sqlite3_stmt *store_prep_dyn(struct store *st, const char *sql, int *cached);

/* Prepared statement for a static SQL string, cached per connection and
 * handed out reset with its bindings cleared.  The caller runs it and then
 * calls store_done() so no read snapshot stays open.  NULL on error (see
 * store_errmsg). */
sqlite3_stmt *store_prep(struct store *st, const char *sql);
/* Reset a statement from store_prep (keeps it in the cache). */
void store_done(sqlite3_stmt *stmt);

/* Write transactions always start with BEGIN IMMEDIATE: the write lock is
 * taken before anything is read, so every decision made inside the
 * transaction is made on data no other writer can change meanwhile.
 * On a file database the outermost one joins the current group-commit
 * batch of the process (conn.c): it runs alone, after the batch's earlier
 * members, on the shared writer connection, and sq_commit returns once
 * the batch (and so this transaction) is durable. */
int sq_begin(struct store *st);    /* SQLITE_OK or an error code */
/* A read transaction (deferred BEGIN): several SELECTs see one snapshot.
 * End it with sq_commit. */
int sq_begin_read(struct store *st);
int sq_commit(struct store *st);   /* SQLITE_OK, else rolled back */
void sq_rollback(struct store *st);

/* This connection writes alone (bulk loads): its write transactions run on
 * it directly instead of through the process-wide gate.  Call before any
 * transaction. */
void sq_ungate(struct store *st);
int sq_read_only(struct store *st, int on);
/* A session's sliding-expiry logdate, recorded in the gate and written by
 * its committer with the next batch or within a second (conn.c): never
 * waits for a commit.  -1 when it cannot be deferred (no gate: write it). */
int sq_touch_defer(struct store *st, const char *sid, const char *logdate);
/* Inside a gated write transaction: write the deferred logdates now, so
 * that what it decides by logdate (expired sessions, the oldest past
 * max_sessions) sees them. */
void sq_touch_apply(struct store *st);
/* logdate (of len) becomes sid's deferred logdate if that is later. */
void sq_touch_overlay(struct store *st, const char *sid, char *logdate, size_t len);
void sq_close(struct store *st);
int sq_schema_version(struct store *st);
const char *sq_errmsg(const struct store *st);

/* The backend's table of operations (ops.c). */
extern const struct store_ops sq_ops;

/* Test hook: steps of the gated write path where a failure can be injected.
 * When store_fail_hook is set and returns non-zero for a step, that step
 * fails as if SQLite had failed it.  NULL (the default) in production. */
enum store_step {
    STORE_STEP_OPEN,      /* opening the writer connection */
    STORE_STEP_BEGIN,     /* BEGIN IMMEDIATE of a new batch */
    STORE_STEP_SAVEPOINT, /* the member's SAVEPOINT */
    STORE_STEP_RELEASE,   /* RELEASE of a member that succeeded */
    STORE_STEP_ROLLBACK,  /* ROLLBACK TO of a member that failed */
    STORE_STEP_COMMIT,    /* the batch's COMMIT (committer thread) */
};
extern int (*store_fail_hook)(enum store_step step);

/* Run SQL without results (schema, pragmas). */
int store_exec(struct store *st, const char *sql);
/* Remember the connection's current error text, prefixed by what. */
void store_note_error(struct store *st, const char *what);

/* Bind helpers: NULL text binds SQL NULL. */
int st_bind_text(sqlite3_stmt *s, int idx, const char *text);
int st_bind_int(sqlite3_stmt *s, int idx, int64_t v);
/* Column text, or NULL for SQL NULL.  Valid until the next step/reset. */
const char *st_col_text(sqlite3_stmt *s, int col);
int st_col_is_null(sqlite3_stmt *s, int col);

/* Single-value queries on static SQL; the statement is bound by the
 * callback-free variadic form "i" = int64, "s" = text.  Return 1 when a row
 * was found (value in *out), 0 when none, -1 on error. */
int st_query_int(struct store *st, const char *sql, int64_t *out, const char *types, ...);

/* ---- the repository operations (store.h), one file per area -------------- */

int sq_order_load_by_inc(struct store *st, struct arena *a, const char *inc, struct md_order *o);
int sq_order_load_by_id(struct store *st, struct arena *a, int64_t id, struct md_order *o);
int sq_order_save(struct store *st, const struct md_order *o, const char *now);
int sq_order_add_history(struct store *st, const struct md_order *o, const char *comment,
                         const char *entity_name, const char *now);
int sq_payment_add_txn(struct store *st, const struct md_order *o, const char *txn,
                       const char *parent, const char *type, const char *now);
int sq_payment_close_auth(struct store *st, const struct md_order *o);
int sq_payment_auth_txn(struct store *st, const struct md_order *o, char *out, size_t len);
int sq_invoice_row_load(struct store *st, struct arena *a, const char *inc, struct md_inv_row *r);
int sq_invoice_prev(struct store *st, int64_t order_id, struct md_prev_invoices *p);
int sq_seq_next(struct store *st, int64_t store_id, char out[32]);
int sq_seq_advance(struct store *st, int64_t store_id, int64_t last_number);
int sq_invoice_insert(struct store *st, const struct md_order *o, const struct md_invoice *inv,
                      const char *inc, int state, int64_t can_void_flag, int email_sent,
                      const char *now, int64_t *id_out);
int sq_invoice_set_state(struct store *st, int64_t id, int state, const char *txn, int clear_void,
                         const char *now);
int sq_invoice_set_txn(struct store *st, int64_t id, const char *txn);
int sq_invoice_touch(struct store *st, int64_t id, const char *now);
int sq_invoice_item_sums(struct store *st, struct arena *a, int64_t invoice_id,
                         struct store_inv_item_sums **out, size_t *n);
int sq_invoice_mail_lines(struct store *st, struct arena *a, int64_t invoice_id,
                          int64_t *grand_total, struct store_mail_line **out, size_t *n);
int sq_comment_insert(struct store *st, int64_t invoice_id, const char *comment, int notified,
                      int visible, const char *now);
int sq_invoice_info(struct store *st, struct arena *a, const char *inc, struct val **out);
int sq_list_ids(struct store *st, struct arena *a, const struct md_filter *filter,
    int64_t limit, int64_t deadline_ms, struct store_ids *ids);
int sq_invoice_list(struct store *st, struct arena *a, const struct md_filter *filter,
                    int64_t limit, int64_t deadline_ms, struct val *list);
int sq_order_info(struct store *st, struct arena *a, const char *inc, struct val **out);
int sq_order_list(struct store *st, struct arena *a, const struct md_filter *filter,
                  int64_t limit, int64_t deadline_ms, struct val *list);
int sq_order_history_add(struct store *st, int64_t order_id, const char *status,
                         const char *comment, int64_t notified, const char *now);
int sq_order_cancel_save(struct store *st, const struct md_order *o,
                         const struct store_order_canceled *c, const char *now);
int sq_outbox_add(struct store *st, const struct store_mail *m);
int sq_throttle_locked(struct store *st, const char *k1, const char *k2, int64_t now,
                          int *k1_counted);
int sq_throttle_fail(struct store *st, struct store_throttle_key *k, int n, int64_t now,
                      int64_t window, int64_t lockout);
int sq_throttle_clear(struct store *st, const char *key, int64_t stale, int64_t now);
int sq_session_get(struct store *st, struct arena *a, const char *sid, struct store_session *s);
int sq_session_touch(struct store *st, const char *sid, const char *now);
int sq_session_delete(struct store *st, const char *sid);
int sq_session_add(struct store *st, int64_t uid, const char *sid, const char *now,
                   const char *cutoff, int64_t max_user, int64_t max_total);
int sq_token_get(struct store *st, struct arena *a, const char *hash, struct store_token *t);
int sq_token_add(struct store *st, int64_t uid, const char *hash, const char *now,
                 const char *expires, int64_t max_user, int64_t max_total);
int sq_idem_get(struct store *st, struct arena *a, int64_t user_id, const char *key,
                const char *now, struct store_idem *out);
int sq_idem_put(struct store *st, int64_t user_id, const char *key, const struct store_idem *in,
                const char *now, const char *expires);
int sq_idem_purge(struct store *st, const char *now, int64_t limit, int64_t *n_out);
int sq_user_get(struct store *st, const char *username, struct store_user *u);
int sq_user_put(struct store *st, const char *username, const char *key_hash, int64_t role_id,
                const char *now);
int sq_role_put(struct store *st, const char *name, const char *resources);
int sq_role_id(struct store *st, const char *name, int64_t *id);
int sq_count_orders(struct store *st, const char *const *incs, size_t n, int64_t *out);
int sq_count_users(struct store *st, const char *username, int64_t *out);
int sq_order_recent(struct store *st, struct arena *a, int64_t limit, struct val *list);
int sq_counts(struct store *st, struct store_counts *c);
int sq_is_empty(struct store *st);
int sq_comment_count(struct store *st, int64_t invoice_id, int64_t *out);
int sq_audit_add(struct store *st, const struct md_audit *a);
int sq_invoice_audit(struct store *st, struct arena *a, int64_t invoice_id,
                     struct md_audit **out, size_t *n);
int sq_inspect_invoices(struct store *st, struct arena *a, const struct store_inspect_q *q,
                        struct val **out);
int sq_inspect_orders(struct store *st, struct arena *a, const struct store_inspect_q *q,
                      struct val **out);
int sq_inspect_order(struct store *st, struct arena *a, const char *inc, struct val **out);
int sq_inspect_users(struct store *st, struct arena *a, struct val **out);
int sq_inspect_roles(struct store *st, struct arena *a, struct val **out);
int sq_inspect_outbox(struct store *st, struct arena *a, const struct store_inspect_q *q,
                      struct val **out);
int sq_clear_data(struct store *st);
int sq_backup(struct store *st, const char *path);
/* the order import (import_sql.c, import_rows.c) */
struct imp_doc;
struct imp_order;
struct imp_item;
int sq_import(struct store *st, struct imp_doc *d, int replace, const char *now, char *err,
              size_t errlen);
int sq_bulk_read(struct store *st, int64_t order_id, enum store_bulk_table t,
                 struct store_bulk_rows *out);
int sq_bulk_load(struct store *st, const struct store_bulk_load *l, char *err, size_t errlen);
int imp_insert_order(struct store *st, const struct imp_order *o);
int imp_insert_item(struct store *st, const struct imp_order *o, const struct imp_item *it);
int imp_insert_extras(struct store *st, const struct imp_order *o, int64_t bill, int64_t ship);
/* The list filter as a WHERE clause over sales_flat_invoice (alias i) and
 * sales_flat_order (alias o): column names and operator templates only,
 * every operand a bound parameter (filter_sql.c). */
struct sq_where {
    char *sql; /* "" when no condition */
    size_t len, cap;
    const struct md_fval **binds;
    size_t nbinds, capbinds;
    enum md_entity entity; /* the filter's (model.h) */
    int join_order; /* the order table is needed (order_increment_id) */
    /* Conditions on low-cardinality indexed columns (state, store_id,
     * order_currency_code): [start, end) spans of sql.  The list query
     * marks them likely-true for SQLite's planner, which without
     * statistics would otherwise prefer their index (a third of a big
     * store) to a selective one such as a created_at range. */
    struct sq_span {
        size_t start, end;
    } *broad;
    size_t nbroad;
};
int sq_filter_sql(struct arena *a, const struct md_filter *flt, struct sq_where *w);

#endif
