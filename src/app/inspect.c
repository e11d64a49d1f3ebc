/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Looking inside from the command line: `invoice list|show`, `order
 * list|show`, `user list`, `role list`, `outbox list` (docs/cli.md).  Every
 * read goes through the store's inspection operations (store.h), so a
 * backend that implements them serves these too.  Amounts (stored as
 * integers x 10^4) are printed as decimals: in text with at least two
 * places ("45.00", "1.2345"), in --json as strings with four ("45.0000",
 * as Magento's own answers carry them), never as binary floats.
 */
#include "app/inspect.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "magesoapd/dec.h"
#include "magesoapd/store.h"
#include "magesoapd/val.h"

static const char *const state_names[] = {"", "open", "paid", "canceled"};

static const char *state_name(int64_t s)
{
    return s >= 1 && s <= 3 ? state_names[s] : "?";
}

/* ---- values as text and JSON ------------------------------------------------------ */

/* Text of a scalar: decimals with 2 to 4 places, NULL as "-". */
static const char *text_of(const struct val *v, char buf[64])
{
    if (!v)
        return "-";
    switch (v->t) {
    case VAL_NULL:
        return "-";
    case VAL_BOOL:
        return v->u.b ? "1" : "0";
    case VAL_INT:
        snprintf(buf, 64, "%lld", (long long)v->u.i);
        return buf;
    case VAL_DEC: {
        dec_format(v->u.i, buf);
        char *dot = strchr(buf, '.');
        size_t n = strlen(buf);
        while (dot && n > (size_t)(dot - buf) + 3 && buf[n - 1] == '0')
            buf[--n] = '\0';
        return buf;
    }
    case VAL_DOUBLE:
        snprintf(buf, 64, "%g", v->u.d);
        return buf;
    case VAL_STR:
        return v->u.s.p;
    default:
        return "...";
    }
}

static json_t *to_json(const struct val *v)
{
    char buf[24];
    if (!v)
        return json_null();
    switch (v->t) {
    case VAL_NULL:
        return json_null();
    case VAL_BOOL:
        return json_boolean(v->u.b);
    case VAL_INT:
        return json_integer(v->u.i);
    case VAL_DEC:
        return json_string(dec_format(v->u.i, buf));
    case VAL_DOUBLE:
        return json_real(v->u.d);
    case VAL_STR:
        return json_stringn(v->u.s.p, v->u.s.n);
    case VAL_LIST: {
        json_t *a = json_array();
        for (size_t i = 0; a && i < v->u.list.n; i++)
            json_array_append_new(a, to_json(v->u.list.items[i]));
        return a;
    }
    case VAL_MAP: {
        json_t *o = json_object();
        for (size_t i = 0; o && i < v->u.map.n; i++)
            json_object_set_new(o, v->u.map.kv[i].key, to_json(v->u.map.kv[i].v));
        return o;
    }
    }
    return json_null();
}

static int print_json(const struct val *v)
{
    json_t *j = to_json(v);
    char *s = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII) : NULL;
    json_decref(j);
    if (!s)
        return 1;
    puts(s);
    free(s);
    return 0;
}

/* ---- text tables -------------------------------------------------------------------- */

struct col {
    const char *key, *head;
};

/* A cell; "state" shows its name for invoices. */
static const char *cell(const struct val *row, const char *key, int inv_state, char buf[64])
{
    const struct val *v = val_map_get(row, key);
    if (inv_state && !strcmp(key, "state") && v && v->t == VAL_INT)
        return state_name(v->u.i);
    const char *t = text_of(v, buf);
    /* one line per row: newlines in text are shown as spaces */
    if (v && v->t == VAL_STR && strpbrk(t, "\r\n\t")) {
        snprintf(buf, 64, "%.60s", t);
        for (char *p = buf; *p; p++)
            if (*p == '\r' || *p == '\n' || *p == '\t')
                *p = ' ';
        return buf;
    }
    return t;
}

