/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reads for the admin API (orders view, metrics counts): plain SELECTs on
 * the handle's (borrowed) connection, amounts as VAL_DEC.
 */
#include "store/pg/pg_int.h"

#include "magesoapd/val.h"

#include <stdio.h>
#include <string.h>

/* Columns: text, text, text, text, text, dec, dec, dec, text. */
static const char *const order_cols[] = {"increment_id", "state", "status", "created_at",
                                         "order_currency_code", "grand_total", "total_invoiced",
                                         "total_paid", "customer_email"};
#define N_ORDER_COLS (sizeof order_cols / sizeof order_cols[0])

static struct val *order_row(struct arena *a, pq_stmt *s)
{
    struct val *m = val_map(a);

    for (int c = 0; m && c < (int)N_ORDER_COLS; c++) {
        struct val *v;
        if (pq_col_is_null(s, c))
            v = val_null(a);
        else if (c >= 5 && c <= 7)
            v = val_dec(a, pq_col_int(s, c));
        else
            v = val_str(a, pq_col_text(s, c));
        if (!v || val_map_push(a, m, order_cols[c], v))
            return NULL;
    }
    return m;
}

int pgs_order_recent(struct store *st, struct arena *a, int64_t limit, struct val *list)
{
    static const char sql[] =
        "SELECT increment_id, state, status, created_at, order_currency_code, grand_total, "
        "total_invoiced, total_paid, customer_email FROM sales_flat_order "
        "ORDER BY entity_id DESC LIMIT ?";
    pq_stmt *s = pq_prep(st, sql);
    int rc;

    if (!s)
        return -1;
    pq_bind_int(s, 1, limit);
    while ((rc = pq_step(s)) == PQ_ROW) {
        struct val *m = order_row(a, s);
        if (!m || val_list_push(a, list, m)) {
            pq_done(s);
            snprintf(st->errmsg, sizeof st->errmsg, "order list: out of memory");
            return -1;
        }
    }
    pq_done(s);
    if (rc != PQ_DONE) {
        pq_note(st, "order list");
        return -1;
    }
    return 0;
}

int pgs_counts(struct store *st, struct store_counts *c)
{
    static const char by_state[] = "SELECT state, count(*) FROM sales_flat_invoice GROUP BY state";
    pq_stmt *s;
    int rc;

    memset(c, 0, sizeof *c);
    if (pq_query_int(st, "SELECT count(*) FROM sales_flat_order", &c->orders, NULL) < 0 ||
        pq_query_int(st, "SELECT count(*) FROM api_session", &c->sessions, NULL) < 0 ||
        pq_query_int(st, "SELECT count(*) FROM rest_token", &c->tokens, NULL) < 0)
        return -1;
    if (!(s = pq_prep(st, by_state)))
        return -1;
    while ((rc = pq_step(s)) == PQ_ROW) {
        int64_t state = pq_col_int(s, 0);
        if (state >= 0 && state < STORE_INV_STATES)
            c->invoices_by_state[state] = pq_col_int(s, 1);
    }
    pq_done(s);
    if (rc != PQ_DONE) {
        pq_note(st, "counts");
        return -1;
    }
    return 0;
}
