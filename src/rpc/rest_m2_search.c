/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GET /V1/invoices?searchCriteria[...] and GET /V1/orders?searchCriteria[...]
 * (rest_m2.c, one parser for both: struct rest_m2_entity): Magento 2's
 * SearchCriteriaInterface read from the query string (PHP's bracket
 * convention), run over the Magento 1 list filter of the API table, so the
 * column whitelist, the operators, list_max_rows, the bounded regexp and
 * "no SQL in errors" are the list's own:
 *
 *   searchCriteria[filter_groups][G][filters][F][field|value|condition_type]
 *       filters of one group are OR-ed, groups AND-ed; condition_type eq
 *       (default), neq, gt, gteq, lt, lteq, in, nin (comma-separated
 *       values), like, null, notnull
 *   searchCriteria[sortOrders][S][field|direction]   ASC (default) / DESC
 *   searchCriteria[pageSize], searchCriteria[currentPage] (from 1)
 *
 * Each filter is one list query (field => {condition}) of the entity's
 * list method (sales_order_invoice.list / sales_order.list); a group is the
 * union of its filters' rows, the answer the intersection of the groups.
 * Sort fields are the entity's list columns (e->sortable).  The answer is
 * {"items": [InvoiceInterface / OrderInterface...], "search_criteria": {...},
 * "total_count"}; each item is the entity's info read (e->info, e->to_json).
 */
#define _GNU_SOURCE /* qsort_r */
#include "rpc/rest_int.h"
#include "api/api.h"
#include "proto/exchange.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GROUPS 16
#define MAX_FILTERS 16
#define MAX_SORTS 8
#define MSG_INVALID_FIELD "Invalid value of \"%value\" provided for the %fieldName field."

struct m2_filter {
    char *field, *value, *cond;
};
struct m2_group {
    struct m2_filter f[MAX_FILTERS];
    int n;
};
struct m2_sort {
    char *field, *dir;
};
struct m2_criteria {
    struct m2_group g[MAX_GROUPS];
    int ng;
    struct m2_sort s[MAX_SORTS];
    int ns;
    long page_size, current_page;
    int has_page_size, has_current_page;
};


static void bad(struct http_resp *resp, const char *value, const char *field)
{
    struct rest_err e = {0, NULL};
    json_t *p = json_pack("{s:s,s:s}", "value", value ? value : "", "fieldName", field);
    rest_err_set(&e, 400, MSG_INVALID_FIELD, p);
    rest_m2_answer(resp, e.status, e.body);
}

/* application/x-www-form-urlencoded decoding of one key or value (arena) */
static char *url_decode(struct arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *q = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            *q++ = ' ';
        } else if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
                   isxdigit((unsigned char)s[i + 2])) {
            char h[3] = {s[i + 1], s[i + 2], 0};
            *q++ = (char)strtol(h, NULL, 16);
            i += 2;
        } else {
            *q++ = s[i];
        }
    }
    *q = '\0';
    return out;
}

static int set_filter(struct m2_criteria *c, int g, int fi, const char *what, char *v)
{
    if (g < 0 || g >= MAX_GROUPS || fi < 0 || fi >= MAX_FILTERS)
        return -1;
    if (g >= c->ng)
        c->ng = g + 1;
    if (fi >= c->g[g].n)
        c->g[g].n = fi + 1;
    struct m2_filter *f = &c->g[g].f[fi];
    if (!strcmp(what, "field"))
        f->field = v;
    else if (!strcmp(what, "value"))
        f->value = v;
    else if (!strcmp(what, "condition_type") || !strcmp(what, "conditionType"))
        f->cond = v;
    return 0;
}

