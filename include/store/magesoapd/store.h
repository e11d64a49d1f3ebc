/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Storage: a repository of orders, invoices, comments, the e-mail outbox,
 * sessions, REST tokens, users and roles, behind an opaque handle.  No
 * storage type appears here: the domain passes and receives the plain
 * structs of model.h.  A backend implements struct store_ops (store_impl.h)
 * and store_open picks it; SQLite lives in src/store/sqlite/.
 *
 * One struct store is one connection, used by one thread at a time.  Every
 * function returns 0 on success and -1 on a storage error (the text for
 * the log is in store_errmsg); loads return 1 found, 0 not found, -1 error.
 * Strings handed back are allocated in the arena passed in.
 */
#ifndef MAGESOAPD_STORE_H
#define MAGESOAPD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "magesoapd/model.h"

struct arena;
struct cfg;
struct store;
struct val;

/* Open (creating if needed) and bring the schema to the latest version.
 * path ":memory:" works for tests.  Returns 0, or -1 with err. */
int store_open(const char *path, const struct cfg *cfg, struct store **out, char *err,
               size_t errlen);
void store_close(struct store *st);
/* 1 when db names a PostgreSQL database (postgresql://, postgres:// or
 * libpq keywords such as "host=/run/postgresql dbname=x"), 0 for an SQLite
 * file; and the backend of an open store: "sqlite" or "postgresql". */
int store_is_pg(const char *db);
const char *store_backend(const struct store *st);
/* Current schema version and the latest known one. */
int store_schema_version(struct store *st);
int store_latest_version(void);
/* For --check-config: can path be opened and written, without changing it?
 * (the folder exists; an existing database opens read-only, its schema is
 * not newer than this build's, and file and folder are writable).  0, or -1
 * with err. */
int store_check(const char *path, char *err, size_t errlen);
/* This connection writes alone (bulk loads): its write transactions do not
 * join the process's group commit.  Call before any transaction. */
void store_ungate(struct store *st);
/* Read-only mode (on = 1): every write transaction is refused (begin fails)
 * and remembered, so a caller that must not block (the HTTP event-loop
 * threads) can run a request that should only read and, should it try to
 * write after all, run it again where writing is allowed.  on = 0 ends the
 * mode and returns 1 if a write was refused meanwhile, else 0. */
int store_read_only(struct store *st, int on);
/* 1 when the last failure was the database being unreachable (a server
 * that is down, restarting or refusing connections), so the call may
 * succeed later; 0 for SQLite and every other error. */
int store_unavailable(const struct store *st);
/* The last error, for logs only (never sent to a client). */
const char *store_errmsg(const struct store *st);

/* ---- transactions ---------------------------------------------------------
 * A write transaction takes the write lock before it reads anything, so
 * every decision made inside it is made on data no other writer changes
 * meanwhile; store_commit returns once it is durable.  A read transaction
 * sees one snapshot.  Transactions nest (inner ones are savepoints). */
int store_begin(struct store *st);
int store_begin_read(struct store *st);
int store_commit(struct store *st); /* 0, else rolled back */
void store_rollback(struct store *st);

/* ---- orders (inside a transaction) ----------------------------------------- */
int store_order_load_by_inc(struct store *st, struct arena *a, const char *inc,
                            struct md_order *o);
int store_order_load_by_id(struct store *st, struct arena *a, int64_t id, struct md_order *o);
/* State, status, hold_before_state/_status, invoiced/paid sums, every
 * changed item and the payment. */
int store_order_save(struct store *st, const struct md_order *o, const char *now);
/* A status-history row with the order's current status. */
int store_order_add_history(struct store *st, const struct md_order *o, const char *comment,
                            const char *entity_name, const char *now);
/* Payment transactions: a closed one of type ("capture", "void"), closing
 * the authorization, and the authorization's id (1 found, 0 none). */
int store_payment_add_txn(struct store *st, const struct md_order *o, const char *txn,
                          const char *parent, const char *type, const char *now);
int store_payment_close_auth(struct store *st, const struct md_order *o);
int store_payment_auth_txn(struct store *st, const struct md_order *o, char *out, size_t len);

/* ---- invoices (inside a transaction) ----------------------------------------- */
int store_invoice_row_load(struct store *st, struct arena *a, const char *inc,
                           struct md_inv_row *r);
int store_invoice_prev(struct store *st, int64_t order_id, struct md_prev_invoices *p);
/* Next increment id of the store's invoice sequence (write transaction):
 * prefix = store id, 8-digit counter, skipping ids already taken. */
