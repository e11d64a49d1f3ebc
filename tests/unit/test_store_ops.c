/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Both backends implement every repository operation: no function pointer
 * of the SQLite or the PostgreSQL table of operations (store_impl.h) is
 * NULL (a NULL entry would crash the first caller), except `unavailable`,
 * which SQLite may leave out (store.c: "never").  The member list below is
 * checked against the struct's size, so an operation added to struct
 * store_ops without being added here fails to compile.
 */
#include <stddef.h>
#include <string.h>

#include "store/store_impl.h"
#include "t.h"

extern const struct store_ops sq_ops, pgs_ops;

#define STORE_OPS_MEMBERS(M) \
    M(close) M(schema_version) M(ungate) M(read_only) M(errmsg) M(unavailable) M(begin) \
    M(begin_read) M(commit) M(rollback) M(order_load_by_inc) M(order_load_by_id) M(order_save) \
    M(order_add_history) M(payment_add_txn) M(payment_close_auth) M(payment_auth_txn) \
    M(invoice_row_load) M(invoice_prev) M(seq_next) M(seq_advance) M(invoice_insert) \
    M(invoice_set_state) M(invoice_set_txn) M(invoice_touch) M(invoice_item_sums) \
    M(invoice_mail_lines) M(comment_insert) M(invoice_info) M(order_info) M(order_list) \
    M(order_history_add) M(order_cancel_save) M(invoice_list) M(list_ids) M(outbox_add) M(session_get) \
    M(session_touch) M(session_delete) M(session_add) M(token_get) M(token_add) M(idem_get) \
    M(idem_put) M(idem_purge) M(user_get) M(user_put) M(role_put) M(role_id) M(count_orders) \
    M(count_users) M(order_recent) M(counts) M(is_empty) M(comment_count) M(audit_add) \
    M(invoice_audit) M(inspect_invoices) M(inspect_orders) M(inspect_order) M(inspect_users) \
    M(inspect_roles) M(inspect_outbox) M(clear_data) M(backup) M(import) M(throttle_locked) \
    M(throttle_fail) M(throttle_clear) M(bulk_read) M(bulk_load)

#define COUNT(x) +1
enum { N_OPS = 0 STORE_OPS_MEMBERS(COUNT) };
_Static_assert(sizeof(struct store_ops) == sizeof(const char *) + N_OPS * sizeof(void (*)(void)),
               "a member of struct store_ops is missing from STORE_OPS_MEMBERS");

static int missing(const struct store_ops *ops, int allow_unavailable)
{
    int n = 0;
#define CHECK_ONE(x)                                                                              \
    if (!ops->x && !(allow_unavailable && !strcmp(#x, "unavailable"))) {                          \
        fprintf(stderr, "%s: store_ops.%s is NULL\n", ops->name, #x);                             \
        n++;                                                                                      \
    }
    STORE_OPS_MEMBERS(CHECK_ONE)
#undef CHECK_ONE
    return n;
}

static void sqlite_table_complete(void)
{
    CHECK(sq_ops.name && !strcmp(sq_ops.name, "sqlite"));
    CHECK_EQ_INT(missing(&sq_ops, 1), 0);
}

static void postgresql_table_complete(void)
{
    CHECK(pgs_ops.name && !strcmp(pgs_ops.name, "postgresql"));
    CHECK_EQ_INT(missing(&pgs_ops, 0), 0);
}

int main(void)
{
    T_RUN(sqlite_table_complete);
    T_RUN(postgresql_table_complete);
    return t_done();
}
