/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * List filters: Magento's `field => condition` map (Mage_Api_Helper_Data::
 * parseFilters + Varien_Db_Adapter_Pdo_Mysql::prepareSqlCondition) compiled
 * into a WHERE clause.
 *
 * The SQL text is made only from whitelisted column names and fixed operator
 * templates; every operand is a bound parameter.  Anything unknown is fault
 * 101 naming the field or operator, never SQL text (REF answers fault 1 with
 * the raw SQL; this project deliberately does not).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <regex.h>
#include <string.h>
#include <strings.h>

#include "domain/domain_int.h"
#include "magesoapd/dec.h"

#define FILTER_PREFIX "Invalid filter given. Details in error message. "
#define MAX_BINDS 20000 /* under SQLite's 32766 parameters */
#define MAX_DEPTH 8

/* A filterable column: its SQL expression, and how to compare it as text. */
struct fcol {
    char expr[64];      /* "i.state" */
    char text_expr[80]; /* decimals compare as Magento prints them */
    enum md_col_kind kind;
};

struct fctx {
    struct arena *a;
    struct md_where *w;
    const char *field; /* as the client wrote it, for messages */
    struct md_fault *f;
};

/* ---- output buffer ---------------------------------------------------------------- */

static int emit(struct fctx *c, const char *s)
{
    struct md_where *w = c->w;
    size_t n = strlen(s);
    if (w->len + n + 1 > w->cap) {
        size_t cap = (w->cap ? w->cap : 256);
        while (cap < w->len + n + 1)
            cap *= 2;
        char *p = arena_alloc(c->a, cap);
        if (!p)
            return md_internal(c->f, "filter: out of memory", NULL);
        memcpy(p, w->sql, w->len);
        w->sql = p;
        w->cap = cap;
    }
    memcpy(w->sql + w->len, s, n + 1);
    w->len += n;
    return 0;
}

__attribute__((format(printf, 2, 3))) static int bad(struct fctx *c, const char *fmt, ...)
{
    char detail[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return md_fault_setf(c->f, MDF_INVALID_FILTER, FILTER_PREFIX "%s", detail);
}

static int add_bind(struct fctx *c, enum md_bind_kind kind, int64_t i, const char *s)
{
    struct md_where *w = c->w;
    if (w->nbinds >= MAX_BINDS)
        return bad(c, "Too many filter values (field \"%.64s\").", c->field);
    if (w->nbinds == w->capbinds) {
        size_t cap = w->capbinds ? w->capbinds * 2 : 16;
        struct md_bind *b = arena_alloc(c->a, cap * sizeof *b);
        if (!b)
            return md_internal(c->f, "filter: out of memory", NULL);
        if (w->nbinds)
            memcpy(b, w->binds, w->nbinds * sizeof *b);
        w->binds = b;
        w->capbinds = cap;
    }
    w->binds[w->nbinds].kind = kind;
    w->binds[w->nbinds].i = i;
    w->binds[w->nbinds].s = s;
    w->nbinds++;
    return emit(c, "?");
}

/* ---- columns ------------------------------------------------------------------------ */

static int find_column(const char *field, struct fcol *col, int *join)
{
    const char *name = NULL;
    col->kind = MDC_INT;
    if (strcasecmp(field, "invoice_id") == 0 || strcasecmp(field, "entity_id") == 0) {
        name = "entity_id"; /* Magento's alias map: invoice_id → entity_id */
    } else if (strcasecmp(field, "order_increment_id") == 0) {
        snprintf(col->expr, sizeof col->expr, "o.increment_id");
        snprintf(col->text_expr, sizeof col->text_expr, "o.increment_id");
        col->kind = MDC_STR;
        *join = 1;
        return 0;
    } else {
        for (size_t i = 0; i < md_invoice_ncols; i++) {
            if (strcasecmp(field, md_invoice_cols[i].name) == 0) {
                name = md_invoice_cols[i].name;
                col->kind = md_invoice_cols[i].kind;
            }
        }
    }
    if (!name)
        return -1;
    snprintf(col->expr, sizeof col->expr, "i.%s", name);
    if (col->kind == MDC_DEC)
        snprintf(col->text_expr, sizeof col->text_expr, "md_dec(i.%s)", name);
    else
        snprintf(col->text_expr, sizeof col->text_expr, "i.%s", name);
    return 0;
}

/* Indexed columns with a handful of distinct values (see md_where.broad). */
static int is_broad(const struct fcol *col)
{
    return !strcmp(col->expr, "i.state") || !strcmp(col->expr, "i.store_id") ||
           !strcmp(col->expr, "i.order_currency_code");
}

static int add_broad(struct fctx *c, size_t start)
{
    struct md_where *w = c->w;
    struct md_span *b = arena_alloc(c->a, (w->nbroad + 1) * sizeof *b);
    if (!b)
        return md_internal(c->f, "filter: out of memory", NULL);
    if (w->nbroad)
        memcpy(b, w->broad, w->nbroad * sizeof *b);
    b[w->nbroad].start = start;
    b[w->nbroad].end = w->len;
    w->broad = b;
    w->nbroad++;
    return 0;
}

/* ---- operands --------------------------------------------------------------------- */

static int is_scalar(const struct val *v)
{
    return !v || (v->t != VAL_LIST && v->t != VAL_MAP);
}

/* "2012-03-30" → "2012-03-30 00:00:00" (the `date`/`datetime` flags of from/to). */
static const char *as_datetime(struct fctx *c, const char *s)
{
    int y, m, d, hh = 0, mi = 0, ss = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
        (s[n] == '\0' || sscanf(s + n, " %2d:%2d:%2d", &hh, &mi, &ss) == 3) && m >= 1 &&
        m <= 12 && d >= 1 && d <= 31 && hh < 24 && mi < 60 && ss < 61)
        return arena_printf(c->a, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mi, ss);
    return NULL;
}