int store_seq_next(struct store *st, int64_t store_id, char out[32]);
/* Move a store's sequence to at least last_number. */
int store_seq_advance(struct store *st, int64_t store_id, int64_t last_number);
/* The invoice and its items (qty > 0); *id_out = its entity id. */
int store_invoice_insert(struct store *st, const struct md_order *o,
                         const struct md_invoice *inv, const char *inc, int state,
                         int64_t can_void_flag, int email_sent, const char *now,
                         int64_t *id_out);
/* New state; txn (NULL keeps it) as transaction_id; clear_void sets
 * can_void_flag to 0; updated_at = now. */
int store_invoice_set_state(struct store *st, int64_t id, int state, const char *txn,
                            int clear_void, const char *now);
int store_invoice_set_txn(struct store *st, int64_t id, const char *txn);
int store_invoice_touch(struct store *st, int64_t id, const char *now);
/* What an invoice's items added to their order items (Invoice_Item::cancel). */
struct store_inv_item_sums {
    int64_t order_item_id, qty, tax_amount, base_tax_amount, hidden_tax_amount,
        base_hidden_tax_amount, discount_amount, base_discount_amount, row_total,
        base_row_total;
};
int store_invoice_item_sums(struct store *st, struct arena *a, int64_t invoice_id,
                            struct store_inv_item_sums **out, size_t *n);
/* Item lines of an invoice for a notification. */
struct store_mail_line {
    const char *name, *sku;
    int64_t qty, row_total;
};
int store_invoice_mail_lines(struct store *st, struct arena *a, int64_t invoice_id,
                             int64_t *grand_total, struct store_mail_line **out, size_t *n);
int store_comment_insert(struct store *st, int64_t invoice_id, const char *comment,
                         int notified, int visible, const char *now);

/* Comments an invoice has (max_comments_per_invoice). */
int store_comment_count(struct store *st, int64_t invoice_id, int64_t *out);
/* Audit row (inside the write transaction that made the change): a->action
 * "comment" links the invoice's newest comment (call it right after
 * store_comment_insert); audit_id, comment_id and created_at NULL are
 * filled by the store (created_at must be given). */
int store_audit_add(struct store *st, const struct md_audit *a);
/* The audit rows of an invoice, oldest first (arena).  0 or -1. */
int store_invoice_audit(struct store *st, struct arena *a, int64_t invoice_id,
                        struct md_audit **out, size_t *n);

/* info: the invoice as a VAL_MAP (every column in md_invoice_cols order,
 * then invoice_id, order_increment_id, order_created_at, billing_firstname,
 * billing_middlename, billing_lastname, items, comments newest first), read
 * in one snapshot.  1 found, 0 unknown, -1 error. */
int store_invoice_info(struct store *st, struct arena *a, const char *inc, struct val **out);

/* list: up to limit matches of filter as maps (order_id, increment_id,
 * created_at, state, grand_total, order_currency_code, invoice_id), in no
 * particular order, pushed on list (a VAL_LIST).  deadline_ms > 0: past
 * that CLOCK_MONOTONIC time the query stops with STORE_DEADLINE. */
#define STORE_DEADLINE (-2)
int store_invoice_list(struct store *st, struct arena *a, const struct md_filter *filter,
                       int64_t limit, int64_t deadline_ms, struct val *list);

/* The entity ids of up to limit invoices (filter->entity MD_ENT_INVOICE) or
 * orders (MD_ENT_ORDER) matching filter, in no particular order: what a
 * streamed list sends page by page (the pages then read their rows with an
 * MDF_IN filter on MD_FIELD_ENTITY_ID).  ids->v is malloc'd (free it with
 * store_ids_free, also after an error).  0, STORE_DEADLINE or -1. */
struct store_ids {
    int64_t *v;
    size_t n, cap;
};
int store_list_ids(struct store *st, struct arena *a, const struct md_filter *filter,
                   int64_t limit, int64_t deadline_ms, struct store_ids *ids);
void store_ids_free(struct store_ids *ids);
/* Append one id (the backends' row loop); 0 or -1 when out of memory. */
int store_ids_push(struct store_ids *ids, int64_t id);

/* ---- sales_order (order.info, .list and the status changes) ---------------- */

/* info: the order as a VAL_MAP (every sales_flat_order column in table
 * order, entity_id last as order_id), then shipping_address and
 * billing_address (maps, address_id last; empty when the order has none),
 * items (every item, item_id order), payment (payment_id last) and
 * status_history (newest first, without its id), read in one snapshot.
 * 1 found, 0 unknown, -1 error. */
