/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bulk seeding (see bulk.h).  Two phases:
 *
 *  1. Templates.  A private ":memory:" store receives a handful of template
 *     orders through the normal import; the normal create / capture / cancel
 *     code then invoices them with a fixed clock.  Kinds differ by store
 *     (1/2), payment (offline checkmo: paid at once; gateway: open until
 *     captured) and what happens afterwards (nothing, capture, cancel, a
 *     mix), so states 1/2/3 come out in a realistic spread.
 *
 *  2. Cloning.  For order n, a template is picked by weight and its rows
 *     (order, items, addresses, payment, transactions, history, invoices,
 *     invoice items, comments) are inserted again with fresh primary keys,
 *     foreign keys mapped to the clone's own rows, new order and invoice
 *     increment ids from the per-store sequences, and every date moved so
 *     the order's created_at falls at its place in the requested range.
 *     The rows go to the target through store_bulk_load (one transaction;
 *     the backend decides how: prepared INSERTs on SQLite, COPY on
 *     PostgreSQL), which also hands over the target's highest ids and
 *     increment numbers and advances the sequences afterwards.
 *
 * Nothing here decides business rules: a row looks exactly as the API
 * would have written it, because the API code wrote the template.  Nor is
 * there any SQL: rows are values by column name (store.h, store_bulk_*).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tools/bulk.h"
#include "domain/domain_int.h"
#include "magesoapd/store.h"
#include "tools/tools.h"

#define T0_TEXT "2020-01-01 00:00:00" /* template orders' created_at */
#define MAX_ITEMS 16
#define NVARIANTS 4 /* price sets per kind */
#define MAX_TIMECOLS 4
#define MAX_COLS 160 /* columns of one table */

/* ---- tables and column roles -------------------------------------------------------- */

/* Insert order = enum order, so parents come first (store.h). */
enum tbl { T_ORDER = SB_ORDER, T_ITEM = SB_ITEM, T_ADDR = SB_ADDR, T_PAY = SB_PAY,
           T_TXN = SB_TXN, T_HIST = SB_HIST, T_INV = SB_INV, T_INVITEM = SB_INVITEM,
           T_COMMENT = SB_COMMENT, NT = SB_NTABLES };

/* Columns that point at another row of the same order. */
static const struct {
    enum tbl t;
    const char *col;
    enum tbl target;
} fks[] = {
    {T_ORDER, "billing_address_id", T_ADDR}, {T_ORDER, "shipping_address_id", T_ADDR},
    {T_ITEM, "order_id", T_ORDER},           {T_ITEM, "parent_item_id", T_ITEM},
    {T_ADDR, "parent_id", T_ORDER},          {T_PAY, "parent_id", T_ORDER},
    {T_TXN, "order_id", T_ORDER},            {T_TXN, "payment_id", T_PAY},
    {T_HIST, "parent_id", T_ORDER},          {T_INV, "order_id", T_ORDER},
    {T_INV, "billing_address_id", T_ADDR},   {T_INV, "shipping_address_id", T_ADDR},
    {T_INVITEM, "parent_id", T_INV},         {T_INVITEM, "order_item_id", T_ITEM},
    {T_COMMENT, "parent_id", T_INV},
};

enum role { R_COPY, R_PK, R_FK, R_TIME, R_ORDER_INC, R_INV_INC };

struct layout {
    int ncols;
    char **cols;      /* names, from the first template read */
    enum role *role;
    enum tbl *target; /* R_FK */
};

/* ---- templates ------------------------------------------------------------------------ */

struct tpl_rows {
    size_t n;
    struct store_bulk_rows rows; /* the values, as text */
    int64_t *num;        /* n * ncols: R_TIME as unix seconds (MD_NULL for NULL) */
    char **text;         /* n * ncols: text mentioning the template inc, or NULL */
    int64_t *ids;        /* primary keys, for mapping foreign keys */
};

struct tpl {
    char inc[32];
    int64_t store_id, weight, entity_id;
    int64_t states[4]; /* invoices per state */
    struct tpl_rows r[NT];
};

