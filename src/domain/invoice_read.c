/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sales_order_invoice.info and .list: the store reads the rows (store.h),
 * the domain validates filters; list_stream.c bounds the answer, orders and
 * streams it.
 */
#include <stdint.h>
#include <stdlib.h>

#include "domain/domain_int.h"
#include "magesoapd/log.h"
#include "magesoapd/trace.h"

int md_invoice_info(struct md_ctx *ctx, const char *invoice_inc, struct val **out,
                    struct md_fault *f)
{
    int rc = store_invoice_info(ctx->st, ctx->arena, invoice_inc, out);
    if (rc < 0)
        return md_internal(f, "info", ctx->st);
    return rc == 0 ? md_fault_set(f, MDF_NOT_EXISTS) : 0;
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
    int64_t max;
    if (md_filter_compile(ctx->arena, filters, &flt, f) != 0)
        return -1;
    md_filter_note_ignored(ctx, &flt);
    int rc = md_list_rows(ctx, &flt, &max, out, f);
    if (rc == 1)
        return md_fault_setf(f, MDF_INVALID_FILTER,
                             "Invalid filter given. Details in error message. More than "
                             "%lld invoices match; narrow the filter.",
                             (long long)max);
    return rc;
}
