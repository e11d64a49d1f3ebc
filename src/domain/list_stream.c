/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sales_order_invoice.list and sales_order.list read their rows here (the
 * store reads them, the domain bounds and orders the answer).  Streamed
 * lists (issue 8): a list answer of more than list_stream_rows rows
 * is not built whole.  The ids of every match are read at once (about a
 * byte a row: the set and the total the answer declares are fixed then), and the
 * rows are read one page at a time, by id, when the HTTP layer has room to
 * send them (domain.h).
 */
#include <stdint.h>
#include <stdlib.h>

#include "domain/domain_int.h"
#include "magesoapd/log.h"

/* The ids, ascending, are kept as the varint-coded differences between
 * neighbours (LEB128): about one byte a row for a list of consecutive
 * invoices instead of eight. */
struct md_list_stream {
    enum md_entity entity;
    unsigned char *packed;
    size_t npacked, pos; /* bytes; the next id's first byte */
    int64_t last;        /* the id before pos */
    size_t n, next, page;
};

static unsigned char *pack_ids(const int64_t *ids, size_t n, size_t *len)
{
    unsigned char *p = malloc(n * 10 + 1), *q = p;
    int64_t prev = 0;

    if (!p)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        uint64_t d = (uint64_t)(ids[i] - prev);
        prev = ids[i];
        while (d >= 0x80) {
            *q++ = (unsigned char)(d | 0x80);
            d >>= 7;
        }
        *q++ = (unsigned char)d;
    }
    *len = (size_t)(q - p);
    unsigned char *shrunk = realloc(p, *len ? *len : 1);
    return shrunk ? shrunk : p;
}

static int64_t unpack_id(struct md_list_stream *s)
{
    uint64_t d = 0;
    int shift = 0;

    while (s->pos < s->npacked) {
        unsigned char b = s->packed[s->pos++];
        d |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
        shift += 7;
    }
    s->last += (int64_t)d;
    return s->last;
}

#define LIST_MAX_DEFAULT 100000

