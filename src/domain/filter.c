/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * List filters: Magento's `field => condition` map (Mage_Api_Helper_Data::
 * parseFilters + Varien_Db_Adapter_Pdo_Mysql::prepareSqlCondition)
 * validated into the backend-neutral filter of model.h: whitelisted fields,
 * known operators, typed operands.  The store turns it into its query
 * language with every operand bound.  Anything unknown is fault 101 naming
 * the field or operator, never SQL text (REF answers fault 1 with the raw
 * SQL; this project deliberately does not).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "domain/domain_int.h"
#include "magesoapd/regex.h"
#include "magesoapd/dec.h"

#define FILTER_PREFIX "Invalid filter given. Details in error message. "
#define MAX_VALUES 20000 /* operands per filter (under SQLite's 32766 parameters) */
#define MAX_DEPTH 8

/* A filterable field and how it compares. */
struct fcol {
    int field; /* md_invoice_cols index or MD_FIELD_* */
    enum md_col_kind kind;
};

struct fctx {
    struct arena *a;
    const char *field; /* as the client wrote it, for messages */
    struct md_fault *f;
    size_t nvals;      /* operands so far */
    enum md_entity entity;
    struct md_filter *out;
};

/* A part of the filter Magento ignores: ignored here too, but noted. */
static void ignored(struct fctx *c, const char *what, const char *key)
{
    if (c->out && !c->out->nignored++)
        c->out->ignored = arena_printf(c->a, "%s \"%.40s\" of field \"%.64s\"", what, key,
                                       c->field ? c->field : "");
}

__attribute__((format(printf, 2, 3))) static int bad(struct fctx *c, const char *fmt, ...)
{
    char detail[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    if (c->entity == MD_ENT_ORDER)
        return md_fault_setf(c->f, MDF_ORD_INVALID_FILTER, "%s %s",
                             md_fault_text(MDF_ORD_INVALID_FILTER), detail);
    return md_fault_setf(c->f, MDF_INVALID_FILTER, FILTER_PREFIX "%s", detail);
}

static int oom(struct fctx *c)
{
    return md_internal(c->f, "filter: out of memory", NULL);
}

/* ---- the tree ------------------------------------------------------------------------ */

/* Room for one more element in an arena array of n (capacity: powers of 2). */
static void *grow(struct arena *a, void *arr, size_t n, size_t size)
{
    if (n && (n & (n - 1)) != 0)
        return arr; /* not full: n is no power of 2 */
    char *p = arena_alloc(a, (n ? 2 * n : 1) * size);
    if (p && n)
        memcpy(p, arr, n * size);
    return p;
}

static struct md_fcond *node(struct fctx *c, enum md_fop op, const struct fcol *col)
{
    struct md_fcond *n = arena_alloc(c->a, sizeof *n);
    if (!n) {
        oom(c);
        return NULL;
    }
    memset(n, 0, sizeof *n);
    n->op = op;
    n->field = col ? col->field : 0;
    return n;
}

static int add_kid(struct fctx *c, struct md_fcond *parent, const struct md_fcond *kid)
{
    struct md_fcond *k = grow(c->a, parent->kids, parent->nkids, sizeof *k);
    if (!k)
        return oom(c);
    k[parent->nkids++] = *kid;
    parent->kids = k;
    return 0;
}

static int add_val(struct fctx *c, struct md_fcond *n, enum md_fval_kind kind, int64_t i,
                   const char *s)
{
    if (c->nvals >= MAX_VALUES)
        return bad(c, "Too many filter values (field \"%.64s\").", c->field);
    struct md_fval *v = grow(c->a, n->vals, n->nvals, sizeof *v);
    if (!v)
        return oom(c);
    v[n->nvals].kind = kind;
    v[n->nvals].i = i;
    v[n->nvals].s = s;
    n->vals = v;
    n->nvals++;
    c->nvals++;
    return 0;
}

/* ---- columns ------------------------------------------------------------------------ */

/* sales_order: order_id (Magento's alias map) or entity_id, and the order
 * table's own columns. */
static int find_order_column(const char *field, struct fcol *col)
{
    col->kind = MDC_INT;
    if (strcasecmp(field, "order_id") == 0 || strcasecmp(field, "entity_id") == 0) {
        col->field = MD_FIELD_ENTITY_ID;
        return 0;
    }
    for (size_t i = 0; i < md_order_ncols; i++) {
        if (strcasecmp(field, md_order_cols[i].name) == 0) {
            col->field = (int)i;
            col->kind = md_order_cols[i].kind;
            return 0;
        }
    }
    return -1;
}

static int find_column(enum md_entity entity, const char *field, struct fcol *col)
{
    if (entity == MD_ENT_ORDER)
        return find_order_column(field, col);
    col->kind = MDC_INT;
    if (strcasecmp(field, "invoice_id") == 0 || strcasecmp(field, "entity_id") == 0) {
        col->field = MD_FIELD_ENTITY_ID; /* Magento's alias map: invoice_id → entity_id */
        return 0;
    }
    if (strcasecmp(field, "order_increment_id") == 0) {
        col->field = MD_FIELD_ORDER_INC;
        col->kind = MDC_STR;
        return 0;
    }
    for (size_t i = 0; i < md_invoice_ncols; i++) {
        if (strcasecmp(field, md_invoice_cols[i].name) == 0) {
            col->field = (int)i;
            col->kind = md_invoice_cols[i].kind;
            return 0;
        }
    }
    return -1;
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

/* One operand compared against col; decimals as scaled integers. */
static int operand(struct fctx *c, const struct fcol *col, struct md_fcond *n,
                   const struct val *v, int as_date)
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
        return add_val(c, n, MDV_INT, d, NULL);
    }
    if (v && (v->t == VAL_INT || v->t == VAL_BOOL) && col->kind == MDC_INT)
        return add_val(c, n, MDV_INT, v->t == VAL_INT ? v->u.i : v->u.b, NULL);
    /* Text operands; an integer column compares them numerically, so '2'
     * matches 2 as MySQL's quoted comparison does. */
    const char *s = val_to_cstr(c->a, v);
    if (!s)
        return oom(c);
    if (as_date && col->kind == MDC_STR && !(s = as_datetime(c, s)))
        return bad(c, "Field \"%.64s\" needs a date.", c->field);
    return add_val(c, n, MDV_TEXT, 0, s);
}