static void table(const struct val *list, const struct col *cols, size_t n, int inv_state)
{
    size_t w[16] = {0};
    char buf[64];
    for (size_t c = 0; c < n && c < 16; c++) {
        w[c] = strlen(cols[c].head);
        for (size_t r = 0; r < list->u.list.n; r++) {
            size_t l = strlen(cell(list->u.list.items[r], cols[c].key, inv_state, buf));
            w[c] = l > w[c] ? l : w[c];
        }
    }
    for (size_t c = 0; c < n; c++)
        printf("%-*s%s", (int)(c + 1 < n ? w[c] : 0), cols[c].head, c + 1 < n ? "  " : "\n");
    for (size_t r = 0; r < list->u.list.n; r++)
        for (size_t c = 0; c < n; c++)
            printf("%-*s%s", (int)(c + 1 < n ? w[c] : 0),
                   cell(list->u.list.items[r], cols[c].key, inv_state, buf),
                   c + 1 < n ? "  " : "\n");
}

static void field(const struct val *m, const char *key)
{
    char buf[64];
    printf("  %-22s %s\n", key, text_of(val_map_get(m, key), buf));
}

/* ---- the commands ----------------------------------------------------------------------- */

static const struct col invoice_cols[] = {
    {"increment_id", "INVOICE"},  {"order_increment_id", "ORDER"}, {"state", "STATE"},
    {"grand_total", "GRAND_TOTAL"}, {"order_currency_code", "CUR"},  {"created_at", "CREATED_AT"},
    {"created_by", "CREATED_BY"}, {"created_peer", "PEER"},
};

/* state "open" / "paid" / "canceled" or 1..3 -> 1..3; 0 for none; -1 bad. */
static int parse_state(const char *s)
{
    if (!s)
        return 0;
    for (int i = 1; i <= 3; i++)
        if (!strcmp(s, state_names[i]) || (s[0] == '0' + i && !s[1]))
            return i;
    return -1;
}

/* Each invoice row also says its state's name (JSON). */
static void add_state_names(struct arena *a, struct val *list)
{
    for (size_t i = 0; list && i < list->u.list.n; i++) {
        struct val *st = val_map_get(list->u.list.items[i], "state");
        if (st && st->t == VAL_INT)
            val_map_push(a, list->u.list.items[i], "state_name", val_str(a, state_name(st->u.i)));
    }
}

static int invoice_list(struct store *st, struct arena *a, const struct app_inspect_opts *o)
{
    struct store_inspect_q q = {o->order, parse_state(o->state), o->limit};
    struct val *list;
    if (q.state < 0) {
        fprintf(stderr, "magesoapd: invoice list: --state is open, paid or canceled, not \"%s\"\n",
                o->state);
        return 2;
    }
    if (store_inspect_invoices(st, a, &q, &list) != 0)
        return -1;
    add_state_names(a, list);
    if (o->json)
        return print_json(list);
    table(list, invoice_cols, sizeof invoice_cols / sizeof invoice_cols[0], 1);
    return 0;
}

/* Who made the invoice's comments: created_by / created_peer on each. */
static void comment_audit(struct arena *a, struct val *comments, const struct md_audit *au,
                          size_t n)
{
    for (size_t i = 0; comments && i < comments->u.list.n; i++) {
        struct val *c = comments->u.list.items[i];
        struct val *id = val_map_get(c, "comment_id");
        const struct md_audit *hit = NULL;
        for (size_t k = 0; id && k < n; k++)
            if (au[k].comment_id == id->u.i)
                hit = &au[k];
        val_map_push(a, c, "created_by", hit ? val_str(a, hit->api_user) : val_null(a));
        val_map_push(a, c, "created_peer", hit && hit->peer ? val_str(a, hit->peer) : val_null(a));
    }
}

static struct val *audit_list(struct arena *a, const struct md_audit *au, size_t n)
{
    struct val *l = val_list(a);
    for (size_t i = 0; l && i < n; i++) {
        struct val *m = val_map(a);
        if (!m || val_list_push(a, l, m) != 0)
            return NULL;
        val_map_push(a, m, "created_at", val_str(a, au[i].created_at));
        val_map_push(a, m, "action", val_str(a, au[i].action));
        val_map_push(a, m, "api_user", val_str(a, au[i].api_user));
        val_map_push(a, m, "peer", au[i].peer ? val_str(a, au[i].peer) : val_null(a));
        val_map_push(a, m, "comment_id", au[i].comment_id ? val_int(a, au[i].comment_id)
                                                           : val_null(a));
    }
    return l;
}