int store_order_info(struct store *st, struct arena *a, const char *inc, struct val **out);
/* list: up to limit orders matching filter (entity MD_ENT_ORDER) as maps of
 * every order column plus billing_/shipping_ firstname, lastname and name,
 * order_id last; in no particular order, pushed on list.  deadline_ms as
 * store_invoice_list (STORE_DEADLINE). */
int store_order_list(struct store *st, struct arena *a, const struct md_filter *filter,
                     int64_t limit, int64_t deadline_ms, struct val *list);
/* A status-history row (write transaction): status, comment (NULL = NULL),
 * is_customer_notified (MD_NULL = NULL), entity_name "order". */
int store_order_history_add(struct store *st, int64_t order_id, const char *status,
                            const char *comment, int64_t notified, const char *now);
/* Order::registerCancellation's bookkeeping (write transaction): the
 * *_canceled totals of c and every item's qty_canceled as o holds it. */
struct store_order_canceled {
    int64_t subtotal, base_subtotal, tax, base_tax, shipping, base_shipping, discount,
        base_discount, total, base_total;
};
int store_order_cancel_save(struct store *st, const struct md_order *o,
                            const struct store_order_canceled *c, const char *now);
/* ---- inspection (CLI, admin views): read-only, one snapshot each ---------------
 * Each answers a VAL_LIST of VAL_MAPs (or one VAL_MAP) in the arena; amounts
 * are VAL_DEC, ids VAL_INT, text VAL_STR, NULL VAL_NULL.  Newest first. */
struct store_inspect_q {
    const char *order_inc; /* invoices of this order only; NULL = all */
    int state;             /* invoice state 1/2/3; 0 = any */
    int64_t limit;         /* rows at most; <= 0 = no limit */
};
/* Invoices: increment_id, invoice_id, order_increment_id, state, grand_total,
 * base_grand_total, order_currency_code, total_qty, created_at, updated_at,
 * created_by, created_peer (the audit row of its create, NULL before 003). */
int store_inspect_invoices(struct store *st, struct arena *a, const struct store_inspect_q *q,
                           struct val **out);
/* Orders: increment_id, order_id, state, status, grand_total, total_invoiced,
 * total_paid, order_currency_code, customer_email, created_at, invoice_count. */
int store_inspect_orders(struct store *st, struct arena *a, const struct store_inspect_q *q,
                         struct val **out);
/* One order (1 found, 0 unknown, -1 error): the columns of the list, the
 * payment method, then items (item_id, sku, name, product_type, qty_ordered,
 * qty_invoiced, qty_canceled, price, row_total, row_invoiced) and invoices
 * (as store_inspect_invoices). */
int store_inspect_order(struct store *st, struct arena *a, const char *inc, struct val **out);
/* API users (user_id, username, is_active, role, lognum, created, modified,
 * sessions), roles (role_id, name, resources: list of ACL paths, users). */
int store_inspect_users(struct store *st, struct arena *a, struct val **out);
int store_inspect_roles(struct store *st, struct arena *a, struct val **out);
/* The e-mail outbox: email_id, kind, store_id, order_increment_id,
 * invoice_increment_id, recipient, recipient_name, subject, body, created_at,
 * sent_at (q->order_inc, q->limit apply). */
int store_inspect_outbox(struct store *st, struct arena *a, const struct store_inspect_q *q,
                         struct val **out);

/* ---- e-mail outbox ----------------------------------------------------------- */
struct store_mail {
    const char *kind; /* "invoice_new", "invoice_update" */
    int64_t store_id, order_id, invoice_id;
    const char *recipient, *recipient_name, *subject, *body, *created_at;
};
int store_outbox_add(struct store *st, const struct store_mail *m);

/* ---- sessions, tokens, users, roles ------------------------------------------- */
struct store_session {
    int64_t user_id;
    char logdate[MD_TIME_LEN];
    const char *resources; /* the role's, NULL without role */
    const char *username;  /* the API user's name (audit) */
};
int store_session_get(struct store *st, struct arena *a, const char *sid,
                      struct store_session *s);
/* Each of these is one write transaction of its own. */
int store_session_touch(struct store *st, const char *sid, const char *now);
int store_session_delete(struct store *st, const char *sid);
/* (write transaction) expired sessions (logdate < cutoff) go, then the
 * user's oldest so that the new one is the max_user-th; with max_total or
 * more sessions left the new one is refused (1, nothing added), else
 * lognum + 1 and the new session (0).  sid is the stored form (a hash). */
int store_session_add(struct store *st, int64_t uid, const char *sid, const char *now,
                      const char *cutoff, int64_t max_user, int64_t max_total);