/* What happens to a template's invoices after they are created. */
enum action { A_NONE, A_CAPTURE, A_CANCEL, A_MIX };

static const struct kind {
    int store;
    const char *method;
    enum action action;
    int weight;
} kinds[] = {
    {1, "checkmo", A_NONE, 25},         {2, "checkmo", A_NONE, 15},
    {1, "authorizenet", A_CAPTURE, 15}, {2, "authorizenet", A_CAPTURE, 10},
    {1, "authorizenet", A_NONE, 12},    {2, "authorizenet", A_NONE, 8},
    {1, "authorizenet", A_CANCEL, 8},   {1, "authorizenet", A_MIX, 7},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char *const first_names[] = {"Jane", "John", "Maria", "Wei", "Olga", "Ahmed",
                                          "Lucia", "Kenji"};
static const char *const last_names[] = {"Doe", "Smith", "Garcia", "Chen", "Ivanova", "Hassan",
                                         "Rossi", "Sato"};
static const char *const cities[][3] = {
    {"Austin", "Texas", "78701"},        {"Culver City", "California", "90232"},
    {"Portland", "Oregon", "97201"},     {"Columbus", "Ohio", "43004"},
};
/* Item prices in cents, per variant. */
static const int64_t prices[NVARIANTS][8] = {
    {999, 1950, 4500, 12995, 725, 31000, 6490, 1500},
    {2999, 899, 15000, 4999, 1299, 7950, 249, 55000},
    {37998, 1000, 2450, 899, 6600, 1999, 12000, 350},
    {4500, 4500, 999, 18999, 2250, 650, 9900, 1475},
};

struct bulk {
    struct store *tst;      /* template store (":memory:") */
    struct store *st;       /* target */
    const struct md_bulk_opts *o;
    struct md_bulk_result *res;
    struct layout lay[NT];
    struct tpl *tpls;       /* NKINDS * NVARIANTS invoiced ones, then the open one */
    size_t ntpl;
    int64_t total_weight;
    int64_t next_id[NT];
    int64_t order_num[3], inv_num[3];   /* last number used, per store */
    char inv_prefix[3][24];
    store_bulk_emit emit;
    void *sink;
    char *err;
    size_t errlen;
};

static void cents_text(int64_t c, char *out, size_t len)
{
    snprintf(out, len, "%lld.%02lld", (long long)(c / 100), (long long)(c % 100));
}

/* JSON of one template order. */
static int order_json(char *out, size_t len, const char *inc, const struct kind *k, int variant,
                      int nitems, int seq)
{
    const char *fn = first_names[seq % 8], *ln = last_names[(seq / 2) % 8];
    const char *const *city = cities[seq % 4];
    char addr[512], items[MAX_ITEMS * 256];
    size_t n = 0;
    snprintf(addr, sizeof addr,
             "{\"firstname\": \"%s\", \"lastname\": \"%s\", \"street\": \"%d Main St\", "
             "\"city\": \"%s\", \"region\": \"%s\", \"postcode\": \"%s\", \"country_id\": "
             "\"US\", \"telephone\": \"555-01%02d\", \"email\": \"%s.%s@example.com\"}",
             fn, ln, 10 + seq, city[0], city[1], city[2], seq % 100, fn, ln);
    for (int j = 0; j < nitems; j++) {
        int64_t price = prices[variant][j % 8], qty = 1 + j % 3;
        /* store 2 charges 8.25% sales tax */
        int64_t tax = k->store == 2 ? (price * qty * 825 + 5000) / 10000 : 0;
        char p[32], t[32];
        cents_text(price, p, sizeof p);
        cents_text(tax, t, sizeof t);
        int w = snprintf(items + n, sizeof items - n,
                         "%s{\"product_id\": %d, \"sku\": \"SKU-%04d\", \"name\": \"Product "
                         "%d\", \"qty_ordered\": %lld, \"price\": %s, \"tax_amount\": %s, "
                         "\"tax_percent\": %s, \"weight\": 1}",
                         j ? ", " : "", 100 + j + 8 * variant, 100 + j + 8 * variant,
                         100 + j + 8 * variant, (long long)qty, p, t,
                         k->store == 2 ? "8.25" : "0");
        if (w < 0 || (size_t)w >= sizeof items - n)
            return -1;
        n += (size_t)w;
    }
    int w = snprintf(out, len,
                     "{\"increment_id\": \"%s\", \"store_id\": %d, \"created_at\": \"" T0_TEXT
                     "\", \"state\": \"%s\", \"customer_email\": \"%s.%s@example.com\", "
                     "\"customer_firstname\": \"%s\", \"customer_lastname\": \"%s\", "
                     "\"shipping_amount\": %d, \"payment\": {\"method\": \"%s\"}, "
                     "\"billing_address\": %s, \"shipping_address\": %s, \"items\": [%s]}",
                     inc, k->store, strcmp(k->method, "checkmo") ? "processing" : "new", fn, ln,
                     fn, ln, 5 * nitems, k->method, addr, addr, items);
    return w < 0 || (size_t)w >= len ? -1 : 0;
}

static int64_t tpl_clock(void *arg)
{
    return *(const int64_t *)arg;
}

/* The template order's entity id, item ids and quantities. */
static int tpl_items(struct store *st, const char *inc, int64_t *entity_id, int64_t *ids,
                     int64_t *qty, int max)
{
    struct arena a;
    struct md_order o;
    int n = 0;
    arena_init(&a, 0);
    if (store_order_load_by_inc(st, &a, inc, &o) == 1) {
        *entity_id = o.entity_id;
        for (size_t i = 0; i < o.nitems && n < max; i++, n++) {
            ids[n] = o.items[i].item_id;
            qty[n] = o.items[i].qty_ordered;
        }
    } else {
        n = -1;
    }
    arena_free(&a);
    return n;
}

/* Invoice a template order K times through the API code, then apply the
 * kind's action to every invoice. */
static int tpl_invoice(struct bulk *b, struct md_ctx *ctx, int64_t *clock, const char *inc,
                       const struct kind *k)
{
    int K = b->o->invoices_per_order;
    int64_t ids[MAX_ITEMS], qty[MAX_ITEMS], t0, entity_id;
    const char *incs[MAX_ITEMS];
    struct md_fault f;
    md_parse_time(T0_TEXT, &t0);
    if (tpl_items(b->tst, inc, &entity_id, ids, qty, MAX_ITEMS) != b->o->items_per_order) {
        snprintf(b->err, b->errlen, "template %s: items not found", inc);
        return -1;
    }
    for (int j = 0; j < K; j++) {
        struct md_qty q = {ids[j], qty[j]}; /* qty_ordered is already scaled */
        struct md_create_req req;
        memset(&req, 0, sizeof req);
        req.order_inc = inc;
        req.qty = j < K - 1 ? &q : NULL; /* the last invoice takes what is left */
        req.nqty = j < K - 1 ? 1 : 0;
        req.comment = j % 2 == 0 ? "Invoice created by the ERP connector" : NULL;
        req.mode = MD_CREATE_M1;
        *clock = t0 + 3600 * (j + 1);
        if (md_invoice_create(ctx, &req, &incs[j], NULL, &f) != 0) {
            snprintf(b->err, b->errlen, "template %s: create: %s", inc, f.msg);
            return -1;
        }
    }
    for (int j = 0; j < K; j++) {
        enum action a = k->action == A_MIX ? (enum action)(j % 3) : k->action;
        int rc = 0;
        *clock = t0 + 86400 + 600 * j;
        if (a == A_CAPTURE)
            rc = md_invoice_capture(ctx, incs[j], &f);
        else if (a == A_CANCEL)
            rc = md_invoice_cancel(ctx, incs[j], &f);
        if (rc != 0) {
            snprintf(b->err, b->errlen, "template %s: invoice %s: %s", inc, incs[j], f.msg);
            return -1;
        }
    }
    return 0;
}

/* ---- reading template rows --------------------------------------------------------------- */

static int layout_init(struct bulk *b, enum tbl t, const struct store_bulk_rows *rows)
{
    struct layout *l = &b->lay[t];
    if (rows->ncols > MAX_COLS)
        return -1;
    l->ncols = rows->ncols;
    l->cols = calloc((size_t)l->ncols, sizeof *l->cols);
    l->role = calloc((size_t)l->ncols, sizeof *l->role);
    l->target = calloc((size_t)l->ncols, sizeof *l->target);
    if (!l->cols || !l->role || !l->target)
        return -1;
    for (int c = 0; c < l->ncols; c++) {
        const char *name = rows->cols[c];
        l->cols[c] = rows->cols[c];
        if (c == rows->pk)
            l->role[c] = R_PK;
        else if (!strcmp(name, "created_at") || !strcmp(name, "updated_at"))
            l->role[c] = R_TIME;
        else if (!strcmp(name, "increment_id"))
            l->role[c] = t == T_ORDER ? R_ORDER_INC : R_INV_INC;
        for (size_t k = 0; k < sizeof fks / sizeof fks[0]; k++) {
            if (fks[k].t == t && !strcmp(fks[k].col, name)) {
                l->role[c] = R_FK;
                l->target[c] = fks[k].target;
            }
        }
    }
    return 0;
}

/* Text values that mention the template's order increment id (transaction
 * ids, history comments): kept to be rewritten for every clone. */
static char *inc_text(const char *text, const char *inc)
{
    return strstr(text, inc) ? strdup(text) : NULL;
}

/* text with every tinc replaced by ninc, in malloc'd memory. */
static char *replace_inc(const char *text, const char *tinc, const char *ninc)
{
    size_t tl = strlen(tinc), nl = strlen(ninc), hits = 0;
    for (const char *h = strstr(text, tinc); h; h = strstr(h + tl, tinc))
        hits++;
    char *out = malloc(strlen(text) + hits * nl + 1), *p = out;
    if (!out)
        return NULL;
    for (const char *s = text;;) {
        const char *h = strstr(s, tinc);
        size_t n = h ? (size_t)(h - s) : strlen(s);
        memcpy(p, s, n);
        p += n;
        if (!h)
            break;
        memcpy(p, ninc, nl);
        p += nl;
        s = h + tl;
    }
    *p = '\0';
    return out;
}

static int load_rows(struct bulk *b, struct tpl *tp)
{
    for (int t = 0; t < NT; t++) {
        struct tpl_rows *r = &tp->r[t];
        if (store_bulk_read(b->tst, tp->entity_id, (enum store_bulk_table)t, &r->rows) != 0)
            return -1;
        if (!b->lay[t].role && layout_init(b, (enum tbl)t, &r->rows) != 0) {
            snprintf(b->err, b->errlen, "out of memory");
            return -1;
        }
        struct layout *l = &b->lay[t];
        if (r->rows.ncols != l->ncols) {
            snprintf(b->err, b->errlen, "template %s: %d columns, not %d", tp->inc,
                     r->rows.ncols, l->ncols);
            return -1;
        }
        r->n = r->rows.n;
        size_t cells = r->n * (size_t)l->ncols;
        r->num = calloc(cells ? cells : 1, sizeof *r->num);
        r->text = calloc(cells ? cells : 1, sizeof *r->text);
        r->ids = calloc(r->n ? r->n : 1, sizeof *r->ids);
        if (!r->num || !r->text || !r->ids) {
            snprintf(b->err, b->errlen, "out of memory");
            return -1;
        }
        for (size_t i = 0; i < r->n; i++) {
            const char *const *row = (const char *const *)r->rows.v + i * (size_t)l->ncols;
            for (int c = 0; c < l->ncols; c++) {
                size_t cell = i * (size_t)l->ncols + (size_t)c;
                r->num[cell] = MD_NULL;
                if (l->role[c] == R_PK)
                    r->ids[i] = row[c] ? strtoll(row[c], NULL, 10) : 0;
                if (l->role[c] == R_TIME && row[c] && md_parse_time(row[c], &r->num[cell]) != 0)
                    r->num[cell] = MD_NULL;
                if (l->role[c] == R_COPY && row[c])
                    r->text[cell] = inc_text(row[c], tp->inc);
                if (l->role[c] == R_INV_INC && t == T_INV) {
                    int64_t state = 0;
                    for (int k = 0; k < l->ncols; k++)
                        if (!strcmp(l->cols[k], "state") && row[k])
                            state = strtoll(row[k], NULL, 10);
                    if (state >= 1 && state <= 3)
                        tp->states[state]++;
                }
            }
        }
    }
    return 0;
}

static void free_templates(struct bulk *b)
{
    for (size_t i = 0; i < b->ntpl; i++) {
        for (int t = 0; t < NT; t++) {
            struct tpl_rows *r = &b->tpls[i].r[t];
            if (r->text)
                for (size_t c = 0; c < r->n * (size_t)b->lay[t].ncols; c++)
                    free(r->text[c]);
            free(r->num);
            free(r->text);
            free(r->ids);
            /* the first template's column names are the layout's */
            store_bulk_rows_free(&r->rows);
        }
    }
    free(b->tpls);
    for (int t = 0; t < NT; t++) {
        free(b->lay[t].cols);
        free(b->lay[t].role);
        free(b->lay[t].target);
    }
}

/* Build every template in a private in-memory store. */
static int build_templates(struct bulk *b, const struct cfg *cfg)
{
    size_t ninv = b->o->orders > 0 ? NKINDS * NVARIANTS : 0;
    b->ntpl = ninv + (b->o->open_orders > 0);
    b->tpls = calloc(b->ntpl ? b->ntpl : 1, sizeof *b->tpls);
    size_t cap = (b->ntpl + 1) * (MAX_ITEMS * 256 + 2048);
    char *json = malloc(cap);
    if (!b->tpls || !json) {
        free(json);
        snprintf(b->err, b->errlen, "out of memory");
        return -1;
    }
    size_t n = (size_t)snprintf(json, cap, "{\"orders\": [");
    for (size_t i = 0; i < b->ntpl; i++) {
        struct tpl *tp = &b->tpls[i];
        /* the open template: store 1, gateway payment, never invoiced */
        static const struct kind open_kind = {1, "authorizenet", A_NONE, 0};
        const struct kind *k = i < ninv ? &kinds[i / NVARIANTS] : &open_kind;
        snprintf(tp->inc, sizeof tp->inc, "TPL-%03zu", i);
        tp->store_id = k->store;
        tp->weight = i < ninv ? k->weight : 0;
        b->total_weight += tp->weight;
        if (i)
            json[n++] = ',';
        if (order_json(json + n, cap - n, tp->inc, k, (int)(i % NVARIANTS),
                       b->o->items_per_order, (int)i) != 0) {
            free(json);
            snprintf(b->err, b->errlen, "template JSON too long");
            return -1;
        }
        n += strlen(json + n);
    }
    snprintf(json + n, cap - n, "]}");

    int64_t clock = 0;
    struct arena a;
    struct md_ctx ctx = {.cfg = cfg, .arena = &a, .now = tpl_clock, .clock_arg = &clock,
                         .actor = "bulk-seed"};
    arena_init(&a, 0);
    int rc = store_open(":memory:", cfg, &b->tst, b->err, b->errlen);
    if (rc == 0)
        rc = md_import_json_at(b->tst, json, strlen(json), 0, T0_TEXT, b->err, b->errlen);
    free(json);
    ctx.st = b->tst;
    for (size_t i = 0; rc == 0 && i < ninv; i++) {
        rc = tpl_invoice(b, &ctx, &clock, b->tpls[i].inc, &kinds[i / NVARIANTS]);
        arena_reset(&a);
    }
    for (size_t i = 0; rc == 0 && i < b->ntpl; i++) {
        int64_t ids[MAX_ITEMS], qty[MAX_ITEMS];
        rc = tpl_items(b->tst, b->tpls[i].inc, &b->tpls[i].entity_id, ids, qty, MAX_ITEMS) > 0
                 ? 0
                 : -1;
        if (rc == 0)
            rc = load_rows(b, &b->tpls[i]);
        if (rc != 0 && !b->err[0])
            snprintf(b->err, b->errlen, "reading template %s: %s", b->tpls[i].inc,
                     store_errmsg(b->tst));
    }
    arena_free(&a);
    return rc;
}

/* ---- cloning ---------------------------------------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* "YYYY-MM-DD HH:MM:SS" without gmtime (days → civil date, H. Hinnant). */
static void fmt_time(int64_t t, char out[MD_TIME_LEN])
{
    int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0)
        secs += 86400, days--;
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    int64_t v[6] = {y, m, d, secs / 3600, secs / 60 % 60, secs % 60};
    static const char sep[] = "-- ::";
    char *p = out;
    for (int i = 0; i < 6; i++) {
        if (i == 0) {
            p[0] = (char)('0' + v[0] / 1000 % 10);
            p[1] = (char)('0' + v[0] / 100 % 10);
            p += 2;
        }
        p[0] = (char)('0' + v[i] / 10 % 10);
        p[1] = (char)('0' + v[i] % 10);
        p += 2;
        if (i < 5)
            *p++ = sep[i];
    }
    *p = '\0';
}

