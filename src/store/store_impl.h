/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a storage backend implements: one function per store.h operation,
 * with the same arguments.  A backend's connection struct starts with a
 * struct store_base whose ops point at its table; store.c dispatches.
 */
#ifndef MD_STORE_IMPL_H
#define MD_STORE_IMPL_H

#include "magesoapd/store.h"

struct store_ops {
    const char *name; /* "sqlite" */
    void (*close)(struct store *st);
    int (*schema_version)(struct store *st);
    void (*ungate)(struct store *st);
    int (*read_only)(struct store *st, int on);
    const char *(*errmsg)(const struct store *st);
    int (*unavailable)(const struct store *st); /* NULL: never (SQLite) */
    int (*begin)(struct store *st);
    int (*begin_read)(struct store *st);
    int (*commit)(struct store *st);
    void (*rollback)(struct store *st);
    int (*order_load_by_inc)(struct store *st, struct arena *a, const char *inc,
                             struct md_order *o);
    int (*order_load_by_id)(struct store *st, struct arena *a, int64_t id, struct md_order *o);
    int (*order_save)(struct store *st, const struct md_order *o, const char *now);
    int (*order_add_history)(struct store *st, const struct md_order *o, const char *comment,
                             const char *entity_name, const char *now);
    int (*payment_add_txn)(struct store *st, const struct md_order *o, const char *txn,
                           const char *parent, const char *type, const char *now);
    int (*payment_close_auth)(struct store *st, const struct md_order *o);
    int (*payment_auth_txn)(struct store *st, const struct md_order *o, char *out, size_t len);
    int (*invoice_row_load)(struct store *st, struct arena *a, const char *inc,
                            struct md_inv_row *r);
    int (*invoice_prev)(struct store *st, int64_t order_id, struct md_prev_invoices *p);
    int (*seq_next)(struct store *st, int64_t store_id, char out[32]);
    int (*seq_advance)(struct store *st, int64_t store_id, int64_t last_number);
    int (*invoice_insert)(struct store *st, const struct md_order *o, const struct md_invoice *inv,
                          const char *inc, int state, int64_t can_void_flag, int email_sent,
                          const char *now, int64_t *id_out);
    int (*invoice_set_state)(struct store *st, int64_t id, int state, const char *txn,
                             int clear_void, const char *now);
    int (*invoice_set_txn)(struct store *st, int64_t id, const char *txn);
    int (*invoice_touch)(struct store *st, int64_t id, const char *now);
    int (*invoice_item_sums)(struct store *st, struct arena *a, int64_t invoice_id,
                             struct store_inv_item_sums **out, size_t *n);
    int (*invoice_mail_lines)(struct store *st, struct arena *a, int64_t invoice_id,
                              int64_t *grand_total, struct store_mail_line **out, size_t *n);
    int (*comment_insert)(struct store *st, int64_t invoice_id, const char *comment, int notified,
                          int visible, const char *now);
    int (*invoice_info)(struct store *st, struct arena *a, const char *inc, struct val **out);
    int (*order_info)(struct store *st, struct arena *a, const char *inc, struct val **out);
    int (*order_list)(struct store *st, struct arena *a, const struct md_filter *filter,
                      int64_t limit, int64_t deadline_ms, struct val *list);
    int (*order_history_add)(struct store *st, int64_t order_id, const char *status,
                             const char *comment, int64_t notified, const char *now);
    int (*order_cancel_save)(struct store *st, const struct md_order *o,
                             const struct store_order_canceled *c, const char *now);
    int (*invoice_list)(struct store *st, struct arena *a, const struct md_filter *filter,
                        int64_t limit, int64_t deadline_ms, struct val *list);
    int (*list_ids)(struct store *st, struct arena *a, const struct md_filter *filter,
                    int64_t limit, int64_t deadline_ms, struct store_ids *ids);
    int (*outbox_add)(struct store *st, const struct store_mail *m);
    int (*session_get)(struct store *st, struct arena *a, const char *sid, struct store_session *s);
    int (*session_touch)(struct store *st, const char *sid, const char *now);
    int (*session_delete)(struct store *st, const char *sid);
    int (*session_add)(struct store *st, int64_t uid, const char *sid, const char *now,
                       const char *cutoff, int64_t max_user, int64_t max_total);
    int (*throttle_locked)(struct store *st, const char *k1, const char *k2, int64_t now,
                          int *k1_counted);
    int (*throttle_fail)(struct store *st, struct store_throttle_key *k, int n, int64_t now,
                         int64_t window, int64_t lockout);
    int (*throttle_clear)(struct store *st, const char *key, int64_t stale, int64_t now);
    int (*token_get)(struct store *st, struct arena *a, const char *hash, struct store_token *t);
    int (*token_add)(struct store *st, int64_t uid, const char *hash, const char *now,
                     const char *expires, int64_t max_user, int64_t max_total);
    int (*idem_get)(struct store *st, struct arena *a, int64_t user_id, const char *key,
                    const char *now, struct store_idem *out);
    int (*idem_put)(struct store *st, int64_t user_id, const char *key,
                    const struct store_idem *in, const char *now, const char *expires);
    int (*idem_purge)(struct store *st, const char *now, int64_t limit, int64_t *n_out);
    int (*user_get)(struct store *st, const char *username, struct store_user *u);
    int (*user_put)(struct store *st, const char *username, const char *key_hash, int64_t role_id,
                    const char *now);
    int (*role_put)(struct store *st, const char *name, const char *resources);
    int (*role_id)(struct store *st, const char *name, int64_t *id);
    int (*count_orders)(struct store *st, const char *const *incs, size_t n, int64_t *out);
    int (*count_users)(struct store *st, const char *username, int64_t *out);
    int (*order_recent)(struct store *st, struct arena *a, int64_t limit, struct val *list);
    int (*counts)(struct store *st, struct store_counts *c);
    int (*is_empty)(struct store *st);
    int (*comment_count)(struct store *st, int64_t invoice_id, int64_t *out);
    int (*audit_add)(struct store *st, const struct md_audit *a);
    int (*invoice_audit)(struct store *st, struct arena *a, int64_t invoice_id,
                         struct md_audit **out, size_t *n);
    int (*inspect_invoices)(struct store *st, struct arena *a, const struct store_inspect_q *q,
                            struct val **out);
    int (*inspect_orders)(struct store *st, struct arena *a, const struct store_inspect_q *q,
                          struct val **out);
    int (*inspect_order)(struct store *st, struct arena *a, const char *inc, struct val **out);
    int (*inspect_users)(struct store *st, struct arena *a, struct val **out);
    int (*inspect_roles)(struct store *st, struct arena *a, struct val **out);
    int (*inspect_outbox)(struct store *st, struct arena *a, const struct store_inspect_q *q,
                          struct val **out);
    int (*clear_data)(struct store *st);
    int (*backup)(struct store *st, const char *path);
    int (*import)(struct store *st, struct imp_doc *d, int replace, const char *now, char *err,
                  size_t errlen);
    int (*bulk_read)(struct store *st, int64_t order_id, enum store_bulk_table t,
                     struct store_bulk_rows *out);
    int (*bulk_load)(struct store *st, const struct store_bulk_load *l, char *err,
                     size_t errlen);
};

struct store_base {
    const struct store_ops *ops;
};

/* The SQLite backend (src/store/sqlite/). */
int store_sqlite_open(const char *path, const struct cfg *cfg, struct store **out, char *err,
                      size_t errlen);
int store_sqlite_latest_version(void);
int store_sqlite_check(const char *path, char *err, size_t errlen);
/* The PostgreSQL backend (src/store/pg/): conninfo is a libpq URL or
 * keyword string. */
int store_pg_open(const char *conninfo, const struct cfg *cfg, struct store **out, char *err,
                  size_t errlen);
int store_pg_latest_version(void);
int store_pg_check(const char *conninfo, char *err, size_t errlen);

#endif