/* ---- login throttling -------------------------------------------------------
 * Failed-login counts per key ("u:" + user name, "p:" + peer address), kept
 * in the database so that every daemon on it counts the same failures.
 * Times are unix seconds given by the caller (tests inject a clock). */
struct store_throttle_key {
    const char *key; /* NULL: this one is not counted */
    int64_t limit;   /* failures that lock the key */
    int64_t count;   /* out: failures in the window after this one */
};
/* 1 when one of the (up to two, NULL skipped) keys is locked at now, else
 * 0; -1 on error.  *k1_counted: whether k1 has failures on record (a
 * successful login then clears them).  One read. */
int store_throttle_locked(struct store *st, const char *k1, const char *k2, int64_t now,
                          int *k1_counted);
/* A failed login: for each of the n keys one upsert (a window older than
 * window seconds restarts at 1; reaching the limit locks the key until
 * now + lockout), all n in one statement/transaction that does not wait
 * for a durable commit (see docs/postgresql.md).  0 or -1. */
int store_throttle_fail(struct store *st, struct store_throttle_key *k, int n, int64_t now,
                        int64_t window, int64_t lockout);
/* key's row goes (a successful login); key NULL: every row whose window
 * began at or before stale and whose lockout is over at now goes. */
int store_throttle_clear(struct store *st, const char *key, int64_t stale, int64_t now);

struct store_token {
    int64_t user_id, is_active, replaced; /* replaced: key changed after issue */
    char expires_at[MD_TIME_LEN];
    const char *resources;
    const char *username; /* the API user's name (audit) */
};
int store_token_get(struct store *st, struct arena *a, const char *hash, struct store_token *t);
/* (write transaction) expired tokens go, then the user's oldest so that the
 * new one is the max_user-th; with max_total or more left it is refused
 * (1, nothing added), else the new one is stored (0). */
int store_token_add(struct store *st, int64_t uid, const char *hash, const char *now,
                    const char *expires, int64_t max_user, int64_t max_total);

#define STORE_KEY_MAX 640
struct store_user {
    int64_t user_id, is_active, has_role;
    char api_key[STORE_KEY_MAX]; /* one or a few hashes */
};
int store_user_get(struct store *st, const char *username, struct store_user *u);
/* Insert or replace (key, role, active); a replaced key ends the user's
 * sessions and tokens. */
int store_user_put(struct store *st, const char *username, const char *key_hash,
                   int64_t role_id, const char *now);
int store_role_put(struct store *st, const char *name, const char *resources);
int store_role_id(struct store *st, const char *name, int64_t *id);

/* ---- admin views and metrics -------------------------------------------------- */
/* The newest orders (at most limit) as maps: increment_id, state, status,
 * created_at, order_currency_code, grand_total, total_invoiced, total_paid
 * (VAL_DEC), customer_email; pushed on list.  0 or -1. */
int store_order_recent(struct store *st, struct arena *a, int64_t limit, struct val *list);
#define STORE_INV_STATES 4 /* invoice states 0..3 (1 open, 2 paid, 3 canceled) */
struct store_counts {
    int64_t orders, sessions, tokens;
    int64_t invoices_by_state[STORE_INV_STATES];
};
/* A few counts in one go (health, metrics).  0 or -1. */
int store_counts(struct store *st, struct store_counts *c);
/* Group-commit figures, process-wide, kept by the write path with atomics:
 * batches committed, transactions they carried, a histogram of batch sizes
 * (le 1, 2, 4, 8, 16, 32, 64, +Inf) and the COMMIT (fsync) time. */
#define STORE_BATCH_BUCKETS 8
struct store_write_stats {
    uint64_t batches, members, failed;
    uint64_t size_bucket[STORE_BATCH_BUCKETS]; /* not cumulative */
    uint64_t commit_us_sum;
    uint64_t commit_us_bucket[10];             /* le 100us ... 100ms, +Inf (not cumulative) */
};
extern const unsigned store_commit_us_bounds[9];
void store_write_stats_get(struct store_write_stats *out);
/* Called by a backend once per batch commit. */
void store_write_stats_note(int members, int64_t commit_us, int ok);
/* ---- idempotency keys (issue 11 part 4; schema/005_idempotency.sql) ---------------
 * Inside the caller's write transaction, so the key and the write it answers
 * commit together.  get: 1 found (and not expired at now), 0 none, -1 error;
 * the strings go into the arena.  put inserts the first answer of a key. */
struct store_idem {
    const char *request_hash, *method, *result_kind, *result;
};
int store_idem_get(struct store *st, struct arena *a, int64_t user_id, const char *key,
                   const char *now, struct store_idem *out);