static int invoice_show(struct store *st, struct arena *a, const char *inc,
                        const struct app_inspect_opts *o)
{
    struct val *m;
    struct md_audit *au = NULL;
    size_t nau = 0;
    int rc = store_invoice_info(st, a, inc, &m);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        fprintf(stderr, "magesoapd: invoice show: no invoice %s\n", inc);
        return 1;
    }
    struct val *id = val_map_get(m, "invoice_id"), *state = val_map_get(m, "state");
    if (store_invoice_audit(st, a, id ? id->u.i : 0, &au, &nau) != 0)
        return -1;
    struct val *comments = val_map_get(m, "comments"), *items = val_map_get(m, "items");
    comment_audit(a, comments, au, nau);
    struct val *audit = audit_list(a, au, nau);
    const struct md_audit *made = NULL;
    for (size_t i = 0; i < nau && !made; i++)
        if (!strcmp(au[i].action, "create"))
            made = &au[i];
    val_map_push(a, m, "created_by", made ? val_str(a, made->api_user) : val_null(a));
    val_map_push(a, m, "created_peer", made && made->peer ? val_str(a, made->peer) : val_null(a));
    val_map_push(a, m, "state_name",
                 val_str(a, state_name(state && state->t == VAL_INT ? state->u.i : 0)));
    val_map_push(a, m, "audit", audit);
    if (o->json)
        return print_json(m);
    char buf[64];
    printf("invoice %s (order %s), %s\n", inc,
           text_of(val_map_get(m, "order_increment_id"), buf),
           state_name(state && state->t == VAL_INT ? state->u.i : 0));
    static const char *const keys[] = {
        "invoice_id", "state", "order_currency_code", "created_at", "updated_at",
        "created_by", "created_peer", "transaction_id", "total_qty", "subtotal",
        "discount_amount", "shipping_amount", "tax_amount", "grand_total", "base_grand_total",
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        field(m, keys[i]);
    static const struct col icols[] = {
        {"order_item_id", "ORDER_ITEM"}, {"sku", "SKU"}, {"name", "NAME"}, {"qty", "QTY"},
        {"price", "PRICE"}, {"tax_amount", "TAX"}, {"row_total", "ROW_TOTAL"},
    };
    static const struct col ccols[] = {
        {"created_at", "CREATED_AT"}, {"is_customer_notified", "NOTIFIED"},
        {"created_by", "BY"}, {"created_peer", "PEER"}, {"comment", "COMMENT"},
    };
    static const struct col acols[] = {
        {"created_at", "AT"}, {"action", "ACTION"}, {"api_user", "USER"}, {"peer", "PEER"},
    };
    printf("\nitems:\n");
    if (items)
        table(items, icols, sizeof icols / sizeof icols[0], 0);
    printf("\ncomments:\n");
    if (comments)
        table(comments, ccols, sizeof ccols / sizeof ccols[0], 0);
    printf("\naudit:\n");
    if (audit)
        table(audit, acols, sizeof acols / sizeof acols[0], 0);
    return 0;
}

static const struct col order_cols[] = {
    {"increment_id", "ORDER"},         {"state", "STATE"},
    {"status", "STATUS"},              {"grand_total", "GRAND_TOTAL"},
    {"total_invoiced", "INVOICED"},    {"total_paid", "PAID"},
    {"order_currency_code", "CUR"},    {"invoice_count", "INVOICES"},
    {"created_at", "CREATED_AT"},
};

static int order_list(struct store *st, struct arena *a, const struct app_inspect_opts *o)
{
    struct store_inspect_q q = {o->order, 0, o->limit};
    struct val *list;
    if (store_inspect_orders(st, a, &q, &list) != 0)
        return -1;
    if (o->json)
        return print_json(list);
    table(list, order_cols, sizeof order_cols / sizeof order_cols[0], 0);
    return 0;
}

static int order_show(struct store *st, struct arena *a, const char *inc,
                      const struct app_inspect_opts *o)
{
    struct val *m;
    int rc = store_inspect_order(st, a, inc, &m);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        fprintf(stderr, "magesoapd: order show: no order %s\n", inc);
        return 1;
    }
    struct val *invs = val_map_get(m, "invoices");
    add_state_names(a, invs);
    if (o->json)
        return print_json(m);
    printf("order %s\n", inc);
    static const char *const keys[] = {
        "order_id", "state", "status", "customer_email", "payment_method",
        "order_currency_code", "created_at", "grand_total", "total_invoiced", "total_paid",
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        field(m, keys[i]);
    static const struct col icols[] = {
        {"item_id", "ITEM"},           {"sku", "SKU"},
        {"name", "NAME"},              {"product_type", "TYPE"},
        {"qty_ordered", "QTY_ORDERED"}, {"qty_invoiced", "QTY_INVOICED"},
        {"qty_canceled", "QTY_CANCELED"}, {"price", "PRICE"},
        {"row_total", "ROW_TOTAL"},
    };
    printf("\nitems:\n");
    table(val_map_get(m, "items"), icols, sizeof icols / sizeof icols[0], 0);
    printf("\ninvoices:\n");
    table(invs, invoice_cols, sizeof invoice_cols / sizeof invoice_cols[0], 1);
    return 0;
}

