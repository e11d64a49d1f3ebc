/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PostgreSQL backend's internals (libpq): the struct store behind the
 * opaque handle, the process-wide connection pool, prepared statements and
 * transactions, and the helpers the backend's files share.  The files of
 * this directory mirror src/store/sqlite/ one to one (orders.c, invoices.c,
 * read.c, users.c, filter_sql.c, import_sql.c, import_rows.c, ops.c), and
 * the statement helpers mirror the SQLite ones (pq_prep / pq_step /
 * pq_bind_* / pq_col_*), so an operation is ported by copying its SQLite
 * function and adapting the SQL.  The domain never includes this file.
 *
 * One struct store is a handle used by one thread at a time (a worker);
 * it owns no connection.  It borrows one from the pool of its database
 * (db_pool_size connections per daemon and conninfo) for a transaction, or
 * for a single statement outside one, and gives it back at once.
 */
#ifndef MD_PG_INT_H
#define MD_PG_INT_H

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>

#include "magesoapd/embedded.h"
#include "magesoapd/store.h"
#include "store/store_impl.h"

#define PQ_MAX_PARAMS 64

enum { PQ_ERR = -1, PQ_ROW = 100, PQ_DONE = 101 };

struct pg_pool;
struct pg_conn;

/* A statement of one handle: SQL (with `?` placeholders turned into $n),
 * its bound parameters and, once run, its result walked row by row. */
typedef struct pq_stmt {
    struct store *st;
    const char *key;      /* the static SQL string it was made from (NULL: one-off) */
    char *sql;            /* $n form, malloc'd */
    char name[32];        /* prepared statement name ("" for a one-off) */
    int nparams;
    char *vals[PQ_MAX_PARAMS];
    char ibuf[PQ_MAX_PARAMS][24]; /* integer parameters are written here */
    PGresult *res;
    int row, nrows;
} pq_stmt;

struct store {
    struct store_base base; /* ops = pgs_ops */
    struct pg_pool *pool;
    struct pg_conn *held;   /* the borrowed connection of the open transaction */
    int in_tx;              /* transaction depth (>1: savepoints) */
    int in_write;           /* the outermost transaction writes: loads lock rows */
    int read_only, write_refused;
    pq_stmt **cache;        /* prepared statements by static SQL */
    size_t ncache, capcache;
    char errmsg[512];
    int unavailable;        /* the last failure: the server could not be reached */
};

/* Statements on static SQL (cached per handle, prepared per connection),
 * handed out with bindings cleared.  Run with pq_step (executes on the
 * first call: PQ_ROW per row, then PQ_DONE; PQ_ERR with errmsg set); end
 * with pq_done. */
pq_stmt *pq_prep(struct store *st, const char *sql);
/* A statement on SQL made per request (the list filter): not prepared on
 * the server, freed by pq_free. */
pq_stmt *pq_oneoff(struct store *st, const char *sql);
void pq_free(pq_stmt *s);
void pq_done(pq_stmt *s);
int pq_step(pq_stmt *s);
int pq_bind_text(pq_stmt *s, int idx, const char *text); /* NULL binds NULL */
int pq_bind_int(pq_stmt *s, int idx, int64_t v);
int pq_bind_null(pq_stmt *s, int idx);
int pq_col_count(pq_stmt *s);
const char *pq_col_name(pq_stmt *s, int col);
int pq_col_is_null(pq_stmt *s, int col);
int pq_col_is_int(pq_stmt *s, int col); /* an integer column (bigint etc.) */
const char *pq_col_text(pq_stmt *s, int col); /* NULL for SQL NULL */
int64_t pq_col_int(pq_stmt *s, int col);      /* booleans give 1 / 0 */
/* The SQLSTATE of the statement's failure ("" if none). */
const char *pq_sqlstate(pq_stmt *s);
/* Run, expecting no row (or ignoring rows); 0 or -1 with errmsg "what: ...". */
int pq_run(struct store *st, pq_stmt *s, const char *what);
/* A statement whose result nobody reads (a write): inside a transaction it
 * is sent in pipeline mode and not waited for; its failure, if any, fails
 * the transaction's next statement or its COMMIT.  Outside one, pq_run.
 * 0 or -1 with errmsg "what: ...". */
