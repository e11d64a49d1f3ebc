/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Order import, pass 1: the JSON document checked field by field against
 * the tables below (docs/order-import.md), defaults applied and the order
 * totals computed.  Every message names the order (increment_id or
 * position) and the field.  No database access here.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tools/import_int.h"
#include "magesoapd/dec.h"

enum ft {
    T_STR,   /* string (null = absent) */
    T_ID,    /* integer > 0 */
    T_UINT,  /* integer >= 0 */
    T_AMT,   /* number >= 0 */
    T_RATE,  /* number > 0 */
    T_QTY,   /* number > 0 */
    T_BOOL,  /* true/false (or 0/1) */
    T_DATE,  /* "YYYY-MM-DD HH:MM:SS" */
    T_STATE, /* an accepted order state */
    T_CUR,   /* three capital letters */
    T_NEST,  /* object/array handled by the caller */
};

struct fspec {
    const char *name;
    enum ft t;
    size_t off;
    int required;
};

#define O(f, t, r) {#f, t, offsetof(struct imp_order, f), r}
#define N(f) {#f, T_NEST, 0, 0}
static const struct fspec order_spec[] = {
    {"increment_id", T_STR, offsetof(struct imp_order, inc), 1},
    O(order_id, T_ID, 0),
    O(store_id, T_UINT, 0),
    O(created_at, T_DATE, 0),
    O(state, T_STATE, 0),
    O(status, T_STR, 0),
    O(customer_email, T_STR, 0),
    O(customer_firstname, T_STR, 0),
    O(customer_lastname, T_STR, 0),
    O(order_currency_code, T_CUR, 0),
    O(base_currency_code, T_CUR, 0),
    O(store_currency_code, T_CUR, 0),
    O(global_currency_code, T_CUR, 0),
    O(base_to_order_rate, T_RATE, 0),
    O(base_to_global_rate, T_RATE, 0),
    O(store_to_order_rate, T_RATE, 0),
    O(store_to_base_rate, T_RATE, 0),
    O(shipping_amount, T_AMT, 0),
    O(shipping_tax_amount, T_AMT, 0),
    O(discount_amount, T_AMT, 0),
    O(discount_description, T_STR, 0),
    O(customer_id, T_ID, 0),
    O(customer_group_id, T_UINT, 0),
    O(customer_is_guest, T_BOOL, 0),
    O(customer_gender, T_UINT, 0),
    O(customer_middlename, T_STR, 0),
    O(customer_prefix, T_STR, 0),
    O(customer_suffix, T_STR, 0),
    O(customer_dob, T_STR, 0),
    O(customer_taxvat, T_STR, 0),
    O(customer_note, T_STR, 0),
    O(remote_ip, T_STR, 0),
    O(store_name, T_STR, 0),
    O(shipping_method, T_STR, 0),
    O(shipping_description, T_STR, 0),
    N(status_history),
    N(payment),
    N(billing_address),
    N(shipping_address),
    N(items),
};

#define I(f, t, r) {#f, t, offsetof(struct imp_item, f), r}
static const struct fspec item_spec[] = {
    I(item_id, T_ID, 0),        I(product_id, T_ID, 0),        I(product_type, T_STR, 0),
    I(sku, T_STR, 0),           I(name, T_STR, 0),             I(description, T_STR, 0),
    I(qty_ordered, T_QTY, 1),   I(is_qty_decimal, T_BOOL, 0),  I(price, T_AMT, 1),
    I(tax_amount, T_AMT, 0),    I(tax_percent, T_AMT, 0),      I(discount_amount, T_AMT, 0),
    I(weight, T_AMT, 0),        I(parent_item_id, T_ID, 0),
};

