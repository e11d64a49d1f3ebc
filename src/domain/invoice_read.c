/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sales_order_invoice.info and .list: the store reads the rows (store.h),
 * the domain validates filters, bounds the answer and orders it.
 */
#include <stdint.h>
#include <stdlib.h>

#include "domain/domain_int.h"
#include "magesoapd/log.h"
#include "magesoapd/trace.h"

#define LIST_MAX_DEFAULT 100000

int md_invoice_info(struct md_ctx *ctx, const char *invoice_inc, struct val **out,
                    struct md_fault *f)
{
    int rc = store_invoice_info(ctx->st, ctx->arena, invoice_inc, out);
    if (rc < 0)
        return md_internal(f, "info", ctx->st);
    return rc == 0 ? md_fault_set(f, MDF_NOT_EXISTS) : 0;
}

/* invoice_id is the last key of every list row. */
static int cmp_invoice_id(const void *x, const void *y)
{
    const struct val *a = *(const struct val *const *)x, *b = *(const struct val *const *)y;
    int64_t ia = a->u.map.kv[a->u.map.n - 1].v->u.i, ib = b->u.map.kv[b->u.map.n - 1].v->u.i;
    return ia < ib ? -1 : ia > ib;
}

void md_filter_note_ignored(const struct md_ctx *ctx, const struct md_filter *flt)
{
    if (!flt->nignored) /* as Magento does, but never without a trace */
        return;
    log_msg(LOG_WARN, "list from %s (user %s): %d filter part%s ignored, as Magento "
                      "ignores them; the first: %s",
            ctx->peer ? ctx->peer : "?", ctx->user ? ctx->user : "-", flt->nignored,
            flt->nignored == 1 ? "" : "s", flt->ignored ? flt->ignored : "?");
    trace_note("%d filter part%s ignored, the first: %s", flt->nignored,
               flt->nignored == 1 ? "" : "s", flt->ignored ? flt->ignored : "?");
}

int md_invoice_list(struct md_ctx *ctx, const struct val *filters, struct val **out,
                    struct md_fault *f)
{
    struct md_filter flt;
    if (md_filter_compile(ctx->arena, filters, &flt, f) != 0)
        return -1;
    md_filter_note_ignored(ctx, &flt);
    int64_t max = ctx->cfg && ctx->cfg->list_max_rows > 0 ? ctx->cfg->list_max_rows
                                                          : LIST_MAX_DEFAULT;
    struct val *list = val_list(ctx->arena);
    if (!list)
        return md_internal(f, "list: out of memory", NULL);
    /* one row past the cap tells that more match; one past a page, that the
     * answer is streamed */
    size_t page = md_list_page_rows(ctx);
    int64_t limit = page && (int64_t)page < max ? (int64_t)page + 1 : max + 1;
    int more = 0;
    int rc = store_invoice_list(ctx->st, ctx->arena, &flt, limit, ctx->deadline_ms, list);
    if (rc == 0 && limit <= max && (int64_t)list->u.list.n == limit) {
        if (md_list_stream_start(ctx, &flt, max, out, &more, f))
            return -1;
        if (!more)
            return 0;
    }
    if (rc == STORE_DEADLINE) {
        log_msg(LOG_ERR, "list: request deadline exceeded");
        return md_fault_set(f, MDF_INTERNAL);
    }
    if (rc != 0)
        return md_internal(f, "list", ctx->st);
    if (more || (int64_t)list->u.list.n > max)
        return md_fault_setf(f, MDF_INVALID_FILTER,
                             "Invalid filter given. Details in error message. More than "
                             "%lld invoices match; narrow the filter.",
                             (long long)max);
    /* No ORDER BY in the query (an index scan may return rows in any order
     * and a sort would have to see every match): the ≤ max rows are sorted
     * here, in entity order as Magento's collection returns them. */
    if (list->u.list.n > 1)
        qsort(list->u.list.items, list->u.list.n, sizeof list->u.list.items[0], cmp_invoice_id);
    *out = list;
    return 0;
}