int pq_defer(struct store *st, pq_stmt *s, const char *what);
/* Single-value query: types "i" = int64, "s" = text.  1 found, 0 none, -1. */
int pq_query_int(struct store *st, const char *sql, int64_t *out, const char *types, ...);
/* Plain SQL without parameters on the handle's connection (schema, SET). */
int pq_exec(struct store *st, const char *sql);
void pq_note_error(struct store *st, const char *what, const char *detail);
/* Prefix the handle's last error with what. */
void pq_note(struct store *st, const char *what);
/* Run sql ($1 = a, $2 = b) in autocommit on another pooled connection, if
 * one is free at once (else skip it: 0); for a session's sliding-expiry
 * refresh asked for inside a read transaction. */
int pq_touch_beside(struct store *st, const char *sql, const char *a, const char *b);
/* A connection of its own (not from the pool, not in pipeline mode, no
 * statement timeout) for a bulk load's COPY; the caller PQfinish-es it.
 * NULL with errmsg. */
PGconn *pq_connect_alone(struct store *st);
/* busy_timeout_ms of the pool: every statement's statement_timeout. */
int pq_timeout_ms(const struct store *st);

int pgs_begin(struct store *st);
int pgs_begin_read(struct store *st);
int pgs_commit(struct store *st);
void pgs_rollback(struct store *st);
void pgs_ungate(struct store *st);
int pgs_read_only(struct store *st, int on);
void pgs_close(struct store *st);
int pgs_schema_version(struct store *st);
const char *pgs_errmsg(const struct store *st);
int pgs_unavailable(const struct store *st);

/* Embedded schema/pg/NNN_name.sql (CMake). */
extern const struct md_embedded md_pg_migrations[];

/* The backend's table of operations (ops.c). */
extern const struct store_ops pgs_ops;

/* ---- the repository operations (store.h), one file per area -------------- */

int pgs_order_load_by_inc(struct store *st, struct arena *a, const char *inc, struct md_order *o);
int pgs_order_load_by_id(struct store *st, struct arena *a, int64_t id, struct md_order *o);
int pgs_order_save(struct store *st, const struct md_order *o, const char *now);
int pgs_order_add_history(struct store *st, const struct md_order *o, const char *comment,
                          const char *entity_name, const char *now);
int pgs_payment_add_txn(struct store *st, const struct md_order *o, const char *txn,
                        const char *parent, const char *type, const char *now);
int pgs_payment_close_auth(struct store *st, const struct md_order *o);
int pgs_payment_auth_txn(struct store *st, const struct md_order *o, char *out, size_t len);
int pgs_invoice_row_load(struct store *st, struct arena *a, const char *inc, struct md_inv_row *r);
int pgs_invoice_prev(struct store *st, int64_t order_id, struct md_prev_invoices *p);
int pgs_seq_next(struct store *st, int64_t store_id, char out[32]);
int pgs_seq_advance(struct store *st, int64_t store_id, int64_t last_number);
int pgs_invoice_insert(struct store *st, const struct md_order *o, const struct md_invoice *inv,
                       const char *inc, int state, int64_t can_void_flag, int email_sent,
                       const char *now, int64_t *id_out);
int pgs_invoice_set_state(struct store *st, int64_t id, int state, const char *txn,
                          int clear_void, const char *now);
int pgs_invoice_set_txn(struct store *st, int64_t id, const char *txn);
int pgs_invoice_touch(struct store *st, int64_t id, const char *now);
int pgs_invoice_item_sums(struct store *st, struct arena *a, int64_t invoice_id,
                          struct store_inv_item_sums **out, size_t *n);
int pgs_invoice_mail_lines(struct store *st, struct arena *a, int64_t invoice_id,
                           int64_t *grand_total, struct store_mail_line **out, size_t *n);
int pgs_comment_insert(struct store *st, int64_t invoice_id, const char *comment, int notified,
                       int visible, const char *now);
int pgs_invoice_info(struct store *st, struct arena *a, const char *inc, struct val **out);
int pgs_list_ids(struct store *st, struct arena *a, const struct md_filter *filter,
    int64_t limit, int64_t deadline_ms, struct store_ids *ids);
int pgs_invoice_list(struct store *st, struct arena *a, const struct md_filter *filter,
                     int64_t limit, int64_t deadline_ms, struct val *list);
int pgs_outbox_add(struct store *st, const struct store_mail *m);
int pgs_throttle_locked(struct store *st, const char *k1, const char *k2, int64_t now,
                          int *k1_counted);
int pgs_throttle_fail(struct store *st, struct store_throttle_key *k, int n, int64_t now,
                      int64_t window, int64_t lockout);