#define A(f, r) {#f, T_STR, offsetof(struct imp_addr, f), r}
static const struct fspec addr_spec[] = {
    A(firstname, 1), A(middlename, 0), A(lastname, 1), A(street, 0),    A(city, 0),
    A(region, 0),    A(postcode, 0),   A(country_id, 0), A(telephone, 0), A(email, 0),
    A(prefix, 0),    A(suffix, 0),     A(company, 0),    A(fax, 0),
    {"region_id", T_ID, offsetof(struct imp_addr, region_id), 0},
};

#define H(f, t) {#f, t, offsetof(struct imp_history, f), 0}
static const struct fspec hist_spec[] = {
    {"status", T_STR, offsetof(struct imp_history, status), 1},
    H(comment, T_STR),
    H(created_at, T_DATE),
    H(is_customer_notified, T_BOOL),
};

#define P(f, t, r) {#f, t, offsetof(struct imp_payment, f), r}
static const struct fspec pay_spec[] = {
    P(method, T_STR, 1),     P(is_gateway, T_BOOL, 0), P(can_capture, T_BOOL, 0),
    P(can_capture_partial, T_BOOL, 0), P(can_void, T_BOOL, 0), P(decline, T_STR, 0),
    P(po_number, T_STR, 0),  P(cc_type, T_STR, 0),     P(cc_owner, T_STR, 0),
    P(cc_last4, T_STR, 0),   P(cc_exp_month, T_STR, 0), P(cc_exp_year, T_STR, 0),
};

#define NSPEC(s) (sizeof(s) / sizeof((s)[0]))

/* ---- diagnostics -------------------------------------------------------------------- */

struct pctx {
    struct arena *a;
    const struct imp_order *order; /* for "order ... :" */
    const char *section;           /* "" or "items[2]." */
    char *err;
    size_t errlen;
};

__attribute__((format(printf, 3, 4))) static int fail(struct pctx *p, const char *field,
                                                      const char *fmt, ...)
{
    char where[96], what[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (p->order)
        imp_where(p->order, where, sizeof where);
    else
        snprintf(where, sizeof where, "document");
    if (field)
        snprintf(p->err, p->errlen, "%s: %s%s: %s", where, p->section, field, what);
    else
        snprintf(p->err, p->errlen, "%s: %s", where, what);
    return -1;
}

/* ---- values --------------------------------------------------------------------------- */

static int number(const json_t *v, int64_t *out)
{
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (i > DEC_MAX / DEC_SCALE || i < -DEC_MAX / DEC_SCALE)
            return -1;
        *out = (int64_t)i * DEC_SCALE;
        return 0;
    }
    if (json_is_real(v))
        return dec_from_double(json_real_value(v), out);
    return -1;
}

static int valid_state(const char *s)
{
    static const char *const states[] = {"new",    "processing", "holded", "payment_review",
                                         "complete", "closed",   "canceled"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcmp(states[i], s) == 0)
            return 1;
    return 0;
}

static int valid_currency(const char *s)
{
    return strlen(s) == 3 && isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]) &&
           isupper((unsigned char)s[2]);
}

static int set_string(struct pctx *p, const struct fspec *f, const json_t *v, void *obj)
{
    const char *s = json_string_value(v);
    if (!s)
        return fail(p, f->name, "must be a string");
    if ((f->t == T_DATE && md_parse_time(s, &(int64_t){0}) != 0))
        return fail(p, f->name, "must be a date \"YYYY-MM-DD HH:MM:SS\" (UTC)");
    if (f->t == T_STATE && !valid_state(s))
        return fail(p, f->name, "\"%s\" is not an accepted state (new, processing, holded, "
                                "payment_review, complete, closed, canceled)", s);
    if (f->t == T_CUR && !valid_currency(s))
        return fail(p, f->name, "must be a three-letter currency code such as \"USD\"");
    const char *copy = arena_strdup(p->a, s);
    if (!copy)
        return fail(p, f->name, "out of memory");
    memcpy((char *)obj + f->off, &copy, sizeof copy);
    return 0;
}