static void num_inc(char out[32], const char *prefix, int64_t num)
{
    char full[64];
    snprintf(full, sizeof full, "%s%08lld", prefix, (long long)num);
    snprintf(out, 32, "%.31s", full);
}

static int64_t map_id(const struct tpl_rows *r, int64_t id, int64_t base)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->ids[i] == id)
            return base + (int64_t)i;
    return MD_NULL;
}

/* Insert one clone of tp: order created at `when`. */
static int clone(struct bulk *b, const struct tpl *tp, int64_t when, char order_inc[32])
{
    int64_t base[NT], shift = when - (int64_t)1577836800; /* T0_TEXT */
    int store = (int)tp->store_id;
    for (int t = 0; t < NT; t++) {
        base[t] = b->next_id[t];
        b->next_id[t] += (int64_t)tp->r[t].n;
    }
    num_inc(order_inc, store == 1 ? "1" : "2", ++b->order_num[store]);
    for (int t = 0; t < NT; t++) {
        const struct layout *l = &b->lay[t];
        const struct tpl_rows *r = &tp->r[t];
        for (size_t i = 0; i < r->n; i++) {
            const char *vals[MAX_COLS];
            char num[MAX_COLS][24], inc[32];
            char tbuf[MAX_TIMECOLS][MD_TIME_LEN], *texts[8];
            int ntime = 0, ntext = 0, rc = 0;
            for (int c = 0; c < l->ncols && rc == 0; c++) {
                size_t cell = i * (size_t)l->ncols + (size_t)c;
                const char *v = r->rows.v[cell];
                vals[c] = v;
                switch (l->role[c]) {
                case R_PK:
                    snprintf(num[c], sizeof num[c], "%lld", (long long)(base[t] + (int64_t)i));
                    vals[c] = num[c];
                    break;
                case R_FK:
                    if (v) {
                        enum tbl tg = l->target[c];
                        int64_t id = map_id(&tp->r[tg], strtoll(v, NULL, 10), base[tg]);
                        if (id == MD_NULL) {
                            snprintf(b->err, b->errlen, "template %s: a row of table %d points "
                                     "outside its order", tp->inc, t);
                            rc = -1;
                            break;
                        }
                        snprintf(num[c], sizeof num[c], "%lld", (long long)id);
                        vals[c] = num[c];
                    }
                    break;
                case R_TIME:
                    if (r->num[cell] != MD_NULL && ntime < MAX_TIMECOLS) {
                        fmt_time(r->num[cell] + shift, tbuf[ntime]);
                        vals[c] = tbuf[ntime++];
                    }
                    break;
                case R_ORDER_INC:
                    vals[c] = order_inc;
                    break;
                case R_INV_INC:
                    num_inc(inc, b->inv_prefix[store], ++b->inv_num[store]);
                    vals[c] = inc;
                    if (!b->res->first_inv[store][0])
                        snprintf(b->res->first_inv[store], 32, "%s", inc);
                    snprintf(b->res->last_inv[store], 32, "%s", inc);
                    break;
                case R_COPY:
                    if (r->text[cell] && ntext < 8) {
                        char *txt = replace_inc(r->text[cell], tp->inc, order_inc);
                        if (!txt) {
                            snprintf(b->err, b->errlen, "out of memory");
                            rc = -1;
                            break;
                        }
                        texts[ntext++] = txt;
                        vals[c] = txt;
                    }
                    break;
                }
            }
            if (rc == 0)
                rc = b->emit(b->sink, (enum store_bulk_table)t, vals);
            for (int j = 0; j < ntext; j++)
                free(texts[j]);
            if (rc != 0)
                return -1;
            b->res->rows++;
        }
    }
    return 0;
}