/* One text operand, as the client sent it. */
static int text_operand(struct fctx *c, struct md_fcond *n, const struct val *v)
{
    if (!is_scalar(v))
        return bad(c, "An array is not a valid value for field \"%.64s\".", c->field);
    const char *s = val_to_cstr(c->a, v);
    if (!s)
        return oom(c);
    return add_val(c, n, MDV_TEXT, 0, s);
}

/* ---- operators ---------------------------------------------------------------------- */

static int op_compare(struct fctx *c, const struct fcol *col, enum md_fop op,
                      const struct val *v, int as_date, struct md_fcond *out)
{
    struct md_fcond *n = node(c, op, col);
    if (!n || operand(c, col, n, v, as_date))
        return -1;
    *out = *n;
    return 0;
}

static int op_text(struct fctx *c, const struct fcol *col, enum md_fop op, const struct val *v,
                   struct md_fcond *out)
{
    struct md_fcond *n = node(c, op, col);
    if (!n || text_operand(c, n, v))
        return -1;
    *out = *n;
    return 0;
}

/* MySQL REGEXP (the store's regexp: PCRE2 with hard limits, regex.h).  A
 * pattern that does not compile (or is longer than MD_REGEX_MAX_PATTERN) is
 * the client's mistake: fault 101 naming the field, before any query runs. */
static int op_regexp(struct fctx *c, const struct fcol *col, const struct val *v,
                     struct md_fcond *out)
{
    struct md_regex *re;
    if (!is_scalar(v))
        return bad(c, "An array is not a valid value for field \"%.64s\".", c->field);
    const char *s = val_to_cstr(c->a, v);
    if (!s)
        return oom(c);
    if (!(re = md_regex_compile(s, strlen(s))))
        return bad(c, "Invalid regular expression for field \"%.64s\".", c->field);
    md_regex_free(re);
    return op_text(c, col, MDF_REGEXP, v, out);
}

/* One IN list element, or several from a comma-separated string (as
 * parseFilters splits in/nin/finset operands). */
static int in_element(struct fctx *c, const struct fcol *col, struct md_fcond *n,
                      const struct val *v)
{
    if (v && v->t == VAL_STR && memchr(v->u.s.p, ',', v->u.s.n)) {
        const char *p = v->u.s.p, *end = p + v->u.s.n;
        while (p <= end) {
            const char *comma = memchr(p, ',', (size_t)(end - p));
            const char *stop = comma ? comma : end;
            struct val *part = val_strn(c->a, p, (size_t)(stop - p));
            if (!part)
                return oom(c);
            if (operand(c, col, n, part, 0))
                return -1;
            p = stop + 1;
        }
        return 0;
    }
    return operand(c, col, n, v, 0);
}

