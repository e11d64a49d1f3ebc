/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PostgreSQL backend: sales_order_invoice.info and .list, invoice rows turned
 * into value trees.
 * Keys come out in table column order (= REF's order, Mage_Sales_Model_Api_
 * Resource::_getAttributes) with entity_id renamed to its alias at the end;
 * integer columns are VAL_INT, DECIMAL(12,4) columns VAL_DEC, text VAL_STR,
 * NULLs VAL_NULL.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "magesoapd/val.h"
#include "store/pg/pg_int.h"

/* ---- row → map ---------------------------------------------------------------- */

static struct val *col_val(struct arena *a, pq_stmt *s, int c, enum md_col_kind kind)
{
    if (pq_col_is_null(s, c))
        return val_null(a);
    switch (kind) {
    case MDC_INT:
        return val_int(a, pq_col_int(s, c));
    case MDC_DEC:
        return val_dec(a, pq_col_int(s, c));
    case MDC_STR:
        break;
    }
    return val_str(a, pq_col_text(s, c));
}

/* The kind and stable key of result column c: the table entry at the same
 * position when the names agree, else found by name, else guessed from the
 * stored value (a column added by a later migration). */
static const char *col_key(struct arena *a, pq_stmt *s, int c, const struct md_col *cols,
                           size_t ncols, enum md_col_kind *kind)
{
    const char *name = pq_col_name(s, c);
    size_t pos = (size_t)c - 1;
    if (pos < ncols && strcmp(cols[pos].name, name) == 0) {
        *kind = cols[pos].kind;
        return cols[pos].name;
    }
    for (size_t i = 0; i < ncols; i++) {
        if (strcmp(cols[i].name, name) == 0) {
            *kind = cols[i].kind;
            return cols[i].name;
        }
    }
    *kind = pq_col_is_int(s, c) ? MDC_INT : MDC_STR;
    return arena_strdup(a, name);
}

/* 1 when result column c is cols[c - 1] for every column after entity_id:
 * the usual case, which needs no name lookups.  The answer is remembered per
 * statement (per thread) as long as SQLite hands out the same column-name
 * strings, i.e. until the statement is prepared again after a schema change. */
static int columns_in_table_order(pq_stmt *s, const struct md_col *cols, size_t ncols)
{
    static _Thread_local struct {
        pq_stmt *stmt;
        const char *first, *last;
        int n, ok;
    } memo[4];
    int n = pq_col_count(s);
    const char *first = n > 1 ? pq_col_name(s, 1) : NULL;
    const char *last = n > 1 ? pq_col_name(s, n - 1) : NULL;
    size_t slot = ((uintptr_t)s >> 4) % (sizeof memo / sizeof memo[0]);
    if (memo[slot].stmt == s && memo[slot].first == first && memo[slot].last == last &&
        memo[slot].n == n)
        return memo[slot].ok;
    int ok = (size_t)(n - 1) >= ncols; /* extra columns (joins) come after */
    for (int c = 1; ok && c <= (int)ncols; c++)
        ok = strcmp(cols[c - 1].name, pq_col_name(s, c)) == 0;
    memo[slot].stmt = s;
    memo[slot].first = first;
    memo[slot].last = last;
    memo[slot].n = n;
    memo[slot].ok = ok;
    return ok;
}

/* Column 0 is entity_id: exported last under its alias. */
static struct val *row_map(struct arena *a, pq_stmt *s, const struct md_col *cols,
                           size_t ncols, const char *alias)
{
    struct val *m = val_map(a);
    if (!m)
        return NULL;
    int n = pq_col_count(s);
    int known = columns_in_table_order(s, cols, ncols);
    for (int c = 1; c < n; c++) {
        int in_table = known && (size_t)(c - 1) < ncols;
        enum md_col_kind kind = in_table ? cols[c - 1].kind : MDC_STR;
        const char *key = in_table ? cols[c - 1].name : col_key(a, s, c, cols, ncols, &kind);
        if (!key || val_map_push(a, m, key, col_val(a, s, c, kind)) != 0)
            return NULL;
    }
    /* alias NULL: the id is not answered (Magento's ignored entity_id) */
    if (alias && val_map_push(a, m, alias, val_int(a, pq_col_int(s, 0))) != 0)
        return NULL;
    return m;
}

