/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small domain helpers: the injectable clock, UTC date text, the method
 * table of the sales_order_invoice resource, internal-error faults and
 * random hex ids.
 */
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/domain_int.h"
#include "magesoapd/xmlesc.h"
#include "magesoapd/log.h"

int64_t md_now(const struct md_ctx *ctx)
{
    if (ctx && ctx->now)
        return ctx->now(ctx->clock_arg);
    return (int64_t)time(NULL);
}

void md_fmt_time(int64_t t, char out[MD_TIME_LEN])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) {
        snprintf(out, MD_TIME_LEN, "1970-01-01 00:00:00");
        return;
    }
    strftime(out, MD_TIME_LEN, "%Y-%m-%d %H:%M:%S", &tm);
}

int md_parse_time(const char *s, int64_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    int n = 0;
    if (!s || sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                     &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
        n != 19 || s[n] != '\0')
        return -1;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = (int64_t)timegm(&tm);
    return 0;
}

int md_internal(struct md_fault *f, const char *what, const struct store *st)
{
    /* The detail goes to the log only: clients get Magento's generic text,
     * or a SOAP-ENV:Server fault (REST: 503) when the database is away. */
    log_msg(LOG_ERR, "%s: %s", what, st ? store_errmsg(st) : "");
    if (st && store_unavailable(st))
        return md_fault_raw(f, MD_FAULT_SERVER, MD_MSG_DB_UNAVAILABLE);
    return md_fault_set(f, MDF_INTERNAL);
}

int md_out_of_range(struct md_fault *f, const char *what)
{
    return md_fault_setf(f, MDF_DATA_INVALID,
                         "Amount out of range: %s would fall outside -99999999.9999 to "
                         "99999999.9999.",
                         what);
}

int md_text_check(const char *field, const char *s, struct md_fault *f)
{
    size_t at = 0;
    if (!s || xml_text_ok(s, strlen(s), &at))
        return 0;
    return md_fault_setf(f, MDF_DATA_INVALID,
                         "Invalid data given: %s is not UTF-8 text XML can carry (byte %zu).",
                         field, at + 1);
}

int md_random_hex(char *out, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw || RAND_bytes(raw, (int)nbytes) != 1)
        return -1;
    for (size_t i = 0; i < nbytes; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

/* Mage/Sales/etc/api.xml: the resources' methods, ACL paths and titles. */
static const struct md_method_info methods[MDM_COUNT] = {
    [MDM_LIST] = {"list", "items", "sales/order/invoice/info",
                  "Retrieve list of invoices by filters"},
    [MDM_INFO] = {"info", "info", "sales/order/invoice/info", "Retrieve invoice information"},
    [MDM_CREATE] = {"create", "create", "sales/order/invoice/create",
                    "Create new invoice for order"},
    [MDM_ADDCOMMENT] = {"addComment", "addComment", "sales/order/invoice/comment",
                        "Add new comment to shipment"},
    [MDM_CAPTURE] = {"capture", "capture", "sales/order/invoice/capture", "Capture invoice"},
    [MDM_VOID] = {"void", "void", "sales/order/invoice/void", "Void invoice"},
    [MDM_CANCEL] = {"cancel", "cancel", "sales/order/invoice/cancel", "Cancel invoice"},
    [MDM_ORD_LIST] = {"list", "items", "sales/order/info", "Retrieve list of orders by filters"},
    [MDM_ORD_INFO] = {"info", "info", "sales/order/info", "Retrieve order information"},
    [MDM_ORD_ADDCOMMENT] = {"addComment", "addComment", "sales/order/change",
                            "Add comment to order"},
    [MDM_ORD_HOLD] = {"hold", "hold", "sales/order/change", "Hold order"},
    [MDM_ORD_UNHOLD] = {"unhold", "unhold", "sales/order/change", "Unhold order"},
    [MDM_ORD_CANCEL] = {"cancel", "cancel", "sales/order/change", "Cancel order"},
};

const struct md_method_info *md_method_get(enum md_method m)
{
    if ((int)m < 0 || m >= MDM_COUNT)
        return NULL;
    return &methods[m];
}

int md_audit(struct md_ctx *ctx, int64_t invoice_id, const char *action, const char *now)
{
    struct md_audit a = {
        .invoice_id = invoice_id,
        .action = action,
        .api_user = ctx->user ? ctx->user : ctx->actor ? ctx->actor : "cli",
        .peer = ctx->peer,
        .created_at = now,
    };
    return store_audit_add(ctx->st, &a);
}