static int op_in(struct fctx *c, const struct fcol *col, const struct val *v, int negate,
                 struct md_fcond *out)
{
    struct md_fcond *n = node(c, negate ? MDF_NIN : MDF_IN, col);
    if (!n)
        return -1;
    if (v && v->t == VAL_LIST) {
        for (size_t i = 0; i < v->u.list.n; i++)
            if (in_element(c, col, n, v->u.list.items[i]))
                return -1;
    } else if (v && v->t == VAL_MAP) {
        for (size_t i = 0; i < v->u.map.n; i++)
            if (in_element(c, col, n, v->u.map.kv[i].v))
                return -1;
    } else if (in_element(c, col, n, v)) {
        return -1;
    }
    *out = *n;
    return 0;
}

static int op_null(struct fctx *c, const struct fcol *col, int not, struct md_fcond *out)
{
    struct md_fcond *n = node(c, not ? MDF_NOTNULL : MDF_NULL, col);
    if (!n)
        return -1;
    *out = *n;
    return 0;
}

static int op_is(struct fctx *c, const struct fcol *col, const struct val *v,
                 struct md_fcond *out)
{
    const char *s = is_scalar(v) ? val_to_cstr(c->a, v) : NULL;
    if (!v || v->t == VAL_NULL || (s && strcasecmp(s, "null") == 0))
        return op_null(c, col, 0, out);
    if (s && strcasecmp(s, "not null") == 0)
        return op_null(c, col, 1, out);
    return bad(c, "Condition \"is\" of field \"%.64s\" takes NULL or NOT NULL.", c->field);
}

static int op_finset(struct fctx *c, const struct fcol *col, const struct val *v,
                     struct md_fcond *out)
{
    if (!is_scalar(v))
        return bad(c, "An array is not a valid value for field \"%.64s\".", c->field);
    const char *s = val_to_cstr(c->a, v);
    if (!s)
        return oom(c);
    if (strchr(s, ',')) { /* FIND_IN_SET never matches a needle with a comma */
        struct md_fcond *n = node(c, MDF_FALSE, col);
        if (!n)
            return -1;
        *out = *n;
        return 0;
    }
    return op_text(c, col, MDF_FINSET, v, out);
}

/* seq / sneq: an empty operand means NULL / NOT NULL. */
static int op_seq(struct fctx *c, const struct fcol *col, const struct val *v, int negate,
                  struct md_fcond *out)
{
    const char *s = is_scalar(v) ? val_to_cstr(c->a, v) : NULL;
    if (s && *s == '\0') /* (string)$value == '' */
        return op_null(c, col, negate, out);
    return op_compare(c, col, negate ? MDF_NEQ : MDF_EQ, v, 0, out);
}

/* from / to (either or both), with optional `date`/`datetime` flags. */
static int op_range(struct fctx *c, const struct fcol *col, const struct val *m,
                    struct md_fcond *out)
{
    const struct val *from = val_map_get(m, "from"), *to = val_map_get(m, "to");
    for (size_t i = 0; i < m->u.map.n; i++) {
        const char *k = m->u.map.kv[i].key;
        if (strcmp(k, "from") && strcmp(k, "to") && strcmp(k, "date") && strcmp(k, "datetime"))
            ignored(c, "key beside from/to", k);
    }
    int as_date = val_truthy(val_map_get(m, "date")) || val_truthy(val_map_get(m, "datetime"));
    struct md_fcond *n = node(c, MDF_AND, col), kid;
    if (!n)
        return -1;
    if (from && from->t == VAL_NULL)
        from = NULL;
    if (to && to->t == VAL_NULL)
        to = NULL;
    if (from && (op_compare(c, col, MDF_GTEQ, from, as_date, &kid) || add_kid(c, n, &kid)))
        return -1;
    if (to && (op_compare(c, col, MDF_LTEQ, to, as_date, &kid) || add_kid(c, n, &kid)))
        return -1;
    *out = *n;
    return 0;
}

static const struct {
    const char *name;
    enum md_fop op; /* comparison operators */
} compare_ops[] = {
    {"eq", MDF_EQ},     {"neq", MDF_NEQ},    {"gt", MDF_GT},       {"lt", MDF_LT},
    {"gteq", MDF_GTEQ}, {"lteq", MDF_LTEQ},  {"moreq", MDF_GTEQ}, {"from", MDF_GTEQ},
    {"to", MDF_LTEQ},
};