int pgs_throttle_clear(struct store *st, const char *key, int64_t stale, int64_t now);
int pgs_session_get(struct store *st, struct arena *a, const char *sid, struct store_session *s);
int pgs_session_touch(struct store *st, const char *sid, const char *now);
int pgs_session_delete(struct store *st, const char *sid);
int pgs_session_add(struct store *st, int64_t uid, const char *sid, const char *now,
                    const char *cutoff, int64_t max_user, int64_t max_total);
int pgs_token_get(struct store *st, struct arena *a, const char *hash, struct store_token *t);
int pgs_token_add(struct store *st, int64_t uid, const char *hash, const char *now,
                  const char *expires, int64_t max_user, int64_t max_total);
int pgs_user_get(struct store *st, const char *username, struct store_user *u);
int pgs_user_put(struct store *st, const char *username, const char *key_hash, int64_t role_id,
                 const char *now);
int pgs_role_put(struct store *st, const char *name, const char *resources);
int pgs_role_id(struct store *st, const char *name, int64_t *id);
int pgs_count_orders(struct store *st, const char *const *incs, size_t n, int64_t *out);
int pgs_count_users(struct store *st, const char *username, int64_t *out);
int pgs_is_empty(struct store *st);
int pgs_order_info(struct store *st, struct arena *a, const char *inc, struct val **out);
int pgs_order_list(struct store *st, struct arena *a, const struct md_filter *filter,
                   int64_t limit, int64_t deadline_ms, struct val *list);
int pgs_order_history_add(struct store *st, int64_t order_id, const char *status,
                          const char *comment, int64_t notified, const char *now);
int pgs_order_cancel_save(struct store *st, const struct md_order *o,
                          const struct store_order_canceled *c, const char *now);
int pgs_idem_get(struct store *st, struct arena *a, int64_t user_id, const char *key,
                 const char *now, struct store_idem *out);
int pgs_idem_put(struct store *st, int64_t user_id, const char *key, const struct store_idem *in,
                 const char *now, const char *expires);
int pgs_idem_purge(struct store *st, const char *now, int64_t limit, int64_t *n_out);
int pgs_order_recent(struct store *st, struct arena *a, int64_t limit, struct val *list);
int pgs_counts(struct store *st, struct store_counts *c);
int pgs_comment_count(struct store *st, int64_t invoice_id, int64_t *out);
int pgs_audit_add(struct store *st, const struct md_audit *a);
int pgs_invoice_audit(struct store *st, struct arena *a, int64_t invoice_id,
                      struct md_audit **out, size_t *n);
int pgs_inspect_invoices(struct store *st, struct arena *a, const struct store_inspect_q *q,
                         struct val **out);
int pgs_inspect_orders(struct store *st, struct arena *a, const struct store_inspect_q *q,
                       struct val **out);
int pgs_inspect_order(struct store *st, struct arena *a, const char *inc, struct val **out);
int pgs_inspect_users(struct store *st, struct arena *a, struct val **out);
int pgs_inspect_roles(struct store *st, struct arena *a, struct val **out);
int pgs_inspect_outbox(struct store *st, struct arena *a, const struct store_inspect_q *q,
                       struct val **out);
int pgs_clear_data(struct store *st);
int pgs_backup(struct store *st, const char *path);
struct imp_doc;
struct imp_order;
struct imp_item;
int pgs_import(struct store *st, struct imp_doc *d, int replace, const char *now, char *err,
               size_t errlen);
int pgs_bulk_read(struct store *st, int64_t order_id, enum store_bulk_table t,
                  struct store_bulk_rows *out);
int pgs_bulk_load(struct store *st, const struct store_bulk_load *l, char *err, size_t errlen);
int pgs_imp_insert_order(struct store *st, const struct imp_order *o);
int pgs_imp_insert_item(struct store *st, const struct imp_order *o, const struct imp_item *it);
/* The optional fields of migration 004 and the status history. */
int pgs_imp_insert_extras(struct store *st, const struct imp_order *o, int64_t bill,
                          int64_t ship);

/* The list filter as a WHERE clause (filter_sql.c): $n placeholders. */
struct pgs_where {
    char *sql;
    size_t len, cap;
    const struct md_fval **binds;
    size_t nbinds, capbinds;
    int join_order;
    enum md_entity entity; /* which list: invoice (i, o joined) or order (o) */
};
int pgs_filter_sql(struct arena *a, const struct md_filter *flt, struct pgs_where *w);

#endif
