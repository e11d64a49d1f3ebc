/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PostgreSQL backend: the list filter (model.h) as a WHERE clause over
 * sales_flat_invoice (alias i) and sales_flat_order (alias o).  The SQL
 * text is made only from the column tables and fixed operator templates;
 * every operand is a bound parameter ($n, typed: bigint or text).  The
 * dialect: LIKE is ILIKE (MySQL compares case-insensitively), REGEXP is
 * PostgreSQL's `~*` (its own regular-expression engine, bounded by
 * statement_timeout), FIND_IN_SET a position() on the comma-wrapped text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "magesoapd/val.h"
#include "store/pg/pg_int.h"

/* A field's SQL expression, and its text form: decimals compare as Magento
 * prints them (md_dec, conn.c), so like/regexp/finset see what MySQL would. */
struct fexpr {
    char expr[64];
    char text[80];
    int is_text; /* a text column: expr is text already */
};

static void text_form(struct fexpr *e, enum md_col_kind kind)
{
    e->is_text = kind == MDC_STR;
    if (kind == MDC_DEC)
        snprintf(e->text, sizeof e->text, "md_dec(%s)", e->expr);
    else if (!e->is_text)
        snprintf(e->text, sizeof e->text, "(%s)::text", e->expr);
    else
        snprintf(e->text, sizeof e->text, "%s", e->expr);
}

/* sales_order lists: o.<column> of the order table alone. */
static int order_field_expr(int field, struct fexpr *e)
{
    if (field == MD_FIELD_ENTITY_ID)
        snprintf(e->expr, sizeof e->expr, "o.entity_id");
    else if (field >= 0 && (size_t)field < md_order_ncols)
        snprintf(e->expr, sizeof e->expr, "o.%s", md_order_cols[field].name);
    else
        return -1;
    text_form(e, field >= 0 ? md_order_cols[field].kind : MDC_INT);
    return 0;
}

static int field_expr(enum md_entity entity, int field, struct fexpr *e, int *join)
{
    if (entity == MD_ENT_ORDER)
        return order_field_expr(field, e);
    if (field == MD_FIELD_ENTITY_ID) {
        snprintf(e->expr, sizeof e->expr, "i.entity_id");
    } else if (field == MD_FIELD_ORDER_INC) {
        snprintf(e->expr, sizeof e->expr, "o.increment_id");
        *join = 1;
    } else if (field >= 0 && (size_t)field < md_invoice_ncols) {
        snprintf(e->expr, sizeof e->expr, "i.%s", md_invoice_cols[field].name);
    } else {
        return -1;
    }
    e->is_text = field == MD_FIELD_ORDER_INC ||
                 (field >= 0 && md_invoice_cols[field].kind == MDC_STR);
    if (field >= 0 && md_invoice_cols[field].kind == MDC_DEC)
        snprintf(e->text, sizeof e->text, "md_dec(%s)", e->expr);
    else if (!e->is_text)
        snprintf(e->text, sizeof e->text, "(%s)::text", e->expr);
    else
        snprintf(e->text, sizeof e->text, "%s", e->expr);
    return 0;
}

static int emit(struct arena *a, struct pgs_where *w, const char *s)
{
    size_t n = strlen(s);
    if (w->len + n + 1 > w->cap) {
        size_t cap = w->cap ? w->cap : 256;
        while (cap < w->len + n + 1)
            cap *= 2;
        char *p = arena_alloc(a, cap);
        if (!p)
            return -1;
        memcpy(p, w->sql, w->len);
        w->sql = p;
        w->cap = cap;
    }
    memcpy(w->sql + w->len, s, n + 1);
    w->len += n;
    return 0;
}

/* v as the next parameter, written "$n::cast" */
static int bind_as(struct arena *a, struct pgs_where *w, const struct md_fval *v,
                   const char *cast)
{
    if (w->nbinds == w->capbinds) {
        size_t cap = w->capbinds ? w->capbinds * 2 : 16;
        const struct md_fval **b = arena_alloc(a, cap * sizeof *b);
        if (!b)
            return -1;
        if (w->nbinds)
            memcpy(b, w->binds, w->nbinds * sizeof *b);
        w->binds = b;
        w->capbinds = cap;
    }
    w->binds[w->nbinds++] = v;
    char ph[40];
    snprintf(ph, sizeof ph, "$%zu::%s", w->nbinds, cast);
    return emit(a, w, ph);
}

static int bind(struct arena *a, struct pgs_where *w, const struct md_fval *v)
{
    return bind_as(a, w, v, v->kind == MDV_INT ? "bigint" : "text");
}