static int set_number(struct pctx *p, const struct fspec *f, const json_t *v, void *obj)
{
    int64_t x = 0;
    switch (f->t) {
    case T_ID:
    case T_UINT:
        if (!json_is_integer(v) || json_integer_value(v) < (f->t == T_ID ? 1 : 0))
            return fail(p, f->name, "must be an integer %s", f->t == T_ID ? "> 0" : ">= 0");
        x = (int64_t)json_integer_value(v);
        break;
    case T_BOOL:
        if (json_is_boolean(v))
            x = json_is_true(v);
        else if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1))
            x = json_integer_value(v);
        else
            return fail(p, f->name, "must be true or false");
        break;
    default: /* amounts, rates, quantities */
        if (!json_is_number(v))
            return fail(p, f->name, "must be a number");
        if (number(v, &x) != 0)
            return fail(p, f->name, "is out of range: at most 99999999.9999 (Magento's "
                                    "decimal(12,4))");
        if (x < 0 || (x == 0 && (f->t == T_RATE || f->t == T_QTY)))
            return fail(p, f->name, "must be %s 0", f->t == T_AMT ? ">=" : ">");
        break;
    }
    memcpy((char *)obj + f->off, &x, sizeof x);
    return 0;
}

/* Apply an object's keys through spec; unknown keys are refused by name;
 * T_NEST keys are left to the caller; null means "absent". */
static int parse_fields(struct pctx *p, const json_t *obj, const struct fspec *spec, size_t n,
                        void *dst)
{
    const char *key;
    json_t *v;
    if (!json_is_object(obj)) {
        size_t len = strlen(p->section);
        return fail(p, NULL, "%.*s must be an object", len ? (int)len - 1 : 5,
                    len ? p->section : "order");
    }
    json_object_foreach((json_t *)obj, key, v) {
        const struct fspec *f = NULL;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(spec[i].name, key) == 0)
                f = &spec[i];
        }
        if (!f) {
            char field[160];
            snprintf(field, sizeof field, "%s%s", p->section, key);
            return fail(p, NULL, "unknown field \"%s\"", field);
        }
        if (f->t == T_NEST || json_is_null(v))
            continue;
        int bad = f->t == T_STR || f->t == T_DATE || f->t == T_STATE || f->t == T_CUR
                      ? set_string(p, f, v, dst)
                      : set_number(p, f, v, dst);
        if (bad)
            return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const char *name = spec[i].name;
        json_t *x = json_object_get(obj, name);
        if (spec[i].required && (!x || json_is_null(x) ||
                                 (json_is_string(x) && !*json_string_value(x))))
            return fail(p, name, "is required");
    }
    return 0;
}

/* ---- sections ---------------------------------------------------------------------------- */

static int parse_payment(struct pctx *p, const json_t *v, struct imp_payment *pay)
{
    pay->is_gateway = pay->can_capture = pay->can_capture_partial = pay->can_void = -1;
    p->section = "";
    if (!v || json_is_null(v))
        return fail(p, "payment", "is required");
    p->section = "payment.";
    if (parse_fields(p, v, pay_spec, NSPEC(pay_spec), pay) != 0)
        return -1;
    const struct md_pay_profile *prof = md_pay_profile_find(pay->method);
    int given = pay->is_gateway >= 0 || pay->can_capture >= 0 || pay->can_capture_partial >= 0 ||
                pay->can_void >= 0;
    if (!prof && !given)
        return fail(p, "method",
                    "unknown payment method \"%s\" (use a known code or give is_gateway, "
                    "can_capture, can_capture_partial and can_void)",
                    pay->method);
    /* The method's profile, overridden by any flag given. */
    int64_t *flags[] = {&pay->is_gateway, &pay->can_capture, &pay->can_capture_partial,
                        &pay->can_void};
    int defaults[] = {prof ? prof->is_gateway : 0, prof ? prof->can_capture : 0,
                      prof ? prof->can_capture_partial : 0, prof ? prof->can_void : 0};
    for (int i = 0; i < 4; i++)
        if (*flags[i] < 0)
            *flags[i] = defaults[i];
    if (pay->decline && strcmp(pay->decline, "capture") != 0 && strcmp(pay->decline, "void") != 0)
        return fail(p, "decline", "must be \"capture\" or \"void\"");
    return 0;
}