int store_idem_put(struct store *st, int64_t user_id, const char *key,
                   const struct store_idem *in, const char *now, const char *expires);
/* Delete the keys whose expires_at < now (at most limit of them); *n_out
 * (may be NULL) = how many went. */
int store_idem_purge(struct store *st, const char *now, int64_t limit, int64_t *n_out);

/* ---- counts ---------------------------------------------------------------------- */
/* Orders with one of the increment ids, and users with the name. */
int store_count_orders(struct store *st, const char *const *incs, size_t n, int64_t *out);
/* username NULL: every API user. */
int store_count_users(struct store *st, const char *username, int64_t *out);
/* 1 when no order and no user is stored, 0 otherwise or on error. */
int store_is_empty(struct store *st);
/* Inside a write transaction: delete every order, item, address, payment,
 * transaction, status-history row, invoice, invoice item, comment, outbox
 * row, increment sequence, session and REST token.  API users and roles
 * stay.  0 or -1. */
int store_clear_data(struct store *st);
/* Online, consistent copy of the whole database into a new file at path
 * (SQLite: VACUUM INTO, one read snapshot; writers are not blocked).  The
 * file must not exist.  0 or -1 (store_errmsg says why). */
int store_backup(struct store *st, const char *path);
/* Pass 2 of the order import, inside the caller's write transaction: each
 * order of d already stored is replaced (replace) or refused, explicit ids
 * are checked, missing ones assigned past every stored id, every row
 * inserted.  0, or -1 with err naming the order (magesoapd/import.h). */
struct imp_doc;
int store_import(struct store *st, struct imp_doc *d, int replace, const char *now, char *err,
                 size_t errlen);

/* ---- bulk loading (`magesoapd bulk-seed`, src/tools/bulk.c) ------------------------------
 * Whole orders as rows: the order and its items, addresses, payment,
 * payment transactions, status history, invoices, invoice items and
 * invoice comments, every value as text (NULL: SQL NULL), columns by name.
 * The tool reads template orders with store_bulk_read and writes clones of
 * them with store_bulk_load; what a column means is the tool's business,
 * how rows are read and written (SQL, COPY) the backend's. */
enum store_bulk_table {
    SB_ORDER, SB_ITEM, SB_ADDR, SB_PAY, SB_TXN, SB_HIST, SB_INV, SB_INVITEM, SB_COMMENT,
    SB_NTABLES /* in this order parents come before their children */
};

/* One table's rows of one order, in primary-key order: n rows of ncols
 * values (v[row * ncols + col]); cols[pk] is the primary key.  malloc'd,
 * freed by store_bulk_rows_free. */
struct store_bulk_rows {
    int ncols, pk;
    char **cols;
    size_t n;
    char **v;
};
void store_bulk_rows_free(struct store_bulk_rows *r);

/* The rows of order order_id (its entity_id) in table t.  0 or -1. */
int store_bulk_read(struct store *st, int64_t order_id, enum store_bulk_table t,
                    struct store_bulk_rows *out);

/* What the store holds when a bulk load starts, and, handed back by the
 * producer, the invoice numbers it used. */
struct store_bulk_state {
    int64_t max_id[SB_NTABLES]; /* highest primary key per table (0: empty) */
    int64_t order_num[3];       /* highest order "<store><8 digits>" per store 1, 2 */
    char inv_prefix[3][24];     /* invoice increment prefix per store 1, 2 */
    int64_t inv_num[3];         /* highest invoice number (sequence or rows); the
                                   producer sets the last one it used */
};

/* Writes one row of table t: vals has the columns the load named for t. */
typedef int (*store_bulk_emit)(void *sink, enum store_bulk_table t, const char *const *vals);

struct store_bulk_load {
    int ncols[SB_NTABLES];
    const char *const *cols[SB_NTABLES]; /* every row of a table has these columns */
    /* Called once, inside the load's transaction, with the store's state:
     * emits every row (parents before children within an order), sets
     * state->inv_num to the last invoice numbers used and returns 0, or -1
     * (with its own error text) to roll everything back. */
    int (*produce)(void *arg, struct store_bulk_state *state, store_bulk_emit emit, void *sink);
    void *arg;
};

/* One write transaction for the whole load, tuned for volume (SQLite:
 * prepared INSERTs, a rollback journal, no per-row foreign-key checks;
 * PostgreSQL: COPY on a connection of its own), the invoice increment
 * sequences of stores 1 and 2 advanced past the numbers used.  Expects no
 * other writer meanwhile.  0, or -1 with err (empty when produce failed:
 * its error). */
int store_bulk_load(struct store *st, const struct store_bulk_load *l, char *err, size_t errlen);

#endif