/* Roles: the ACL paths joined for text. */
static void join_resources(struct arena *a, struct val *roles)
{
    for (size_t i = 0; i < roles->u.list.n; i++) {
        struct val *r = roles->u.list.items[i], *l = val_map_get(r, "resources");
        size_t len = 1;
        for (size_t k = 0; l && l->t == VAL_LIST && k < l->u.list.n; k++)
            len += l->u.list.items[k]->u.s.n + 1;
        char *s = arena_alloc(a, len);
        if (!s || !l || l->t != VAL_LIST)
            continue;
        for (size_t k = 0; k < l->u.list.n; k++) {
            if (k)
                strcat(s, ",");
            strcat(s, l->u.list.items[k]->u.s.p);
        }
        val_map_set(a, r, "resources", val_str(a, s));
    }
}

static int simple_list(struct store *st, struct arena *a, const char *what,
                       const struct app_inspect_opts *o)
{
    static const struct col ucols[] = {
        {"user_id", "ID"},      {"username", "USERNAME"}, {"is_active", "ACTIVE"},
        {"role", "ROLE"},       {"lognum", "LOGINS"},     {"sessions", "SESSIONS"},
        {"created", "CREATED"}, {"modified", "MODIFIED"},
    };
    static const struct col rcols[] = {
        {"role_id", "ID"}, {"name", "NAME"}, {"users", "USERS"}, {"resources", "RESOURCES"},
    };
    static const struct col ocols[] = {
        {"email_id", "ID"},   {"kind", "KIND"}, {"order_increment_id", "ORDER"},
        {"invoice_increment_id", "INVOICE"}, {"recipient", "TO"}, {"created_at", "CREATED_AT"},
        {"subject", "SUBJECT"},
    };
    struct store_inspect_q q = {o->order, 0, o->limit};
    struct val *list;
    int rc = !strcmp(what, "user")   ? store_inspect_users(st, a, &list)
             : !strcmp(what, "role") ? store_inspect_roles(st, a, &list)
                                     : store_inspect_outbox(st, a, &q, &list);
    if (rc != 0)
        return -1;
    if (o->json)
        return print_json(list);
    if (!strcmp(what, "user"))
        table(list, ucols, sizeof ucols / sizeof ucols[0], 0);
    else if (!strcmp(what, "role"))
        join_resources(a, list), table(list, rcols, sizeof rcols / sizeof rcols[0], 0);
    else
        table(list, ocols, sizeof ocols / sizeof ocols[0], 0);
    return 0;
}

int app_inspect_is(const char *cmd, const char *sub)
{
    if (!sub)
        return 0;
    if (!strcmp(cmd, "invoice") || !strcmp(cmd, "order"))
        return !strcmp(sub, "list") || !strcmp(sub, "show");
    if (!strcmp(cmd, "user") || !strcmp(cmd, "role") || !strcmp(cmd, "outbox"))
        return !strcmp(sub, "list");
    return 0;
}

int app_inspect(struct store *st, const char *cmd, const char *sub, const char *arg,
                const struct app_inspect_opts *o)
{
    struct arena a;
    int rc;
    int show = !strcmp(sub, "show");
    if (show != (arg != NULL)) {
        fprintf(stderr, "magesoapd: %s %s %s\n", cmd, sub,
                show ? "needs an INCREMENT_ID" : "takes no argument");
        return 2;
    }
    arena_init(&a, 0);
    if (!strcmp(cmd, "invoice"))
        rc = show ? invoice_show(st, &a, arg, o) : invoice_list(st, &a, o);
    else if (!strcmp(cmd, "order"))
        rc = show ? order_show(st, &a, arg, o) : order_list(st, &a, o);
    else
        rc = simple_list(st, &a, cmd, o);
    arena_free(&a);
    if (rc < 0) {
        fprintf(stderr, "magesoapd: %s %s: %s\n", cmd, sub, store_errmsg(st));
        return 1;
    }
    return rc;
}