/* ---- info ----------------------------------------------------------------------- */

static struct val *child_rows(struct store *st, struct arena *a, const char *sql, int64_t parent,
                              const struct md_col *cols, size_t ncols, const char *alias)
{
    struct val *list = val_list(a);
    pq_stmt *s = pq_prep(st, sql);
    if (!list || !s)
        return NULL;
    pq_bind_int(s, 1, parent);
    int rc;
    while ((rc = pq_step(s)) == PQ_ROW) {
        struct val *m = row_map(a, s, cols, ncols, alias);
        if (!m || val_list_push(a, list, m) != 0) {
            pq_done(s);
            return NULL;
        }
    }
    pq_done(s);
    return rc == PQ_DONE ? list : NULL;
}

/* order_increment_id, order_created_at and the billing name (OpenMage PR #1999). */
static int add_order_keys(struct store *st, struct arena *a, struct val *m, int64_t order_id)
{
    static const char sql[] =
        "SELECT o.increment_id, o.created_at, a.firstname, a.middlename, a.lastname "
        "FROM sales_flat_order o LEFT JOIN sales_flat_order_address a "
        "ON a.entity_id = o.billing_address_id WHERE o.entity_id = ?";
    static const char *const keys[] = {"order_increment_id", "order_created_at",
                                       "billing_firstname", "billing_middlename",
                                       "billing_lastname"};
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, order_id);
    int rc = pq_step(s), ret = 0;
    for (int i = 0; i < 5 && ret == 0; i++) {
        struct val *v = rc == PQ_ROW ? col_val(a, s, i, MDC_STR) : val_null(a);
        ret = val_map_push(a, m, keys[i], v);
    }
    pq_done(s);
    return rc == PQ_ROW || rc == PQ_DONE ? ret : -1;
}

static int info_tx(struct store *st, struct arena *a, const char *inc, struct val **out)
{
    static const char inv_sql[] = "SELECT * FROM sales_flat_invoice WHERE increment_id = ?";
    static const char item_sql[] =
        "SELECT * FROM sales_flat_invoice_item WHERE parent_id = ? ORDER BY entity_id";
    /* Mage_Sales_Model_Order_Invoice::getCommentsCollection: newest first. */
    static const char comment_sql[] =
        "SELECT * FROM sales_flat_invoice_comment WHERE parent_id = ? "
        "ORDER BY created_at DESC, entity_id DESC";
    pq_stmt *s = pq_prep(st, inv_sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, inc ? inc : "");
    int rc = pq_step(s);
    if (rc != PQ_ROW) {
        if (rc != PQ_DONE)
            pq_note(st, "info");
        pq_done(s);
        return rc == PQ_DONE ? 0 : -1;
    }
    int64_t id = pq_col_int(s, 0);
    int64_t order_id = 0;
    int oc = -1;
    if (columns_in_table_order(s, md_invoice_cols, md_invoice_ncols)) {
        static _Atomic int order_col; /* its position in the table, found once */
        if (!order_col)
            for (size_t i = 0; i < md_invoice_ncols; i++)
                if (strcmp(md_invoice_cols[i].name, "order_id") == 0)
                    order_col = (int)i + 1;
        oc = order_col ? order_col : -1;
    } else {
        for (int c = 1; c < pq_col_count(s) && oc < 0; c++)
            if (strcmp(pq_col_name(s, c), "order_id") == 0)
                oc = c;
    }
    if (oc > 0)
        order_id = pq_col_int(s, oc);
    struct val *m = row_map(a, s, md_invoice_cols, md_invoice_ncols, "invoice_id");
    pq_done(s);
    if (!m || add_order_keys(st, a, m, order_id) != 0)
        goto fail;
    struct val *items = child_rows(st, a, item_sql, id, md_invoice_item_cols,
                                   md_invoice_item_ncols, "item_id");
    struct val *comments = items ? child_rows(st, a, comment_sql, id, md_invoice_comment_cols,
                                              md_invoice_comment_ncols, "comment_id")
                                 : NULL;
    if (!comments || val_map_push(a, m, "items", items) != 0 ||
        val_map_push(a, m, "comments", comments) != 0)
        goto fail;
    *out = m;
    return 1;
fail:
    pq_note(st, "info");
    return -1;
}