/* Bind one operand compared against col; decimals bind as scaled integers. */
static int operand(struct fctx *c, const struct fcol *col, const struct val *v, int as_date)
{
    if (!is_scalar(v))
        return bad(c, "An array is not a valid value for field \"%.64s\".", c->field);
    if (col->kind == MDC_DEC) {
        int64_t d = 0;
        int ok = 0;
        if (!v || v->t == VAL_NULL)
            ok = 1; /* MySQL compares '' as 0 */
        else if (v->t == VAL_DEC)
            d = v->u.i, ok = 1;
        else if (v->t == VAL_INT)
            ok = v->u.i <= DEC_MAX / DEC_SCALE && v->u.i >= -DEC_MAX / DEC_SCALE,
            d = v->u.i * DEC_SCALE;
        else if (v->t == VAL_BOOL)
            d = v->u.b ? DEC_SCALE : 0, ok = 1;
        else if (v->t == VAL_DOUBLE)
            ok = dec_from_double(v->u.d, &d) == 0;
        else
            ok = v->u.s.n == 0 || dec_parse(v->u.s.p, &d) == 0;
        if (!ok)
            return bad(c, "Field \"%.64s\" needs a number.", c->field);
        return add_bind(c, MDB_INT, d, NULL);
    }
    if (v && (v->t == VAL_INT || v->t == VAL_BOOL) && col->kind == MDC_INT)
        return add_bind(c, MDB_INT, v->t == VAL_INT ? v->u.i : v->u.b, NULL);
    /* Text binds; an INTEGER column applies numeric affinity to them, so
     * '2' matches 2 as MySQL's quoted comparison does. */
    const char *s = val_to_cstr(c->a, v);
    if (!s)
        return md_internal(c->f, "filter: out of memory", NULL);
    if (as_date && col->kind == MDC_STR && !(s = as_datetime(c, s)))
        return bad(c, "Field \"%.64s\" needs a date.", c->field);
    return add_bind(c, MDB_TEXT, 0, s);
}

/* ---- operators ---------------------------------------------------------------------- */

static int op_compare(struct fctx *c, const struct fcol *col, const char *sqlop,
                      const struct val *v, int as_date)
{
    char head[120];
    snprintf(head, sizeof head, "(%s %s ", col->expr, sqlop);
    if (emit(c, head) || operand(c, col, v, as_date))
        return -1;
    return emit(c, ")");
}

static int op_like(struct fctx *c, const struct fcol *col, const struct val *v, int negate)
{
    if (!is_scalar(v))
        return bad(c, "An array is not a valid value for field \"%.64s\".", c->field);
    char head[140];
    snprintf(head, sizeof head, "(%s %sLIKE ", col->text_expr, negate ? "NOT " : "");
    const char *s = val_to_cstr(c->a, v);
    if (!s || emit(c, head) || add_bind(c, MDB_TEXT, 0, s))
        return -1;
    return emit(c, " ESCAPE '\\')"); /* MySQL's default escape character */
}

/* MySQL REGEXP (store.c registers regexp(): POSIX extended, case-
 * insensitive).  A pattern that does not compile is the client's mistake:
 * fault 101 naming the field, before any SQL runs. */