/* status_history: an optional array of {status, comment, created_at,
 * is_customer_notified}, oldest first. */
static int parse_history(struct pctx *p, const json_t *v, const char *now, struct imp_order *o)
{
    p->section = "";
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v))
        return fail(p, "status_history", "must be an array");
    o->nhistory = json_array_size(v);
    o->history = arena_alloc(p->a, (o->nhistory ? o->nhistory : 1) * sizeof *o->history);
    if (!o->history)
        return fail(p, NULL, "out of memory");
    for (size_t i = 0; i < o->nhistory; i++) {
        char section[48];
        struct imp_history *h = &o->history[i];
        memset(h, 0, sizeof *h);
        h->is_customer_notified = MD_NULL;
        snprintf(section, sizeof section, "status_history[%zu].", i);
        p->section = section;
        if (parse_fields(p, json_array_get(v, i), hist_spec, NSPEC(hist_spec), h) != 0)
            return -1;
        if (!h->created_at)
            h->created_at = o->created_at ? o->created_at : arena_strdup(p->a, now);
    }
    p->section = "";
    return 0;
}

static int parse_address(struct pctx *p, const json_t *v, const char *section,
                         struct imp_addr *addr)
{
    p->section = section;
    addr->present = 1;
    addr->region_id = MD_NULL;
    return parse_fields(p, v, addr_spec, NSPEC(addr_spec), addr);
}

static int parse_item(struct pctx *p, const json_t *v, size_t idx, struct imp_item *it)
{
    char section[40];
    snprintf(section, sizeof section, "items[%zu].", idx);
    p->section = section;
    it->product_id = MD_NULL;
    it->weight = MD_NULL;
    if (parse_fields(p, v, item_spec, NSPEC(item_spec), it) != 0)
        return -1;
    if (!it->is_qty_decimal && it->qty_ordered % DEC_SCALE != 0)
        return fail(p, "qty_ordered", "a fraction needs \"is_qty_decimal\": true");
    if (!it->product_type)
        it->product_type = "simple";
    it->is_virtual = strcmp(it->product_type, "virtual") == 0 ||
                     strcmp(it->product_type, "downloadable") == 0;
    p->section = "";
    return 0;
}

static int parse_items(struct pctx *p, const json_t *v, struct imp_order *o)
{
    if (!json_is_array(v) || json_array_size(v) == 0)
        return fail(p, "items", "must be a list of at least one item");
    o->nitems = json_array_size(v);
    o->items = arena_alloc(p->a, o->nitems * sizeof *o->items);
    if (!o->items)
        return fail(p, "items", "out of memory");
    for (size_t i = 0; i < o->nitems; i++)
        if (parse_item(p, json_array_get(v, i), i, &o->items[i]) != 0)
            return -1;
    /* parent_item_id names another item of this order. */
    for (size_t i = 0; i < o->nitems; i++) {
        int64_t parent = o->items[i].parent_item_id, found = 0;
        if (!parent)
            continue;
        for (size_t j = 0; j < o->nitems; j++)
            found |= j != i && o->items[j].item_id == parent;
        if (!found) {
            char field[48];
            snprintf(field, sizeof field, "items[%zu].parent_item_id", i);
            return fail(p, field, "%lld is not the item_id of another item of this order",
                        (long long)parent);
        }
    }
    return 0;
}

/* ---- totals ------------------------------------------------------------------------------ */

/* Checked arithmetic for the computed totals: the first result outside
 * decimal(12,4) is remembered by the name of the column it was for. */
struct calc {
    const char *bad;
};

static int64_t c_check(struct calc *c, const char *name, int ok, int64_t v)
{
    if (!ok && !c->bad)
        c->bad = name;
    return ok ? v : 0;
}