int pgs_invoice_info(struct store *st, struct arena *a, const char *inc, struct val **out)
{
    /* One read transaction: the invoice, its items and comments come from
     * the same snapshot even while another worker writes. */
    if (pgs_begin_read(st) != 0)
        return -1;
    int rc = info_tx(st, a, inc, out);
    pgs_commit(st);
    return rc;
}

/* ---- sales_order.info ------------------------------------------------------------ */

/* One row of sql (bound to id) as a map, or an empty map when there is none
 * (Mage_Sales_Model_Api_Resource::_getAttributes of a missing object). */
static struct val *one_row(struct store *st, struct arena *a, const char *sql, int64_t id,
                           const struct md_col *cols, size_t ncols, const char *alias)
{
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return NULL;
    pq_bind_int(s, 1, id);
    int rc = pq_step(s);
    struct val *m = rc == PQ_ROW    ? row_map(a, s, cols, ncols, alias)
                    : rc == PQ_DONE ? val_map(a)
                                    : NULL;
    pq_done(s);
    return m;
}

static int order_info_tx(struct store *st, struct arena *a, const char *inc, struct val **out)
{
    static const char order_sql[] = "SELECT * FROM sales_flat_order WHERE increment_id = ?";
    static const char addr_sql[] = "SELECT * FROM sales_flat_order_address WHERE entity_id = ?";
    static const char item_sql[] =
        "SELECT * FROM sales_flat_order_item WHERE order_id = ? ORDER BY item_id";
    static const char pay_sql[] = "SELECT * FROM sales_flat_order_payment WHERE parent_id = ?";
    /* Order::getStatusHistoryCollection: newest first. */
    static const char hist_sql[] =
        "SELECT * FROM sales_flat_order_status_history WHERE parent_id = ? "
        "ORDER BY created_at DESC, entity_id DESC";
    pq_stmt *s = pq_prep(st, order_sql);
    if (!s)
        return -1;
    pq_bind_text(s, 1, inc ? inc : "");
    int rc = pq_step(s);
    if (rc != PQ_ROW) {
        if (rc != PQ_DONE)
            pq_note(st, "order info");
        pq_done(s);
        return rc == PQ_DONE ? 0 : -1;
    }
    int64_t id = pq_col_int(s, 0);
    struct val *m = row_map(a, s, md_order_cols, md_order_ncols, "order_id");
    pq_done(s);
    if (!m)
        goto fail;
    const struct val *ship_id = val_map_get(m, "shipping_address_id");
    const struct val *bill_id = val_map_get(m, "billing_address_id");
    struct val *ship = one_row(st, a, addr_sql, ship_id && ship_id->t == VAL_INT ? ship_id->u.i : 0,
                               md_order_address_cols, md_order_address_ncols, "address_id");
    struct val *bill = one_row(st, a, addr_sql, bill_id && bill_id->t == VAL_INT ? bill_id->u.i : 0,
                               md_order_address_cols, md_order_address_ncols, "address_id");
    struct val *items = child_rows(st, a, item_sql, id, md_order_item_cols, md_order_item_ncols,
                                   "item_id");
    struct val *pay = one_row(st, a, pay_sql, id, md_order_payment_cols, md_order_payment_ncols,
                              "payment_id");
    struct val *hist = child_rows(st, a, hist_sql, id, md_order_history_cols,
                                  md_order_history_ncols, NULL);
    if (!ship || !bill || !items || !pay || !hist ||
        val_map_push(a, m, "shipping_address", ship) != 0 ||
        val_map_push(a, m, "billing_address", bill) != 0 ||
        val_map_push(a, m, "items", items) != 0 || val_map_push(a, m, "payment", pay) != 0 ||
        val_map_push(a, m, "status_history", hist) != 0)
        goto fail;
    *out = m;
    return 1;
fail:
    pq_note(st, "order info");
    return -1;
}

int pgs_order_info(struct store *st, struct arena *a, const char *inc, struct val **out)
{
    if (pgs_begin_read(st) != 0)
        return -1;
    int rc = order_info_tx(st, a, inc, out);
    pgs_commit(st);
    return rc;
}

/* ---- list ------------------------------------------------------------------------ */

