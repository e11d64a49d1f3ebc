/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PostgreSQL backend: the audit trail (invoice_audit, migration 003), the
 * comment count behind max_comments_per_invoice, and the read-only views
 * the command line (`magesoapd invoice list`, ...) and the admin views
 * show.  Amount columns (integers x 10^4) come out as VAL_DEC.
 */
#include <stdint.h>
#include <string.h>

#include "magesoapd/val.h"
#include "store/pg/pg_int.h"

/* ---- audit ------------------------------------------------------------------------ */

int pgs_comment_count(struct store *st, int64_t invoice_id, int64_t *out)
{
    static const char sql[] = "SELECT count(*) FROM sales_flat_invoice_comment WHERE parent_id = ?";
    return pq_query_int(st, sql, out, "i", invoice_id) == 1 ? 0 : -1;
}

int pgs_audit_add(struct store *st, const struct md_audit *a)
{
    static const char sql[] =
        "INSERT INTO invoice_audit (invoice_id, comment_id, action, api_user, peer, created_at) "
        "VALUES ($1::bigint, CASE WHEN $2::bigint > 0 THEN $2::bigint WHEN $3::text = 'comment' "
        "THEN (SELECT max(entity_id) FROM sales_flat_invoice_comment WHERE parent_id = $1) END, "
        "$3, $4, $5, $6)";
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    pq_bind_int(s, 1, a->invoice_id);
    pq_bind_int(s, 2, a->comment_id);
    pq_bind_text(s, 3, a->action);
    pq_bind_text(s, 4, a->api_user ? a->api_user : "cli");
    pq_bind_text(s, 5, a->peer);
    pq_bind_text(s, 6, a->created_at);
    int rc = pq_step(s);
    if (rc != PQ_DONE)
        pq_note(st, "audit");
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

static const char *dup_text(struct arena *a, pq_stmt *s, int c)
{
    const char *t = pq_col_text(s, c);
    return t ? arena_strdup(a, t) : NULL;
}

int pgs_invoice_audit(struct store *st, struct arena *a, int64_t invoice_id,
                     struct md_audit **out, size_t *n)
{
    static const char sql[] =
        "SELECT audit_id, invoice_id, coalesce(comment_id, 0), action, api_user, peer, "
        "created_at FROM invoice_audit WHERE invoice_id = ? ORDER BY audit_id";
    pq_stmt *s = pq_prep(st, sql);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (!s)
        return -1;
    pq_bind_int(s, 1, invoice_id);
    int rc;
    while ((rc = pq_step(s)) == PQ_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            struct md_audit *p = arena_alloc(a, ncap * sizeof *p);
            if (!p)
                break;
            if (*n)
                memcpy(p, *out, *n * sizeof *p);
            *out = p;
            cap = ncap;
        }
        struct md_audit *r = &(*out)[(*n)++];
        r->audit_id = pq_col_int(s, 0);
        r->invoice_id = pq_col_int(s, 1);
        r->comment_id = pq_col_int(s, 2);
        r->action = dup_text(a, s, 3);
        r->api_user = dup_text(a, s, 4);
        r->peer = dup_text(a, s, 5);
        r->created_at = dup_text(a, s, 6);
    }
    if (rc != PQ_DONE)
        pq_note(st, "audit");
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

/* ---- rows -> values ----------------------------------------------------------------- */

static int is_dec(const char *name, const char *const *decs)
{
    for (; decs && *decs; decs++)
        if (!strcmp(*decs, name))
            return 1;
    return 0;
}

static struct val *cell(struct arena *a, pq_stmt *s, int c, const char *const *decs)
{
    if (pq_col_is_null(s, c))
        return val_null(a);
    if (pq_col_is_int(s, c))
        return is_dec(pq_col_name(s, c), decs) ? val_dec(a, pq_col_int(s, c))
                                               : val_int(a, pq_col_int(s, c));
    return val_str(a, pq_col_text(s, c));
}

/* Step a bound statement: one map per row pushed on list (limit < 0: all). */
static int rows(struct store *st, struct arena *a, pq_stmt *s, const char *const *decs,
                struct val *list)
{
    int rc, ok = 0;
    const char **keys = NULL;
    while ((rc = pq_step(s)) == PQ_ROW) {
        /* the column count and names are known once the statement ran; the
         * names live in its result, which pq_done frees: copied */
        int n = pq_col_count(s);
        if (!keys && (keys = arena_alloc(a, (size_t)(n + 1) * sizeof *keys)))
            for (int c = 0; keys && c < n; c++)
                if (!(keys[c] = arena_strdup(a, pq_col_name(s, c))))
                    keys = NULL;
        struct val *m = keys ? val_map(a) : NULL;
        ok = m != NULL;
        for (int c = 0; ok && c < n; c++)
            ok = val_map_push(a, m, keys[c], cell(a, s, c, decs)) == 0;
        if (!ok || val_list_push(a, list, m) != 0) {
            rc = PQ_ERR;
            break;
        }
    }
    if (rc != PQ_DONE)
        pq_note(st, "inspect");
    pq_done(s);
    return rc == PQ_DONE ? 0 : -1;
}

/* A read transaction around one listing query bound by bind(). */
static int listing(struct store *st, struct arena *a, const char *sql, const char *const *decs,
                   const struct store_inspect_q *q, struct val **out)
{
    pq_stmt *s;
    *out = val_list(a);
    if (!*out || pgs_begin_read(st) != 0)
        return -1;
    int rc = -1;
    if ((s = pq_prep(st, sql))) {
        if (q) {
            pq_bind_text(s, 1, q->order_inc);
            pq_bind_int(s, 2, q->state);
            pq_bind_int(s, 3, q->limit > 0 ? q->limit : INT64_MAX); /* LIMIT -1 is an error here */
        }
        rc = rows(st, a, s, decs, *out);
    }
    pgs_commit(st);
    return rc;
}

static const char *const inv_decs[] = {"grand_total", "base_grand_total", "total_qty", NULL};

#define INVOICE_ROW                                                                               \
    "SELECT i.increment_id, i.entity_id AS invoice_id, o.increment_id AS order_increment_id, "    \
    "i.state, i.grand_total, i.base_grand_total, i.order_currency_code, i.total_qty, "            \
    "i.created_at, i.updated_at, "                                                                \
    "(SELECT api_user FROM invoice_audit x WHERE x.invoice_id = i.entity_id AND "                 \
    "x.action = 'create') AS created_by, "                                                        \
    "(SELECT peer FROM invoice_audit x WHERE x.invoice_id = i.entity_id AND "                     \
    "x.action = 'create') AS created_peer "                                                       \
    "FROM sales_flat_invoice i LEFT JOIN sales_flat_order o ON o.entity_id = i.order_id "

int pgs_inspect_invoices(struct store *st, struct arena *a, const struct store_inspect_q *q,
                        struct val **out)
{
    static const char sql[] = INVOICE_ROW
        "WHERE ($1::text IS NULL OR o.increment_id = $1) AND ($2::bigint = 0 OR i.state = $2) "
        "ORDER BY i.entity_id DESC LIMIT $3";
    return listing(st, a, sql, inv_decs, q, out);
}

static const char *const order_decs[] = {"grand_total", "total_invoiced", "total_paid",
                                         "qty_ordered", "qty_invoiced", "qty_canceled",
                                         "price", "row_total", "row_invoiced", NULL};

#define ORDER_ROW                                                                                 \
    "SELECT o.increment_id, o.entity_id AS order_id, o.state, o.status, o.grand_total, "          \
    "o.total_invoiced, o.total_paid, o.order_currency_code, o.customer_email, o.created_at, "     \
    "(SELECT count(*) FROM sales_flat_invoice i WHERE i.order_id = o.entity_id) AS invoice_count "     \
    "FROM sales_flat_order o "

int pgs_inspect_orders(struct store *st, struct arena *a, const struct store_inspect_q *q,
                      struct val **out)
{
    static const char sql[] = ORDER_ROW
        "WHERE ($1::text IS NULL OR o.increment_id = $1) AND $2::bigint = $2 "
        "ORDER BY o.entity_id DESC LIMIT $3";
    return listing(st, a, sql, order_decs, q, out);
}

static int order_tx(struct store *st, struct arena *a, const char *inc, struct val **out)
{
    static const char order_sql[] = ORDER_ROW "WHERE o.increment_id = ?";
    static const char pay_sql[] =
        "SELECT method FROM sales_flat_order_payment p JOIN sales_flat_order o "
        "ON o.entity_id = p.parent_id WHERE o.increment_id = ?";
    static const char item_sql[] =
        "SELECT t.item_id, t.sku, t.name, t.product_type, t.qty_ordered, t.qty_invoiced, "
        "t.qty_canceled, t.price, t.row_total, t.row_invoiced FROM sales_flat_order_item t "
        "JOIN sales_flat_order o ON o.entity_id = t.order_id WHERE o.increment_id = ? "
        "ORDER BY t.item_id";
    static const char inv_sql[] = INVOICE_ROW "WHERE o.increment_id = ? ORDER BY i.entity_id";
    struct val *found = val_list(a), *items = val_list(a), *invs = val_list(a);
    pq_stmt *s;
    if (!found || !items || !invs || !(s = pq_prep(st, order_sql)))
        return -1;
    pq_bind_text(s, 1, inc);
    if (rows(st, a, s, order_decs, found) != 0)
        return -1;
    if (found->u.list.n == 0)
        return 0;
    struct val *m = found->u.list.items[0];
    struct val *method = val_null(a);
    if (!(s = pq_prep(st, pay_sql)))
        return -1;
    pq_bind_text(s, 1, inc);
    if (pq_step(s) == PQ_ROW)
        method = val_str(a, pq_col_text(s, 0));
    pq_done(s);
    if (val_map_push(a, m, "payment_method", method) != 0 || !(s = pq_prep(st, item_sql)))
        return -1;
    pq_bind_text(s, 1, inc);
    if (rows(st, a, s, order_decs, items) != 0 || !(s = pq_prep(st, inv_sql)))
        return -1;
    pq_bind_text(s, 1, inc);
    if (rows(st, a, s, inv_decs, invs) != 0 || val_map_push(a, m, "items", items) != 0 ||
        val_map_push(a, m, "invoices", invs) != 0)
        return -1;
    *out = m;
    return 1;
}

int pgs_inspect_order(struct store *st, struct arena *a, const char *inc, struct val **out)
{
    if (pgs_begin_read(st) != 0)
        return -1;
    int rc = order_tx(st, a, inc ? inc : "", out);
    pgs_commit(st);
    return rc;
}

int pgs_inspect_users(struct store *st, struct arena *a, struct val **out)
{
    static const char sql[] =
        "SELECT u.user_id, u.username, u.is_active, r.role_name AS role, u.lognum, u.created, "
        "u.modified, (SELECT count(*) FROM api_session s WHERE s.user_id = u.user_id) AS sessions "
        "FROM api_user u LEFT JOIN api_role r ON r.role_id = u.role_id ORDER BY u.user_id";
    return listing(st, a, sql, NULL, NULL, out);
}

/* resources "a,b" -> a list of paths */
static int split_resources(struct arena *a, struct val *m)
{
    for (size_t i = 0; i < m->u.map.n; i++) {
        struct val_kv *kv = &m->u.map.kv[i];
        if (strcmp(kv->key, "resources") != 0 || kv->v->t != VAL_STR)
            continue;
        struct val *l = val_list(a);
        const char *p = kv->v->u.s.p, *end = p + kv->v->u.s.n;
        while (l && p < end) {
            const char *c = memchr(p, ',', (size_t)(end - p));
            size_t len = c ? (size_t)(c - p) : (size_t)(end - p);
            while (len && *p == ' ')
                p++, len--;
            while (len && p[len - 1] == ' ')
                len--;
            if (len && val_list_push(a, l, val_strn(a, p, len)) != 0)
                return -1;
            p = c ? c + 1 : end;
        }
        if (!l)
            return -1;
        kv->v = l;
    }
    return 0;
}

int pgs_inspect_roles(struct store *st, struct arena *a, struct val **out)
{
    static const char sql[] =
        "SELECT r.role_id, r.role_name AS name, r.resources, "
        "(SELECT count(*) FROM api_user u WHERE u.role_id = r.role_id) AS users "
        "FROM api_role r ORDER BY r.role_id";
    if (listing(st, a, sql, NULL, NULL, out) != 0)
        return -1;
    for (size_t i = 0; i < (*out)->u.list.n; i++)
        if (split_resources(a, (*out)->u.list.items[i]) != 0)
            return -1;
    return 0;
}

int pgs_inspect_outbox(struct store *st, struct arena *a, const struct store_inspect_q *q,
                      struct val **out)
{
    static const char sql[] =
        "SELECT e.email_id, e.kind, e.store_id, o.increment_id AS order_increment_id, "
        "i.increment_id AS invoice_increment_id, e.recipient, e.recipient_name, e.subject, "
        "e.body, e.created_at, e.sent_at FROM email_outbox e "
        "LEFT JOIN sales_flat_order o ON o.entity_id = e.order_id "
        "LEFT JOIN sales_flat_invoice i ON i.entity_id = e.invoice_id "
        "WHERE ($1::text IS NULL OR o.increment_id = $1) AND $2::bigint = $2 "
        "ORDER BY e.email_id DESC LIMIT $3";
    return listing(st, a, sql, NULL, q, out);
}