static int64_t c_muldiv(struct calc *c, const char *name, int64_t v, int64_t num, int64_t den)
{
    int64_t out = 0;
    int ok = dec_muldiv(v, num, den, &out) == 0;
    return c_check(c, name, ok, out);
}

static int64_t c_round2(struct calc *c, const char *name, int64_t v)
{
    int64_t out = 0;
    int ok = dec_round2_checked(v, &out) == 0;
    return c_check(c, name, ok, out);
}

static int64_t c_add(struct calc *c, const char *name, int64_t a, int64_t b)
{
    int64_t out = 0;
    int ok = dec_add(a, b, &out) == 0;
    return c_check(c, name, ok, out);
}

static int64_t to_base(struct calc *c, const char *name, int64_t v, int64_t rate)
{
    return c_round2(c, name, c_muldiv(c, name, v, DEC_SCALE, rate));
}

static int out_of_range(struct pctx *p, const char *name)
{
    return fail(p, name, "would be out of range: amounts and quantities are limited to "
                         "99999999.9999 (Magento's decimal(12,4))");
}

static int item_totals(struct pctx *p, struct imp_item *it, int64_t rate)
{
    struct calc c = {NULL};
    it->row_total = c_round2(&c, "row_total (price x qty_ordered)",
                             c_muldiv(&c, "row_total (price x qty_ordered)", it->price,
                                      it->qty_ordered, DEC_SCALE));
    it->price_incl_tax = c_round2(
        &c, "price_incl_tax",
        c_add(&c, "price_incl_tax", it->price,
              c_muldiv(&c, "price_incl_tax", it->tax_amount, DEC_SCALE, it->qty_ordered)));
    it->row_total_incl_tax = c_add(&c, "row_total_incl_tax", it->row_total, it->tax_amount);
    it->base_price = to_base(&c, "base_price", it->price, rate);
    it->base_price_incl_tax = to_base(&c, "base_price_incl_tax", it->price_incl_tax, rate);
    it->base_row_total = to_base(&c, "base_row_total", it->row_total, rate);
    it->base_row_total_incl_tax =
        to_base(&c, "base_row_total_incl_tax", it->row_total_incl_tax, rate);
    it->base_tax_amount = to_base(&c, "base_tax_amount", it->tax_amount, rate);
    it->base_discount_amount = to_base(&c, "base_discount_amount", it->discount_amount, rate);
    return c.bad ? out_of_range(p, c.bad) : 0;
}

/* Sums over the items, each checked. */
struct item_sums {
    int64_t tax, base_tax, disc, base_disc;
};

static int sum_items(struct pctx *p, struct imp_order *o, struct item_sums *is)
{
    struct imp_totals *t = &o->t;
    struct calc c = {NULL};
    char section[40];
    for (size_t i = 0; i < o->nitems && !c.bad; i++) {
        struct imp_item *it = &o->items[i];
        snprintf(section, sizeof section, "items[%zu].", i);
        p->section = section;
        if (item_totals(p, it, o->base_to_order_rate) != 0)
            return -1;
        p->section = "";
        t->subtotal = c_add(&c, "subtotal", t->subtotal, it->row_total);
        t->base_subtotal = c_add(&c, "base_subtotal", t->base_subtotal, it->base_row_total);
        is->tax = c_add(&c, "tax_amount", is->tax, it->tax_amount);
        is->base_tax = c_add(&c, "base_tax_amount", is->base_tax, it->base_tax_amount);
        is->disc = c_add(&c, "discount_amount", is->disc, it->discount_amount);
        is->base_disc = c_add(&c, "base_discount_amount", is->base_disc, it->base_discount_amount);
        t->total_qty_ordered =
            c_add(&c, "total_qty_ordered", t->total_qty_ordered, it->qty_ordered);
    }
    p->section = "";
    return c.bad ? out_of_range(p, c.bad) : 0;
}