static int parse_pair(struct m2_criteria *c, const char *k, char *v)
{
    int g, fi, n = 0;
    char what[32];

    if (sscanf(k, "searchCriteria[filter_groups][%d][filters][%d][%31[A-Za-z_]]%n", &g, &fi,
               what, &n) == 3 &&
        !k[n])
        return set_filter(c, g, fi, what, v);
    if (sscanf(k, "searchCriteria[filterGroups][%d][filters][%d][%31[A-Za-z_]]%n", &g, &fi,
               what, &n) == 3 &&
        !k[n])
        return set_filter(c, g, fi, what, v);
    if ((sscanf(k, "searchCriteria[sortOrders][%d][%31[A-Za-z_]]%n", &g, what, &n) == 2 ||
         sscanf(k, "searchCriteria[sort_orders][%d][%31[A-Za-z_]]%n", &g, what, &n) == 2) &&
        !k[n]) {
        if (g < 0 || g >= MAX_SORTS)
            return -1;
        if (g >= c->ns)
            c->ns = g + 1;
        if (!strcmp(what, "field"))
            c->s[g].field = v;
        else if (!strcmp(what, "direction"))
            c->s[g].dir = v;
        return 0;
    }
    if (!strcmp(k, "searchCriteria[pageSize]") || !strcmp(k, "searchCriteria[page_size]")) {
        c->page_size = strtol(v, NULL, 10);
        c->has_page_size = 1;
    } else if (!strcmp(k, "searchCriteria[currentPage]") ||
               !strcmp(k, "searchCriteria[current_page]")) {
        c->current_page = strtol(v, NULL, 10);
        c->has_current_page = 1;
    }
    return 0; /* other parameters are ignored, as Magento does */
}

static int parse_query(struct arena *a, const char *q, struct m2_criteria *c)
{
    memset(c, 0, sizeof *c);
    while (q && *q) {
        const char *amp = strchr(q, '&'), *end = amp ? amp : q + strlen(q);
        const char *eq = memchr(q, '=', (size_t)(end - q));
        char *k = url_decode(a, q, (size_t)((eq ? eq : end) - q));
        char *v = eq ? url_decode(a, eq + 1, (size_t)(end - eq - 1)) : url_decode(a, "", 0);
        if (!k || !v || parse_pair(c, k, v))
            return -1;
        q = amp ? amp + 1 : end;
    }
    return 0;
}

/* M2 field -> the list's field (entity_id is the list's id key) */
static const char *list_field(const struct rest_m2_entity *e, const char *f)
{
    return !strcmp(f, "entity_id") ? e->id_key : f;
}

static const char *const conds[] = {"eq",   "neq", "gt",   "gteq", "lt",      "lteq",
                                    "in",   "nin", "like", "null", "notnull", NULL};

/* one filter as the list's {field: {op: operand}} */
static struct val *m1_filter(struct arena *a, const struct rest_m2_entity *e,
                             const struct m2_filter *f)
{
    const char *op = f->cond && *f->cond ? f->cond : "eq";
    struct val *m = val_map(a), *c = val_map(a), *operand;

    if (!m || !c)
        return NULL;
    if (!strcmp(op, "in") || !strcmp(op, "nin")) {
        operand = val_list(a);
        const char *p = f->value ? f->value : "";
        while (operand) {
            const char *comma = strchr(p, ',');
            size_t n = comma ? (size_t)(comma - p) : strlen(p);
            char *s = arena_alloc(a, n + 1);
            if (!s)
                return NULL;
            memcpy(s, p, n);
            s[n] = '\0';
            if (val_list_push(a, operand, val_str_borrow(a, s)))
                return NULL;
            if (!comma)
                break;
            p = comma + 1;
        }
    } else if (!strcmp(op, "null") || !strcmp(op, "notnull")) {
        operand = val_bool(a, 1);
    } else {
        operand = val_str(a, f->value ? f->value : "");
    }
    if (!operand || val_map_push(a, c, op, operand) ||
        val_map_push(a, m, list_field(e, f->field), c))
        return NULL;
    return m;
}

struct row {
    int64_t id;
    const struct val *v; /* the list row */
};

static int64_t row_id(const struct rest_m2_entity *e, const struct val *r)
{
    const struct val *v = val_map_get(r, e->id_key);
    return v && v->t == VAL_INT ? v->u.i : 0;
}

static int has_id(const struct row *rows, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].id == id)
            return 1;
    return 0;
}

struct sort_spec {
    const struct rest_m2_entity *e;
    const struct m2_sort *s;
    int n;
};