static const char *const cmp_sql[] = {
    [MDF_EQ] = "=", [MDF_NEQ] = "!=", [MDF_GT] = ">", [MDF_LT] = "<", [MDF_GTEQ] = ">=",
    [MDF_LTEQ] = "<=",
};

static int cond_sql(struct arena *a, struct pgs_where *w, const struct md_fcond *c);

static int group_sql(struct arena *a, struct pgs_where *w, const struct md_fcond *c)
{
    if (c->nkids == 0) /* AND of nothing */
        return emit(a, w, "(true)");
    if (emit(a, w, "("))
        return -1;
    for (size_t i = 0; i < c->nkids; i++)
        if ((i && emit(a, w, c->op == MDF_OR ? " OR " : " AND ")) ||
            cond_sql(a, w, &c->kids[i]))
            return -1;
    return emit(a, w, ")");
}

/* An IN list longer than this is one array parameter (a statement has at
 * most PQ_MAX_PARAMS; a streamed list's page asks for its rows by id). */
#define IN_LIST_MAX 16

/* expr = ANY($n::bigint[]) / expr <> ALL($n::text[]): the operands as one
 * array literal ({1,2} or {"a","b\"c"}), bound as text. */
static int in_array_sql(struct arena *a, struct pgs_where *w, const struct md_fcond *c,
                        const struct fexpr *e)
{
    int ints = !e->is_text; /* a number column against numbers; else the text forms */
    for (size_t i = 0; i < c->nvals && ints; i++)
        ints = c->vals[i].kind == MDV_INT;
    size_t cap = 3;
    for (size_t i = 0; i < c->nvals; i++)
        cap += c->vals[i].kind == MDV_INT ? 22 : 3 + 2 * strlen(c->vals[i].s ? c->vals[i].s : "");
    char *lit = arena_alloc(a, cap), *q = lit;
    struct md_fval *v = arena_alloc(a, sizeof *v);
    if (!lit || !v)
        return -1;
    *q++ = '{';
    for (size_t i = 0; i < c->nvals; i++) {
        if (i)
            *q++ = ',';
        if (c->vals[i].kind == MDV_INT) {
            q += sprintf(q, ints ? "%lld" : "\"%lld\"", (long long)c->vals[i].i);
            continue;
        }
        *q++ = '"';
        for (const char *p = c->vals[i].s ? c->vals[i].s : ""; *p; p++) {
            if (*p == '"' || *p == '\\')
                *q++ = '\\';
            *q++ = *p;
        }
        *q++ = '"';
    }
    *q++ = '}';
    *q = '\0';
    *v = (struct md_fval){.kind = MDV_TEXT, .s = lit};
    char head[160];
    snprintf(head, sizeof head, "(%s %s(", ints ? e->expr : e->text,
             c->op == MDF_NIN ? "<> ALL" : "= ANY");
    return emit(a, w, head) || bind_as(a, w, v, ints ? "bigint[]" : "text[]") ||
                   emit(a, w, "))")
               ? -1
               : 0;
}

static int in_sql(struct arena *a, struct pgs_where *w, const struct md_fcond *c,
                  const struct fexpr *e)
{
    char head[120];
    int neg = c->op == MDF_NIN;
    int text = !e->is_text;
    for (size_t i = 0; i < c->nvals && text; i++)
        text = c->vals[i].kind == MDV_TEXT;
    /* a number column against text operands compares its text form */
    if (c->nvals > IN_LIST_MAX)
        return in_array_sql(a, w, c, e);
    snprintf(head, sizeof head, "(%s %sIN (", text ? e->text : e->expr, neg ? "NOT " : "");
    if (emit(a, w, head))
        return -1;
    if (c->nvals == 0) /* IN () matches nothing, NOT IN () everything */
        return emit(a, w, neg ? "NULL) OR true)" : "NULL) AND false)");
    for (size_t i = 0; i < c->nvals; i++)
        if ((i && emit(a, w, ", ")) || bind(a, w, &c->vals[i]))
            return -1;
    return emit(a, w, "))");
}

/* head ? tail, with one bound operand */
static int one_sql(struct arena *a, struct pgs_where *w, const struct md_fcond *c,
                   const char *head, const char *tail)
{
    if (c->nvals != 1)
        return -1;
    return emit(a, w, head) || bind(a, w, &c->vals[0]) || emit(a, w, tail) ? -1 : 0;
}

/* PostgreSQL's regex compiler unrolls bounded repetitions: nested ones
 * such as ((.{1,200}){1,200}){1,10} take it seconds before it answers "too
 * complex" (statement_timeout cannot cut that short).  The pattern's
 * unrolled size, estimated as the sum over its atoms of the product of
 * their enclosing repetition bounds, is checked first; a pattern over
 * MAX_REGEX_COST fails at once as that error would (SQLite's PCRE2 has
 * its own limits: magesoapd/regex.h). */