static int order_totals(struct pctx *p, struct imp_order *o)
{
    struct imp_totals *t = &o->t;
    struct item_sums is = {0, 0, 0, 0};
    struct calc c = {NULL};
    int64_t rate = o->base_to_order_rate;
    memset(t, 0, sizeof *t);
    if (sum_items(p, o, &is) != 0)
        return -1;
    /* The order's discount covers the items' discounts; the rest is the
     * shipping discount.  Not given: the items' discounts. */
    int64_t disc = o->discount_amount ? o->discount_amount : is.disc;
    if (disc < is.disc)
        return fail(p, "discount_amount", "is less than the sum of the items' discount_amount");
    t->shipping_discount_amount = disc - is.disc; /* both in range and >= 0 */
    t->base_shipping_discount_amount =
        to_base(&c, "base_shipping_discount_amount", t->shipping_discount_amount, rate);
    t->discount_amount = -disc;
    t->base_discount_amount = -c_add(&c, "base_discount_amount", is.base_disc,
                                     t->base_shipping_discount_amount);
    t->subtotal_incl_tax = c_add(&c, "subtotal_incl_tax", t->subtotal, is.tax);
    t->base_subtotal_incl_tax = c_add(&c, "base_subtotal_incl_tax", t->base_subtotal, is.base_tax);
    t->base_shipping_amount = to_base(&c, "base_shipping_amount", o->shipping_amount, rate);
    t->base_shipping_tax_amount =
        to_base(&c, "base_shipping_tax_amount", o->shipping_tax_amount, rate);
    t->shipping_incl_tax =
        c_add(&c, "shipping_incl_tax", o->shipping_amount, o->shipping_tax_amount);
    t->base_shipping_incl_tax = c_add(&c, "base_shipping_incl_tax", t->base_shipping_amount,
                                      t->base_shipping_tax_amount);
    t->tax_amount = c_add(&c, "tax_amount", is.tax, o->shipping_tax_amount);
    t->base_tax_amount = c_add(&c, "base_tax_amount", is.base_tax, t->base_shipping_tax_amount);
    /* four in-range terms cannot overflow int64: only the result is checked */
    int64_t grand = t->subtotal + o->shipping_amount + t->tax_amount - disc;
    int64_t base_grand = t->base_subtotal + t->base_shipping_amount + t->base_tax_amount +
                         t->base_discount_amount;
    t->grand_total = c_check(&c, "grand_total", dec_in_range(grand), grand);
    t->base_grand_total = c_check(&c, "base_grand_total", dec_in_range(base_grand), base_grand);
    return c.bad ? out_of_range(p, c.bad) : 0;
}

/* ---- orders ------------------------------------------------------------------------------ */

static void order_defaults(struct imp_order *o, size_t pos)
{
    memset(o, 0, sizeof *o);
    o->pos = pos;
    o->store_id = 1;
    o->base_to_order_rate = o->base_to_global_rate = DEC_SCALE;
    o->store_to_order_rate = o->store_to_base_rate = DEC_SCALE;
}