static int val_cmp(const struct val *a, const struct val *b)
{
    if (!a || !b)
        return !a - !b;
    if ((a->t == VAL_INT || a->t == VAL_DEC) && a->t == b->t)
        return a->u.i < b->u.i ? -1 : a->u.i > b->u.i;
    const char *x = a->t == VAL_STR ? a->u.s.p : "", *y = b->t == VAL_STR ? b->u.s.p : "";
    return strcmp(x, y);
}

/* qsort_r (glibc): the sort orders travel with the call, never in a
 * global (workers sort at the same time) */
static int row_cmp(const void *pa, const void *pb, void *arg)
{
    const struct row *a = pa, *b = pb;
    const struct sort_spec *sp = arg;
    for (int i = 0; i < sp->n; i++) {
        const char *f = list_field(sp->e, sp->s[i].field);
        int c = val_cmp(val_map_get(a->v, f), val_map_get(b->v, f));
        if (c)
            return sp->s[i].dir && !strcasecmp(sp->s[i].dir, "DESC") ? -c : c;
    }
    return a->id < b->id ? -1 : a->id > b->id;
}

static json_t *criteria_json(const struct m2_criteria *c)
{
    json_t *o = json_object(), *groups = json_array();
    for (int g = 0; o && groups && g < c->ng; g++) {
        json_t *fl = json_array();
        for (int i = 0; fl && i < c->g[g].n; i++) {
            const struct m2_filter *f = &c->g[g].f[i];
            json_t *jf = json_object();
            json_object_set_new(jf, "field", json_string(f->field ? f->field : ""));
            json_object_set_new(jf, "value", json_string(f->value ? f->value : ""));
            json_object_set_new(jf, "condition_type",
                                json_string(f->cond && *f->cond ? f->cond : "eq"));
            json_array_append_new(fl, jf);
        }
        json_array_append_new(groups, json_pack("{s:o}", "filters", fl));
    }
    json_object_set_new(o, "filter_groups", groups);
    if (c->ns) {
        json_t *so = json_array();
        for (int i = 0; i < c->ns; i++)
            json_array_append_new(
                so, json_pack("{s:s,s:s}", "field", c->s[i].field ? c->s[i].field : "",
                              "direction",
                              c->s[i].dir && !strcasecmp(c->s[i].dir, "DESC") ? "DESC" : "ASC"));
        json_object_set_new(o, "sort_orders", so);
    }
    if (c->has_page_size)
        json_object_set_new(o, "page_size", json_integer(c->page_size));
    if (c->has_current_page)
        json_object_set_new(o, "current_page", json_integer(c->current_page));
    return o;
}

static int one_of(const char *const *l, const char *s)
{
    for (; *l; l++)
        if (!strcmp(*l, s))
            return 1;
    return 0;
}

/* the entities matching filter flt (NULL: all) */
static int run_list(struct md_ctx *ctx, const struct rest_m2_entity *e, struct val *flt,
                    struct val **rows, struct md_fault *f)
{
    struct val *args[1] = {flt ? flt : val_map(ctx->arena)};
    return api_rest_run(ctx, (enum api_method)e->list, args, 1, rows, f);
}

static int bad_filter(const struct md_fault *f)
{
    return f->code == md_fault_code(MDF_INVALID_FILTER) ||
           f->code == md_fault_code(MDF_ORD_INVALID_FILTER);
}