static char *list_sql(struct arena *a, const struct pgs_where *w, size_t limit_param)
{
    return arena_printf(a,
                        "SELECT i.entity_id, i.order_id, i.increment_id, i.created_at, i.state, "
                        "i.grand_total, i.order_currency_code FROM sales_flat_invoice i%s%s%s "
                        "ORDER BY i.entity_id LIMIT $%zu",
                        w->join_order ? " JOIN sales_flat_order o ON o.entity_id = i.order_id"
                                      : "",
                        w->len ? " WHERE " : "", w->sql, limit_param);
}

static struct val *list_row(struct arena *a, pq_stmt *s)
{
    static const char *const keys[] = {"order_id", "increment_id", "created_at", "state",
                                       "grand_total", "order_currency_code"};
    static const enum md_col_kind kinds[] = {MDC_INT, MDC_STR, MDC_STR,
                                             MDC_INT, MDC_DEC, MDC_STR};
    struct val *m = val_map(a);
    if (!m)
        return NULL;
    for (int i = 0; i < 6; i++)
        if (val_map_push(a, m, keys[i], col_val(a, s, i + 1, kinds[i])) != 0)
            return NULL;
    if (val_map_push(a, m, "invoice_id", val_int(a, pq_col_int(s, 0))) != 0)
        return NULL;
    return m;
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* sales_order.list: every order column, then the billing and shipping
 * names as Mage_Sales_Model_Order_Api::items joins them. */
#define ORDER_LIST_COLS                                                                     \
    "o.*, b.firstname AS billing_firstname, b.lastname AS billing_lastname, "              \
    "s.firstname AS shipping_firstname, s.lastname AS shipping_lastname, "                 \
    "b.firstname || ' ' || b.lastname AS billing_name, "                                   \
    "s.firstname || ' ' || s.lastname AS shipping_name"
static char *order_list_sql(struct arena *a, const struct pgs_where *w, size_t limit_param)
{
    return arena_printf(a,
                        "SELECT %s FROM sales_flat_order o "
                        "LEFT JOIN sales_flat_order_address b ON b.entity_id = o.billing_address_id "
                        "LEFT JOIN sales_flat_order_address s ON s.entity_id = o.shipping_address_id"
                        "%s%s ORDER BY o.entity_id LIMIT $%zu",
                        ORDER_LIST_COLS, w->len ? " WHERE " : "", w->sql, limit_param);
}

/* The ids of a list, one keyset chunk: the matches past $p, in id order,
 * at most $p+1 of them (libpq holds a statement's whole result: a chunk
 * bounds it). */
#define IDS_CHUNK 8192
static char *ids_sql(struct arena *a, const struct pgs_where *w, int order, size_t p)
{
    if (order)
        return arena_printf(a,
                            "SELECT o.entity_id FROM sales_flat_order o "
                            "LEFT JOIN sales_flat_order_address b ON b.entity_id = o.billing_address_id "
                            "LEFT JOIN sales_flat_order_address s ON s.entity_id = o.shipping_address_id "
                            "WHERE %s%so.entity_id > $%zu ORDER BY o.entity_id LIMIT $%zu",
                            w->sql, w->len ? " AND " : "", p, p + 1);
    return arena_printf(a,
                        "SELECT i.entity_id FROM sales_flat_invoice i%s "
                        "WHERE %s%si.entity_id > $%zu ORDER BY i.entity_id LIMIT $%zu",
                        w->join_order ? " JOIN sales_flat_order o ON o.entity_id = i.order_id" : "",
                        w->sql, w->len ? " AND " : "", p, p + 1);
}

static struct val *order_list_row(struct arena *a, pq_stmt *s)
{
    return row_map(a, s, md_order_cols, md_order_ncols, "order_id");
}

static int run_list(struct store *st, struct arena *a, pq_stmt *s, struct val *list,
                    struct val *(*row)(struct arena *, pq_stmt *), struct store_ids *ids)
{
    int rc;
    while ((rc = pq_step(s)) == PQ_ROW) {
        if (ids) {
            if (store_ids_push(ids, pq_col_int(s, 0)) == 0)
                continue;
            snprintf(st->errmsg, sizeof st->errmsg, "list: out of memory");
            return -1;
        }
        struct val *m = row(a, s);
        if (!m || val_list_push(a, list, m) != 0) {
            snprintf(st->errmsg, sizeof st->errmsg, "list: out of memory");
            return -1;
        }
    }
    if (rc == PQ_ERR && !strcmp(pq_sqlstate(s), "57014")) /* query_canceled: the timeout */
        return STORE_DEADLINE;
    if (rc != PQ_DONE) {
        pq_note(st, "list");
        return -1;
    }
    return 0;
}

/* The query runs in a read transaction of its own (or the caller's) with
 * statement_timeout set to what is left until deadline_ms. */
/* ids != NULL: only the entity ids, appended to ids. */
static int list_query(struct store *st, struct arena *a, const struct md_filter *filter,
                      int64_t limit, int64_t deadline_ms, struct val *list,
                      struct store_ids *ids)
{
    struct pgs_where w;
    char *sql;
    int order = filter && filter->entity == MD_ENT_ORDER;
    if (pgs_filter_sql(a, filter, &w) != 0) {
        snprintf(st->errmsg, sizeof st->errmsg,
                 "list: filter refused (out of memory, or a regular expression too complex)");
        return -1;
    }
    if (!(sql = ids ? ids_sql(a, &w, order, w.nbinds + 1)
              : order ? order_list_sql(a, &w, w.nbinds + 1)
                      : list_sql(a, &w, w.nbinds + 1))) {
        snprintf(st->errmsg, sizeof st->errmsg, "list: out of memory");
        return -1;
    }
    pq_stmt *s = NULL;
    int own = !st->in_tx, rc = -1;
    if (own && pgs_begin_read(st) != 0)
        return -1;
    char set[96];
    if (deadline_ms > 0) {
        int64_t left = deadline_ms - mono_ms();
        if (left <= 0) {
            rc = STORE_DEADLINE;
            goto out;
        }
        snprintf(set, sizeof set, "SET LOCAL statement_timeout = %lld", (long long)left);
        if (pq_exec(st, set) != 0)
            goto out;
    }
    for (int64_t after = 0;;) {
        int64_t want = ids ? (limit - (int64_t)ids->n < IDS_CHUNK ? limit - (int64_t)ids->n
                                                                  : IDS_CHUNK)
                           : limit;
        size_t had = ids ? ids->n : 0;
        if (!(s = pq_oneoff(st, sql))) {
            rc = -1;
            goto out;
        }
        int k = 1;
        for (size_t i = 0; i < w.nbinds; i++, k++) {
            if (w.binds[i]->kind == MDV_INT)
                pq_bind_int(s, k, w.binds[i]->i);
            else
                pq_bind_text(s, k, w.binds[i]->s);
        }
        if (ids)
            pq_bind_int(s, k++, after);
        pq_bind_int(s, k, want);
        rc = run_list(st, a, s, list, order ? order_list_row : list_row, ids);
        pq_free(s);
        s = NULL;
        /* ids: the next chunk after the last id, until a short one or the limit */
        if (rc != 0 || !ids || (int64_t)(ids->n - had) < want || (int64_t)ids->n >= limit)
            break;
        after = ids->v[ids->n - 1];
    }
    if (deadline_ms > 0 && !own && rc == 0) {
        snprintf(set, sizeof set, "SET LOCAL statement_timeout = %d", pq_timeout_ms(st));
        pq_exec(st, set);
    }
out:
    if (own)
        pgs_commit(st);
    if (s)
        pq_free(s);
    return rc;
}

int pgs_invoice_list(struct store *st, struct arena *a, const struct md_filter *filter,
                     int64_t limit, int64_t deadline_ms, struct val *list)
{
    return list_query(st, a, filter, limit, deadline_ms, list, NULL);
}

int pgs_order_list(struct store *st, struct arena *a, const struct md_filter *filter,
                   int64_t limit, int64_t deadline_ms, struct val *list)
{
    return list_query(st, a, filter, limit, deadline_ms, list, NULL);
}

int pgs_list_ids(struct store *st, struct arena *a, const struct md_filter *filter,
                 int64_t limit, int64_t deadline_ms, struct store_ids *ids)
{
    return list_query(st, a, filter, limit, deadline_ms, NULL, ids);
}