#define MAX_REGEX_COST 50000

static double re_cost(const char **pp, int depth)
{
    double sum = 0, last = 0;
    const char *p = *pp;
    while (*p && !(*p == ')' && depth > 0)) {
        double atom = 0;
        if (*p == '(') {
            p++;
            atom = re_cost(&p, depth + 1);
            if (*p == ')')
                p++;
        } else if (*p == '[') {
            p++;
            if (*p == '^')
                p++;
            if (*p == ']')
                p++;
            while (*p && *p != ']')
                p += *p == '\\' && p[1] ? 2 : 1;
            if (*p)
                p++;
            atom = 1;
        } else if (*p == '{' && last > 0) {
            char *end;
            double lo = strtod(p + 1, &end), hi = lo;
            if (*end == ',')
                hi = end[1] == '}' ? lo : strtod(end + 1, &end);
            while (*end && *end != '}')
                end++;
            p = *end ? end + 1 : end;
            sum += last * (hi > 1 ? hi - 1 : 0);
            last = last * (hi > 1 ? hi : 1);
            if (sum > MAX_REGEX_COST)
                return sum;
            continue;
        } else if (*p == '|' || *p == '*' || *p == '+' || *p == '?' || *p == '^' || *p == '$') {
            p++;
            continue;
        } else {
            p += *p == '\\' && p[1] ? 2 : 1;
            atom = 1;
        }
        sum += atom;
        last = atom;
        if (sum > MAX_REGEX_COST)
            break;
    }
    *pp = p;
    return sum;
}

static int regex_too_complex(const struct md_fcond *c)
{
    if (c->nvals != 1 || c->vals[0].kind != MDV_TEXT || !c->vals[0].s)
        return 0;
    const char *p = c->vals[0].s;
    double cost = 0;
    while (*p) { /* a stray ')' ends a level: go on after it */
        cost += re_cost(&p, 0);
        if (*p)
            p++;
    }
    return cost > MAX_REGEX_COST;
}

static int cond_sql(struct arena *a, struct pgs_where *w, const struct md_fcond *c)
{
    struct fexpr e;
    char head[200];
    if (c->op == MDF_AND || c->op == MDF_OR)
        return group_sql(a, w, c);
    if (c->op == MDF_FALSE)
        return emit(a, w, "(false)");
    if (field_expr(w->entity, c->field, &e, &w->join_order) != 0)
        return -1;
    switch (c->op) {
    case MDF_EQ: case MDF_NEQ: case MDF_GT: case MDF_LT: case MDF_GTEQ: case MDF_LTEQ:
        snprintf(head, sizeof head, "(%s %s ",
                 !e.is_text && c->nvals == 1 && c->vals[0].kind == MDV_TEXT ? e.text : e.expr,
                 cmp_sql[c->op]);
        return one_sql(a, w, c, head, ")");
    case MDF_LIKE: case MDF_NLIKE:
        snprintf(head, sizeof head, "(%s %sILIKE ", e.text, c->op == MDF_NLIKE ? "NOT " : "");
        return one_sql(a, w, c, head, " ESCAPE '\\')"); /* MySQL's default escape */
    case MDF_REGEXP:
        if (regex_too_complex(c))
            return -1; /* PostgreSQL: "regular expression is too complex" */
        snprintf(head, sizeof head, "(%s ~* ", e.text);
        return one_sql(a, w, c, head, ")");
    case MDF_FINSET:
        snprintf(head, sizeof head, "(position(',' || ");
        if (one_sql(a, w, c, head, " || ',' in ',' || "))
            return -1;
        snprintf(head, sizeof head, "%s || ',') > 0)", e.text);
        return emit(a, w, head);
    case MDF_IN: case MDF_NIN:
        return in_sql(a, w, c, &e);
    case MDF_NULL: case MDF_NOTNULL:
        snprintf(head, sizeof head, "(%s IS %sNULL)", e.expr, c->op == MDF_NOTNULL ? "NOT " : "");
        return emit(a, w, head);
    case MDF_FALSE: case MDF_AND: case MDF_OR:
        break;
    }
    return -1;
}

int pgs_filter_sql(struct arena *a, const struct md_filter *flt, struct pgs_where *w)
{
    memset(w, 0, sizeof *w);
    w->sql = "";
    w->entity = flt ? flt->entity : MD_ENT_INVOICE;
    for (size_t i = 0; flt && i < flt->n; i++) {
        if (w->len && emit(a, w, " AND "))
            return -1;
        if (cond_sql(a, w, &flt->conds[i]) != 0)
            return -1;
    }
    return 0;
}