int rest_m2_search(struct worker *w, struct http_req *req, struct http_resp *resp,
                   const struct rest_m2_entity *e)
{
    struct md_ctx *ctx = &w->ctx;
    struct arena *a = ctx->arena;
    struct m2_criteria *c = arena_alloc(a, sizeof *c);
    struct md_fault f = {0, ""};
    struct row *acc = NULL;
    size_t nacc = 0;

    if (!c || parse_query(a, req->query, c)) {
        bad(resp, "searchCriteria", "searchCriteria");
        return 0;
    }
    for (int g = 0; g < c->ng; g++)
        for (int i = 0; i < c->g[g].n; i++) {
            const struct m2_filter *fl = &c->g[g].f[i];
            if (!fl->field || !*fl->field) {
                bad(resp, "", "field");
                return 0;
            }
            if (fl->cond && *fl->cond && !one_of(conds, fl->cond)) {
                bad(resp, fl->cond, "condition_type");
                return 0;
            }
        }
    for (int i = 0; i < c->ns; i++) {
        if (!c->s[i].field || !one_of(e->sortable, c->s[i].field)) {
            bad(resp, c->s[i].field ? c->s[i].field : "", "sortOrders");
            return 0;
        }
        if (c->s[i].dir && strcasecmp(c->s[i].dir, "ASC") && strcasecmp(c->s[i].dir, "DESC")) {
            bad(resp, c->s[i].dir, "direction");
            return 0;
        }
    }
    if ((c->has_page_size && c->page_size < 0) || (c->has_current_page && c->current_page < 1)) {
        bad(resp, c->has_current_page && c->current_page < 1 ? "currentPage" : "pageSize",
            "searchCriteria");
        return 0;
    }
    /* groups: union of each group's filters, intersected with the others */
    for (int g = 0; g <= c->ng; g++) {
        struct row *grp = NULL;
        size_t ngrp = 0, cap = 0;
        int nf = g < c->ng ? c->g[g].n : 0;
        if (g == c->ng && c->ng > 0)
            break;
        for (int i = 0; i < (nf ? nf : 1); i++) {
            struct val *rows = NULL, *flt = nf ? m1_filter(a, e, &c->g[g].f[i]) : NULL;
            if ((nf && !flt) || run_list(ctx, e, flt, &rows, &f)) {
                if (bad_filter(&f) && nf) {
                    bad(resp, c->g[g].f[i].field, "field");
                    return 0;
                }
                rest_m2_fault(resp, &f, e->resource);
                return 0;
            }
            for (size_t k = 0; rows && k < rows->u.list.n; k++) {
                int64_t id = row_id(e, rows->u.list.items[k]);
                if (has_id(grp, ngrp, id))
                    continue;
                if (ngrp == cap) {
                    size_t ncap = cap ? cap * 2 : 64;
                    struct row *p = arena_alloc(a, ncap * sizeof *p);
                    if (!p) {
                        rest_m2_answer(resp, 500, NULL);
                        return 0;
                    }
                    if (ngrp)
                        memcpy(p, grp, ngrp * sizeof *p);
                    grp = p;
                    cap = ncap;
                }
                grp[ngrp].id = id;
                grp[ngrp].v = rows->u.list.items[k];
                ngrp++;
            }
        }
        if (g == 0) {
            acc = grp;
            nacc = ngrp;
        } else {
            size_t keep = 0;
            for (size_t k = 0; k < nacc; k++)
                if (has_id(grp, ngrp, acc[k].id))
                    acc[keep++] = acc[k];
            nacc = keep;
        }
    }
    struct sort_spec spec = {e, c->s, c->ns};
    if (nacc)
        qsort_r(acc, nacc, sizeof *acc, row_cmp, &spec);
    /* page */
    size_t from = 0, to = nacc;
    if (c->has_page_size && c->page_size > 0) {
        long page = c->has_current_page ? c->current_page : 1;
        from = (size_t)(page - 1) * (size_t)c->page_size;
        if (from > nacc)
            from = nacc;
        to = from + (size_t)c->page_size < nacc ? from + (size_t)c->page_size : nacc;
    }
    json_t *items = json_array(), *out = json_object();
    for (size_t k = from; items && k < to; k++) {
        const struct val *inc = val_map_get(acc[k].v, "increment_id");
        struct val *args[1] = {val_str(a, inc && inc->t == VAL_STR ? inc->u.s.p : "")}, *info;
        if (api_rest_run(ctx, (enum api_method)e->info, args, 1, &info, &f)) {
            json_decref(items);
            json_decref(out);
            rest_m2_fault(resp, &f, e->resource);
            return 0;
        }
        json_array_append_new(items, e->to_json(info));
    }
    json_object_set_new(out, "items", items);
    json_object_set_new(out, "search_criteria", criteria_json(c));
    json_object_set_new(out, "total_count", json_integer((json_int_t)nacc));
    rest_m2_answer(resp, 200, out);
    return 0;
}