/* ---- the command ------------------------------------------------------------------------- */

void md_bulk_defaults(struct md_bulk_opts *o)
{
    memset(o, 0, sizeof *o);
    o->invoices_per_order = 1;
    o->items_per_order = 2;
    o->days = 730;
}

static int check_opts(const struct md_bulk_opts *o, char *err, size_t errlen)
{
    const char *bad = NULL;
    if (o->orders < 0 || o->orders > 50000000)
        bad = "--orders must be 0 to 50000000";
    else if (o->open_orders < 0 || o->open_orders > 50000000)
        bad = "--open-orders must be 0 to 50000000";
    else if (o->orders + o->open_orders == 0)
        bad = "nothing to do: give --orders N and/or --open-orders N";
    else if (o->items_per_order < 1 || o->items_per_order > MAX_ITEMS)
        bad = "--items-per-order must be 1 to 16";
    else if (o->invoices_per_order < 1 || o->invoices_per_order > o->items_per_order)
        bad = "--invoices-per-order must be 1 to --items-per-order";
    else if (o->days < 1 || o->days > 36500)
        bad = "--days must be 1 to 36500";
    if (bad)
        snprintf(err, errlen, "%s", bad);
    return bad ? -1 : 0;
}

static const struct tpl *pick(const struct bulk *b, int64_t n)
{
    uint64_t w = mix64((uint64_t)n) % (uint64_t)b->total_weight;
    for (size_t i = 0; i < b->ntpl; i++) {
        if (w < (uint64_t)b->tpls[i].weight)
            return &b->tpls[i];
        w -= (uint64_t)b->tpls[i].weight;
    }
    return &b->tpls[0];
}