static int op_regexp(struct fctx *c, const struct fcol *col, const struct val *v)
{
    regex_t re;
    if (!is_scalar(v))
        return bad(c, "An array is not a valid value for field \"%.64s\".", c->field);
    const char *s = val_to_cstr(c->a, v);
    if (!s)
        return -1;
    if (regcomp(&re, s, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0)
        return bad(c, "Invalid regular expression for field \"%.64s\".", c->field);
    regfree(&re);
    char head[140];
    snprintf(head, sizeof head, "(%s REGEXP ", col->text_expr);
    if (emit(c, head) || add_bind(c, MDB_TEXT, 0, s))
        return -1;
    return emit(c, ")");
}

/* One IN list element, or several from a comma-separated string (as
 * parseFilters splits in/nin/finset operands). */
static int in_element(struct fctx *c, const struct fcol *col, const struct val *v, int *count)
{
    if (v && v->t == VAL_STR && memchr(v->u.s.p, ',', v->u.s.n)) {
        const char *p = v->u.s.p, *end = p + v->u.s.n;
        while (p <= end) {
            const char *comma = memchr(p, ',', (size_t)(end - p));
            const char *stop = comma ? comma : end;
            struct val *part = val_strn(c->a, p, (size_t)(stop - p));
            if (!part || ((*count)++ && emit(c, ", ")) || operand(c, col, part, 0))
                return -1;
            p = stop + 1;
        }
        return 0;
    }
    if ((*count)++ && emit(c, ", "))
        return -1;
    return operand(c, col, v, 0);
}

static int op_in(struct fctx *c, const struct fcol *col, const struct val *v, int negate)
{
    char head[120];
    int count = 0;
    snprintf(head, sizeof head, "(%s %sIN (", col->expr, negate ? "NOT " : "");
    if (emit(c, head))
        return -1;
    if (v && v->t == VAL_LIST) {
        for (size_t i = 0; i < v->u.list.n; i++)
            if (in_element(c, col, v->u.list.items[i], &count))
                return -1;
    } else if (v && v->t == VAL_MAP) {
        for (size_t i = 0; i < v->u.map.n; i++)
            if (in_element(c, col, v->u.map.kv[i].v, &count))
                return -1;
    } else if (in_element(c, col, v, &count)) {
        return -1;
    }
    if (count == 0) /* IN () matches nothing, NOT IN () everything */
        return emit(c, negate ? "NULL) OR 1)" : "NULL) AND 0)");
    return emit(c, "))");
}

static int op_is(struct fctx *c, const struct fcol *col, const struct val *v)
{
    const char *s = is_scalar(v) ? val_to_cstr(c->a, v) : NULL;
    char buf[120];
    if (!v || v->t == VAL_NULL || (s && strcasecmp(s, "null") == 0))
        snprintf(buf, sizeof buf, "(%s IS NULL)", col->expr);
    else if (s && strcasecmp(s, "not null") == 0)
        snprintf(buf, sizeof buf, "(%s IS NOT NULL)", col->expr);
    else
        return bad(c, "Condition \"is\" of field \"%.64s\" takes NULL or NOT NULL.", c->field);
    return emit(c, buf);
}

static int op_null(struct fctx *c, const struct fcol *col, int not)
{
    char buf[120];
    snprintf(buf, sizeof buf, "(%s IS %sNULL)", col->expr, not ? "NOT " : "");
    return emit(c, buf);
}

static int op_finset(struct fctx *c, const struct fcol *col, const struct val *v)
{
    if (!is_scalar(v))
        return bad(c, "An array is not a valid value for field \"%.64s\".", c->field);
    const char *s = val_to_cstr(c->a, v);
    if (!s)
        return -1;
    if (strchr(s, ',')) /* FIND_IN_SET never matches a needle with a comma */
        return emit(c, "(0)");
    char head[160];
    snprintf(head, sizeof head, "(instr(',' || %s || ',', ',' || ", col->text_expr);
    if (emit(c, head) || add_bind(c, MDB_TEXT, 0, s))
        return -1;
    return emit(c, " || ',') > 0)");
}

/* seq / sneq: an empty operand means NULL / NOT NULL. */
static int op_seq(struct fctx *c, const struct fcol *col, const struct val *v, int negate)
{
    const char *s = is_scalar(v) ? val_to_cstr(c->a, v) : NULL;
    if (s && *s == '\0') /* (string)$value == '' */
        return op_null(c, col, negate);
    return op_compare(c, col, negate ? "!=" : "=", v, 0);
}

/* from / to (either or both), with optional `date`/`datetime` flags. */
static int op_range(struct fctx *c, const struct fcol *col, const struct val *m)
{
    const struct val *from = val_map_get(m, "from"), *to = val_map_get(m, "to");
    int as_date = val_truthy(val_map_get(m, "date")) || val_truthy(val_map_get(m, "datetime"));
    if (from && from->t == VAL_NULL)
        from = NULL;
    if (to && to->t == VAL_NULL)
        to = NULL;
    if (emit(c, "("))
        return -1;
    if (from && op_compare(c, col, ">=", from, as_date))
        return -1;
    if (from && to && emit(c, " AND "))
        return -1;
    if (to && op_compare(c, col, "<=", to, as_date))
        return -1;
    if (!from && !to && emit(c, "1"))
        return -1;
    return emit(c, ")");
}

static const struct {
    const char *name;
    const char *sqlop; /* comparison operators */
} compare_ops[] = {
    {"eq", "="},   {"neq", "!="},  {"gt", ">"},    {"lt", "<"},    {"gteq", ">="},
    {"lteq", "<="}, {"moreq", ">="}, {"from", ">="}, {"to", "<="},
};

/* Apply operator `op` with operand v.  1 = not an operator. */
static int apply_op(struct fctx *c, const struct fcol *col, const char *op, const struct val *v)
{
    for (size_t i = 0; i < sizeof compare_ops / sizeof compare_ops[0]; i++)
        if (strcmp(op, compare_ops[i].name) == 0)
            return op_compare(c, col, compare_ops[i].sqlop, v, 0);
    if (strcmp(op, "like") == 0 || strcmp(op, "nlike") == 0)
        return op_like(c, col, v, op[0] == 'n');
    if (strcmp(op, "in") == 0 || strcmp(op, "nin") == 0)
        return op_in(c, col, v, op[0] == 'n');
    if (strcmp(op, "is") == 0)
        return op_is(c, col, v);
    if (strcmp(op, "notnull") == 0 || strcmp(op, "null") == 0)
        return op_null(c, col, op[0] == 'n' && op[1] == 'o');
    if (strcmp(op, "finset") == 0)
        return op_finset(c, col, v);
    if (strcmp(op, "seq") == 0 || strcmp(op, "sneq") == 0)
        return op_seq(c, col, v, op[1] == 'n');
    if (strcmp(op, "regexp") == 0)
        return op_regexp(c, col, v);
    return 1;
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

/* ---- conditions ---------------------------------------------------------------------- */

static int condition(struct fctx *c, const struct fcol *col, const struct val *v, int depth);

/* An array with no operator key: each element is a condition, OR-ed. */
static int or_list(struct fctx *c, const struct fcol *col, const struct val *v, int depth)
{
    size_t n = v->t == VAL_LIST ? v->u.list.n : v->u.map.n;
    if (n == 0)
        return bad(c, "Empty condition for field \"%.64s\".", c->field);
    if (emit(c, "("))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const struct val *e = v->t == VAL_LIST ? v->u.list.items[i] : v->u.map.kv[i].v;
        if ((i && emit(c, " OR ")) || condition(c, col, e, depth + 1))
            return -1;
    }
    return emit(c, ")");
}

static int condition(struct fctx *c, const struct fcol *col, const struct val *v, int depth)
{
    if (depth > MAX_DEPTH)
        return bad(c, "Condition of field \"%.64s\" is nested too deeply.", c->field);
    if (is_scalar(v))
        return op_compare(c, col, "=", v, 0);
    if (v->t == VAL_LIST)
        return or_list(c, col, v, depth);
    if (v->u.map.n == 0)
        return bad(c, "Empty condition for field \"%.64s\".", c->field);
    const struct val *from = val_map_get(v, "from"), *to = val_map_get(v, "to");
    if ((from && from->t != VAL_NULL) || (to && to->t != VAL_NULL))
        return op_range(c, col, v);
    /* Only the first key decides (prepareSqlCondition uses key($condition)). */
    const char *op = v->u.map.kv[0].key;
    int rc = apply_op(c, col, op, v->u.map.kv[0].v);
    if (rc <= 0)
        return rc;
    if (all_digits(op))
        return or_list(c, col, v, depth);
    return bad(c, "Unknown condition \"%.40s\" for field \"%.64s\".", op, c->field);
}

int md_filter_compile(struct arena *a, const struct val *filters, struct md_where *w,
                      struct md_fault *f)
{
    memset(w, 0, sizeof *w);
    w->sql = "";
    /* parseFilters ignores anything that is not an array. */
    if (!filters || is_scalar(filters))
        return 0;
    struct fctx c = {a, w, NULL, f};
    size_t n = filters->t == VAL_MAP ? filters->u.map.n : filters->u.list.n;
    for (size_t i = 0; i < n; i++) {
        char index[24];
        const struct val *cond;
        if (filters->t == VAL_MAP) {
            c.field = filters->u.map.kv[i].key;
            cond = filters->u.map.kv[i].v;
        } else { /* a list: the keys are 0, 1, ... and name no column */
            snprintf(index, sizeof index, "%zu", i);
            c.field = index;
            cond = filters->u.list.items[i];
        }
        struct fcol col;
        if (find_column(c.field, &col, &w->join_order) != 0)
            return bad(&c, "Unknown filter field \"%.64s\".", c.field);
        if (w->len && emit(&c, " AND "))
            return -1;
        size_t start = w->len;
        if (condition(&c, &col, cond, 0) || (is_broad(&col) && add_broad(&c, start)))
            return -1;
    }
    return 0;
}