/* Apply operator `op` with operand v.  1 = not an operator. */
static int apply_op(struct fctx *c, const struct fcol *col, const char *op, const struct val *v,
                    struct md_fcond *out)
{
    for (size_t i = 0; i < sizeof compare_ops / sizeof compare_ops[0]; i++)
        if (strcmp(op, compare_ops[i].name) == 0)
            return op_compare(c, col, compare_ops[i].op, v, 0, out);
    if (strcmp(op, "like") == 0 || strcmp(op, "nlike") == 0)
        return op_text(c, col, op[0] == 'n' ? MDF_NLIKE : MDF_LIKE, v, out);
    if (strcmp(op, "in") == 0 || strcmp(op, "nin") == 0)
        return op_in(c, col, v, op[0] == 'n', out);
    if (strcmp(op, "is") == 0)
        return op_is(c, col, v, out);
    if (strcmp(op, "notnull") == 0 || strcmp(op, "null") == 0)
        return op_null(c, col, op[0] == 'n' && op[1] == 'o', out);
    if (strcmp(op, "finset") == 0)
        return op_finset(c, col, v, out);
    if (strcmp(op, "seq") == 0 || strcmp(op, "sneq") == 0)
        return op_seq(c, col, v, op[1] == 'n', out);
    if (strcmp(op, "regexp") == 0)
        return op_regexp(c, col, v, out);
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

static int condition(struct fctx *c, const struct fcol *col, const struct val *v, int depth,
                     struct md_fcond *out);

/* An array with no operator key: each element is a condition, OR-ed. */
static int or_list(struct fctx *c, const struct fcol *col, const struct val *v, int depth,
                   struct md_fcond *out)
{
    size_t n = v->t == VAL_LIST ? v->u.list.n : v->u.map.n;
    if (n == 0)
        return bad(c, "Empty condition for field \"%.64s\".", c->field);
    struct md_fcond *or = node(c, MDF_OR, col), kid;
    if (!or)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const struct val *e = v->t == VAL_LIST ? v->u.list.items[i] : v->u.map.kv[i].v;
        if (condition(c, col, e, depth + 1, &kid) || add_kid(c, or, &kid))
            return -1;
    }
    *out = *or;
    return 0;
}

static int condition(struct fctx *c, const struct fcol *col, const struct val *v, int depth,
                     struct md_fcond *out)
{
    if (depth > MAX_DEPTH)
        return bad(c, "Condition of field \"%.64s\" is nested too deeply.", c->field);
    if (is_scalar(v))
        return op_compare(c, col, MDF_EQ, v, 0, out);
    if (v->t == VAL_LIST)
        return or_list(c, col, v, depth, out);
    if (v->u.map.n == 0)
        return bad(c, "Empty condition for field \"%.64s\".", c->field);
    const struct val *from = val_map_get(v, "from"), *to = val_map_get(v, "to");
    if ((from && from->t != VAL_NULL) || (to && to->t != VAL_NULL))
        return op_range(c, col, v, out);
    /* Only the first key decides (prepareSqlCondition uses key($condition)). */
    const char *op = v->u.map.kv[0].key;
    int rc = apply_op(c, col, op, v->u.map.kv[0].v, out);
    if (rc < 0)
        return rc;
    if (rc == 0) {
        for (size_t i = 1; i < v->u.map.n; i++)
            ignored(c, "condition after the first", v->u.map.kv[i].key);
        return 0;
    }
    if (all_digits(op))
        return or_list(c, col, v, depth, out);
    return bad(c, "Unknown condition \"%.40s\" for field \"%.64s\".", op, c->field);
}

int md_filter_compile(struct arena *a, const struct val *filters, struct md_filter *out,
                      struct md_fault *f)
{
    return md_filter_compile_for(a, MD_ENT_INVOICE, filters, out, f);
}

int md_filter_compile_for(struct arena *a, enum md_entity entity, const struct val *filters,
                          struct md_filter *out, struct md_fault *f)
{
    memset(out, 0, sizeof *out);
    out->entity = entity;
    struct fctx c = {a, NULL, f, 0, entity, out};
    /* parseFilters ignores anything that is not an array. */
    if (filters && is_scalar(filters) && filters->t != VAL_NULL &&
        !(filters->t == VAL_STR && filters->u.s.n == 0)) {
        out->nignored = 1;
        out->ignored = "a filters argument that is no array";
    }
    if (!filters || is_scalar(filters))
        return 0;
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
        if (find_column(entity, c.field, &col) != 0)
            return bad(&c, "Unknown filter field \"%.64s\".", c.field);
        struct md_fcond top;
        if (condition(&c, &col, cond, 0, &top) != 0)
            return -1;
        top.field = col.field;
        struct md_fcond *conds = grow(a, out->conds, out->n, sizeof *conds);
        if (!conds)
            return oom(&c);
        conds[out->n++] = top;
        out->conds = conds;
    }
    return 0;
}