static size_t page_rows(const struct md_ctx *ctx)
{
    if (!ctx->stream_lists || !ctx->cfg || ctx->cfg->list_stream_rows <= 0)
        return 0;
    return (size_t)ctx->cfg->list_stream_rows;
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

/* The entity id is the last key of every list row (invoice_id, order_id). */
static int cmp_row_id(const void *x, const void *y)
{
    const struct val *a = *(const struct val *const *)x, *b = *(const struct val *const *)y;
    int64_t ia = a->u.map.kv[a->u.map.n - 1].v->u.i, ib = b->u.map.kv[b->u.map.n - 1].v->u.i;
    return ia < ib ? -1 : ia > ib;
}

/* rows of flt's entity (invoices or orders) */
static int store_rows(struct md_ctx *ctx, const struct md_filter *flt, int64_t limit,
                      struct val *list)
{
    return (flt->entity == MD_ENT_ORDER ? store_order_list : store_invoice_list)(
        ctx->st, ctx->arena, flt, limit, ctx->deadline_ms, list);
}

/* A store error as the list's fault (the deadline logged as such). */
static int list_failed(struct md_ctx *ctx, int rc, const char *what, struct md_fault *f)
{
    if (rc == STORE_DEADLINE) {
        log_msg(LOG_ERR, "%s: request deadline exceeded", what);
        return md_fault_set(f, MDF_INTERNAL);
    }
    return md_internal(f, what, ctx->st);
}

size_t md_list_stream_total(const struct md_list_stream *s)
{
    return s ? s->n : 0;
}

void md_list_stream_free(struct md_list_stream *s)
{
    if (!s)
        return;
    free(s->packed);
    free(s);
}

int md_list_stream_next(struct md_ctx *ctx, struct md_list_stream *s, struct val **page,
                        struct md_fault *f)
{
    *page = NULL;
    if (s->next >= s->n)
        return 1;
    size_t k = s->n - s->next < s->page ? s->n - s->next : s->page;
    struct md_fval *vals = arena_alloc(ctx->arena, k * sizeof *vals);
    struct md_fcond *c = arena_alloc(ctx->arena, sizeof *c);
    struct val *list = val_list(ctx->arena);
    if (!vals || !c || !list)
        return md_internal(f, "list page: out of memory", NULL);
    struct md_list_stream at = *s; /* the position, taken over once the page is read */
    for (size_t i = 0; i < k; i++)
        vals[i] = (struct md_fval){.kind = MDV_INT, .i = unpack_id(&at)};
    *c = (struct md_fcond){.op = MDF_IN, .field = MD_FIELD_ENTITY_ID, .vals = vals, .nvals = k};
    struct md_filter flt = {.conds = c, .n = 1, .entity = s->entity};
    int rc = store_rows(ctx, &flt, (int64_t)k, list);
    if (rc != 0)
        return list_failed(ctx, rc, "list page", f);
    if (list->u.list.n != k) {
        log_msg(LOG_WARN, "list: %zu of the %zu rows of a page are gone (a fixtures reset?); "
                          "the answer is cut off", k - list->u.list.n, k);
        return md_internal(f, "list page: rows gone", NULL);
    }
    if (k > 1)
        qsort(list->u.list.items, k, sizeof list->u.list.items[0], cmp_row_id);
    s->next += k;
    s->pos = at.pos;
    s->last = at.last;
    *page = list;
    return 0;
}

/* The ids of every match, the first page in *out, the rest in ctx->stream;
 * *more when more than max match. */
static int stream_start(struct md_ctx *ctx, const struct md_filter *flt, int64_t max,
                        size_t page, struct val **out, int *more, struct md_fault *f)
{
    struct store_ids ids = {0};

    *more = 0;
    *out = NULL;
    int rc = store_list_ids(ctx->st, ctx->arena, flt, max + 1, ctx->deadline_ms, &ids);
    if (rc != 0) {
        store_ids_free(&ids);
        return list_failed(ctx, rc, "list ids", f);
    }
    if ((int64_t)ids.n > max) {
        store_ids_free(&ids);
        *more = 1;
        return 0;
    }
    struct md_list_stream *s = calloc(1, sizeof *s);
    if (!s) {
        free(s);
        store_ids_free(&ids);
        return md_internal(f, "list: out of memory", NULL);
    }
    qsort(ids.v, ids.n, sizeof ids.v[0], cmp_i64);
    s->entity = flt->entity;
    s->packed = pack_ids(ids.v, ids.n, &s->npacked);
    s->n = ids.n;
    s->page = page;
    store_ids_free(&ids);
    if (!s->packed) {
        free(s);
        return md_internal(f, "list: out of memory", NULL);
    }
    rc = md_list_stream_next(ctx, s, out, f);
    if (rc == 1) /* every match gone since the first look */
        *out = val_list(ctx->arena);
    if (rc < 0 || !*out) {
        md_list_stream_free(s);
        *out = NULL;
        return rc < 0 ? -1 : md_internal(f, "list: out of memory", NULL);
    }
    md_list_stream_free(ctx->stream);
    ctx->stream = s;
    return 0;
}

int md_list_rows(struct md_ctx *ctx, const struct md_filter *flt, int64_t *max_out,
                 struct val **out, struct md_fault *f)
{
    int64_t max = ctx->cfg && ctx->cfg->list_max_rows > 0 ? ctx->cfg->list_max_rows
                                                          : LIST_MAX_DEFAULT;
    size_t page = page_rows(ctx);
    /* one row past the cap tells that more match; one past a page, that the
     * answer is streamed */
    int64_t limit = page && (int64_t)page < max ? (int64_t)page + 1 : max + 1;
    struct val *list = val_list(ctx->arena);
    int more = 0;

    *max_out = max;
    *out = NULL;
    if (!list)
        return md_internal(f, "list: out of memory", NULL);
    int rc = store_rows(ctx, flt, limit, list);
    if (rc != 0)
        return list_failed(ctx, rc, flt->entity == MD_ENT_ORDER ? "order list" : "list", f);
    if ((int64_t)list->u.list.n == limit && limit <= max) {
        if (stream_start(ctx, flt, max, page, out, &more, f))
            return -1;
        return more;
    }
    if ((int64_t)list->u.list.n > max)
        return 1;
    /* No ORDER BY in the query (an index scan may return rows in any order
     * and a sort would have to see every match): the <= max rows are sorted
     * here, in entity order as Magento's collection returns them. */
    if (list->u.list.n > 1)
        qsort(list->u.list.items, list->u.list.n, sizeof list->u.list.items[0], cmp_row_id);
    *out = list;
    return 0;
}