static int parse_order(struct pctx *p, const json_t *v, size_t pos, const char *now,
                       struct imp_order *o)
{
    order_defaults(o, pos);
    p->order = o;
    p->section = "";
    if (json_is_object(v) && json_is_string(json_object_get(v, "increment_id")))
        o->inc = arena_strdup(p->a, json_string_value(json_object_get(v, "increment_id")));
    o->customer_id = o->customer_group_id = o->customer_is_guest = o->customer_gender = MD_NULL;
    if (parse_fields(p, v, order_spec, NSPEC(order_spec), o) != 0)
        return -1;
    /* a customer id makes a registered customer (group 1, General), else a
     * guest (group 0, NOT LOGGED IN), unless the file says otherwise */
    if (o->customer_is_guest == MD_NULL)
        o->customer_is_guest = o->customer_id == MD_NULL;
    if (o->customer_group_id == MD_NULL)
        o->customer_group_id = o->customer_id != MD_NULL;
    const char **cur[] = {&o->order_currency_code, &o->base_currency_code,
                          &o->store_currency_code, &o->global_currency_code};
    for (int i = 0; i < 4; i++)
        if (!*cur[i])
            *cur[i] = "USD";
    if (!o->created_at)
        o->created_at = arena_strdup(p->a, now);
    if (!o->state)
        o->state = "new";
    if (!o->status)
        o->status = md_state_default_status(o->state);
    if (parse_history(p, json_object_get(v, "status_history"), now, o) != 0)
        return -1;
    if (parse_payment(p, json_object_get(v, "payment"), &o->pay) != 0)
        return -1;
    json_t *bill = json_object_get(v, "billing_address"), *ship;
    p->section = "";
    if (!bill || json_is_null(bill))
        return fail(p, "billing_address", "is required");
    if (parse_address(p, bill, "billing_address.", &o->billing) != 0)
        return -1;
    ship = json_object_get(v, "shipping_address");
    if (ship && !json_is_null(ship) &&
        parse_address(p, ship, "shipping_address.", &o->shipping) != 0)
        return -1;
    p->section = "";
    if (parse_items(p, json_object_get(v, "items"), o) != 0)
        return -1;
    return order_totals(p, o);
}

/* Ids and increment ids must be unique within the file. */
static int check_duplicates(struct pctx *p, struct imp_doc *d)
{
    for (size_t i = 0; i < d->norders; i++) {
        struct imp_order *o = &d->orders[i];
        p->order = o;
        p->section = "";
        for (size_t j = 0; j < i; j++) {
            if (strcmp(d->orders[j].inc, o->inc) == 0)
                return fail(p, "increment_id", "appears twice in the file");
            if (o->order_id && d->orders[j].order_id == o->order_id)
                return fail(p, "order_id", "%lld appears twice in the file",
                            (long long)o->order_id);
        }
        for (size_t k = 0; k < o->nitems; k++) {
            int64_t id = o->items[k].item_id;
            for (size_t j = 0; id && j <= i; j++) {
                const struct imp_order *q = &d->orders[j];
                size_t lim = j == i ? k : q->nitems;
                for (size_t m = 0; m < lim; m++) {
                    if (q->items[m].item_id == id) {
                        char field[48];
                        snprintf(field, sizeof field, "items[%zu].item_id", k);
                        return fail(p, field, "%lld appears twice in the file", (long long)id);
                    }
                }
            }
        }
    }
    return 0;
}

int imp_parse(struct arena *a, const char *json, size_t len, const char *now,
              struct imp_doc *d, char *err, size_t errlen)
{
    struct pctx p = {a, NULL, "", err, errlen};
    json_error_t je;
    memset(d, 0, sizeof *d);
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, "not valid JSON (line %d, column %d): %s", je.line, je.column,
                 je.text);
        return -1;
    }
    int rc = -1;
    const char *key;
    json_t *v, *orders = json_object_get(root, "orders");
    if (!json_is_object(root)) {
        snprintf(err, errlen, "the document must be an object with an \"orders\" list");
        goto out;
    }
    json_object_foreach(root, key, v) {
        if (strcmp(key, "orders") != 0) {
            snprintf(err, errlen, "document: unknown field \"%s\"", key);
            goto out;
        }
    }
    if (!json_is_array(orders)) {
        snprintf(err, errlen, "document: \"orders\" must be a list of orders");
        goto out;
    }
    d->norders = json_array_size(orders);
    d->orders = d->norders ? arena_alloc(a, d->norders * sizeof *d->orders) : NULL;
    if (d->norders && !d->orders) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < d->norders; i++)
        if (parse_order(&p, json_array_get(orders, i), i + 1, now, &d->orders[i]) != 0)
            goto out;
    rc = check_duplicates(&p, d);
out:
    json_decref(root);
    return rc;
}