static void note_order(struct bulk *b, const struct tpl *tp, int64_t when)
{
    struct md_bulk_result *r = b->res;
    int64_t ninv = (int64_t)tp->r[T_INV].n;
    r->invoices += ninv;
    r->by_store[tp->store_id] += ninv;
    for (int s = 1; s <= 3; s++)
        r->by_state[s] += tp->states[s];
    if (!r->first_created[0])
        fmt_time(when, r->first_created);
    fmt_time(when, r->last_created);
}

static int clone_all(void *arg, struct store_bulk_state *state, store_bulk_emit emit, void *sink)
{
    struct bulk *b = arg;
    const struct md_bulk_opts *o = b->o;
    struct md_bulk_result *r = b->res;
    int64_t now = o->end_time ? o->end_time : (int64_t)time(NULL);
    /* a template's invoices and captures follow its order by up to a day:
     * the newest invoiced order is two days old, so nothing is in the future */
    int64_t end = now - 2 * 86400, span = o->days * 86400, start = end - span;
    int64_t step = o->orders ? span / o->orders : 0;
    char inc[32];
    b->emit = emit;
    b->sink = sink;
    for (int t = 0; t < NT; t++)
        b->next_id[t] = state->max_id[t] + 1;
    for (int s = 1; s <= 2; s++) {
        b->order_num[s] = state->order_num[s];
        b->inv_num[s] = state->inv_num[s];
        memcpy(b->inv_prefix[s], state->inv_prefix[s], sizeof b->inv_prefix[s]);
    }
    for (int64_t n = 0; n < o->orders; n++) {
        const struct tpl *tp = pick(b, n);
        int64_t when = start + (int64_t)((__int128)n * span / o->orders);
        if (step > 1)
            when += (int64_t)(mix64((uint64_t)n ^ 0x5eed) % (uint64_t)step);
        if (clone(b, tp, when, inc) != 0)
            return -1;
        note_order(b, tp, when);
        r->orders++;
    }
    const struct tpl *open = &b->tpls[b->ntpl - 1];
    for (int64_t n = 0; n < o->open_orders; n++) {
        int64_t when = now - 86400 + n * 86400 / o->open_orders;
        if (n == 0) {
            r->first_open_order_id = b->next_id[T_ORDER];
            r->first_open_item_id = b->next_id[T_ITEM];
        }
        if (clone(b, open, when, inc) != 0)
            return -1;
        if (n == 0)
            snprintf(r->first_open_inc, sizeof r->first_open_inc, "%s", inc);
        snprintf(r->last_open_inc, sizeof r->last_open_inc, "%s", inc);
        r->open_orders++;
    }
    /* later API creates continue after the seeded numbers */
    for (int s = 1; s <= 2; s++)
        state->inv_num[s] = b->inv_num[s];
    return 0;
}

int md_bulk_seed(struct store *st, const struct cfg *cfg, const struct md_bulk_opts *o,
                 struct md_bulk_result *r, char *err, size_t errlen)
{
    struct timespec t0, t1;
    struct bulk b;
    int rc;

    memset(r, 0, sizeof *r);
    err[0] = '\0';
    if (check_opts(o, err, errlen) != 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&b, 0, sizeof b);
    b.st = st;
    b.o = o;
    b.res = r;
    b.err = err;
    b.errlen = errlen;
    rc = build_templates(&b, cfg);
    if (rc == 0) {
        struct store_bulk_load l = {.produce = clone_all, .arg = &b};
        char serr[512];
        for (int t = 0; t < NT; t++) {
            l.ncols[t] = b.lay[t].ncols;
            l.cols[t] = (const char *const *)b.lay[t].cols;
        }
        rc = store_bulk_load(st, &l, serr, sizeof serr);
        if (rc != 0 && serr[0])
            snprintf(err, errlen, "%s", serr);
        else if (rc != 0 && !err[0])
            snprintf(err, errlen, "bulk load failed");
    }
    free_templates(&b);
    store_close(b.tst);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return rc;
}

void md_bulk_print(const struct md_bulk_opts *o, const struct md_bulk_result *r, FILE *out)
{
    fprintf(out, "orders=%lld\ninvoices=%lld\nitems_per_order=%d\ninvoices_per_order=%d\n",
            (long long)r->orders, (long long)r->invoices, o->items_per_order,
            o->invoices_per_order);
    fprintf(out, "invoices_state_1=%lld\ninvoices_state_2=%lld\ninvoices_state_3=%lld\n",
            (long long)r->by_state[1], (long long)r->by_state[2], (long long)r->by_state[3]);
    for (int s = 1; s <= 2; s++)
        fprintf(out, "store_%d_invoices=%lld\nstore_%d_first_invoice=%s\nstore_%d_last_invoice=%s\n",
                s, (long long)r->by_store[s], s, r->first_inv[s], s, r->last_inv[s]);
    fprintf(out, "orders_created_from=%s\norders_created_to=%s\n", r->first_created,
            r->last_created);
    fprintf(out, "open_orders=%lld\n", (long long)r->open_orders);
    if (r->open_orders)
        fprintf(out,
                "open_first_increment_id=%s\nopen_last_increment_id=%s\n"
                "open_first_order_id=%lld\nopen_first_item_id=%lld\n",
                r->first_open_inc, r->last_open_inc, (long long)r->first_open_order_id,
                (long long)r->first_open_item_id);
    fprintf(out, "rows=%lld\nseconds=%.2f\n", (long long)r->rows, r->seconds);
}
